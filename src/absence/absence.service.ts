/**
 * Absence signals: import attendance exports, evaluate each student against the organisation's
 * playbook thresholds, record one signal per rule and term, and nudge the student's mentor in a
 * private message (the only place the student's reference appears). The chat layer calls
 * `importAttendance` for a Slack file upload, a Teams attachment or the console, and
 * `openCaseFromSignal` when the mentor answers `signal <id>`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { defineNotice } from '../notices/notice.ts';
import { DateTime } from 'luxon';
import { Prisma as P } from '../generated/prisma/client.ts';
import type { Actor } from '../orgs/org.service.ts';
import { orgCalendar } from '../orgs/org-calendar.ts';
import { recordAudit } from '../audit/audit.ts';
import { openCase } from '../cases/case.service.ts';
import type { Lang } from '../i18n/lang.ts';
import { DEFAULT_ABSENCE_THRESHOLDS, label, type AbsenceThreshold, type Playbook } from '../playbooks/index.ts';
import { DomainError } from '../shared/errors.ts';
import { normalizeLang } from '../i18n/lang.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { at } from './absence.messages.ts';
import { AttendanceHeaderError, readAttendanceCsv, type AttendanceRow, type CsvSource, type RowError } from './csv.ts';
import { evaluateStudent, windowFor, type StudentRecord, type ThresholdResult } from './thresholds.ts';
import { orgSettings } from '../orgs/org-settings.ts';

/** The command-line importer: no person, acts for the organisation. */
export interface SystemActor {
  system: true;
  orgId: string;
  lang?: Lang;
}
export type Importer = Actor | SystemActor;

const isSystem = (a: Importer): a is SystemActor => 'system' in a && a.system === true;

/** Organisation roles allowed to import attendance (it is every student's absence). */
export const IMPORT_ROLES = ['ADMIN', 'PRINCIPAL', 'TEAM_LEAD', 'EHT_MEMBER'] as const;

export interface ImportProgress {
  rows: number;
  bad: number;
  bytes: number;
  totalBytes?: number;
}

export interface ImportInput {
  fileName?: string;
  /** The file: bytes, text, or a stream of chunks (a file read stream, a download). */
  content: CsvSource;
  /** SHA-256 (hex) of the file when known up front: a file imported before is skipped at once. */
  fileHash?: string;
  totalBytes?: number;
  /** Playbook whose thresholds apply; default: the organisation's first playbook. */
  playbookKey?: string;
  onProgress?: (p: ImportProgress) => void;
  /** Evaluate thresholds and nudge after the import (default true). */
  evaluate?: boolean;
  /** Rows per insert statement (default 1000). */
  batchSize?: number;
}

export interface ImportResult {
  importId: string | null;
  fileName: string | null;
  /** The same file was imported before: nothing was added. */
  duplicateFile: boolean;
  previousImportAt?: Date;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  badRowCount: number;
  /** The first 200 bad rows, with line numbers. */
  badRows: RowError[];
  students: number;
  signals: { created: number; notified: number; pending: number; linkedToCase: number };
}

const MAX_BAD_REPORTED = 200;
/** Students whose newest data is older than this are not evaluated (an old file re-imported). */
const STALE_DAYS = 14;

// ---------------------------------------------------------------------------------------------
// Import

async function assertMayImport(deps: ServiceDeps, actor: Importer): Promise<void> {
  if (isSystem(actor)) return;
  const n = await deps.prisma.personOrgRole.count({ where: { personId: actor.personId, role: { in: [...IMPORT_ROLES] } } });
  if (n === 0) {
    await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'absence.import', outcome: 'DENIED' });
    throw new DomainError('ACCESS.DENIED');
  }
}

function auditActor(actor: Importer) {
  return isSystem(actor) ? { actorId: null, platform: 'SYSTEM' as const } : { actorId: actor.personId, platform: actor.platform };
}

