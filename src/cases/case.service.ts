/**
 * Case application services: open, roles and baton, stage transitions, reports of concern,
 * deviations, closure. Every function takes `(deps, actor, command)`; access is checked and
 * audited in `withCase`, every change is logged in the case's chronology.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import type { Actor } from '../orgs/org.service.ts';
import { decisionLabel, describeRoleConstraint, OUTPUT_KINDS, type Playbook, type RoleConstraint } from '../playbooks/index.ts';
import { recordAudit } from '../audit/audit.ts';
import { DomainError } from '../shared/errors.ts';
import type { NewCaseDeadline, ServiceDeps, Tx } from '../shared/deps.ts';
import { SOCIAL_SERVICES_ROLE } from '../access/policy.ts';
import { cancelOpenDeadlines } from '../deadlines/deadline-rules.ts';
import { caseCodeSql } from './case-code.ts';
import { appendLog, hasSocialServicesBasis, idempotentWrite, isDuplicateRequest, priorResult, requestKeyFor, withCase, type CaseContext } from './case-access.ts';
import { closureOffers, decidedAgainst, loadGuardState, missingGuards, openTransitions } from './guards.ts';
import { handoverAcceptedNotice, handoverDeclinedNotice, handoverRequestedNotice } from './case.notices.ts';
import { validateStudentRef } from './student-ref.ts';
import { AGENCY_ACTIONS, requireConsentFor, roleAgency } from '../consent/consent-gate.ts';

// parseInput and emitCaseEvent live in case-events.ts (shared with the other case services).
import { emitCaseEvent, parseInput } from './case-events.ts';
import { openingOrg, teamLeadsFor, type TeamLead } from '../orgs/org-query.service.ts';
import { Params, query } from '../infra/db/fast-sql.ts';
import type { WorkingHoursConfig } from '../shared/calendar.ts';
export { emitCaseEvent, parseInput };

// ---------------------------------------------------------------------------------------------
// Open

export const openCaseInput = z.object({
  playbookKey: z.string().min(1).max(60),
  schoolUnitCode: z.string().max(40).optional(),
  studentRef: z.string().trim().min(2, 'ange minst 2 tecken').max(120),
  reason: z.string().trim().max(2000).optional(),
  firstRole: z.string().min(1).max(60).optional(),
  tier: z.string().max(40).optional(),
  origin: z.enum(['REFERRAL', 'ABSENCE_SIGNAL']).default('REFERRAL'),
  triggeredAt: z.date().optional(),
  /**
   * The guardians' consent, recorded in the same step. Required where the playbook asks for
   * consent before opening (`consentRequiredFor: ['openCase']`, Västbas and Tomelilla).
   */
  consent: z.object({
    scope: z.array(z.enum(['SCHOOL', 'SOCIAL_SERVICES', 'HEALTH', 'OTHER'])).min(1, 'välj minst en part'),
    givenBy: z.array(z.enum(['GUARDIAN', 'STUDENT'])).min(1, 'ange vem som gav samtycket'),
    givenAt: z.date().optional(),
  }).optional(),
});
export type OpenCaseInput = z.input<typeof openCaseInput>;

/** The organisation facts opening a case needs (the chat layer has them already; otherwise read). */
export interface OpenCaseOrg {
  playbooks: string[];
  casePrefix: string;
  timeZone: string;
  calendar: WorkingHoursConfig;
  /** The organisation's stored settings (nudge settings for the first plan). */
  settings: unknown;
  /** Active team leads (escalations of the first deadlines); absent: read by openCase. */
  teamLeads?: TeamLead[];
}

/**
 * Opens a case; the opener becomes its first member and holds the baton. Idempotent per request
 * key. Everything the opening writes — the case with its code from the organisation's counter,
 * members, consent and legal bases, log, deadlines, audit row and the request's result — is one
 * statement inside the transaction (the deadlines are worked out before it: a new case has none
 * open), followed by the reminder re-plan.
 */
export async function openCase(deps: ServiceDeps, actor: Actor, input: OpenCaseInput, opts: { requestKey?: string; org?: OpenCaseOrg } = {}): Promise<{ caseId: string; code: string }> {
  const cmd = parseInput(openCaseInput, input);
  validateStudentRef(cmd.studentRef);
  const org = opts.org?.teamLeads ? { ...opts.org, teamLeads: opts.org.teamLeads } : await openingOrg(deps, actor.orgId);
  const allowed = org.playbooks;
  const playbook = deps.playbooks.get(cmd.playbookKey);
  if (!playbook || (allowed.length > 0 && !allowed.includes(cmd.playbookKey))) {
    throw new DomainError('INPUT.INVALID', { field: 'playbook', problem: `okänd modell "${cmd.playbookKey}"` });
  }
  const firstRole = cmd.firstRole ?? playbook.roles[0]!.key;
  if (!playbook.roles.some((r) => r.key === firstRole)) {
    throw new DomainError('INPUT.INVALID', { field: 'firstRole', problem: `okänd roll "${firstRole}"` });
  }
  if (cmd.tier && !playbook.tiers?.some((t) => t.key === cmd.tier)) {
    throw new DomainError('INPUT.INVALID', { field: 'tier', problem: `okänd nivå "${cmd.tier}"` });
  }
  if (playbook.consentRequiredFor.includes('openCase') && !cmd.consent) {
    throw new DomainError('CONSENT.REQUIRED_TO_OPEN', { playbook: playbook.labels[actor.lang] });
  }
  if (firstRole === SOCIAL_SERVICES_ROLE) {
    // Social services cannot join a case before consent; they open cases in their own system.
    throw new DomainError('CONSENT.REQUIRED', { code: '—' });
  }
  const requestKey = requestKeyFor(opts.requestKey);
  try {
    return await openCaseOnce(deps, actor, cmd, playbook, firstRole, org, requestKey);
  } catch (e) {
    // The same request opening concurrently on another instance committed first: its result.
    if (requestKey && isDuplicateRequest(e)) {
      const prior = await priorResult(deps.prisma, requestKey);
      if (prior) return prior as { caseId: string; code: string };
    }
    throw e;
  }
}

