/**
 * Everything the status view of one case needs, in one SQL statement (one round trip, one
 * snapshot): the case row, the reader's person and organisation roles, and the case's members,
 * meetings, open deadlines, plan actions, decisions, consents, legal bases for social services,
 * reports of concern (count), pending hand-over, school unit, next reminder and recorded outputs.
 * Access is still decided in src/access/policy.ts from these records (see `readCase` in
 * case-access.ts); nothing here decides anything.
 *
 * Nested rows come back as JSON: timestamps there are `timestamp(3)` values without a zone (the
 * database stores UTC, as Prisma does) and are turned back into Dates here.
 */
import type { Prisma } from '../infra/db/database.ts';
import type { Tx } from '../shared/deps.ts';
import { query, sql } from '../infra/db/fast-sql.ts';
import type { AuditEntry } from '../audit/audit.ts';
import type { RequestOrgRow } from '../orgs/org-query.service.ts';

type Db = Tx | Prisma;

/** A case row as Prisma returns it. */
export type CaseRow = NonNullable<Awaited<ReturnType<Tx['case']['findUnique']>>>;

/** A `timestamp` rendered by to_json (no zone, UTC) as a Date. */
function ts(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
}
const tsOpt = (v: unknown): Date | null => (v === null || v === undefined ? null : ts(v));

export interface CaseReadModel {
  kase: CaseRow;
  /** The reader; null when the person id does not exist. */
  person: { id: string; orgId: string; active: boolean; roles: { role: string; schoolUnitId: string | null }[] } | null;
  /** Active members, oldest first, with their display names. */
  members: { personId: string; role: string; addedAt: Date; person: { displayName: string } }[];
  meetings: { id: string; type: string; status: string; startsAt: Date; locationEnc: string | null; outcome: unknown }[];
  /** Open deadlines, earliest first. */
  deadlines: { id: string; ruleKey: string; subjectType: string | null; subjectId: string | null; dueAt: Date; ownerId: string | null; ownerRole: string | null }[];
  /** Plan actions in plan order, with the owner's display name. */
  actions: {
    id: string; number: number | null; textEnc: string; ownerId: string | null; ownerName: string | null; participantEnc: string | null; status: 'OPEN' | 'DONE' | 'CANCELLED';
    dueAt: Date | null; evaluationAt: Date | null; evaluationResult: string | null; evaluatedAt: Date | null; evaluationEnc: string | null;
  }[];
  /** Newest first. */
  decisions: { kind: string; textEnc: string; decidedAt: Date }[];
  /** Newest given first. */
  consents: { id: string; scope: string[]; status: string; givenAt: Date; expiresAt: Date | null }[];
  /** Legal bases recorded for social services and not revoked, oldest first. */
  socialServicesBases: { id: string; basis: string; scope: string[]; expiresAt: Date | null }[];
  concernReports: number;
  handover: { requestedAt: Date; toName: string } | null;
  unitName: string | null;
  nextNudge: { sendAt: Date; kind: string } | null;
  outputLog: { params: unknown }[];
  timeZone: string;
  /** The baton holder's display name (also when they are not a member). */
  batonName: string | null;
}

interface RawRow extends Record<string, unknown> {
  _person: { id: string; orgId: string; active: boolean; roles: { role: string; schoolUnitId: string | null }[] } | null;
  _members: { personId: string; role: string; addedAt: string; displayName: string }[];
  _meetings: { id: string; type: string; status: string; startsAt: string; locationEnc: string | null; outcome: unknown }[];
  _deadlines: { id: string; ruleKey: string; subjectType: string | null; subjectId: string | null; dueAt: string; ownerId: string | null; ownerRole: string | null }[];
  _actions: (Omit<CaseReadModel['actions'][number], 'dueAt' | 'evaluationAt' | 'evaluatedAt'> & { dueAt: string | null; evaluationAt: string | null; evaluatedAt: string | null })[];
  _decisions: { kind: string; textEnc: string; decidedAt: string }[];
  _consents: { id: string; scope: string[]; status: string; givenAt: string; expiresAt: string | null }[];
  _bases: { id: string; basis: string; scope: string[]; expiresAt: string | null }[];
  _concerns: number;
  _handover: { requestedAt: string; toName: string } | null;
  _unit: string | null;
  _nudge: { sendAt: string; kind: string } | null;
  _outputs: { params: unknown }[];
  _tz: string;
  _baton: string | null;
}

