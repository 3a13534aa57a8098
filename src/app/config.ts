/**
 * One typed configuration, parsed from the environment once. A bad setting stops the process
 * at start with a message naming the variable and what is expected.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod/v4';

/** The privacy notice and terms shipped with Stafett; a municipality points STAFETT_LEGAL_FILE at its own. */
export const DEFAULT_LEGAL_FILE = fileURLToPath(new URL('../../legal/legal-pages.yaml', import.meta.url));

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_MIGRATION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_TX_MAX_WAIT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  DATABASE_TX_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(15_000),
  STAFETT_DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STAFETT_CONSOLE: bool.optional(),
  STAFETT_ORG_FILE: z.string().min(1).optional(),
  STAFETT_LEGAL_FILE: z.string().min(1).optional(),
  STAFETT_ENCRYPTION_KEY: z.string().optional(),
  STAFETT_DEV_CLOCK: bool.optional(),
  STAFETT_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  STAFETT_INSTANCE_ID: z.string().min(1).optional(),
  STAFETT_INBOX_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  STAFETT_INBOX_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  STAFETT_TRUST_PROXY: bool.optional(),
  STAFETT_SCIM_REQUIRE_TLS: bool.optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must start with xoxb-').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must start with xapp-').optional(),
  SLACK_API_URL: z.url().optional(),
  MicrosoftAppId: z.string().min(1).optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  MicrosoftAppTenantId: z.string().min(1).optional(),
  MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  port: number;
  host: string;
  /** Set when running on a PostgreSQL server; absent means embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** The owner role that runs migrations; then `databaseUrl`'s role cannot rewrite the audit trail. */
  databaseMigrationUrl?: string;
  dataDir: string;
  /**
   * PostgreSQL connections of this instance; a request waits up to `txMaxWaitMs` for one (queues)
   * and a transaction may run `txTimeoutMs`.
   */
  database: { poolSize: number; txMaxWaitMs: number; txTimeoutMs: number };
  logLevel: Env['LOG_LEVEL'];
  /** Whether the interactive terminal console starts; defaults to on in local mode with a TTY. */
  console: boolean;
  orgFile?: string;
  /** The privacy notice and terms of use served at /privacy and /terms (YAML). */
  legalFile: string;
  encryptionKey?: string;
  devClock: boolean;
  dispatchIntervalMs: number;
  instanceId: string;
  /**
   * The durable inbox (src/inbox): a dead instance's unfinished requests are claimable once their
   * lease (`leaseMs`, renewed while working) has passed; every instance looks every `sweepMs`.
   */
  inbox: { leaseMs: number; sweepMs: number };
  shutdownTimeoutMs: number;
  slack?: { signingSecret: string; botToken: string; appToken?: string; apiUrl?: string };
  teams: { appId?: string; appPassword?: string; tenantId?: string; appType?: string };
  /** SCIM (`/scim/v2`): HTTPS required (always in production); trust X-Forwarded-Proto from a proxy. */
  scim: { requireTls: boolean; trustProxy: boolean };
  /** No Slack and no Teams credentials: the newcomer's local mode. */
  localMode: boolean;
}

/** True for hosts only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Thrown for a bad setting; main prints the message and exits with status 78 (configuration). */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';
}

/** Parses and cross-checks the environment. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const slackSet = [e.SLACK_SIGNING_SECRET, e.SLACK_BOT_TOKEN].filter(Boolean).length;
  if (slackSet === 1) {
    throw new ConfigError('Invalid configuration:\n  SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN must be set together.');
  }
  const teamsSet = [e.MicrosoftAppId, e.MicrosoftAppPassword].filter(Boolean).length;
  if (teamsSet === 1) {
    throw new ConfigError('Invalid configuration:\n  MicrosoftAppId and MicrosoftAppPassword must be set together.');
  }
  if (production && e.STAFETT_DEV_CLOCK) {
    throw new ConfigError('Invalid configuration:\n  STAFETT_DEV_CLOCK cannot be enabled when NODE_ENV=production.');
  }
  if (e.STAFETT_DEV_CLOCK && !isLoopbackHost(e.HOST)) {
    throw new ConfigError(`Invalid configuration:\n  STAFETT_DEV_CLOCK=1 needs HOST on loopback (127.0.0.1, ::1, localhost); got HOST=${e.HOST}. Anyone reaching the port could move the shared clock.`);
  }
  if (production && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL is required when NODE_ENV=production (embedded PGlite is for local use).');
  }
  if (e.DATABASE_MIGRATION_URL && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_MIGRATION_URL needs DATABASE_URL (the service role) as well.');
  }
  if (production && !e.STAFETT_ENCRYPTION_KEY) {
    throw new ConfigError('Invalid configuration:\n  STAFETT_ENCRYPTION_KEY is required when NODE_ENV=production.');
  }
  const localMode = slackSet === 0 && teamsSet === 0;
  // The development clock moves "now" for everyone (consents expire, nudges fall due, retention
  // purges run): only in local mode or when asked for explicitly, and only on a loopback HOST.
  const devClock = !production && isLoopbackHost(e.HOST) && (e.STAFETT_DEV_CLOCK ?? localMode);
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    dataDir: e.STAFETT_DATA_DIR.startsWith('memory://') ? e.STAFETT_DATA_DIR : path.resolve(e.STAFETT_DATA_DIR),
    database: { poolSize: e.DATABASE_POOL_SIZE, txMaxWaitMs: e.DATABASE_TX_MAX_WAIT_MS, txTimeoutMs: e.DATABASE_TX_TIMEOUT_MS },
    logLevel: e.LOG_LEVEL,
    console: e.STAFETT_CONSOLE ?? (localMode && !production && Boolean(process.stdin.isTTY)),
    orgFile: e.STAFETT_ORG_FILE,
    legalFile: path.resolve(e.STAFETT_LEGAL_FILE ?? DEFAULT_LEGAL_FILE),
    encryptionKey: e.STAFETT_ENCRYPTION_KEY || undefined,
    devClock,
    dispatchIntervalMs: e.STAFETT_DISPATCH_INTERVAL_MS,
    instanceId: e.STAFETT_INSTANCE_ID ?? `${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    inbox: { leaseMs: e.STAFETT_INBOX_LEASE_MS, sweepMs: e.STAFETT_INBOX_SWEEP_MS },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    slack:
      e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
        ? { signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
        : undefined,
    teams: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, tenantId: e.MicrosoftAppTenantId, appType: e.MicrosoftAppType },
    scim: { requireTls: production || (e.STAFETT_SCIM_REQUIRE_TLS ?? false), trustProxy: e.STAFETT_TRUST_PROXY ?? false },
    localMode,
  };
}