type OpenCaseCmd = z.infer<typeof openCaseInput>;

/**
 * The opening is one statement, so it needs no transaction: the case with its code from the
 * organisation's counter, members, consent and legal bases, log, deadlines, first nudges, audit
 * row and the request's result commit together or not at all. The deadlines and nudges are worked
 * out before it (a new case has nothing stored to reconcile with; the nudges' case code is filled
 * in by the statement). It claims the request key itself: a key already stored (a retry of a
 * request that committed) writes nothing and returns the stored result; a retry running at the
 * same moment fails on the key's unique index, and `openCase` returns the winner's result.
 */
async function openCaseOnce(deps: ServiceDeps, actor: Actor, cmd: OpenCaseCmd, playbook: Playbook, firstRole: string, org: OpenCaseOrg & { teamLeads: TeamLead[] }, requestKey: string | undefined): Promise<{ caseId: string; code: string }> {
  const now = deps.clock.now();
  const caseId = randomUUID();
  const stage = playbook.stages[0]!.key;
  const members: { id: string; caseId: string; personId: string; role: string; addedAt: Date }[] = [{ id: randomUUID(), caseId, personId: actor.personId, role: firstRole, addedAt: now }];
  const logRows: Record<string, unknown>[] = [];
  const log = (kind: string, params: Record<string, string | number | boolean | null>) => {
    // A new case's log starts here: its sequence numbers are known without reading them back.
    logRows.push({ id: randomUUID(), caseId, seq: logRows.length + 1, at: now, actorId: actor.personId, kind, params });
  };
  log('case.opened', { playbook: playbook.key, role: firstRole, stage });
  const consents: Record<string, unknown>[] = [];
  const bases: Record<string, unknown>[] = [];
  if (cmd.consent) {
    const givenAt = cmd.consent.givenAt && cmd.consent.givenAt <= now ? cmd.consent.givenAt : now;
    const consentId = randomUUID();
    consents.push({ id: consentId, caseId, scope: cmd.consent.scope, status: 'GIVEN', givenAt, recordedById: actor.personId, givenBy: cmd.consent.givenBy.map((party) => ({ party, labelEnc: null })), createdAt: now });
    for (const agency of cmd.consent.scope) {
      bases.push({ id: randomUUID(), caseId, agency, basis: 'CONSENT', consentId, recordedById: actor.personId, recordedAt: now });
    }
    log('consent.given', { scope: cmd.consent.scope.join(','), parties: cmd.consent.givenBy.join(','), expiresAt: null });
  }
  // Where the lead role *is* the baton (BTI's stafettholder), the opener holds both from the start.
  const lead = playbook.caseLeadRole;
  if (firstRole !== lead && playbook.roleConstraints.some((k) => k.type === 'singleHolder' && k.role === lead && k.handoverRequiresAcceptance)) {
    members.push({ id: randomUUID(), caseId, personId: actor.personId, role: lead, addedAt: now });
    log('case.roleAssigned', { role: lead, personId: actor.personId });
  }
  const caseRow = {
    id: caseId, orgId: actor.orgId, playbookKey: playbook.key, playbookVersion: playbook.version, stage, tier: cmd.tier ?? null, origin: cmd.origin,
    studentRefEnc: deps.cipher.encrypt(cmd.studentRef), studentRefHash: deps.cipher.lookupHash(cmd.studentRef),
    reasonEnc: deps.cipher.encryptOpt(cmd.reason) ?? null, batonHolderId: actor.personId, openedById: actor.personId,
    openedAt: now, triggeredAt: cmd.triggeredAt ?? now, lastActivityAt: now,
  };
  const ctx: CaseContext = {
    // No transaction: with the deadlines `known` and the calendar given, the events below only add
    // to `deadlines.create`; the one statement writes.
    tx: deps.prisma, deps, actor, kase: { ...caseRow, code: '' } as unknown as CaseContext['kase'], playbook, now, calendar: org.calendar, deadlines: { open: [], create: [] },
    facts: { person: { id: actor.personId, orgId: actor.orgId, orgRoles: [] }, case: { orgId: actor.orgId, schoolUnitId: null, status: 'OPEN' }, memberRoles: [firstRole], socialServicesBasis: false },
    audit: {},
    may: () => ({ allowed: true, reason: 'opener' }),
  };
  await emitCaseEvent(ctx, { type: 'caseOpened' });
  await emitCaseEvent(ctx, { type: 'stageEntered', stage });
  if (cmd.consent) await emitCaseEvent(ctx, { type: 'consentGiven' });
  const deadlines: NewCaseDeadline[] = ctx.deadlines!.create.map((d) => ({ ...d, subjectId: null, ownerId: null, createdAt: now }));
  const plan = deps.planNewCase?.({
    now, calendar: org.calendar, settings: org.settings,
    kase: { id: caseId, orgId: actor.orgId, origin: cmd.origin, playbookKey: playbook.key, playbookVersion: playbook.version, batonHolderId: actor.personId, lastActivityAt: now },
    members: members.map((m) => ({ personId: m.personId, role: m.role })), deadlines, teamLeadIds: teamLeadsFor(org.teamLeads, cmd.schoolUnitCode),
  });
  deadlines.push(...(plan?.deadlines ?? []));

  const q = new Params();
  const key = q.p(requestKey ?? null);
  const unitCode = cmd.schoolUnitCode ?? null;
  const unitParam = q.p(unitCode);
  // No number is taken (and so nothing written) for a retry or an unknown school unit.
  const code = caseCodeSql((v) => q.p(v), actor.orgId, org.casePrefix, now, org.timeZone, { when: `NOT EXISTS (SELECT 1 FROM prior) AND ((SELECT id FROM unit) IS NOT NULL OR ${unitParam}::text IS NULL)` });
  const k = q.rows('Case', [caseRow]);
  const children: string[] = [];
  const insert = (name: string, table: string, rows: readonly object[]) => {
    if (!rows.length) return;
    const r = q.rows(table, rows);
    children.push(`${name} AS (INSERT INTO "${table}" (${r.columns}) ${r.select} WHERE EXISTS (SELECT 1 FROM kase))`);
  };
  insert('m', 'CaseMember', members);
  insert('l', 'CaseLogEntry', logRows);
  insert('k', 'Consent', consents);
  insert('b', 'LegalBasis', bases);
  insert('d', 'Deadline', deadlines);
  if (plan?.nudges.length) {
    // The planner wrote the payloads without the code, which only this statement knows.
    const n = q.rows('Nudge', plan.nudges);
    const cols = n.columns.split(', ').map((c) => (c === '"payload"' ? `jsonb_set(r."payload", '{caseCode}', to_jsonb(kase."code"))` : `r.${c}`));
    children.push(`n AS (INSERT INTO "Nudge" (${n.columns}) SELECT ${cols.join(', ')} FROM (${n.select}) r, kase)`);
  }
  const [row] = await query<CaseContext['kase'] & { _unitMissing: boolean | null; _prior: { caseId: string; code: string } | null; _claimed: boolean }>(deps.prisma, {
    text: `
    WITH prior AS (SELECT "result" FROM "ProcessedRequest" WHERE "key" = ${key}::text),
    unit AS (SELECT (SELECT u."id" FROM "SchoolUnit" u WHERE u."orgId" = ${q.p(actor.orgId)} AND u."code" = ${unitParam}::text) AS id),
    counter AS (${code.counter}),
    kase AS (
      INSERT INTO "Case" (${k.columns}, "schoolUnitId", "code")
      SELECT r.*, unit.id, ${code.codeExpr('counter.n')}
      FROM (${k.select}) r, counter, unit
      RETURNING *),
    ${children.map((c) => `${c},`).join(' ')}
    a AS (
      INSERT INTO "AuditEvent" ("at", "orgId", "actorId", "platform", "action", "caseId", "outcome", "detail")
      SELECT ${q.p(now)}::timestamp, kase."orgId", ${q.p(actor.personId)}, ${q.p(actor.platform)}::"Platform", 'case.open', kase."id", 'ALLOWED', jsonb_build_object('code', kase."code") FROM kase),
    pr AS (
      INSERT INTO "ProcessedRequest" ("key", "result")
      SELECT ${key}::text, jsonb_build_object('caseId', kase."id", 'code', kase."code") FROM kase WHERE ${key}::text IS NOT NULL)
    SELECT kase."id", kase."code", (${unitParam}::text IS NOT NULL AND unit.id IS NULL) AS "_unitMissing", (SELECT "result" FROM prior) AS "_prior", EXISTS (SELECT 1 FROM prior) AS "_claimed"
    FROM unit LEFT JOIN kase ON true`,
    values: q.values,
  });
  // A retry of a request that committed: its stored result, nothing written.
  if (row?._claimed) return row._prior as { caseId: string; code: string };
  if (!row || row._unitMissing || !row.id) throw new DomainError('INPUT.INVALID', { field: 'schoolUnit', problem: `okänd skolenhet "${cmd.schoolUnitCode}"` });
  return { caseId, code: row.code };
}

