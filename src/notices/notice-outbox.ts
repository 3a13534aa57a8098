/**
 * The outbox write behind `deps.notifyPerson`: one Nudge row (kind = the notice kind, parameters
 * encrypted) inserted in the caller's transaction, so the notice exists exactly when the change
 * that caused it committed. Delivery — retries, pacing, working hours, exactly-once bookkeeping —
 * is the dispatcher's (src/reminders/dispatcher.ts).
 */
import { randomUUID } from 'node:crypto';
import { orgCalendar } from '../orgs/org-calendar.ts';
import { sendAtFor } from '../reminders/planner.ts';
import type { NotifyOptions, ServiceDeps, Tx } from '../shared/deps.ts';
import { currentRequest } from '../shared/request-context.ts';
import { NOTICE_PREFIX, noticeDefinition, type Notice, type NoticeParams } from './notice.ts';

export type { NotifyOptions } from '../shared/deps.ts';

/** Writes one notice for `personId` into the outbox, inside `tx`. */
export async function enqueueNotice<P extends NoticeParams>(
  deps: Pick<ServiceDeps, 'clock' | 'cipher'>,
  tx: Tx,
  personId: string,
  notice: Notice<P>,
  params: P,
  opts: NotifyOptions = {},
): Promise<void> {
  const def = noticeDefinition(notice.kind);
  if (!def) throw new Error(`unknown notice kind ${notice.kind}`);
  const person = await tx.person.findUnique({ where: { id: personId }, select: { orgId: true, active: true, org: { select: { timeZone: true, holidayRegion: true, settings: true } } } });
  // Nobody the directory has deprovisioned is messaged.
  if (!person?.active) return;
  const now = deps.clock.now();
  const sendAt = def.workingHours ? sendAtFor(now, orgCalendar(person.org)) : now;
  const caseCode = typeof params.caseCode === 'string' ? params.caseCode : undefined;
  await tx.nudge.createMany({
    data: [{
      orgId: person.orgId, caseId: opts.caseId ?? null, kind: notice.kind, personId,
      dedupeKey: `${NOTICE_PREFIX}${notice.kind}:${opts.key ?? randomUUID()}`,
      dueAt: now, sendAt, payload: { notice: true, ...(caseCode ? { caseCode } : {}) },
      paramsEnc: deps.cipher.encrypt(JSON.stringify(params)), createdAt: now, updatedAt: now,
    }],
    skipDuplicates: true,
  });
  const req = currentRequest();
  if (req) req.notices++;
}

/** A `ServiceDeps.notifyPerson` that only writes the outbox (scripts, tests, benchmarks). */
export function outboxNotifyPerson(deps: Pick<ServiceDeps, 'clock' | 'cipher'>): ServiceDeps['notifyPerson'] {
  return (tx, personId, notice, params, opts) => enqueueNotice(deps, tx, personId, notice, params, opts);
}