/** JSON columns may arrive parsed (pg) or as text (other drivers). */
function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** Loads the case `code` of organisation `orgId` with everything the status view reads; null when there is no such case. */
export async function loadCaseRead(db: Db, orgId: string, code: string, personId: string): Promise<CaseReadModel | null> {
  const rows = await query<RawRow>(db, sql`
    SELECT c.*,
      (SELECT json_build_object('id', p."id", 'orgId', p."orgId", 'active', p."active",
              'roles', COALESCE((SELECT json_agg(json_build_object('role', r."role", 'schoolUnitId', r."schoolUnitId")) FROM "PersonOrgRole" r WHERE r."personId" = p."id"), '[]'::json))
         FROM "Person" p WHERE p."id" = ${personId}) AS "_person",
      COALESCE((SELECT json_agg(json_build_object('personId', m."personId", 'role', m."role", 'addedAt', m."addedAt", 'displayName', mp."displayName") ORDER BY m."addedAt")
         FROM "CaseMember" m JOIN "Person" mp ON mp."id" = m."personId" WHERE m."caseId" = c."id" AND m."removedAt" IS NULL), '[]'::json) AS "_members",
      COALESCE((SELECT json_agg(json_build_object('id', mt."id", 'type', mt."type", 'status', mt."status", 'startsAt', mt."startsAt", 'locationEnc', mt."locationEnc", 'outcome', mt."outcome") ORDER BY mt."startsAt")
         FROM "Meeting" mt WHERE mt."caseId" = c."id"), '[]'::json) AS "_meetings",
      COALESCE((SELECT json_agg(json_build_object('id', d."id", 'ruleKey', d."ruleKey", 'subjectType', d."subjectType", 'subjectId', d."subjectId", 'dueAt', d."dueAt", 'ownerId', d."ownerId", 'ownerRole', d."ownerRole") ORDER BY d."dueAt")
         FROM "Deadline" d WHERE d."caseId" = c."id" AND d."status" = 'OPEN'), '[]'::json) AS "_deadlines",
      COALESCE((SELECT json_agg(json_build_object('id', a."id", 'number', a."number", 'textEnc', a."textEnc", 'ownerId', a."ownerId", 'ownerName', ap."displayName", 'participantEnc', a."participantEnc",
              'status', a."status", 'dueAt', a."dueAt", 'evaluationAt', a."evaluationAt", 'evaluationResult', a."evaluationResult", 'evaluatedAt', a."evaluatedAt", 'evaluationEnc', a."evaluationEnc") ORDER BY a."number", a."createdAt")
         FROM "CaseAction" a LEFT JOIN "Person" ap ON ap."id" = a."ownerId" WHERE a."caseId" = c."id"), '[]'::json) AS "_actions",
      COALESCE((SELECT json_agg(json_build_object('kind', dc."kind", 'textEnc', dc."textEnc", 'decidedAt', dc."decidedAt") ORDER BY dc."decidedAt" DESC, dc."createdAt" DESC)
         FROM "Decision" dc WHERE dc."caseId" = c."id"), '[]'::json) AS "_decisions",
      COALESCE((SELECT json_agg(json_build_object('id', k."id", 'scope', k."scope", 'status', k."status", 'givenAt', k."givenAt", 'expiresAt', k."expiresAt") ORDER BY k."givenAt" DESC)
         FROM "Consent" k WHERE k."caseId" = c."id"), '[]'::json) AS "_consents",
      COALESCE((SELECT json_agg(json_build_object('id', b."id", 'basis', b."basis", 'scope', b."scope", 'expiresAt', b."expiresAt") ORDER BY b."recordedAt")
         FROM "LegalBasis" b WHERE b."caseId" = c."id" AND b."agency" = 'SOCIAL_SERVICES' AND b."revokedAt" IS NULL), '[]'::json) AS "_bases",
      (SELECT count(*)::int FROM "ConcernReport" cr WHERE cr."caseId" = c."id") AS "_concerns",
      (SELECT json_build_object('requestedAt', h."requestedAt", 'toName', hp."displayName")
         FROM "BatonHandover" h JOIN "Person" hp ON hp."id" = h."toId" WHERE h."caseId" = c."id" AND h."status" = 'PENDING' ORDER BY h."requestedAt" LIMIT 1) AS "_handover",
      (SELECT u."name" FROM "SchoolUnit" u WHERE u."id" = c."schoolUnitId") AS "_unit",
      (SELECT json_build_object('sendAt', n."sendAt", 'kind', n."kind") FROM "Nudge" n WHERE n."caseId" = c."id" AND n."status" = 'PENDING' ORDER BY n."sendAt" LIMIT 1) AS "_nudge",
      COALESCE((SELECT json_agg(json_build_object('params', l."params")) FROM "CaseLogEntry" l WHERE l."caseId" = c."id" AND l."kind" = 'output.recorded'), '[]'::json) AS "_outputs",
      (SELECT o."timeZone" FROM "Organisation" o WHERE o."id" = c."orgId") AS "_tz",
      (SELECT bp."displayName" FROM "Person" bp WHERE bp."id" = c."batonHolderId") AS "_baton"
    FROM "Case" c
    WHERE c."orgId" = ${orgId} AND c."code" = ${code}`);
  const r = rows[0];
  if (!r) return null;
  const { _person, _members, _meetings, _deadlines, _actions, _decisions, _consents, _bases, _concerns, _handover, _unit, _nudge, _outputs, _tz, _baton, ...kase } = r;
  const handover = json<RawRow['_handover']>(_handover);
  const nudge = json<RawRow['_nudge']>(_nudge);
  return {
    kase: kase as unknown as CaseRow,
    person: json<RawRow['_person']>(_person),
    members: json<RawRow['_members']>(_members).map((m) => ({ personId: m.personId, role: m.role, addedAt: ts(m.addedAt), person: { displayName: m.displayName } })),
    meetings: json<RawRow['_meetings']>(_meetings).map((m) => ({ ...m, startsAt: ts(m.startsAt) })),
    deadlines: json<RawRow['_deadlines']>(_deadlines).map((d) => ({ ...d, dueAt: ts(d.dueAt) })),
    actions: json<RawRow['_actions']>(_actions).map((a) => ({ ...a, dueAt: tsOpt(a.dueAt), evaluationAt: tsOpt(a.evaluationAt), evaluatedAt: tsOpt(a.evaluatedAt) })),
    decisions: json<RawRow['_decisions']>(_decisions).map((d) => ({ ...d, decidedAt: ts(d.decidedAt) })),
    consents: json<RawRow['_consents']>(_consents).map((k) => ({ ...k, givenAt: ts(k.givenAt), expiresAt: tsOpt(k.expiresAt) })),
    socialServicesBases: json<RawRow['_bases']>(_bases).map((b) => ({ ...b, expiresAt: tsOpt(b.expiresAt) })),
    concernReports: Number(_concerns),
    handover: handover ? { requestedAt: ts(handover.requestedAt), toName: handover.toName } : null,
    unitName: _unit ?? null,
    nextNudge: nudge ? { sendAt: ts(nudge.sendAt), kind: nudge.kind } : null,
    outputLog: json<RawRow['_outputs']>(_outputs),
    timeZone: _tz ?? 'Europe/Stockholm',
    batonName: _baton ?? null,
  };
}

