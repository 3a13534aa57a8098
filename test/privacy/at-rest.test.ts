/**
 * Encryption at rest (issue 12 item 9): after a scenario full of personal data written through
 * the real services, the database itself — every PGlite data file (tables, WAL, indexes), or a
 * `pg_dump` of the server database — contains none of it. Free text an earlier version stored
 * in plaintext (meeting place and link, free-text closure reasons) is converted at start.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignRole, closeCase, declineHandover, openCase, recordConcern, recordDeviation, requestHandover } from '../../src/cases/case.service.ts';
import { getCaseLog, getCaseStatus } from '../../src/cases/case-query.service.ts';
import { recordConsent } from '../../src/consent/consent.service.ts';
import { decideShare, requestShare } from '../../src/consent/share.service.ts';
import { openDatabase, type Database } from '../../src/infra/db/database.ts';
import { applyMigrations, readMigrations } from '../../src/infra/db/migrate.ts';
import { encryptLegacyPlaintext } from '../../src/infra/encrypt-legacy.ts';
import { rotateKeys } from '../../src/infra/rotate-keys.ts';
import { recordMeetingOutcome, scheduleMeeting } from '../../src/meetings/meeting.service.ts';
import { applyOrganisation, resolveActor } from '../../src/orgs/org.service.ts';
import { demoOrganisation } from '../../src/orgs/demo-organisation.ts';
import { addAction, evaluateAction, recordDecision, setMaintenancePlan } from '../../src/plans/plan.service.ts';
import { PlaybookRegistry } from '../../src/playbooks/index.ts';
import { FakeClock } from '../../src/shared/clock.ts';
import { FieldCipher, generateKeySpec, parseKeys } from '../../src/shared/crypto.ts';
import type { ServiceDeps } from '../../src/shared/deps.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createServerDatabase, dbKind } from '../support/db.ts';
import { DAY } from '../support/core.ts';
import { outboxNotifyPerson } from '../../src/notices/notice-outbox.ts';

const run = promisify(execFile);

/** Everything personal the scenario writes; none of it may be found in the database files. */
const SECRETS = {
  student: 'Alva Lindqvist',
  personnummer: '20140315-2380',
  reason: 'diabetes typ 1',
  location: 'Storgatan 12',
  link: 'https://meet.example/alva-lindqvist-natverk',
  guardian: 'Per Lindqvistsson',
  consentNote: 'muntligt samtycke i telefon',
  minutes: 'mamman berättade om missbruk',
  decision: 'anpassad studiegång beviljad',
  action: 'ringa mormor Gun Ek',
  evaluation: 'fungerade delvis enligt Gun Ek',
  goal: 'närvaro över 80 procent',
  concern: 'blåmärken på armarna',
  deviation: 'IFO kom inte till mötet',
  plan: 'fortsatt samtal med kuratorn varannan vecka',
  decline: 'föräldraledig från januari',
  purpose: 'utredning enligt SoL 11 kap',
  closure: 'familjen flyttar till Malmö',
};

