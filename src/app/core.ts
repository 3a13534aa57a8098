/**
 * The core: every application service, wired to its dependencies. Adapters receive this object
 * and call nothing else, so access control and auditing cannot be bypassed from a chat surface.
 */
import { encryptLegacyPlaintext } from '../infra/encrypt-legacy.ts';
import type { Config } from './config.ts';
import { ChatService } from '../chat/chat.service.ts';
import type { Database } from '../infra/db/database.ts';
import type { DevClockStore } from '../infra/dev-clock.ts';
import { applyOrganisation } from '../orgs/org.service.ts';
import { resyncOrganisationRoles } from '../directory/directory.service.ts';
import { demoOrganisation } from '../orgs/demo-organisation.ts';
import { loadOrgFile, type OrganisationSpec } from '../orgs/org-file.ts';
import { loadPlaybookFile, PlaybookRegistry } from '../playbooks/index.ts';
import { NotifierRegistry } from '../ports/notifier.ts';
import type { ConversationRefStore } from '../ports/conversation-refs.ts';
import { prismaConversationRefStore } from '../infra/conversation-ref.store.ts';
import type { InboxStore } from '../ports/inbox.ts';
import type { DeliveryRecordStore } from '../ports/delivery-records.ts';
import { prismaDeliveryRecordStore } from '../infra/delivery-record.store.ts';
import { Inbox } from '../inbox/inbox.ts';
import { createReminders, planNewCaseRows, type Reminders } from '../reminders/index.ts';
import type { Clock } from '../shared/clock.ts';
import { loadCipher } from '../shared/crypto.ts';
import { checkEncryptionKey, KeyMismatchError } from '../infra/key-check.ts';
import { enqueueNotice } from '../notices/notice-outbox.ts';
import { currentRequest } from '../shared/request-context.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import type { Logger } from '../shared/logger.ts';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { renderNotice } from '../chat/notice-views.ts';
import { nudgeViews } from '../chat/reminder-views.ts';

export interface Core {
  config: Config;
  log: Logger;
  db: Database;
  clock: Clock;
  /** Present only when the development clock is enabled. */
  devClock?: DevClockStore;
  deps: ServiceDeps;
  chat: ChatService;
  notifier: NotifierRegistry;
  reminders: Reminders;
  /** Teams proactive targets (the conversation-reference store port). */
  conversations: ConversationRefStore;
  inbox: InboxStore;
  deliveries: DeliveryRecordStore;
}

export interface CoreDeps {
  config: Config;
  log: Logger;
  db: Database;
  clock: Clock;
  devClock?: DevClockStore;
}

/**
 * Builds the core: loads the encryption key, the organisation set-up (file, or the demo
 * organisation in local mode) with its custom playbooks, and wires services together.
 */