// ---------------------------------------------------------------------------------------------
// Stage

export interface AdvanceResult {
  code: string;
  from: string;
  to: string;
  /** The playbook asks whether a report of concern is needed at the new stage. */
  concernCheck: boolean;
  /** When the latest report of concern was recorded: the question above is then answered. */
  concernReportedAt: Date | null;
}

/** Moves a case to the next (or the named) stage when the transition's guards hold. */
export async function advanceStage(deps: ServiceDeps, actor: Actor, code: string, target?: string): Promise<AdvanceResult> {
  return withCase(deps, actor, code, 'case.write', 'case.advance', async (c) => {
    const lang = c.actor.lang;
    const state = await loadGuardState(c.tx, c.kase.id, c.now);
    const all = c.playbook.transitions.filter((t) => t.from === c.kase.stage);
    // A recorded decision chooses the way: branches its outcome rules out are not offered.
    const options = openTransitions(c.playbook, c.kase.stage, state);
    // Several ways on and none named: the one whose guards hold, else the first (main) way, so the
    // answer says what is missing rather than asking to choose between blocked ways.
    const ready = options.filter((t) => missingGuards(t.guards, state, lang, c.playbook).length === 0);
    const chosen = target ? all.find((t) => t.to === target) : options.length === 1 ? options[0] : ready.length === 1 ? ready[0] : ready.length === 0 ? (options[0] ?? all[0]) : undefined;
    const offer = closureOffers(c.playbook, state)[0];
    if (!chosen || decidedAgainst(chosen, state)) {
      if (offer && (!chosen || !options.length || decidedAgainst(chosen, state))) {
        const reason = c.playbook.closure.reasons?.find((r) => r.key === offer.reason)?.labels[lang] ?? offer.reason;
        throw new DomainError('TRANSITION.DECIDED_CLOSE', { code: c.kase.code, decision: decisionLabel(c.playbook, offer.kind, offer.outcome, lang), reason });
      }
      if (chosen) {
        const g = chosen.guards.find((x) => x.type === 'decisionRecorded' && x.kind && x.outcome !== undefined && state.latestOutcome.has(x.kind));
        const kind = g?.type === 'decisionRecorded' ? g.kind! : '';
        throw new DomainError('TRANSITION.DECIDED_OTHERWISE', { code: c.kase.code, decision: decisionLabel(c.playbook, kind, state.latestOutcome.get(kind), lang), options: options.map((t) => stageName(c.playbook, t.to, lang)).join(', ') || '—' });
      }
      const names = options.map((t) => stageName(c.playbook, t.to, lang)).join(', ');
      throw new DomainError('TRANSITION.NOT_ALLOWED', { code: c.kase.code, from: c.kase.stage, options: names || '—' });
    }
    // Leaving the first stage opens the log (BTI stafettlogg): only with consent, where asked.
    if (c.kase.stage === c.playbook.stages[0]!.key) await requireConsentFor(c.tx, c.playbook, c.kase.id, c.kase.code, c.now, 'openLog');
    const missing = missingGuards(chosen.guards, state, c.actor.lang, c.playbook);
    if (missing.length) throw new DomainError('TRANSITION.GUARD_FAILED', { code: c.kase.code, missing: missing.join('; ') });
    await c.tx.case.update({ where: { id: c.kase.id }, data: { stage: chosen.to } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'case.stage', { from: c.kase.stage, to: chosen.to });
    await emitCaseEvent(c, { type: 'stageEntered', stage: chosen.to }, chosen.to);
    const stage = c.playbook.stages.find((s) => s.key === chosen.to);
    const concernCheck = Boolean(stage?.concernCheck);
    const latest = concernCheck ? await c.tx.concernReport.findFirst({ where: { caseId: c.kase.id }, orderBy: { reportedAt: 'desc' }, select: { reportedAt: true } }) : null;
    return { code: c.kase.code, from: c.kase.stage, to: chosen.to, concernCheck, concernReportedAt: latest?.reportedAt ?? null };
  }, { write: true });
}

function stageName(pb: Playbook, key: string, lang: 'sv' | 'nb' | 'en'): string {
  return pb.stages.find((s) => s.key === key)?.labels[lang] ?? key;
}

/** Records that a required output exists outside a meeting (e.g. Tomelilla's mapping is done). */
export async function recordOutput(deps: ServiceDeps, actor: Actor, code: string, output: string): Promise<{ code: string }> {
  return withCase(deps, actor, code, 'case.write', 'case.output', async (c) => {
    if (!(OUTPUT_KINDS as readonly string[]).includes(output)) throw new DomainError('INPUT.INVALID', { field: 'output', problem: `okänt resultat "${output}"` });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'output.recorded', { output });
    await emitCaseEvent(c, { type: 'outputRecorded', output });
    return { code: c.kase.code };
  }, { write: true });
}

