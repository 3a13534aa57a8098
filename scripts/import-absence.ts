/**
 * `npm run import:absence -- FILE [--org slug] [--playbook key] [--no-evaluate]`: imports an
 * attendance export into the configured database (DATABASE_URL, or the embedded one in
 * STAFETT_DATA_DIR), showing progress on stderr and a summary on stdout. Threshold hits are
 * recorded as signals; the running Stafett server sends the mentors' private nudges
 * (`notifyPendingSignals`), since this command has no chat connection.
 */
import { enqueueNotice } from '../src/notices/notice-outbox.ts';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importAttendance } from '../src/absence/absence.service.ts';
import { importReply } from '../src/chat/absence-view.ts';
import { stripMarkup } from '../src/ports/reply.ts';
import { loadConfig } from '../src/app/config.ts';
import { openDatabase } from '../src/infra/db/database.ts';
import { applyMigrations, readMigrations } from '../src/infra/db/migrate.ts';
import { demoOrganisation } from '../src/orgs/demo-organisation.ts';
import { loadOrgFile, type OrganisationSpec } from '../src/orgs/org-file.ts';
import { applyOrganisation } from '../src/orgs/org.service.ts';
import { loadPlaybookFile, PlaybookRegistry } from '../src/playbooks/index.ts';
import { systemClock } from '../src/shared/clock.ts';
import { loadCipher } from '../src/shared/crypto.ts';
import type { ServiceDeps } from '../src/shared/deps.ts';
import { isDomainError } from '../src/shared/errors.ts';
import { createLogger } from '../src/shared/logger.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { org: { type: 'string' }, playbook: { type: 'string' }, 'no-evaluate': { type: 'boolean', default: false }, lang: { type: 'string', default: 'sv' } },
});
const file = positionals[0];
if (!file) {
  console.error('Usage: npm run import:absence -- FILE [--org slug] [--playbook key] [--no-evaluate] [--lang sv|nb|en]');
  process.exit(64);
}
const lang = (['sv', 'nb', 'en'].includes(values.lang ?? '') ? values.lang : 'sv') as 'sv' | 'nb' | 'en';

const config = loadConfig();
const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
const { cipher } = await loadCipher({ keySpec: config.encryptionKey, dataDir: config.dataDir, allowGenerate: !config.production });
const playbooks = new PlaybookRegistry();
let orgSpecs: OrganisationSpec[] = [];
if (config.orgFile) {
  const loaded = await loadOrgFile(config.orgFile);
  orgSpecs = loaded.orgs;
  for (const org of loaded.orgs) {
    for (const f of org.playbookFiles ?? []) {
      const pb = await loadPlaybookFile(path.resolve(loaded.baseDir, f));
      if (!playbooks.get(pb.key, pb.version)) playbooks.register(pb);
    }
  }
}

const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
let exitCode = 0;
try {
  await db.withConnection(async (c) => applyMigrations(c, await readMigrations()));
  // Same set-up as the server applies at start: the organisation file, or the demo in local mode.
  if (!orgSpecs.length && !config.production && (await db.prisma.organisation.count()) === 0) orgSpecs = [demoOrganisation];
  for (const spec of orgSpecs) await applyOrganisation(db.prisma, spec);
  const orgs = await db.prisma.organisation.findMany({ where: values.org ? { slug: values.org } : {}, select: { id: true, slug: true }, take: 2 });
  if (orgs.length !== 1) {
    console.error(values.org ? `No organisation "${values.org}".` : orgs.length ? 'Several organisations: choose one with --org <slug>.' : 'No organisation set up yet: start Stafett once or load the organisation file.');
    exitCode = 2;
  } else {
    const totalBytes = (await stat(file)).size;
    // Hash first (a cheap streaming pass) so a file imported before is recognised at once.
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    // Notices go to the outbox; a running service delivers them.
    const deps: ServiceDeps = { prisma: db.prisma, clock: systemClock, cipher, playbooks, log, notifyPerson: (tx, personId, notice, params, opts) => enqueueNotice(deps, tx, personId, notice, params, opts) };
    const started = Date.now();
    const tty = process.stderr.isTTY;
    let lastShown = 0;
    const result = await importAttendance(deps, { system: true, orgId: orgs[0]!.id, lang }, {
      fileName: path.basename(file),
      content: createReadStream(file, { highWaterMark: 256 * 1024 }),
      fileHash: hash.digest('hex'),
      totalBytes,
      playbookKey: values.playbook,
      evaluate: !values['no-evaluate'],
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastShown < 250 && p.bytes < totalBytes) return;
        lastShown = now;
        const pct = totalBytes ? Math.floor((p.bytes / totalBytes) * 100) : 0;
        const line = `${p.rows.toLocaleString('sv-SE')} rows · ${p.bad} bad · ${pct} %`;
        process.stderr.write(tty ? `\r${line}   ` : `${line}\n`);
      },
    });
    if (tty) process.stderr.write('\n');
    const reply = importReply(result, lang);
    for (const b of reply.blocks) {
      if (b.type === 'header' || b.type === 'text') console.log(stripMarkup(b.text));
      else if (b.type === 'list') for (const item of b.items) console.log(`  ${item}`);
    }
    console.error(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
} catch (e) {
  if (isDomainError(e)) {
    console.error(`${e.code}: ${Object.values(e.params).join(' – ')}`);
    exitCode = 1;
  } else {
    throw e;
  }
} finally {
  await db.close();
}
process.exit(exitCode);
