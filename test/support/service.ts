/** Starts a whole Stafett service in-process for black-box tests. */
import { loadConfig, type Config } from '../../src/app/config.ts';
import { startService, type RunningService } from '../../src/app/service.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { AdapterFactory } from '../../src/ports/adapter.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { createServerDatabase, serverUrl } from './db.ts';
import { generateKeySpec } from '../../src/shared/crypto.ts';

/**
 * One key for every test service of a test file, as a deployment gives every instance on one
 * database the same key (the start-up key check refuses another). `STAFETT_ENCRYPTION_KEY: ''`
 * in `env` starts one with a key of its own.
 */
const TEST_KEY = generateKeySpec('test');

export interface TestService extends RunningService {
  url: string;
  config: Config;
  close(): Promise<void>;
}

/** Starts the service on a free port with a fresh database of the suite's kind. */
export async function startTestService(opts: { env?: Record<string, string>; adapters?: AdapterFactory[]; clock?: Clock } = {}): Promise<TestService> {
  let drop = async () => {};
  let url = '';
  if (serverUrl) {
    const db = await createServerDatabase();
    url = db.url;
    drop = db.drop;
  }
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', STAFETT_DATA_DIR: 'memory://', DATABASE_URL: url, STAFETT_CONSOLE: '0', LOG_LEVEL: 'silent',
    STAFETT_DISPATCH_INTERVAL_MS: '60000', STAFETT_ENCRYPTION_KEY: TEST_KEY, ...opts.env,
  });
  const service = await startService(config, createLogger(config.logLevel), { adapters: opts.adapters ?? [], clock: opts.clock });
  return {
    ...service,
    config,
    url: `http://127.0.0.1:${service.port}`,
    close: async () => {
      await service.stop();
      await drop();
    },
  };
}