/** One line of "my cases", with what its summary and counters need. */
export interface MyCaseRow {
  id: string;
  code: string;
  status: 'OPEN' | 'CLOSED' | 'PURGED';
  stage: string;
  tier: string | null;
  batonHolderId: string | null;
  playbookKey: string;
  playbookVersion: number;
  /** The reader's active roles in the case, oldest first. */
  myRoles: string[];
  /** The baton holder's active roles, oldest first. */
  batonRoles: string[];
  nextMeeting: { startsAt: Date; type: string } | null;
  /** Planned meetings from now until `MyCasesRead.meetingsUntil`, earliest first (empty without it). */
  meetingsUntil: { startsAt: Date; type: string }[];
  /** Open deadlines, earliest first. */
  openDeadlines: { dueAt: Date; ruleKey: string }[];
  handoverToMe: boolean;
}

/** What `loadMyCases` reads besides the cases, in the same statement. */
export interface MyCasesRead {
  /**
   * Each case's planned meetings from now until this instant too (App Home's week); as a function
   * of the organisation's time zone when the caller learns the zone from this statement.
   */
  meetingsUntil?: Date | ((timeZone: string) => Date);
  /**
   * The read's audit event, written by the same statement: a data-modifying CTE, so the list and
   * its audit row are one round trip and commit together. `detail.count` is the number of cases read.
   */
  audit: { action: string; platform: AuditEntry['platform'] };
}

