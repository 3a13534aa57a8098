/** A whole Stafett instance with the Slack adapter, configured from the environment; prints its port. */
import { writeSync } from 'node:fs';
import { slackAdapter } from '../../../adapters/slack/slack-app.ts';
import { loadConfig } from '../../../src/app/config.ts';
import { startService } from '../../../src/app/service.ts';
import { createLogger } from '../../../src/shared/logger.ts';

const config = loadConfig(process.env);
const s = await startService(config, createLogger(config.logLevel), { adapters: [slackAdapter] });
// SIGTERM stops gracefully (an embedded database is closed cleanly); SIGKILL is the fault.
process.on('SIGTERM', () => {
  const t0 = Date.now();
  void s.stop().then(
    () => writeSync(1, `STOPPED in ${Date.now() - t0} ms\n`),
    (e: unknown) => writeSync(1, `STOP FAILED ${String(e)}\n`),
  ).finally(() => process.exit(0));
});
process.stdout.write(`PORT ${s.port}\n`);
