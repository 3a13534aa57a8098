/**
 * Loads a case with the facts access decisions need, checks the permission, and audits the
 * attempt — one path for every service call, so no adapter can skip it.
 */
import type { Actor } from '../orgs/org.service.ts';
import { CONSENT_SHARE_SCOPE, decide, needsSocialServicesBasis, SOCIAL_SERVICES_ROLE, type AccessFacts, type Permission } from '../access/policy.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Playbook } from '../playbooks/index.ts';
import type { KnownDeadlines } from '../deadlines/deadline-rules.ts';
import type { WorkingHoursConfig } from '../shared/calendar.ts';
import { DomainError, isDomainErrorCode } from '../shared/errors.ts';
import type { ServiceDeps, Tx } from '../shared/deps.ts';
import { claimRequest, requestKeyFor, storeRequestResult } from '../shared/idempotency.ts';
import { normalizeCaseCode } from './case-code.ts';
import { agencyShareBlocked, agencyShareBlockedFrom } from '../consent/consent-gate.ts';
import { loadCaseRead, type CaseReadModel, type CaseRow } from './case-read.ts';

export { claimRequest, idempotentWrite, isDuplicateRequest, priorResult, requestKeyFor, storeRequestResult } from '../shared/idempotency.ts';

export type { CaseRow };

export interface CaseContext {
  tx: Tx;
  deps: ServiceDeps;
  actor: Actor;
  kase: CaseRow;
  playbook: Playbook;
  facts: AccessFacts;
  now: Date;
  /** Decides a further permission with the same facts (e.g. whether a reader also sees details). */
  may(permission: Permission): { allowed: boolean; reason: string };
  /**
   * Set by a read that turned out to cover more than the checked permission (the status view
   * with details), so the audit event names what was actually read and why.
   */
  audit: { action?: string; via?: string };
  /** The organisation's working-day calendar, once read in this transaction (see emitCaseEvent). */
  calendar?: WorkingHoursConfig;
  /** Set while the case is being created: its deadlines are collected and written with it. */
  deadlines?: KnownDeadlines;
}

/**
 * Legal bases that open case details to social services. A consent counts through the consent
 * itself (so expiry and withdrawal take effect at once); a report of concern never counts — it
 * discloses the report, not the file.
 */
export const DISCLOSING_BASES = ['SHARE_REQUEST', 'OTHER_LAW'] as const;

/**
 * The legal basis in force for sharing case details with social services — a consent covering
 * them, or a recorded share (an approved request from social services, until its end) — and the
 * parts of the case it discloses, or null when there is none.
 */