export async function createCore(d: CoreDeps): Promise<Core> {
  const { cipher, generated } = await loadCipher({ keySpec: d.config.encryptionKey, dataDir: d.config.dataDir, allowGenerate: !d.config.production });
  if (generated) d.log.warn({ file: generated }, 'No STAFETT_ENCRYPTION_KEY set: generated a local key into the data directory. Set STAFETT_ENCRYPTION_KEY for any real deployment.');
  // Refuses to start with a key that cannot read what the other instances wrote.
  const checked = await checkEncryptionKey(d.db.prisma, cipher).catch(async (e: unknown) => {
    if (!(e instanceof KeyMismatchError) || d.config.encryptionKey || d.config.dataDir.startsWith('memory://')) throw e;
    // No key configured: a key file generated just now cannot open this database, so it is
    // removed again (putting the original back, or setting the shared key, is all it takes).
    if (generated) await rm(generated, { force: true });
    // On a PostgreSQL server the database is not the data directory's: the shared key is missing.
    if (d.config.databaseUrl) throw e;
    const file = path.join(d.config.dataDir, 'encryption.key');
    throw new KeyMismatchError(
      `the database in ${d.config.dataDir} was written with another encryption key than ${file}${generated ? ' (the file was missing; the one just generated has been removed again)' : ''}. ` +
        'Put back the encryption.key this database was written with, or set STAFETT_ENCRYPTION_KEY to it.',
    );
  });
  if (checked === 'recorded') d.log.info({ keyId: cipher.activeKeyId }, 'encryption key recorded for the start-up check');
  const playbooks = new PlaybookRegistry();
  let orgs: OrganisationSpec[] = [];
  if (d.config.orgFile) {
    const loaded = await loadOrgFile(d.config.orgFile);
    orgs = loaded.orgs;
    for (const org of orgs) {
      for (const f of org.playbookFiles ?? []) {
        const pb = await loadPlaybookFile(path.resolve(loaded.baseDir, f));
        if (!playbooks.get(pb.key, pb.version)) playbooks.register(pb);
        if (!org.playbooks.includes(pb.key)) org.playbooks.push(pb.key);
      }
    }
  } else if (!d.config.production && (await d.db.prisma.organisation.count()) === 0) {
    orgs = [demoOrganisation];
  } else if (!d.config.production) {
    const demo = await d.db.prisma.organisation.findUnique({ where: { slug: 'demo' } });
    if (demo) orgs = [demoOrganisation];
  }
  const applied: string[] = [];
  for (const org of orgs) {
    applied.push(await applyOrganisation(d.db.prisma, org));
    d.log.info({ org: org.slug, people: org.people.length, slackWorkspaces: org.workspaces?.slack?.length ?? 0, teamsTenants: org.workspaces?.teams?.length ?? 0 }, 'organisation loaded');
    if (org.workspaces?.anyWorkspace) {
      d.log.warn(
        { org: org.slug },
        'ANY WORKSPACE: organisation "%s" admits requests from EVERY Slack workspace and Teams tenant (workspaces.anyWorkspace: true). ' +
          'For a local pilot only: people are recognised by the platform ids in the organisation file, nobody is linked or admitted by e-mail. ' +
          'List your workspace and tenant ids under workspaces.slack / workspaces.teams and remove anyWorkspace.',
        org.slug,
      );
    }
  }
  // Free text an earlier version stored in plaintext is encrypted now (and the plaintext emptied).
  const legacy = await encryptLegacyPlaintext(d.db.prisma, cipher, playbooks);
  if (legacy.meetings || legacy.closureReasons) d.log.info(legacy, 'plaintext free text from an earlier version encrypted');
  const notifier = new NotifierRegistry();
  const wake: { reminders?: Reminders } = {};
  const deps: ServiceDeps = {
    prisma: d.db.prisma, clock: d.clock, cipher, playbooks, log: d.log,
    notifyPerson: async (tx, personId, notice, params, opts) => {
      await enqueueNotice(deps, tx, personId, notice, params, opts);
      // Outside a chat request (jobs), nobody wakes the dispatcher after the commit: do it shortly.
      if (!currentRequest()) setTimeout(() => wake.reminders?.kick(), 200).unref();
    },
  };
  // The file's roleGroups may have changed since the directory last wrote: re-derive those roles.
  for (const orgId of applied) {
    const changed = await resyncOrganisationRoles(deps, orgId);
    if (changed) d.log.info({ orgId, people: changed }, 'directory roles re-derived from roleGroups');
  }
  const reminders = createReminders({ notices: renderNotice, views: nudgeViews, deps, notifier, instanceId: d.config.instanceId, intervalMs: d.config.dispatchIntervalMs });
  wake.reminders = reminders;
  deps.onCaseChanged = (tx, caseId) => reminders.onCaseChanged(tx, caseId);
  deps.planNewCase = (facts) => planNewCaseRows(deps.playbooks, facts);
  const chat = new ChatService({ deps, notifier, reminders, devClock: d.devClock, config: d.config });
  const inbox = new Inbox({ prisma: d.db.prisma, cipher, log: d.log, instanceId: d.config.instanceId, leaseMs: d.config.inbox.leaseMs, sweepMs: d.config.inbox.sweepMs });
  return { ...d, deps, chat, notifier, reminders, conversations: prismaConversationRefStore(d.db.prisma), inbox, deliveries: prismaDeliveryRecordStore(d.db.prisma) };
}