/** What `loadMyCases` returns. */
export interface MyCases {
  /** The organisation's time zone (Europe/Stockholm when the organisation is unknown). */
  timeZone: string;
  /** The request check's row, read by the same statement (null: no such organisation); decide with `requestOrgFrom`. */
  asker: RequestOrgRow | null;
  /** The end of `meetingsUntil`, resolved (null without it). */
  until: Date | null;
  /** Empty when the person is not active. */
  cases: MyCaseRow[];
}

/** One line of `loadMyCases`' JSON as PostgreSQL writes it. */
interface MyCaseJson {
  id: string; code: string; status: MyCaseRow['status']; stage: string; tier: string | null; batonHolderId: string | null;
  playbookKey: string; playbookVersion: number;
  /** The reader's and the baton holder's active roles, oldest first: [reader's, baton holder's, role]. */
  roles: [boolean, boolean, string][] | null;
  /** Planned meetings from now, earliest first: the next one and (with `until`) the rest until then. */
  meetings: { startsAt: string; type: string }[] | null;
  deadlines: { dueAt: string; ruleKey: string }[] | null;
  handoverToMe: boolean;
}

/** A case's meetings read past the next one for App Home's week: more than any case plans in a week. */
const WEEK_MEETINGS_PER_CASE = 50;

/**
 * The open cases a person is a member of, holds the baton of, or is asked to take over (the 50
 * most recently active), each with its summary facts, and the read's audit event — one statement
 * whatever the number of cases. Each case costs PostgreSQL four small look-ups by its id (roles,
 * meetings, deadlines, a pending hand-over to the reader), and the whole list comes back as one
 * JSON value: node-postgres parses a row field by field in JavaScript, JSON.parse is native.
 */