export async function socialServicesAccess(tx: Tx, caseId: string, now: Date): Promise<{ basis: string; scope: string[] } | null> {
  const consent = await tx.consent.findFirst({
    where: {
      caseId, status: 'GIVEN', scope: { has: 'SOCIAL_SERVICES' },
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    select: { id: true },
  });
  if (consent) return { basis: `CONSENT:${consent.id}`, scope: [...CONSENT_SHARE_SCOPE] };
  const bases = await tx.legalBasis.findMany({
    where: { caseId, agency: 'SOCIAL_SERVICES', revokedAt: null, basis: { in: [...DISCLOSING_BASES] }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { recordedAt: 'asc' },
    select: { id: true, basis: true, scope: true },
  });
  return socialServicesAccessFrom([], bases, now);
}

/** A consent as the access decision reads it. */
export interface ConsentFact {
  id: string;
  scope: string[];
  status: string;
  expiresAt: Date | null;
}

/** A legal basis as the access decision reads it. */
export interface LegalBasisFact {
  id: string;
  agency?: string;
  basis: string;
  scope: string[];
  expiresAt?: Date | null;
  revokedAt?: Date | null;
}

/** Whether a consent is given, unexpired and (when `scope` is named) covers it. */
export function consentInForce(c: ConsentFact, now: Date, scope: string | null): boolean {
  return c.status === 'GIVEN' && (!c.expiresAt || c.expiresAt > now) && (!scope || c.scope.includes(scope));
}

/**
 * `socialServicesAccess` from records already loaded: the case's consents (any order; the
 * earliest given that covers social services names the basis) and its legal bases for social
 * services, oldest first.
 */
export function socialServicesAccessFrom(consents: readonly (ConsentFact & { givenAt?: Date })[], bases: readonly LegalBasisFact[], now: Date): { basis: string; scope: string[] } | null {
  const inForce = consents.filter((c) => consentInForce(c, now, 'SOCIAL_SERVICES'));
  if (inForce.length) {
    const first = [...inForce].sort((a, b) => (a.givenAt?.getTime() ?? 0) - (b.givenAt?.getTime() ?? 0))[0]!;
    return { basis: `CONSENT:${first.id}`, scope: [...CONSENT_SHARE_SCOPE] };
  }
  const live = bases.filter((b) => (b.agency ?? 'SOCIAL_SERVICES') === 'SOCIAL_SERVICES' && !b.revokedAt && (DISCLOSING_BASES as readonly string[]).includes(b.basis) && (!b.expiresAt || b.expiresAt > now));
  if (!live.length) return null;
  return { basis: `${live[0]!.basis}:${live[0]!.id}`, scope: [...new Set(live.flatMap((b) => (b.basis === 'OTHER_LAW' && !b.scope.length ? [...CONSENT_SHARE_SCOPE] : b.scope)))] };
}

/** The basis in force for social services (`CONSENT:<id>`, `SHARE_REQUEST:<id>`), or null. */
export async function socialServicesBasis(tx: Tx, caseId: string, now: Date): Promise<string | null> {
  return (await socialServicesAccess(tx, caseId, now))?.basis ?? null;
}

/** Whether any legal basis for sharing with social services is in force. */
export async function hasSocialServicesBasis(tx: Tx, caseId: string, now: Date): Promise<boolean> {
  return (await socialServicesBasis(tx, caseId, now)) !== null;
}

/** Loads access facts for one person and case. */
export async function loadAccessFacts(tx: Tx, personId: string, kase: Pick<CaseRow, 'id' | 'orgId' | 'schoolUnitId' | 'status'>, now: Date, playbook?: Playbook): Promise<AccessFacts> {
  const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, include: { roles: true } });
  const members = await tx.caseMember.findMany({ where: { caseId: kase.id, personId, removedAt: null }, select: { role: true } });
  const memberRoles = members.map((m) => m.role);
  const access = needsBasisFor(person, memberRoles) ? await socialServicesAccess(tx, kase.id, now) : null;
  const blocked = playbook ? await agencyShareBlocked(tx, playbook, kase.id, memberRoles, now) : false;
  return factsOf(person, memberRoles, kase, access, blocked);
}

type FactsPerson = { id: string; orgId: string; roles: { role: string; schoolUnitId: string | null }[] };

/** Whether the person reads as social services here (a case role or an organisation role). */
function needsBasisFor(person: FactsPerson, memberRoles: readonly string[]): boolean {
  return memberRoles.includes(SOCIAL_SERVICES_ROLE) || person.roles.some((r) => r.role === 'SOCIAL_SERVICES');
}

/** The access facts `decide` reads, from the records however they were loaded. */
function factsOf(person: FactsPerson, memberRoles: string[], kase: Pick<CaseRow, 'orgId' | 'schoolUnitId' | 'status'>, access: { basis: string; scope: string[] } | null, agencyShareBlocked: boolean): AccessFacts {
  return {
    person: { id: person.id, orgId: person.orgId, orgRoles: person.roles.map((r) => ({ role: r.role, schoolUnitId: r.schoolUnitId })) },
    case: { orgId: kase.orgId, schoolUnitId: kase.schoolUnitId, status: kase.status },
    memberRoles,
    socialServicesBasis: access !== null,
    basis: access?.basis ?? null,
    socialServicesScope: access?.scope ?? [],
    agencyShareBlocked,
  };
}

/** The refusal a denied decision is answered with. */
function refusal(reason: string, code: string): DomainError {
  return reason === 'closed' ? new DomainError('CASE.CLOSED', { code })
    : reason === 'no-legal-basis' ? new DomainError('CONSENT.REQUIRED', { code })
    : new DomainError('ACCESS.DENIED', { code });
}

/** Detail of the audit row of an allowed access: why, and the legal basis a share relied on. */
function allowedDetail(facts: AccessFacts, via: string, extra: WithCaseOptions['auditDetail']): Record<string, string | number | boolean | null> {
  return { via, ...(needsSocialServicesBasis(facts) && facts.basis ? { basis: facts.basis } : {}), ...extra };
}

export interface WithCaseOptions {
  /** Locks the case row for the transaction (every change does). */
  write?: boolean;
  /**
   * Idempotency key of the inbound request (Slack retry, double click). Writes without one take
   * the key of the request being handled (src/shared/request-context.ts).
   */
  requestKey?: string;
  /** Extra audit detail (ids and codes only). */
  auditDetail?: Record<string, string | number | boolean | null>;
}

