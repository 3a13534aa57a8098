/**
 * Weekly digests: planned each Monday at the start of the working window (per organisation time
 * zone), rendered at delivery time from the open cases. A channel digest lists only case codes,
 * stage labels, dates and role names; the personal one may add the person's own action texts.
 */
import { claimJob, finishJob } from '../shared/job-claim.ts';
import { DateTime } from 'luxon';
import { orgCalendar } from '../orgs/org-calendar.ts';
import type { PlaybookRegistry, Playbook } from '../playbooks/index.ts';
import type { Prisma } from '../infra/db/database.ts';
import type { FieldCipher } from '../shared/crypto.ts';
import { nextWorkingWindowStart } from '../shared/calendar.ts';
import type { ChannelTarget, DigestCase, DigestData } from './reminder.ts';
import { overdueCutoff } from '../deadlines/overdue.ts';

/** ISO week key ("2026-W49") and the instant the week's digest falls due, for an organisation. */
export function digestWeek(now: Date, org: { timeZone: string; holidayRegion: string; settings: unknown }): { weekKey: string; dueAt: Date } {
  const cal = orgCalendar(org);
  const local = DateTime.fromJSDate(now, { zone: cal.timeZone });
  const monday = local.startOf('week');
  const [h, m] = cal.workStart.split(':').map(Number);
  const dueAt = nextWorkingWindowStart(monday.set({ hour: h ?? 7, minute: m ?? 30 }), cal).toJSDate();
  return { weekKey: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`, dueAt };
}

/**
 * Inserts this week's digest nudges for every person with open cases and every case channel,
 * once the week's digest time has come. Idempotent (dedupe keys include the week).
 */
export async function planWeeklyDigests(prisma: Prisma, now: Date, done: Map<string, string>, instanceId = 'local'): Promise<number> {
  const orgs = await prisma.organisation.findMany({ select: { id: true, timeZone: true, holidayRegion: true, settings: true } });
  let inserted = 0;
  for (const org of orgs) {
    const { weekKey, dueAt } = digestWeek(now, org);
    if (done.get(org.id) === weekKey || now.getTime() < dueAt.getTime()) continue;
    // One instance plans an organisation's week; the others only remember that it is taken.
    if (!(await claimJob(prisma, 'digest.plan', `${org.id}:${weekKey}`, instanceId, now, 10 * 60_000))) {
      done.set(org.id, weekKey);
      continue;
    }
    // Distinct recipients computed in the database: a large organisation must not load every
    // open case with its members into memory once a week.
    const active = await prisma.$queryRaw<{ id: string }[]>`
      SELECT p."id" FROM "Person" p
      WHERE p."active" AND p."id" IN (
        SELECT c."batonHolderId" FROM "Case" c WHERE c."orgId" = ${org.id} AND c."status" = 'OPEN' AND c."batonHolderId" IS NOT NULL
        UNION
        SELECT m."personId" FROM "CaseMember" m JOIN "Case" c ON c."id" = m."caseId"
        WHERE c."orgId" = ${org.id} AND c."status" = 'OPEN' AND m."removedAt" IS NULL
      )`;
    const channelRows = await prisma.$queryRaw<{ platform: ChannelTarget['platform']; channelId: string }[]>`
      SELECT DISTINCT ch."platform"::text AS platform, ch."channelId" AS "channelId" FROM "CaseChannel" ch JOIN "Case" c ON c."id" = ch."caseId"
      WHERE c."orgId" = ${org.id} AND c."status" = 'OPEN' AND ch."platform" <> 'SYSTEM'`;
    const channels = new Map<string, ChannelTarget>(channelRows.map((ch) => [`${ch.platform}:${ch.channelId}`, { platform: ch.platform, channelId: ch.channelId }]));
    const rows = [
      ...active.map((p) => ({ orgId: org.id, kind: 'digest.person', dedupeKey: `digest:${org.id}:${weekKey}:to:${p.id}`, personId: p.id, channel: undefined })),
      ...[...channels.entries()].map(([k, ch]) => ({ orgId: org.id, kind: 'digest.channel', dedupeKey: `digest:${org.id}:${weekKey}:ch:${k}`, personId: null, channel: { ...ch } })),
    ].map((r) => ({ ...r, dueAt, sendAt: dueAt, payload: { weekKey }, createdAt: now, updatedAt: now }));
    if (rows.length) inserted += (await prisma.nudge.createMany({ data: rows, skipDuplicates: true })).count;
    await finishJob(prisma, 'digest.plan', `${org.id}:${weekKey}`, now);
    done.set(org.id, weekKey);
  }
  return inserted;
}

function pbOf(playbooks: PlaybookRegistry, key: string, version: number): Playbook | undefined {
  return playbooks.get(key, version) ?? playbooks.get(key);
}

/** The open cases among `caseIds`, with what their digest line shows. */
async function digestCases(prisma: Prisma, playbooks: PlaybookRegistry, caseIds: string[], tz: string, now: Date, names = false): Promise<DigestCase[]> {
  const cases = await prisma.case.findMany({
    where: { id: { in: caseIds }, status: 'OPEN' },
    include: {
      meetings: { where: { status: 'PLANNED', startsAt: { gte: now } }, orderBy: { startsAt: 'asc' }, take: 1 },
      deadlines: { where: { status: 'OPEN' }, orderBy: { dueAt: 'asc' }, take: 1 },
      members: { where: { removedAt: null }, select: { personId: true, role: true, person: { select: { displayName: true } } } },
    },
    orderBy: { code: 'asc' },
  });
  const cutoff = overdueCutoff(now, tz);
  const ownerIds = cases.flatMap((k) => k.deadlines.map((d) => d.ownerId)).filter((x): x is string => Boolean(x));
  const people = new Map((names && ownerIds.length ? await prisma.person.findMany({ where: { id: { in: ownerIds } }, select: { id: true, displayName: true } }) : []).map((p) => [p.id, p.displayName]));
  return cases.map((k) => {
    const m = k.meetings[0];
    const d = k.deadlines[0];
    return {
      code: k.code, stage: k.stage, playbook: pbOf(playbooks, k.playbookKey, k.playbookVersion), batonHolderId: k.batonHolderId,
      meeting: m ? { type: m.type, startsAt: m.startsAt } : null,
      deadline: d ? { ruleKey: d.ruleKey, dueAt: d.dueAt, ownerId: d.ownerId, ownerRole: d.ownerRole, overdue: d.dueAt < cutoff } : null,
      members: k.members.map((x) => ({ personId: x.personId, role: x.role, displayName: x.person.displayName })),
      ownerName: d?.ownerId ? (people.get(d.ownerId) ?? null) : null,
    };
  });
}

/** A channel's weekly digest: one entry per open case routed to the channel. No personal data. */
export async function channelDigest(prisma: Prisma, playbooks: PlaybookRegistry, orgId: string, ch: ChannelTarget, tz: string, now: Date): Promise<DigestData> {
  const rows = await prisma.caseChannel.findMany({ where: { platform: ch.platform, channelId: ch.channelId, case: { orgId, status: 'OPEN' } }, select: { caseId: true } });
  return { names: false, cases: await digestCases(prisma, playbooks, rows.map((r) => r.caseId), tz, now), own: [] };
}

/** A person's weekly digest: their open cases and their own open items in the coming week. */
export async function personDigest(prisma: Prisma, playbooks: PlaybookRegistry, cipher: FieldCipher, orgId: string, personId: string, tz: string, now: Date): Promise<DigestData> {
  const cases = await prisma.case.findMany({
    where: { orgId, status: 'OPEN', OR: [{ batonHolderId: personId }, { members: { some: { personId, removedAt: null } } }] },
    select: { id: true, code: true, playbookKey: true, playbookVersion: true },
    orderBy: { code: 'asc' },
    take: 40,
  });
  const listed = await digestCases(prisma, playbooks, cases.map((c) => c.id), tz, now, true);
  const horizon = DateTime.fromJSDate(now).plus({ days: 7 }).toJSDate();
  const mine = await prisma.deadline.findMany({ where: { ownerId: personId, status: 'OPEN', dueAt: { lte: horizon }, case: { orgId, status: 'OPEN' } }, include: { case: { select: { code: true, playbookKey: true, playbookVersion: true } } }, orderBy: { dueAt: 'asc' }, take: 20 });
  const actions = new Map((await prisma.caseAction.findMany({ where: { id: { in: mine.map((d) => d.subjectId).filter((x): x is string => Boolean(x)) } }, select: { id: true, textEnc: true } })).map((a) => [a.id, a.textEnc]));
  const own = mine.map((d) => {
    const enc = d.subjectId ? actions.get(d.subjectId) : undefined;
    return { code: d.case.code, dueAt: d.dueAt, ruleKey: d.ruleKey, playbook: pbOf(playbooks, d.case.playbookKey, d.case.playbookVersion), actionText: enc ? cipher.decrypt(enc) : null };
  });
  return { names: true, cases: listed, own };
}
