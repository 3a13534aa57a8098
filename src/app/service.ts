/**
 * Starts and stops one Stafett service instance: database (migrated), core, HTTP server,
 * adapters. Used by main.ts and, in-process, by the tests.
 */
import { installZoneOffsetCache } from '../shared/zone-offset-cache.ts';
import type { Config } from './config.ts';
import { createCore, type Core } from './core.ts';
import { openDatabase, type Database } from '../infra/db/database.ts';
import { applyMigrations, readMigrations } from '../infra/db/migrate.ts';
import { migrateAsOwner } from '../infra/db/roles.ts';
import { DevClockStore } from '../infra/dev-clock.ts';
import { registerDevClock } from '../http/dev-clock-route.ts';
import { registerHealth } from '../http/health.ts';
import { registerScim } from '../http/scim-route.ts';
import { loadLegalPages, registerLegalPages } from '../http/legal-pages.ts';
import { HttpServer } from '../http/server.ts';
import { purgeExpiredCases } from '../retention/retention.service.ts';
import { notifyPendingSignals } from '../absence/absence.service.ts';
import { runOnce } from '../shared/job-claim.ts';
import type { AdapterFactory, StartedAdapter } from '../ports/adapter.ts';
import { AdjustableClock, systemClock, type Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';

export interface RunningService {
  port: number;
  core: Core;
  db: Database;
  http: HttpServer;
  /** Graceful stop: HTTP stops accepting, in-flight work finishes, adapters stop, database closes. */
  stop(): Promise<void>;
}

export interface StartOptions {
  adapters?: AdapterFactory[];
  /** Overrides the clock (tests). */
  clock?: Clock;
  /** Called when an adapter asks the process to stop (the console's `quit`). */
  requestShutdown?: () => void;
}

export async function startService(config: Config, log: Logger, opts: StartOptions = {}): Promise<RunningService> {
  const started = Date.now();
  installZoneOffsetCache();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.database.poolSize, txMaxWaitMs: config.database.txMaxWaitMs, txTimeoutMs: config.database.txTimeoutMs });
  let http: HttpServer | undefined;
  const adapters: StartedAdapter[] = [];
  try {
    const migrations = await readMigrations();
    if (config.databaseMigrationUrl && config.databaseUrl) {
      // Two roles: the owner migrates and grants; this process then works as the service role.
      const result = await migrateAsOwner(config.databaseMigrationUrl, config.databaseUrl, migrations);
      log.info({ applied: result.applied, db: db.kind, owner: result.owner, service: result.service }, result.applied.length ? 'migrations applied by the owner role' : 'database schema up to date');
    } else {
      const result = await db.withConnection((c) => applyMigrations(c, migrations));
      log.info({ applied: result.applied, db: db.kind }, result.applied.length ? 'migrations applied' : 'database schema up to date');
      if (db.kind === 'postgres') {
        log.warn('One database URL only: the service role runs migrations and owns the tables, so the audit trail is protected by triggers only — the role could disable them. Set DATABASE_MIGRATION_URL to an owner role (README, "Database roles").');
      } else {
        log.info('Embedded database: one role (local mode); the audit trail is protected by triggers. Use PostgreSQL with DATABASE_MIGRATION_URL for a deployment.');
      }
    }

    let clock: Clock = opts.clock ?? systemClock;
    let devClock: DevClockStore | undefined;
    if (config.devClock && !opts.clock) {
      devClock = new DevClockStore(db.prisma, new AdjustableClock());
      await devClock.refresh();
      clock = devClock.clock;
    }
    const core = await createCore({ config, log, db, clock, devClock });

    let shuttingDown = false;
    http = new HttpServer(log);
    registerHealth(http, db, config.instanceId, () => shuttingDown);
    registerScim(http, core.deps, config.scim);
    // The Teams manifest's privacyUrl and termsOfUseUrl; a bad file stops the start, naming the variable.
    registerLegalPages(http, await loadLegalPages(config.legalFile));
    // A moved clock makes nudges fall due at once: sweep right away rather than at the next tick.
    if (devClock) registerDevClock(http, devClock, async () => { await core.reminders.sweepOnce(); });

    for (const factory of opts.adapters ?? []) {
      const a = await factory({ config, log, http, core, requestShutdown: opts.requestShutdown ?? (() => {}) });
      if (a) adapters.push(a);
    }
    const port = await http.listen(config.port, config.host);
    core.reminders.start();
    // Retention runs once an hour across all instances (the first to claim the hour runs it; a
    // claim whose instance died is taken over after 30 minutes).
    const purge = () => {
      const now = core.clock.now();
      void runOnce(db.prisma, 'retention.purge', now.toISOString().slice(0, 13), config.instanceId, now, 30 * 60_000, async () => {
        const codes = await purgeExpiredCases(core.deps);
        if (codes.length) log.info({ count: codes.length }, 'closed cases purged');
        // Signals that found nobody to notify at import are tried again.
        await notifyPendingSignals(core.deps);
      }).catch((e) => log.warn({ err: e }, 'retention run failed'));
    };
    const purgeTimer = setInterval(purge, 3_600_000);
    purgeTimer.unref();
    setTimeout(purge, 5_000).unref();
    log.info({ port, host: config.host, db: db.kind, ms: Date.now() - started, adapters: adapters.map((a) => a.name) }, 'Stafett is up');

    const server = http;
    let stopping: Promise<void> | undefined;
    return {
      port,
      core,
      db,
      http: server,
      stop: () => {
        stopping ??= (async () => {
          shuttingDown = true;
          clearInterval(purgeTimer);
          await server.close(config.shutdownTimeoutMs);
          await core.reminders.stop().catch((e) => log.warn({ err: e }, 'reminders stop failed'));
          for (const a of adapters.reverse()) await a.stop().catch((e) => log.warn({ err: e, adapter: a.name }, 'adapter stop failed'));
          await db.close();
          log.info('Stafett stopped');
        })();
        return stopping;
      },
    };
  } catch (e) {
    for (const a of adapters) await a.stop().catch(() => {});
    await http?.close(1000).catch(() => {});
    await db.close().catch(() => {});
    throw e;
  }
}