/** Sets the tier (Tomelilla green / yellow / orange). */
export async function setTier(deps: ServiceDeps, actor: Actor, code: string, tier: string): Promise<void> {
  await withCase(deps, actor, code, 'case.write', 'case.tier', async (c) => {
    if (!c.playbook.tiers?.some((t) => t.key === tier)) throw new DomainError('INPUT.INVALID', { field: 'tier', problem: `okänd nivå "${tier}"` });
    await c.tx.case.update({ where: { id: c.kase.id }, data: { tier } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'case.tier', { tier });
  }, { write: true });
}

// ---------------------------------------------------------------------------------------------
// Roles and baton

/** Active people of the organisation whose name is (or contains) `text`, ignoring case; at most two. */
async function peopleByName(tx: Tx, orgId: string, text: string, how: 'equals' | 'contains') {
  const rows = how === 'equals'
    ? await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Person" WHERE "orgId" = ${orgId} AND "active" AND lower("displayName") = lower(${text}) ORDER BY "id" LIMIT 2`
    : await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Person" WHERE "orgId" = ${orgId} AND "active" AND strpos(lower("displayName"), lower(${text})) > 0 ORDER BY "id" LIMIT 2`;
  return rows.length ? tx.person.findMany({ where: { id: { in: rows.map((r) => r.id) } } }) : [];
}

/** Finds a person of the actor's organisation by id, platform id, e-mail or (unique) name. */
export async function findPerson(tx: Tx, orgId: string, ref: { personId?: string; slackUserId?: string; teamsUserId?: string; text?: string }) {
  // People the directory has deprovisioned cannot be given batons or case roles.
  if (ref.personId) return tx.person.findFirst({ where: { id: ref.personId, orgId, active: true } });
  if (ref.slackUserId) return tx.person.findFirst({ where: { orgId, active: true, slackUserId: ref.slackUserId } });
  if (ref.teamsUserId) return tx.person.findFirst({ where: { orgId, active: true, teamsUserId: ref.teamsUserId } });
  const text = ref.text?.trim().replace(/^@/, '') ?? '';
  if (!text) return null;
  if (text.includes('@')) return tx.person.findFirst({ where: { orgId, active: true, email: text.toLowerCase() } });
  const byConsole = await tx.person.findFirst({ where: { orgId, active: true, consoleUser: text.toLowerCase() } });
  if (byConsole) return byConsole;
  // Prisma's insensitive `equals` / `contains` become ILIKE with `%` and `_` unescaped, so a name
  // typed as `_` or `%` would match anybody: compare lower() in SQL instead.
  const byName = await peopleByName(tx, orgId, text, 'equals');
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new DomainError('PERSON.AMBIGUOUS', { name: text });
  const partial = await peopleByName(tx, orgId, text, 'contains');
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) throw new DomainError('PERSON.AMBIGUOUS', { name: text });
  return null;
}

