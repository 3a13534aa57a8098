/** A whole Stafett instance with the Slack adapter, configured from the environment; prints its port. */
import { slackAdapter } from '../../../adapters/slack/slack-app.ts';
import { loadConfig } from '../../../src/app/config.ts';
import { startService } from '../../../src/app/service.ts';
import { createLogger } from '../../../src/shared/logger.ts';

const config = loadConfig(process.env);
const s = await startService(config, createLogger(config.logLevel), { adapters: [slackAdapter] });
process.stdout.write(`PORT ${s.port}\n`);