async function* hashing(source: CsvSource, hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array | string> {
  const iterable = typeof source === 'string' || source instanceof Uint8Array ? [source] : source;
  for await (const chunk of iterable as AsyncIterable<Uint8Array | string>) {
    hash.update(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    yield chunk;
  }
}

interface Pending {
  row: AttendanceRow;
  hash: string;
  enc: string;
}

/** Imports an attendance export; bad rows are reported by line number and the rest is stored. */
export async function importAttendance(deps: ServiceDeps, actor: Importer, input: ImportInput): Promise<ImportResult> {
  await assertMayImport(deps, actor);
  const orgId = actor.orgId;
  const lang: Lang = actor.lang ?? 'sv';
  const org = await deps.prisma.organisation.findUniqueOrThrow({ where: { id: orgId } });
  const settings = orgSettings(org.settings);
  // A school cell must name one of the organisation's units (code or name); it is stored as the code.
  const units = await deps.prisma.schoolUnit.findMany({ where: { orgId }, select: { code: true, name: true } });
  const orgLang = normalizeLang(org.language);
  const fileName = input.fileName?.slice(0, 200) ?? null;
  const empty = { rows: 0, added: 0, updated: 0, unchanged: 0, badRowCount: 0, badRows: [], students: 0, signals: { created: 0, notified: 0, pending: 0, linkedToCase: 0 } };

  let fileHash = input.fileHash;
  if (!fileHash && (typeof input.content === 'string' || input.content instanceof Uint8Array)) {
    fileHash = createHash('sha256').update(input.content).digest('hex');
  }
  if (fileHash) {
    const prior = await deps.prisma.absenceImport.findUnique({ where: { orgId_fileHash: { orgId, fileHash } } });
    if (prior) {
      await recordAudit(deps.prisma, { at: deps.clock.now(), orgId, ...auditActor(actor), action: 'absence.import', detail: { duplicateOf: prior.id } });
      return { importId: prior.id, fileName, duplicateFile: true, previousImportAt: prior.importedAt, ...empty };
    }
  }
  const hasher = fileHash ? undefined : createHash('sha256');
  const source = hasher ? hashing(input.content, hasher) : input.content;

  const importId = randomUUID();
  const cipherCache = new Map<string, { hash: string; enc: string }>();
  const touched = new Map<string, string>(); // hash → newest date
  const badRows: RowError[] = [];
  let badRowCount = 0;
  let rows = 0;
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  let bytes = 0;
  const batchSize = input.batchSize ?? 1000;
  let batch = new Map<string, Pending>();

  const flush = async () => {
    if (!batch.size) return;
    const list = [...batch.values()];
    batch = new Map();
    const r = await upsertRecords(deps, orgId, importId, list);
    added += r.inserted;
    updated += r.updated;
    unchanged += list.length - r.inserted - r.updated;
    input.onProgress?.({ rows, bad: badRowCount, bytes, totalBytes: input.totalBytes });
  };

  try {
    for await (const item of readAttendanceCsv(source, { columns: settings.attendanceColumns, units, onBytes: (b) => (bytes = b) })) {
      if (!item.ok) {
        badRowCount++;
        if (badRows.length < MAX_BAD_REPORTED) badRows.push(item.error);
        continue;
      }
      rows++;
      const row = item.row;
      let c = cipherCache.get(row.studentRef);
      if (!c) {
        c = { hash: deps.cipher.lookupHash(row.studentRef), enc: deps.cipher.encrypt(row.studentRef) };
        cipherCache.set(row.studentRef, c);
      }
      const prev = touched.get(c.hash);
      if (!prev || prev < row.date) touched.set(c.hash, row.date);
      // A later line for the same lesson replaces an earlier one (one statement cannot touch a row twice).
      const key = `${c.hash}|${row.date}|${row.lessonKey}`;
      batch.delete(key);
      batch.set(key, { row, ...c });
      if (batch.size >= batchSize) await flush();
    }
    await flush();
  } catch (e) {
    if (e instanceof AttendanceHeaderError) {
      // Columns are named as the organisation's files name them (its language, or its own mapping).
      const missing = e.missing.map((f) => settings.attendanceColumns?.[f] ?? at(orgLang, `field.${f}`));
      throw new DomainError('INPUT.INVALID', { field: fileName ?? 'CSV', problem: at(lang, 'import.columns', { missing: missing.join(', ') }) });
    }
    throw e;
  }

  fileHash ??= hasher!.digest('hex');
  let duplicateFile = false;
  try {
    await deps.prisma.absenceImport.create({ data: { id: importId, orgId, fileHash, fileName, rows, badRows: badRowCount, importedAt: deps.clock.now() } });
  } catch (e) {
    if (!(e instanceof P.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
    duplicateFile = true; // the same bytes arrived twice at once; the rows were upserted idempotently
  }
  await recordAudit(deps.prisma, {
    at: deps.clock.now(), orgId, ...auditActor(actor), action: 'absence.import',
    detail: { importId, rows, added, updated, bad: badRowCount, students: touched.size },
  });

  const result: ImportResult = { importId, fileName, duplicateFile, rows, added, updated, unchanged, badRowCount, badRows, students: touched.size, signals: { ...empty.signals } };
  if (input.evaluate !== false && (added > 0 || updated > 0)) {
    const created = await evaluateAbsence(deps, orgId, { studentHashes: [...touched.keys()], playbookKey: input.playbookKey });
    result.signals.created = created.length;
    result.signals.linkedToCase = created.filter((s) => s.caseId).length;
    const delivered = await deliverSignals(deps, orgId, created.map((s) => s.id), { playbookKey: input.playbookKey });
    result.signals.notified = delivered.notified;
    result.signals.pending = delivered.pending;
  }
  return result;
}

async function upsertRecords(deps: ServiceDeps, orgId: string, importId: string, list: Pending[]): Promise<{ inserted: number; updated: number }> {
  const values = list.map(({ row: r, hash, enc }) =>
    P.sql`(${randomUUID()}, ${orgId}, ${hash}, ${enc}, ${r.schoolUnitCode}, ${r.className}, ${r.date}::date, ${r.lessonKey}, ${r.scheduledMin}::int, ${r.absentMin}::int, ${r.kind}, ${importId})`,
  );
  // A changed row (e.g. unauthorised later marked valid) is updated; an identical one is left alone.
  const res = await deps.prisma.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO "AttendanceRecord" ("id", "orgId", "studentRefHash", "studentRefEnc", "schoolUnitCode", "className", "date", "lessonKey", "scheduledMin", "absentMin", "kind", "importId")
    VALUES ${P.join(values)}
    ON CONFLICT ("orgId", "studentRefHash", "date", "lessonKey") DO UPDATE SET
      "scheduledMin" = EXCLUDED."scheduledMin", "absentMin" = EXCLUDED."absentMin", "kind" = EXCLUDED."kind",
      "className" = EXCLUDED."className", "schoolUnitCode" = EXCLUDED."schoolUnitCode", "importId" = EXCLUDED."importId"
    WHERE ("AttendanceRecord"."kind", "AttendanceRecord"."absentMin", "AttendanceRecord"."scheduledMin")
      IS DISTINCT FROM (EXCLUDED."kind", EXCLUDED."absentMin", EXCLUDED."scheduledMin")
    RETURNING (xmax = 0) AS "inserted"`;
  const inserted = res.filter((r) => r.inserted).length;
  return { inserted, updated: res.length - inserted };
}

// ---------------------------------------------------------------------------------------------
// Evaluation

interface OrgContext {
  org: { id: string; timeZone: string; holidayRegion: string; settings: unknown; language: string };
  playbook: Playbook | undefined;
  thresholds: readonly AbsenceThreshold[];
}

async function loadOrgContext(deps: ServiceDeps, orgId: string, playbookKey?: string): Promise<OrgContext> {
  const org = await deps.prisma.organisation.findUniqueOrThrow({ where: { id: orgId } });
  const key = playbookKey ?? absencePlaybookKey(org.settings);
  const playbook = key ? deps.playbooks.get(key) : undefined;
  return { org, playbook, thresholds: playbook?.absenceThresholds ?? DEFAULT_ABSENCE_THRESHOLDS };
}

/** The playbook whose thresholds apply: `settings.absencePlaybook`, else the organisation's first. */
export function absencePlaybookKey(settings: unknown): string | undefined {
  const s = orgSettings(settings);
  return s.absencePlaybook ?? s.playbooks?.[0];
}

const toDate = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).startOf('day').toJSDate();

/** Loads records (from `from`) of the given students, grouped by student hash. */
async function loadRecords(deps: ServiceDeps, orgId: string, hashes: string[], from: string): Promise<Map<string, (StudentRecord & { schoolUnitCode: string | null; studentRefEnc: string })[]>> {
  const rows = await deps.prisma.attendanceRecord.findMany({
    where: { orgId, studentRefHash: { in: hashes }, date: { gte: new Date(`${from}T00:00:00Z`) } },
    select: { studentRefHash: true, studentRefEnc: true, date: true, lessonKey: true, scheduledMin: true, absentMin: true, kind: true, className: true, schoolUnitCode: true },
  });
  const out = new Map<string, (StudentRecord & { schoolUnitCode: string | null; studentRefEnc: string })[]>();
  for (const r of rows) {
    let list = out.get(r.studentRefHash);
    if (!list) out.set(r.studentRefHash, (list = []));
    list.push({ ...r, date: r.date.toISOString().slice(0, 10) });
  }
  return out;
}

export interface StudentEvaluation {
  studentRefHash: string;
  asOf: string;
  className: string | null;
  schoolUnitCode: string | null;
  studentRefEnc: string;
  results: ThresholdResult[];
}

/** Evaluates students (hashes) as of their newest data; skips students without recent data. */
export async function evaluateStudents(deps: ServiceDeps, ctx: OrgContext, hashes: string[]): Promise<StudentEvaluation[]> {
  const cal = orgCalendar(ctx.org);
  const today = DateTime.fromJSDate(deps.clock.now(), { zone: ctx.org.timeZone }).toISODate()!;
  const staleBefore = DateTime.fromISO(today).minus({ days: STALE_DAYS }).toISODate()!;
  const from = ctx.thresholds.map((t) => windowFor(t.window, staleBefore, cal).from).sort()[0] ?? staleBefore;
  const out: StudentEvaluation[] = [];
  for (let i = 0; i < hashes.length; i += 500) {
    const byStudent = await loadRecords(deps, ctx.org.id, hashes.slice(i, i + 500), from);
    for (const [hash, records] of byStudent) {
      let latest: (typeof records)[number] | undefined;
      for (const r of records) if (r.date <= today && (!latest || r.date > latest.date)) latest = r;
      if (!latest || latest.date < staleBefore) continue;
      const { results, currentClass } = evaluateStudent(records, ctx.thresholds, cal, latest.date);
      out.push({ studentRefHash: hash, asOf: latest.date, className: currentClass, schoolUnitCode: latest.schoolUnitCode, studentRefEnc: latest.studentRefEnc, results });
    }
  }
  return out;
}

export interface CreatedSignal {
  id: string;
  studentRefHash: string;
  rule: string;
  periodKey: string;
  caseId: string | null;
}

/**
 * Evaluates thresholds for the given students (default: everyone with recent data) and records a
 * signal for each rule hit not signalled before in that term. Returns only the new signals.
 */
export async function evaluateAbsence(deps: ServiceDeps, orgId: string, opts: { studentHashes?: string[]; playbookKey?: string } = {}): Promise<CreatedSignal[]> {
  const ctx = await loadOrgContext(deps, orgId, opts.playbookKey);
  const hashes = opts.studentHashes ?? (await deps.prisma.attendanceRecord.findMany({ where: { orgId }, distinct: ['studentRefHash'], select: { studentRefHash: true } })).map((r) => r.studentRefHash);
  const evaluations = await evaluateStudents(deps, ctx, hashes);
  const created: CreatedSignal[] = [];
  for (const ev of evaluations) {
    const hits = ev.results.filter((r) => r.hit);
    if (!hits.length) continue;
    const openCase = await deps.prisma.case.findFirst({ where: { orgId, studentRefHash: ev.studentRefHash, status: 'OPEN' }, orderBy: { openedAt: 'desc' }, select: { id: true } });
    const rows = await deps.prisma.absenceSignal.createManyAndReturn({
      data: hits.map((h) => ({
        orgId, studentRefHash: ev.studentRefHash, rule: h.key, periodKey: h.periodKey,
        triggeredAt: toDate(h.reachedOn ?? ev.asOf, ctx.org.timeZone), caseId: openCase?.id ?? null,
      })),
      skipDuplicates: true,
    });
    for (const s of rows) {
      created.push({ id: s.id, studentRefHash: s.studentRefHash, rule: s.rule, periodKey: s.periodKey, caseId: s.caseId });
      await recordAudit(deps.prisma, { at: deps.clock.now(), orgId, platform: 'SYSTEM', action: 'absence.signal', caseId: s.caseId, detail: { signalId: s.id, rule: s.rule, period: s.periodKey } });
    }
  }
  return created;
}

// ---------------------------------------------------------------------------------------------
// Nudges

interface Recipients {
  personIds: string[];
  /** The recipients are the student's mentor(s) (or the case lead), not the unit's fallback. */
  mentor: boolean;
  openCase: { id: string; code: string } | null;
}

async function recipientsFor(deps: ServiceDeps, orgId: string, hash: string, unitCode: string | null): Promise<Recipients> {
  const open = await deps.prisma.case.findFirst({
    where: { orgId, studentRefHash: hash, status: 'OPEN' },
    orderBy: { openedAt: 'desc' },
    include: { members: { where: { removedAt: null, role: 'mentor', person: { active: true } } } },
  });
  if (open) {
    const ids = open.members.map((m) => m.personId);
    return { personIds: ids.length ? [...new Set(ids)] : open.batonHolderId ? [open.batonHolderId] : [], mentor: true, openCase: { id: open.id, code: open.code } };
  }
  const earlier = await deps.prisma.caseMember.findFirst({
    where: { role: 'mentor', person: { active: true }, case: { orgId, studentRefHash: hash } },
    orderBy: { addedAt: 'desc' },
  });
  if (earlier) return { personIds: [earlier.personId], mentor: true, openCase: null };
  const unit = unitCode ? await deps.prisma.schoolUnit.findUnique({ where: { orgId_code: { orgId, code: unitCode } } }) : null;
  const byRole = async (roles: string[], schoolUnitId: string | null) =>
    (await deps.prisma.personOrgRole.findMany({ where: { role: { in: roles }, schoolUnitId, person: { orgId, active: true } }, select: { personId: true } })).map((r) => r.personId);
  let ids = unit ? await byRole(['EHT_MEMBER', 'PRINCIPAL'], unit.id) : [];
  if (!ids.length) ids = await byRole(['EHT_MEMBER', 'PRINCIPAL'], null);
  if (!ids.length) ids = await byRole(['TEAM_LEAD'], null);
  return { personIds: [...new Set(ids)], mentor: false, openCase: null };
}

export type SignalNoticeParams = {
  studentRef: string | null; className: string | null; unitName: string | null; results: ThresholdResult[]; shortId: string;
  caseCode: string | null; mentor: boolean; windows: Record<string, string>;
};

/** The signal nudge as an outbox notice (it names the student: parameters are stored encrypted); its text is `signalNudgeText` in src/chat/absence-view.ts. */
export const absenceSignalNotice = defineNotice<SignalNoticeParams>({ kind: 'absence.signal', workingHours: true });

/** Short id shown in nudges (`signal 1a2b3c4d`). */
export const shortSignalId = (id: string) => id.replace(/-/g, '').slice(0, 8);

/**
 * Writes the private nudges for signals not yet notified into the outbox (each signal is claimed
 * in the same transaction, so two instances never nudge twice). The running service's dispatcher
 * delivers them — also when the import ran from the command line. Signals with nobody to notify
 * stay pending.
 */
export async function deliverSignals(deps: ServiceDeps, orgId: string, signalIds?: string[], opts: { playbookKey?: string } = {}): Promise<{ notified: number; pending: number }> {
  const signals = await deps.prisma.absenceSignal.findMany({
    where: { orgId, notifiedId: null, ...(signalIds ? { id: { in: signalIds } } : { triggeredAt: { gte: new Date(deps.clock.now().getTime() - 30 * 86_400_000) } }) },
    orderBy: { triggeredAt: 'asc' },
  });
  if (!signals.length) return { notified: 0, pending: 0 };
  const ctx = await loadOrgContext(deps, orgId, opts.playbookKey);
  const byStudent = new Map<string, typeof signals>();
  for (const s of signals) byStudent.set(s.studentRefHash, [...(byStudent.get(s.studentRefHash) ?? []), s]);
  const evaluations = new Map((await evaluateStudents(deps, ctx, [...byStudent.keys()])).map((e) => [e.studentRefHash, e]));
  const windows = Object.fromEntries(ctx.thresholds.map((t) => [t.key, t.window]));
  let notified = 0;
  let pending = 0;
  for (const [hash, group] of byStudent) {
    const ev = evaluations.get(hash);
    const latest = ev ?? (await deps.prisma.attendanceRecord.findFirst({ where: { orgId, studentRefHash: hash }, orderBy: { date: 'desc' } }));
    const unitCode = latest?.schoolUnitCode ?? null;
    const rcpt = await recipientsFor(deps, orgId, hash, unitCode);
    if (!rcpt.personIds.length) {
      pending += group.length;
      deps.log.warn({ orgId, signals: group.length }, 'absence signal: nobody to notify (no mentor, EHT or principal)');
      continue;
    }
    const unit = unitCode ? await deps.prisma.schoolUnit.findUnique({ where: { orgId_code: { orgId, code: unitCode } } }) : null;
    const rules = new Set(group.map((s) => s.rule));
    const results = ev?.results.filter((r) => rules.has(r.key)) ?? [];
    const enc = ev?.studentRefEnc ?? (latest && 'studentRefEnc' in latest ? latest.studentRefEnc : null);
    const studentRef = enc ? deps.cipher.decrypt(enc) : null;
    const params = {
      studentRef, className: ev?.className ?? latest?.className ?? null, unitName: unit?.name ?? unitCode, results,
      shortId: shortSignalId(group[0]!.id), caseCode: rcpt.openCase?.code ?? null, mentor: rcpt.mentor, windows,
    };
    // Marked notified in the same transaction that writes the notices to the outbox: a signal is
    // notified exactly when its notices exist, and the dispatcher delivers them (or tells why not).
    const count = await deps.prisma.$transaction(async (tx) => {
      const claimed = await tx.absenceSignal.updateMany({ where: { id: { in: group.map((s) => s.id) }, notifiedId: null }, data: { notifiedId: rcpt.personIds[0]!, ...(rcpt.openCase ? { caseId: rcpt.openCase.id } : {}) } });
      if (claimed.count === 0) return 0;
      for (const personId of rcpt.personIds) {
        await deps.notifyPerson(tx, personId, absenceSignalNotice, params, { ...(rcpt.openCase ? { caseId: rcpt.openCase.id } : {}), key: `signal:${group[0]!.id}:${personId}` });
      }
      await recordAudit(tx, { at: deps.clock.now(), orgId, platform: 'SYSTEM', action: 'absence.signal.notify', caseId: rcpt.openCase?.id ?? null, detail: { signals: group.length, recipients: rcpt.personIds.length, mentor: rcpt.mentor } });
      return claimed.count;
    });
    notified += count;
  }
  return { notified, pending };
}

/** Sends nudges for every signal of the last 30 days still pending (run at start-up or on a timer). */
export async function notifyPendingSignals(deps: ServiceDeps, orgId?: string): Promise<{ notified: number; pending: number }> {
  const orgs = orgId ? [{ id: orgId }] : await deps.prisma.organisation.findMany({ select: { id: true } });
  let notified = 0;
  let pending = 0;
  for (const o of orgs) {
    try {
      const r = await deliverSignals(deps, o.id);
      notified += r.notified;
      pending += r.pending;
    } catch (e) {
      deps.log.error({ err: e, orgId: o.id }, 'absence signal delivery failed');
    }
  }
  return { notified, pending };
}

// ---------------------------------------------------------------------------------------------
// Open a case from a signal

async function findSignal(deps: ServiceDeps, orgId: string, ref: string) {
  const clean = ref.trim().toLowerCase();
  if (/^[0-9a-f-]{36}$/.test(clean)) return deps.prisma.absenceSignal.findFirst({ where: { id: clean, orgId } });
  if (!/^[0-9a-f]{6,32}$/.test(clean)) return null;
  // The short id is the start of the UUID without dashes; the first 8 characters are the UUID's first group.
  const prefix = clean.length <= 8 ? clean : `${clean.slice(0, 8)}-${clean.slice(8, 12)}`;
  const found = await deps.prisma.absenceSignal.findMany({ where: { orgId, id: { startsWith: prefix } }, take: 2 });
  return found.length === 1 ? found[0]! : null;
}

async function mayActOnSignal(deps: ServiceDeps, actor: Actor, sig: { notifiedId: string | null; studentRefHash: string; orgId: string }, unitId: string | null): Promise<boolean> {
  if (sig.notifiedId === actor.personId) return true;
  const roles = await deps.prisma.personOrgRole.findMany({ where: { personId: actor.personId } });
  if (roles.some((r) => r.role === 'COORDINATOR_POOL')) return true;
  if (roles.some((r) => ['PRINCIPAL', 'EHT_MEMBER', 'TEAM_LEAD'].includes(r.role) && (r.schoolUnitId === null || r.schoolUnitId === unitId))) return true;
  const mentor = await deps.prisma.caseMember.count({ where: { personId: actor.personId, role: 'mentor', removedAt: null, case: { orgId: sig.orgId, studentRefHash: sig.studentRefHash } } });
  return mentor > 0;
}

/**
 * Opens a case (origin ABSENCE_SIGNAL, triggered when the threshold was reached) for the student
 * of a signal, and links the student's open signals to it. Idempotent: a signal that already has
 * an open case returns that case.
 */
export async function openCaseFromSignal(deps: ServiceDeps, actor: Actor, signalRef: string, opts: { playbookKey?: string; firstRole?: string } = {}): Promise<{ caseId: string; code: string; created: boolean }> {
  const sig = await findSignal(deps, actor.orgId, signalRef);
  if (!sig) throw new DomainError('INPUT.INVALID', { field: 'signal', problem: signalRef.slice(0, 40) });
  const record = await deps.prisma.attendanceRecord.findFirst({ where: { orgId: actor.orgId, studentRefHash: sig.studentRefHash }, orderBy: { date: 'desc' } });
  const unit = record?.schoolUnitCode ? await deps.prisma.schoolUnit.findUnique({ where: { orgId_code: { orgId: actor.orgId, code: record.schoolUnitCode } } }) : null;
  if (!(await mayActOnSignal(deps, actor, sig, unit?.id ?? null))) {
    await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'absence.signal.open', outcome: 'DENIED', detail: { signalId: sig.id } });
    throw new DomainError('ACCESS.DENIED');
  }
  const existing = await deps.prisma.case.findFirst({
    where: { orgId: actor.orgId, status: 'OPEN', OR: [{ id: sig.caseId ?? '-' }, { studentRefHash: sig.studentRefHash }] },
    orderBy: { openedAt: 'desc' },
  });
  if (existing) {
    await deps.prisma.absenceSignal.updateMany({ where: { orgId: actor.orgId, studentRefHash: sig.studentRefHash, caseId: null }, data: { caseId: existing.id } });
    await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'absence.signal.open', caseId: existing.id, detail: { signalId: sig.id, created: false } });
    return { caseId: existing.id, code: existing.code, created: false };
  }
  if (!record) throw new DomainError('INPUT.INVALID', { field: 'signal', problem: 'no attendance data' });
  const org = await deps.prisma.organisation.findUniqueOrThrow({ where: { id: actor.orgId } });
  const playbookKey = opts.playbookKey ?? absencePlaybookKey(org.settings) ?? 's0-elevvard';
  const pb = deps.playbooks.get(playbookKey);
  // The student's mentor opens as mentor; student health or a principal opens as the case lead.
  const isMentor = (await deps.prisma.caseMember.count({ where: { personId: actor.personId, role: 'mentor', case: { orgId: actor.orgId, studentRefHash: sig.studentRefHash } } })) > 0;
  const firstRole = opts.firstRole ?? (isMentor && pb?.roles.some((r) => r.key === 'mentor') ? 'mentor' : pb?.caseLeadRole);
  const thresholds = pb?.absenceThresholds ?? DEFAULT_ABSENCE_THRESHOLDS;
  const rules = await deps.prisma.absenceSignal.findMany({ where: { orgId: actor.orgId, studentRefHash: sig.studentRefHash, caseId: null }, select: { rule: true } });
  const measure = [...new Set([sig.rule, ...rules.map((r) => r.rule)])]
    .map((k) => {
      const t = thresholds.find((x) => x.key === k);
      return t?.labels ? label(t.labels, actor.lang) : k;
    })
    .join(', ');
  const res = await openCase(deps, actor, {
    playbookKey, studentRef: deps.cipher.decrypt(record.studentRefEnc), schoolUnitCode: unit?.code, origin: 'ABSENCE_SIGNAL',
    triggeredAt: sig.triggeredAt, reason: at(actor.lang, 'case.reason', { measure }), ...(firstRole ? { firstRole } : {}),
  }, { requestKey: `absence-signal:${sig.id}` });
  await deps.prisma.absenceSignal.updateMany({ where: { orgId: actor.orgId, studentRefHash: sig.studentRefHash, caseId: null }, data: { caseId: res.caseId } });
  await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'absence.signal.open', caseId: res.caseId, detail: { signalId: sig.id, created: true } });
  return { ...res, created: true };
}