async function* walk(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

describe(`encryption at rest (${dbKind})`, () => {
  let db: Database;
  let deps: ServiceDeps;
  let clock: FakeClock;
  let dataDir: string | undefined;
  let url: string | undefined;
  let drop = async () => {};
  const keySpec = generateKeySpec('t');
  const actor = (u: string) => resolveActor(db.prisma, { platform: 'CONSOLE', userId: u });

  beforeAll(async () => {
    if (dbKind === 'postgres') {
      const created = await createServerDatabase();
      url = created.url;
      drop = created.drop;
      db = await openDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize: 4 });
    } else {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'stafett-at-rest-'));
      db = await openDatabase({ dataDir });
    }
    await db.withConnection(async (c) => applyMigrations(c, await readMigrations()));
    await applyOrganisation(db.prisma, demoOrganisation);
    clock = new FakeClock(new Date('2026-11-23T08:00:00+01:00'));
    const cipher = new FieldCipher(parseKeys(keySpec));
    deps = { prisma: db.prisma, clock, cipher, playbooks: new PlaybookRegistry(), log: createLogger('silent'), notifyPerson: outboxNotifyPerson({ clock, cipher }) };
  });
  afterAll(async () => {
    await db?.close().catch(() => {});
    await drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a scenario full of personal data leaves none of it in the database files', async () => {
    const maria = await actor('maria');
    const sara = await actor('sara');
    const rasmus = await actor('rasmus');
    const { code } = await openCase(deps, maria, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: `${SECRETS.student} ${SECRETS.personnummer}`, firstRole: 'mentor', reason: SECRETS.reason });
    await recordConsent(deps, maria, code, { scope: ['SCHOOL'], givenBy: [{ party: 'GUARDIAN', label: SECRETS.guardian }], note: SECRETS.consentNote });
    const { meetingId } = await scheduleMeeting(deps, maria, code, { type: 'malmote', startsAt: new Date(clock.now().getTime() + 2 * DAY), location: SECRETS.location, link: SECRETS.link });
    await recordMeetingOutcome(deps, maria, code, { meetingId, minutes: SECRETS.minutes, decisions: [{ kind: 'GENERAL', text: SECRETS.decision }], actions: [{ text: SECRETS.action }] });
    await scheduleMeeting(deps, maria, code, { type: 'natverksmote', startsAt: new Date(clock.now().getTime() + 16 * DAY), location: SECRETS.location, link: SECRETS.link });
    const { actionId } = await addAction(deps, maria, code, { text: SECRETS.action, goalText: SECRETS.goal, dueAt: new Date(clock.now().getTime() + 5 * DAY) });
    await evaluateAction(deps, maria, code, actionId, SECRETS.evaluation);
    await recordDecision(deps, maria, code, { text: SECRETS.decision });
    await recordConcern(deps, maria, code, { note: SECRETS.concern });
    await recordDeviation(deps, maria, code, { theme: 'timing', text: SECRETS.deviation });
    await setMaintenancePlan(deps, maria, code, SECRETS.plan);
    await requestHandover(deps, maria, code, { text: 'elin' });
    await declineHandover(deps, await actor('elin'), code, SECRETS.decline);
    const share = await requestShare(deps, sara, code, { scope: ['CASE'], purpose: SECRETS.purpose, until: new Date(clock.now().getTime() + 10 * DAY) });
    await decideShare(deps, rasmus, code, share.requestId, true, SECRETS.purpose);
    await assignRole(deps, maria, code, { person: { text: 'karin' }, role: 'evg-member' });
    const sv = await openCase(deps, maria, { playbookKey: 's4-sandviken', schoolUnitCode: 'NORR', studentRef: SECRETS.student, firstRole: 'coordinator' });
    await closeCase(deps, maria, sv.code, { reason: SECRETS.closure });

    // The data is really there, readable through the services.
    const st = await getCaseStatus(deps, maria, code);
    expect(st.details?.studentRef).toContain(SECRETS.student);
    expect(st.details?.meetings.map((m) => m.location)).toContain(SECRETS.location);
    expect(JSON.stringify((await getCaseLog(deps, maria, code)).lines)).toContain(SECRETS.decline);
    expect((await getCaseStatus(deps, maria, sv.code)).details?.closureReason).toBe(SECRETS.closure);

    // The database itself holds none of it.
    let haystack: Buffer;
    let what: string;
    if (dbKind === 'postgres') {
      const { stdout } = await run('pg_dump', ['--no-owner', url!], { maxBuffer: 256 * 1024 * 1024 });
      haystack = Buffer.from(stdout);
      what = 'pg_dump';
      expect(stdout).toContain('CREATE TABLE public."Meeting"');
    } else {
      await db.close();
      const files: Buffer[] = [];
      for await (const f of walk(path.join(dataDir!, 'pgdata'))) files.push(await readFile(f));
      haystack = Buffer.concat(files);
      what = `${files.length} PGlite data files`;
      expect(files.length).toBeGreaterThan(100);
      // Sanity: the search does find what is stored in plaintext (staff names, codes).
      expect(haystack.includes(Buffer.from('Maria Mentor'))).toBe(true);
    }
    const found = Object.entries(SECRETS).filter(([, v]) => haystack.includes(Buffer.from(v, 'utf8')));
    expect(found, `personal data found in ${what}`).toEqual([]);
  });

  it('converts plaintext left by an earlier version, and key rotation covers the new fields', async () => {
    if (dbKind === 'pglite') {
      db = await openDatabase({ dataDir: dataDir! });
      deps.prisma = db.prisma;
    }
    const maria = await actor('maria');
    const { code, caseId } = await openCase(deps, maria, { playbookKey: 's4-sandviken', schoolUnitCode: 'NORR', studentRef: 'Bo Berg', firstRole: 'coordinator' });
    // Rows as the previous version wrote them: plaintext place, link and free-text reason.
    const m = await db.prisma.meeting.create({ data: { caseId, type: 'konsultation', startsAt: new Date(clock.now().getTime() + DAY), location: 'Ekvägen 3', link: 'https://meet.example/bo' } });
    await db.prisma.case.update({ where: { id: caseId }, data: { status: 'CLOSED', closedAt: clock.now(), closureReason: 'flyttat till Ystad' } });
    const last = await db.prisma.caseLogEntry.findFirst({ where: { caseId }, orderBy: { seq: 'desc' } });
    await db.prisma.caseLogEntry.create({ data: { caseId, seq: last!.seq + 1, at: clock.now(), kind: 'case.closed', params: { reason: 'flyttat till Ystad', maintenancePlan: false } } });
    const r = await encryptLegacyPlaintext(db.prisma, deps.cipher, deps.playbooks);
    expect(r).toMatchObject({ meetings: 1, closureReasons: 1 });
    const after = await db.prisma.meeting.findUniqueOrThrow({ where: { id: m.id } });
    expect([after.location, after.link]).toEqual([null, null]);
    expect([deps.cipher.decryptOpt(after.locationEnc), deps.cipher.decryptOpt(after.linkEnc)]).toEqual(['Ekvägen 3', 'https://meet.example/bo']);
    const k = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(k.closureReason).toBeNull();
    expect(deps.cipher.decryptOpt(k.closureReasonEnc)).toBe('flyttat till Ystad');
    const entry = await db.prisma.caseLogEntry.findFirstOrThrow({ where: { caseId, kind: 'case.closed' } });
    expect((entry.params as { reason: unknown }).reason).toBeNull();
    expect(deps.cipher.decryptOpt(entry.textEnc)).toBe('flyttat till Ystad');
    // Idempotent: nothing left to convert; the case still reads well.
    expect(await encryptLegacyPlaintext(db.prisma, deps.cipher, deps.playbooks)).toEqual({ meetings: 0, closureReasons: 0 });
    expect((await getCaseStatus(deps, maria, code)).details?.closureReason).toBe('flyttat till Ystad');
    // Rotation re-encrypts the new columns under the new key.
    const rotated = new FieldCipher(parseKeys(`${generateKeySpec('t2')},${keySpec}`));
    await rotateKeys(db.prisma, rotated);
    const again = await db.prisma.meeting.findUniqueOrThrow({ where: { id: m.id } });
    const k2 = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    for (const token of [again.locationEnc!, again.linkEnc!, k2.closureReasonEnc!]) expect(token.startsWith('v1.t2.')).toBe(true);
    expect(rotated.decrypt(again.locationEnc!)).toBe('Ekvägen 3');
    expect(rotated.decrypt(k2.closureReasonEnc!)).toBe('flyttat till Ystad');
  });
});