async function checkRoleConstraints(c: CaseContext, personId: string, role: string): Promise<void> {
  const person = await c.tx.person.findUniqueOrThrow({ where: { id: personId }, include: { roles: true } });
  const orgRoles = new Set(person.roles.filter((r) => r.schoolUnitId === null || r.schoolUnitId === c.kase.schoolUnitId).map((r) => r.role));
  const members = await c.tx.caseMember.findMany({ where: { caseId: c.kase.id, removedAt: null } });
  const rolesOf = (pid: string) => members.filter((m) => m.personId === pid).map((m) => m.role);
  const actorRoles = rolesOf(c.actor.personId);
  const actorPerson = await c.tx.person.findUniqueOrThrow({ where: { id: c.actor.personId }, include: { roles: true } });
  const violated = (k: RoleConstraint) => {
    throw new DomainError('ROLE.CONSTRAINT', { detail: describeRoleConstraint(k, c.actor.lang, c.playbook) });
  };
  for (const k of c.playbook.roleConstraints) {
    switch (k.type) {
      case 'mustHoldOrgRole':
        if (k.role === role && !orgRoles.has(k.orgRole)) violated(k);
        break;
      case 'mustNotHoldOrgRole':
        if (k.role === role && k.orgRoles.some((r) => orgRoles.has(r))) violated(k);
        break;
      case 'count': {
        const max = k.exactly ?? k.max;
        if (k.role === role && max !== undefined && members.filter((m) => m.role === role).length + 1 > max) violated(k);
        break;
      }
      case 'distinctPeople':
        if (k.roles.includes(role) && rolesOf(personId).some((r) => r !== role && k.roles.includes(r))) violated(k);
        break;
      case 'exclusiveWithRoles':
        if (k.role === role && rolesOf(personId).some((r) => k.roles.includes(r))) violated(k);
        if (k.roles.includes(role) && rolesOf(personId).includes(k.role)) violated(k);
        break;
      case 'singleHolder':
        if (k.role === role && members.some((m) => m.role === role)) {
          throw new DomainError('ROLE.SINGLE_HOLDER', { detail: describeRoleConstraint(k, c.actor.lang, c.playbook), code: c.kase.code });
        }
        break;
      case 'appointedBy':
        if (k.role === role) {
          const okByRole = k.byRole ? actorRoles.includes(k.byRole) : false;
          const okByOrg = k.byOrgRole ? actorPerson.roles.some((r) => r.role === k.byOrgRole) : false;
          if (!okByRole && !okByOrg) violated(k);
        }
        break;
    }
  }
}

export interface AssignRoleInput {
  person: { personId?: string; slackUserId?: string; teamsUserId?: string; text?: string };
  role: string;
}

