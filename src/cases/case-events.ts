/**
 * Helpers every case service uses: zod input parsing that throws INPUT.INVALID, and case events
 * (deadlines). Kept apart from case.service.ts so the other case services do not import it back.
 */
import type { z } from 'zod/v4';
import { orgCalendar } from '../orgs/org-calendar.ts';
import { DomainError } from '../shared/errors.ts';
import { applyDeadlineEvent, type CaseEvent } from '../deadlines/deadline-rules.ts';
import type { CaseContext } from './case-access.ts';

/** Parses input with zod and throws INPUT.INVALID naming the first bad field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new DomainError('INPUT.INVALID', { field: issue.path.join('.') || 'input', problem: issue.message });
  }
  return r.data;
}

/** Applies a case event: deadlines, for the case's current stage. */
export async function emitCaseEvent(c: CaseContext, e: CaseEvent, stage = c.kase.stage): Promise<void> {
  // The organisation's calendar is read once per transaction, however many events it emits.
  c.calendar ??= orgCalendar(await c.tx.organisation.findUniqueOrThrow({ where: { id: c.kase.orgId } }));
  await applyDeadlineEvent({ tx: c.tx, caseId: c.kase.id, stage, playbook: c.playbook, calendar: c.calendar, now: c.now, known: c.deadlines }, e);
}