class Denied {
  constructor(readonly error: DomainError) {}
}

/**
 * Runs `fn` in a transaction on the case with `code`, after checking `permission`.
 * Denials are audited (and committed) before the error is thrown.
 */
/** Domain errors that refuse the actor (as opposed to bad input): audited as refusals. */
const REFUSALS = new Set<string>(['ACCESS.DENIED', 'CONSENT.REQUIRED', 'CONSENT.SELF_BASIS', 'CONSENT.REQUIRED_TO_OPEN']);

export async function withCase<T>(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  permission: Permission,
  action: string,
  fn: (c: CaseContext) => Promise<T>,
  opts: WithCaseOptions = {},
): Promise<T> {
  const normalized = normalizeCaseCode(code);
  // Only changes are keyed: a repeated read just reads (and is audited) again.
  const requestKey = opts.write ? requestKeyFor(opts.requestKey) : opts.requestKey;
  let outcome: Denied | { value: T | undefined; replay: T | undefined };
  try {
  outcome = await deps.prisma.$transaction(async (tx) => {
    const now = deps.clock.now();
    if (requestKey) {
      const prior = await claimRequest(tx, requestKey);
      if (isDeniedResult(prior)) return new Denied(new DomainError(isDomainErrorCode(prior.$denied.code) ? prior.$denied.code : 'INTERNAL', prior.$denied.params as Record<string, string | number>));
      if (prior !== undefined) return { replay: prior as T, value: undefined };
    }
    if (opts.write) {
      await tx.$queryRaw`SELECT "id" FROM "Case" WHERE "orgId" = ${actor.orgId} AND "code" = ${normalized} FOR UPDATE`;
    }
    const kase = await tx.case.findUnique({ where: { orgId_code: { orgId: actor.orgId, code: normalized } } });
    if (!kase) {
      await recordAudit(tx, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action, outcome: 'DENIED', detail: { reason: 'not-found', code: normalized } });
      return denied(tx, requestKey, new DomainError('CASE.NOT_FOUND', { code: normalized }));
    }
    const pbForAccess = deps.playbooks.get(kase.playbookKey, kase.playbookVersion) ?? deps.playbooks.get(kase.playbookKey);
    const facts = await loadAccessFacts(tx, actor.personId, kase, now, pbForAccess);
    const decision = decide(facts, permission, { isBatonHolder: kase.batonHolderId === actor.personId });
    if (!decision.allowed) {
      await recordAudit(tx, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action, caseId: kase.id, outcome: 'DENIED', detail: { reason: decision.reason, ...opts.auditDetail } });
      return denied(tx, requestKey, refusal(decision.reason, kase.code));
    }
    const playbook = deps.playbooks.get(kase.playbookKey, kase.playbookVersion) ?? deps.playbooks.get(kase.playbookKey);
    if (!playbook) throw new DomainError('PLAYBOOK.UNKNOWN', { key: kase.playbookKey });
    const isBatonHolder = kase.batonHolderId === actor.personId;
    const audit: CaseContext['audit'] = {};
    const result = await fn({ tx, deps, actor, kase, playbook, facts, now, audit, may: (p) => decide(facts, p, { isBatonHolder }) });
    await recordAudit(tx, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: audit.action ?? action, caseId: kase.id, detail: allowedDetail(facts, audit.via ?? decision.reason, opts.auditDetail) });
    if (opts.write) {
      await tx.case.update({ where: { id: kase.id }, data: { version: { increment: 1 }, lastActivityAt: now } });
      await deps.onCaseChanged?.(tx, kase.id);
    }
    if (requestKey) await storeRequestResult(tx, requestKey, result);
    return { value: result, replay: undefined };
  });
  } catch (e) {
    // A refusal raised inside the change (e.g. social services recording a consent that covers
    // themselves) rolls back with the transaction; its audit row is written on its own afterwards.
    if (e instanceof DomainError && REFUSALS.has(e.code)) {
      await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action, outcome: 'DENIED', detail: { reason: e.code, code: normalized, ...opts.auditDetail } })
        .catch((err: unknown) => deps.log.warn({ err, action }, 'could not audit a refusal'));
    }
    throw e;
  }
  if (outcome instanceof Denied) throw outcome.error;
  return (outcome.replay !== undefined ? outcome.replay : outcome.value) as T;
}

/** What a read sees: a case context without a transaction, plus everything the read loaded. */
export type ReadContext = Omit<CaseContext, 'tx' | 'calendar'> & {
  /** The case and everything the status view reads, loaded in one statement. */
  read: CaseReadModel;
};

