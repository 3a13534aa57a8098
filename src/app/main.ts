/**
 * The process (`npm start`, via src/main.ts). With service.ts, core.ts and config.ts it is the
 * composition root: src/app/ is the only part of src/ that knows the adapters exist
 * (.dependency-cruiser.cjs, rule adapters-only-from-composition-root).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { defaultAdapters } from '../../adapters/index.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startService } from './service.ts';
import { createLogger } from '../shared/logger.ts';

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(78);
  }
  throw e;
}

// With the interactive console on, stdout belongs to the chat; logs go to a file beside the data.
let destination;
if (config.console) {
  mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'stafett.log');
  destination = createWriteStream(file, { flags: 'a' });
  console.log(`Stafett: logs are written to ${file}`);
}
const log = createLogger(config.logLevel, destination);

if (config.localMode) {
  log.warn('LOCAL MODE: no Slack or Teams credentials are configured; requests are not authenticated. Do not expose this port.');
}

try {
  let shutdown: (signal: string) => void = () => process.exit(0);
  const service = await startService(config, log, { adapters: defaultAdapters, requestShutdown: () => shutdown('console') });
  let signalled = false;
  shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    log.info({ signal }, 'shutting down');
    const hardStop = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5000);
    hardStop.unref();
    service.stop().then(
      () => process.exit(0),
      (e) => {
        log.error({ err: e }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (e) {
  const err = e as Error & { code?: string };
  log.fatal({ err }, 'failed to start');
  console.error(`Stafett could not start: ${err.message}`);
  process.exit(1);
}