export async function loadMyCases(db: Db, orgId: string, personId: string, now: Date, read: MyCasesRead): Promise<MyCases> {
  const at = now.toISOString();
  const week = read.meetingsUntil !== undefined;
  const [row] = await query<RequestOrgRow & { cases: unknown }>(db, sql`
    -- Nothing is read or logged for a person who is not (or no longer) active.
    WITH asker AS (SELECT 1 FROM "Person" p WHERE p."id" = ${personId} AND p."orgId" = ${orgId} AND p."active"),
    mine AS (
      SELECT c."id", c."code", c."status"::text AS "status", c."stage", c."tier", c."batonHolderId", c."playbookKey", c."playbookVersion", c."lastActivityAt" AS "_at",
        (SELECT json_agg(json_build_array(m."personId" = ${personId}, m."personId" = c."batonHolderId", m."role") ORDER BY m."addedAt") FROM "CaseMember" m
           WHERE m."caseId" = c."id" AND m."removedAt" IS NULL AND (m."personId" = ${personId} OR m."personId" = c."batonHolderId")) AS "roles",
        -- By the case's own index: a case has few meetings, an organisation's week many.
        (SELECT json_agg(json_build_object('startsAt', w."startsAt", 'type', w."type") ORDER BY w."startsAt") FROM (
           SELECT mt."startsAt", mt."type" FROM "Meeting" mt WHERE mt."caseId" = c."id" AND mt."status" = 'PLANNED' AND mt."startsAt" >= ${at}::timestamp
           ORDER BY mt."startsAt" LIMIT ${week ? 1 + WEEK_MEETINGS_PER_CASE : 1}::int) w) AS "meetings",
        (SELECT json_agg(json_build_object('dueAt', d."dueAt", 'ruleKey', d."ruleKey") ORDER BY d."dueAt") FROM "Deadline" d WHERE d."caseId" = c."id" AND d."status" = 'OPEN') AS "deadlines",
        EXISTS (SELECT 1 FROM "BatonHandover" h WHERE h."caseId" = c."id" AND h."toId" = ${personId} AND h."status" = 'PENDING') AS "handoverToMe"
      FROM "Case" c
      -- The person's cases from the three ways of being in one, each by its own index: filtering
      -- all of the organisation's open cases instead reads every one of them for a person with few.
      JOIN (SELECT m."caseId" AS id FROM "CaseMember" m WHERE m."personId" = ${personId} AND m."removedAt" IS NULL
            UNION SELECT b."id" FROM "Case" b WHERE b."batonHolderId" = ${personId}
            UNION SELECT h."caseId" FROM "BatonHandover" h WHERE h."toId" = ${personId} AND h."status" = 'PENDING') mine ON mine.id = c."id"
      WHERE c."orgId" = ${orgId} AND c."status" = 'OPEN' AND EXISTS (SELECT 1 FROM asker)
      ORDER BY c."lastActivityAt" DESC
      LIMIT 50
    ), audit AS (
      -- The columns of recordAudit (src/audit/audit.ts).
      INSERT INTO "AuditEvent" ("at", "orgId", "actorId", "platform", "action", "caseId", "outcome", "detail")
      SELECT ${at}::timestamp, ${orgId}, ${personId}, ${read.audit.platform}::"Platform", ${read.audit.action}, NULL, 'ALLOWED'::"AuditOutcome",
             jsonb_build_object('count', (SELECT count(*)::int FROM mine))
      FROM asker
    )
    -- The request check's columns (RequestOrgRow, src/orgs/org-query.service.ts).
    SELECT p."active", o."name", o."timeZone", o."holidayRegion", o."casePrefix", o."settings",
           (SELECT json_agg(json_build_object('id', "id", 'code', "code", 'status', "status", 'stage', "stage", 'tier', "tier", 'batonHolderId', "batonHolderId",
              'playbookKey', "playbookKey", 'playbookVersion', "playbookVersion", 'roles', "roles", 'meetings', "meetings", 'deadlines', "deadlines",
              'handoverToMe', "handoverToMe") ORDER BY "_at" DESC) FROM mine) AS "cases"
    FROM "Organisation" o LEFT JOIN "Person" p ON p."id" = ${personId} AND p."orgId" = o."id"
    WHERE o."id" = ${orgId}`);
  const lines = json<MyCaseJson[] | null>(row?.cases) ?? [];
  const timeZone = row?.timeZone ?? 'Europe/Stockholm';
  const until = typeof read.meetingsUntil === 'function' ? read.meetingsUntil(timeZone) : read.meetingsUntil ?? null;
  return {
    timeZone,
    asker: row ? { active: row.active, name: row.name, timeZone: row.timeZone, holidayRegion: row.holidayRegion, casePrefix: row.casePrefix, settings: row.settings } : null,
    until,
    cases: lines.map((k) => {
      const roles = k.roles ?? [];
      const meetings = (k.meetings ?? []).map((m) => ({ startsAt: ts(m.startsAt), type: m.type }));
      return {
        id: k.id, code: k.code, status: k.status, stage: k.stage, tier: k.tier, batonHolderId: k.batonHolderId,
        playbookKey: k.playbookKey, playbookVersion: Number(k.playbookVersion),
        myRoles: roles.filter((r) => r[0]).map((r) => r[2]),
        batonRoles: roles.filter((r) => r[1]).map((r) => r[2]),
        nextMeeting: meetings[0] ?? null,
        meetingsUntil: until ? meetings.filter((m) => m.startsAt <= until) : [],
        openDeadlines: (k.deadlines ?? []).map((d) => ({ dueAt: ts(d.dueAt), ruleKey: d.ruleKey })),
        handoverToMe: Boolean(k.handoverToMe),
      };
    }),
  };
}