/** Access facts from a case read (the same facts `loadAccessFacts` queries for). */
export function accessFactsFrom(read: CaseReadModel, personId: string, now: Date, playbook?: Playbook): AccessFacts {
  const person = read.person;
  if (!person || person.id !== personId) throw new Error(`person ${personId} not found`);
  const memberRoles = read.members.filter((m) => m.personId === personId).map((m) => m.role);
  const access = needsBasisFor(person, memberRoles) ? socialServicesAccessFrom(read.consents, read.socialServicesBases, now) : null;
  return factsOf(person, memberRoles, read.kase, access, playbook ? agencyShareBlockedFrom(playbook, memberRoles, read.consents, now) : false);
}

/**
 * A read of one case in two round trips: one statement loads the case with everything its status
 * view shows (src/cases/case-read.ts), access is decided from those records as `withCase`
 * decides it, and the audit event (allowed or refused, the same rows `withCase` writes) is
 * committed on its own before anything is returned — so no case data leaves without its audit
 * row. Reads only: nothing is locked and no request key is claimed (reads are not keyed).
 */
export async function readCase<T>(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  permission: Permission,
  action: string,
  fn: (c: ReadContext) => T,
  opts: Pick<WithCaseOptions, 'auditDetail'> = {},
): Promise<T> {
  const normalized = normalizeCaseCode(code);
  const now = deps.clock.now();
  const read = await loadCaseRead(deps.prisma, actor.orgId, normalized, actor.personId);
  if (!read) {
    await recordAudit(deps.prisma, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action, outcome: 'DENIED', detail: { reason: 'not-found', code: normalized } });
    throw new DomainError('CASE.NOT_FOUND', { code: normalized });
  }
  const kase = read.kase;
  const playbook = deps.playbooks.get(kase.playbookKey, kase.playbookVersion) ?? deps.playbooks.get(kase.playbookKey);
  const facts = accessFactsFrom(read, actor.personId, now, playbook);
  const isBatonHolder = kase.batonHolderId === actor.personId;
  const decision = decide(facts, permission, { isBatonHolder });
  if (!decision.allowed) {
    await recordAudit(deps.prisma, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action, caseId: kase.id, outcome: 'DENIED', detail: { reason: decision.reason, ...opts.auditDetail } });
    throw refusal(decision.reason, kase.code);
  }
  if (!playbook) throw new DomainError('PLAYBOOK.UNKNOWN', { key: kase.playbookKey });
  const audit: ReadContext['audit'] = {};
  const result = fn({ deps, actor, read, kase, playbook, facts, now, audit, may: (p) => decide(facts, p, { isBatonHolder }) });
  await recordAudit(deps.prisma, { at: now, orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: audit.action ?? action, caseId: kase.id, detail: allowedDetail(facts, audit.via ?? decision.reason, opts.auditDetail) });
  return result;
}

/** A denial is committed (its audit event) and remembered, so a replay is denied the same way. */
async function denied(tx: Tx, key: string | undefined, error: DomainError): Promise<Denied> {
  if (key) await storeRequestResult(tx, key, { $denied: { code: error.code, params: error.params } });
  return new Denied(error);
}

function isDeniedResult(v: unknown): v is { $denied: { code: string; params: Record<string, unknown> } } {
  return typeof v === 'object' && v !== null && '$denied' in v;
}

/** Appends a line to the case log (the chronology / stafettlogg). Caller holds the case lock. */
export async function appendLog(
  tx: Tx,
  caseId: string,
  at: Date,
  actorId: string | null,
  kind: string,
  params: Record<string, string | number | boolean | null> = {},
  textEnc?: string | null,
): Promise<void> {
  const last = await tx.caseLogEntry.findFirst({ where: { caseId }, orderBy: { seq: 'desc' }, select: { seq: true } });
  await tx.caseLogEntry.create({ data: { caseId, seq: (last?.seq ?? 0) + 1, at, actorId, kind, params, textEnc: textEnc ?? null } });
}

/**
 * Checks a permission on a case before a form for it is shown (and audits the attempt): a form
 * is offered only to someone whose submission could succeed. Returns the case id.
 */
export async function checkCaseAccess(deps: ServiceDeps, actor: Actor, code: string, permission: Permission, action: string): Promise<{ caseId: string; code: string }> {
  return withCase(deps, actor, code, permission, action, async (c) => ({ caseId: c.kase.id, code: c.kase.code }));
}
