/**
 * A dispatcher in its own process, for the SIGKILL test: `tsx dispatch-child.ts <databaseUrl> <deliveryFile> <hangAfter>`.
 * Delivers through a FileNotifier that hangs (mid-delivery, after the platform took the message)
 * once `hangAfter` messages are in the file; the parent then kills it.
 */
import { openDatabase } from '../../../src/infra/db/database.ts';
import { PlaybookRegistry } from '../../../src/playbooks/index.ts';
import { NotifierRegistry } from '../../../src/ports/notifier.ts';
import { createReminders } from '../../../src/reminders/index.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { FieldCipher, generateKeySpec, parseKeys } from '../../../src/shared/crypto.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { FileNotifier } from './file-notifier.ts';
import { outboxNotifyPerson } from '../../../src/notices/notice-outbox.ts';
import { renderNotice } from '../../../src/chat/notice-views.ts';
import { nudgeViews } from '../../../src/chat/reminder-views.ts';

const [url, file, hangAfter] = process.argv.slice(2);
const db = await openDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize: 2 });
const registry = new NotifierRegistry();
registry.register('CONSOLE', new FileNotifier(file!, Number(hangAfter)));
const base = { prisma: db.prisma, clock: systemClock, cipher: new FieldCipher(parseKeys(generateKeySpec('child'))), playbooks: new PlaybookRegistry(), log: createLogger('silent') };
const deps = { ...base, notifyPerson: outboxNotifyPerson(base) };
const reminders = createReminders({ notices: renderNotice, views: nudgeViews, deps, notifier: registry, instanceId: `child-${process.pid}`, intervalMs: 50, dispatch: { leaseMs: 5000, batchSize: 10, concurrency: 1, pacingMs: { SLACK: 0, TEAMS: 0, CONSOLE: 0 }, weeklyDigests: false } });
process.stdout.write('ready\n');
for (;;) await reminders.sweepOnce();