/** Adds a person to the case in a role, enforcing the playbook's role rules and consent. */
export async function assignRole(deps: ServiceDeps, actor: Actor, code: string, input: AssignRoleInput): Promise<{ personId: string; role: string }> {
  return withCase(deps, actor, code, 'case.manage', 'case.assignRole', async (c) => {
    if (!c.playbook.roles.some((r) => r.key === input.role)) {
      throw new DomainError('INPUT.INVALID', { field: 'role', problem: `okänd roll "${input.role}"` });
    }
    const person = await findPerson(c.tx, actor.orgId, input.person);
    if (!person) throw new DomainError('PERSON.NOT_FOUND', { name: input.person.text ?? '' });
    const already = await c.tx.caseMember.findFirst({ where: { caseId: c.kase.id, personId: person.id, role: input.role, removedAt: null } });
    if (already) return { personId: person.id, role: input.role };
    const isSocial = input.role === SOCIAL_SERVICES_ROLE || (await c.tx.personOrgRole.count({ where: { personId: person.id, role: 'SOCIAL_SERVICES' } })) > 0;
    if (isSocial && !(await hasSocialServicesBasis(c.tx, c.kase.id, c.now))) {
      throw new DomainError('CONSENT.REQUIRED', { code: c.kase.code });
    }
    // Health services and other agencies join only with the consent the playbook asks for.
    const agency = roleAgency(c.playbook, input.role);
    if (agency === 'HEALTH' || agency === 'OTHER') await requireConsentFor(c.tx, c.playbook, c.kase.id, c.kase.code, c.now, AGENCY_ACTIONS[agency].invite);
    await checkRoleConstraints(c, person.id, input.role);
    await c.tx.caseMember.create({ data: { caseId: c.kase.id, personId: person.id, role: input.role, addedAt: c.now } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'case.roleAssigned', { role: input.role, personId: person.id });
    return { personId: person.id, role: input.role };
  }, { write: true, auditDetail: { role: input.role } });
}

/** Removes a person's role from the case (history is kept). */
export async function removeRole(deps: ServiceDeps, actor: Actor, code: string, personId: string, role: string): Promise<void> {
  await withCase(deps, actor, code, 'case.manage', 'case.removeRole', async (c) => {
    const m = await c.tx.caseMember.findFirst({ where: { caseId: c.kase.id, personId, role, removedAt: null } });
    if (!m) throw new DomainError('ROLE.NOT_HELD', {});
    await c.tx.caseMember.update({ where: { id: m.id }, data: { removedAt: c.now } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'case.roleRemoved', { role, personId });
  }, { write: true });
}

/** Asks another person to take the baton; it moves only when they accept. */
export async function requestHandover(deps: ServiceDeps, actor: Actor, code: string, target: AssignRoleInput['person']): Promise<{ handoverId: string; toId: string; toName: string }> {
  return withCase(deps, actor, code, 'case.manage', 'case.handover.request', async (c) => {
    const to = await findPerson(c.tx, actor.orgId, target);
    if (!to) throw new DomainError('PERSON.NOT_FOUND', { name: target.text ?? '' });
    if (to.id === c.kase.batonHolderId) throw new DomainError('HANDOVER.ALREADY_HOLDER', { code: c.kase.code });
    await c.tx.batonHandover.updateMany({ where: { caseId: c.kase.id, status: 'PENDING' }, data: { status: 'CANCELLED', answeredAt: c.now } });
    const h = await c.tx.batonHandover.create({ data: { caseId: c.kase.id, fromId: c.kase.batonHolderId, toId: to.id, requestedAt: c.now } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'baton.requested', { toId: to.id });
    await deps.notifyPerson(c.tx, to.id, handoverRequestedNotice, { caseCode: c.kase.code }, { caseId: c.kase.id, key: `handover:${h.id}` });
    return { handoverId: h.id, toId: to.id, toName: to.displayName, code: c.kase.code, caseId: c.kase.id };
  }, { write: true });
}

/** The new holder accepts: the baton (and a single-holder lead role) moves to them; the previous holder and the case lead are told. */
export async function acceptHandover(deps: ServiceDeps, actor: Actor, code: string): Promise<{ code: string }> {
  return withCase(deps, actor, code, 'case.summary', 'case.handover.accept', async (c) => {
    if (c.kase.status !== 'OPEN') throw new DomainError('CASE.CLOSED', { code: c.kase.code });
    const h = await c.tx.batonHandover.findFirst({ where: { caseId: c.kase.id, status: 'PENDING', toId: actor.personId } });
    if (!h) throw new DomainError('HANDOVER.NOT_PENDING', { code: c.kase.code });
    await c.tx.batonHandover.update({ where: { id: h.id }, data: { status: 'ACCEPTED', answeredAt: c.now } });
    await c.tx.case.update({ where: { id: c.kase.id }, data: { batonHolderId: actor.personId } });
    const lead = c.playbook.caseLeadRole;
    // The case lead before the move (who is told), unless it is the new holder.
    const leads = (await c.tx.caseMember.findMany({ where: { caseId: c.kase.id, role: lead, removedAt: null }, select: { personId: true } })).map((m) => m.personId);
    const single = c.playbook.roleConstraints.some((k) => k.type === 'singleHolder' && k.role === lead);
    if (single) {
      await c.tx.caseMember.updateMany({ where: { caseId: c.kase.id, role: lead, removedAt: null }, data: { removedAt: c.now } });
      await c.tx.caseMember.create({ data: { caseId: c.kase.id, personId: actor.personId, role: lead, addedAt: c.now } });
    } else if (!(await c.tx.caseMember.findFirst({ where: { caseId: c.kase.id, personId: actor.personId, removedAt: null } }))) {
      // The new holder joins the case: in the lead role when it has room, else in a role of the
      // previous holder (or the first) that has room — never past a playbook's role limits.
      const active = await c.tx.caseMember.findMany({ where: { caseId: c.kase.id, removedAt: null }, select: { personId: true, role: true } });
      const room = (role: string) => c.playbook.roleConstraints.every((k) => {
        if (k.type === 'singleHolder' && k.role === role) return !active.some((m) => m.role === role);
        if (k.type === 'count' && k.role === role) { const max = k.exactly ?? k.max; return max === undefined || active.filter((m) => m.role === role).length < max; }
        return true;
      });
      const previousRoles = active.filter((m) => m.personId === h.fromId).map((m) => m.role);
      const role = [lead, ...previousRoles, ...c.playbook.roles.map((r) => r.key)].find((r) => r !== SOCIAL_SERVICES_ROLE && room(r));
      if (role) await c.tx.caseMember.create({ data: { caseId: c.kase.id, personId: actor.personId, role, addedAt: c.now } });
    }
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'baton.accepted', { fromId: h.fromId ?? null });
    const told = new Set<string>([actor.personId]);
    for (const [id, previous] of [[h.fromId, true], ...leads.map((l) => [l, false] as const)] as const) {
      if (!id || told.has(id)) continue;
      told.add(id);
      await deps.notifyPerson(c.tx, id, handoverAcceptedNotice, { caseCode: c.kase.code, byName: actor.displayName, previous }, { caseId: c.kase.id, key: `handover:${h.id}:accepted:${id}` });
    }
    return { code: c.kase.code };
  }, { write: true });
}

/** The asked person declines; the baton stays where it was, and its holder is told why. */
export async function declineHandover(deps: ServiceDeps, actor: Actor, code: string, reason?: string): Promise<{ code: string }> {
  return withCase(deps, actor, code, 'case.summary', 'case.handover.decline', async (c) => {
    const h = await c.tx.batonHandover.findFirst({ where: { caseId: c.kase.id, status: 'PENDING', toId: actor.personId } });
    if (!h) throw new DomainError('HANDOVER.NOT_PENDING', { code: c.kase.code });
    await c.tx.batonHandover.update({ where: { id: h.id }, data: { status: 'DECLINED', answeredAt: c.now } });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'baton.declined', {}, c.deps.cipher.encryptOpt(reason));
    const holder = c.kase.batonHolderId ?? h.fromId;
    if (holder && holder !== actor.personId) {
      // The reason is free text: it travels only in the encrypted outbox parameters, 1:1.
      await deps.notifyPerson(c.tx, holder, handoverDeclinedNotice, { caseCode: c.kase.code, byName: actor.displayName, reason: reason?.trim() || null }, { caseId: c.kase.id, key: `handover:${h.id}:declined` });
    }
    return { code: c.kase.code };
  }, { write: true });
}

// ---------------------------------------------------------------------------------------------
// Concern, deviation

// Reports of concern live in concern.service.ts (never gated; disclose the report, not the case).
export { concernInput, recordConcern } from './concern.service.ts';

export const deviationInput = z.object({
  theme: z.string().trim().min(1).max(60),
  text: z.string().trim().max(2000).optional(),
});

/** Deviation themes when a playbook names none (the deviation form offers the same). */
export const DEFAULT_DEVIATION_THEMES = ['general', 'information', 'timing', 'roles', 'other'] as const;

/** The theme is a key from a list, never free text: the text itself is encrypted. */
function checkTheme(theme: string, allowed: readonly string[]): void {
  if (!allowed.includes(theme)) throw new DomainError('INPUT.INVALID', { field: 'theme', problem: `okänt tema "${theme.slice(0, 40)}"` });
}

/** Records a deviation in the collaboration itself (avvikelse / skavinventering). */
export async function recordDeviation(deps: ServiceDeps, actor: Actor, code: string | undefined, input: z.input<typeof deviationInput>): Promise<{ id: string }> {
  const cmd = parseInput(deviationInput, input);
  if (code) {
    return withCase(deps, actor, code, 'case.write', 'case.deviation', async (c) => {
      checkTheme(cmd.theme, [...DEFAULT_DEVIATION_THEMES, ...c.playbook.features.deviationThemes.map((t) => t.key)]);
      const d = await c.tx.deviation.create({ data: { orgId: actor.orgId, caseId: c.kase.id, theme: cmd.theme, textEnc: deps.cipher.encryptOpt(cmd.text), reportedById: actor.personId, createdAt: c.now } });
      await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'deviation.reported', { theme: cmd.theme });
      return { id: d.id };
    }, { write: true });
  }
  checkTheme(cmd.theme, [...DEFAULT_DEVIATION_THEMES, ...deps.playbooks.list().flatMap((p) => p.features.deviationThemes.map((t) => t.key))]);
  const now = deps.clock.now();
  return idempotentWrite(deps, async (tx) => {
    const d = await tx.deviation.create({ data: { orgId: actor.orgId, theme: cmd.theme, textEnc: deps.cipher.encryptOpt(cmd.text), reportedById: actor.personId, createdAt: now } });
    await recordAudit(tx, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'deviation.report', detail: { theme: cmd.theme } });
    return { id: d.id };
  });
}

