/**
 * Starts an in-process Stafett service with the Teams adapter in local mode on its own test
 * database, plus helpers to post activities to `/api/messages` and fill Adaptive Card forms.
 */
import { teamsAdapter } from '../../adapters/teams/teams-adapter.ts';
import { loadConfig } from '../../src/app/config.ts';
import { startService, type RunningService } from '../../src/app/service.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../src/shared/logger.ts';
import { createServerDatabase, serverUrl } from './db.ts';
import { cardInputs } from './teams-activities.ts';
import { afterAll, beforeAll } from 'vitest';
import { startFakeTeamsConnector, type FakeTeamsConnector } from './fake-teams-connector.ts';

/** The Teams tests' organisation: tenant TENANT_ID and the teamsUser() ids of the tests. */
export const TEAMS_ORG_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'adapters', 'teams', 'fixtures', 'org.yaml');

export interface TeamsTestService {
  service: RunningService;
  base: string;
  post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * For a describe block: starts a fake Bot Connector and the service on the Teams fixture
 * organisation before its tests, hands both to `bind`, and closes them afterwards.
 */
export function useTeamsService(bind: (svc: TeamsTestService, connector: FakeTeamsConnector) => void): void {
  let svc: TeamsTestService | undefined;
  let connector: FakeTeamsConnector | undefined;
  beforeAll(async () => {
    connector = await startFakeTeamsConnector();
    svc = await startTeamsTestService({ STAFETT_ORG_FILE: TEAMS_ORG_FILE });
    bind(svc, connector);
  });
  afterAll(async () => {
    await svc?.close();
    await connector?.close();
  });
}

/** Service + Teams adapter in local mode, on a fresh database of the suite's kind. */
export async function startTeamsTestService(env: Record<string, string> = {}): Promise<TeamsTestService> {
  // The service opens and migrates its own database: a new one on the server, or in-memory PGlite.
  const server = serverUrl ? await createServerDatabase() : undefined;
  const config = loadConfig({ PORT: '0', STAFETT_DATA_DIR: 'memory://', DATABASE_URL: server?.url ?? '', STAFETT_CONSOLE: '0', NODE_ENV: 'test', ...env });
  // loadConfig resolves STAFETT_DATA_DIR to an absolute path, which turns `memory://` into a
  // real directory (and a data-dir lock shared by parallel test files); keep it in memory.
  if ((env.STAFETT_DATA_DIR ?? 'memory://') === 'memory://') config.dataDir = 'memory://';
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const service = await startService(config, log, { adapters: [teamsAdapter] });
  const base = `http://127.0.0.1:${service.port}`;
  return {
    service,
    base,
    async post(activity) {
      const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* plain text body */
      }
      return { status: res.status, body };
    },
    async close() {
      await service.stop();
      await server?.drop();
    },
  };
}

/**
 * Input values a person would enter: keeps pre-filled values, picks the first choice of a
 * required list, and uses `overrides` (by field name without the `f:` prefix) where given.
 */
export function fillCard(card: unknown, overrides: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of cardInputs(card)) {
    const id = String(input.id);
    const name = id.replace(/^f:/, '');
    if (name in overrides) {
      values[id] = overrides[name]!;
      continue;
    }
    if (input.value !== undefined && input.value !== '') {
      values[id] = String(input.value);
      continue;
    }
    if (!input.isRequired) continue;
    switch (input.type) {
      case 'Input.ChoiceSet':
        values[id] = String((input.choices as Array<{ value: string }>)[0]?.value ?? '');
        break;
      case 'Input.Date':
        values[id] = '2026-12-15';
        break;
      case 'Input.Time':
        values[id] = '10:00';
        break;
      case 'Input.Number':
        values[id] = '1';
        break;
      default:
        values[id] = 'Test';
    }
  }
  return values;
}