// ---------------------------------------------------------------------------------------------
// Close

export const closeInput = z.object({
  reason: z.string().trim().max(200).optional(),
  maintenancePlan: z.string().trim().max(4000).optional(),
  /** The closer has seen the open or unevaluated actions and closes anyway. */
  confirmOpenActions: z.boolean().default(false),
});

/** Closes a case when the playbook's closure rules are met; cancels open deadlines and nudges. */
export async function closeCase(deps: ServiceDeps, actor: Actor, code: string, input: z.input<typeof closeInput>): Promise<{ code: string }> {
  const cmd = parseInput(closeInput, input);
  return withCase(deps, actor, code, 'case.manage', 'case.close', async (c) => {
    const rules = c.playbook.closure;
    if (rules.allowedFromStages && !rules.allowedFromStages.includes(c.kase.stage)) {
      throw new DomainError('CLOSURE.NOT_FROM_STAGE', { code: c.kase.code, stages: rules.allowedFromStages.join(', ') });
    }
    if (rules.requireReason && !cmd.reason) throw new DomainError('CLOSURE.REASON_REQUIRED', { code: c.kase.code, reasons: reasonList(c.playbook, c.actor.lang) });
    if (cmd.reason && rules.reasons && !rules.reasons.some((r) => r.key === cmd.reason)) {
      throw new DomainError('CLOSURE.REASON_REQUIRED', { code: c.kase.code, reasons: reasonList(c.playbook, c.actor.lang) });
    }
    const plan = cmd.maintenancePlan || (c.kase.maintenancePlanEnc ? deps.cipher.decrypt(c.kase.maintenancePlanEnc) : '');
    if (rules.requireMaintenancePlan && !plan) throw new DomainError('CLOSURE.MAINTENANCE_PLAN_REQUIRED', { code: c.kase.code });
    // A reason from the playbook's list is a key; a free-text reason (no list) is encrypted.
    const reasonKey = cmd.reason && rules.reasons ? cmd.reason : null;
    const reasonText = cmd.reason && !rules.reasons ? cmd.reason : null;
    // Open or unevaluated actions: the closer confirms having seen them (the form lists them).
    const pending = await c.tx.caseAction.findMany({
      where: { caseId: c.kase.id, OR: [{ status: 'OPEN' }, { status: 'DONE', evaluatedAt: null }] },
      orderBy: [{ number: 'asc' }, { createdAt: 'asc' }], select: { id: true, number: true, status: true },
    });
    if (pending.length && !cmd.confirmOpenActions) {
      throw new DomainError('CLOSURE.OPEN_ACTIONS', { code: c.kase.code, n: pending.length, numbers: pending.map((a) => a.number ?? '?').join(', ') });
    }
    await c.tx.case.update({
      where: { id: c.kase.id },
      data: { status: 'CLOSED', closedAt: c.now, closureReason: reasonKey, closureReasonEnc: deps.cipher.encryptOpt(reasonText ?? undefined), maintenancePlanEnc: plan ? deps.cipher.encrypt(plan) : null },
    });
    await cancelOpenDeadlines(c.tx, c.kase.id);
    await c.tx.batonHandover.updateMany({ where: { caseId: c.kase.id, status: 'PENDING' }, data: { status: 'CANCELLED', answeredAt: c.now } });
    // Nothing stays pending on a closed case: open actions and planned meetings close with it, logged.
    const open = pending.filter((a) => a.status === 'OPEN');
    if (open.length) {
      await c.tx.caseAction.updateMany({ where: { id: { in: open.map((a) => a.id) }, status: 'OPEN' }, data: { status: 'CANCELLED' } });
      await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'action.closedWithCase', { n: open.length, numbers: open.map((a) => a.number ?? '?').join(', ') });
    }
    const planned = await c.tx.meeting.findMany({ where: { caseId: c.kase.id, status: 'PLANNED' }, select: { id: true, type: true } });
    for (const m of planned) {
      await c.tx.meeting.update({ where: { id: m.id }, data: { status: 'CANCELLED', cancelledAt: c.now, icsSequence: { increment: 1 } } });
      await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'meeting.closedWithCase', { type: m.type, meetingId: m.id });
    }
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'case.closed', { reason: reasonKey, maintenancePlan: Boolean(plan) }, deps.cipher.encryptOpt(reasonText ?? undefined));
    return { code: c.kase.code };
  }, { write: true });
}

function reasonList(pb: Playbook, lang: 'sv' | 'nb' | 'en'): string {
  return pb.closure.reasons?.map((r) => r.labels[lang]).join(', ') ?? '';
}

/** Routes a case's channel nudges to a channel on one platform. */
export async function setCaseChannel(deps: ServiceDeps, actor: Actor, code: string, platform: 'SLACK' | 'TEAMS' | 'CONSOLE', channelId: string): Promise<{ code: string }> {
  return withCase(deps, actor, code, 'case.manage', 'case.channel', async (c) => {
    await c.tx.caseChannel.upsert({
      where: { caseId_platform: { caseId: c.kase.id, platform } },
      create: { caseId: c.kase.id, platform, channelId, createdAt: c.now },
      update: { channelId },
    });
    await appendLog(c.tx, c.kase.id, c.now, actor.personId, 'case.channel', { platform });
    return { code: c.kase.code };
  }, { write: true });
}
