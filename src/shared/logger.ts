/** Structured logging (pino). Secrets are redacted by path wherever they could appear. */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

const REDACT = [
  '*.password', '*.token', '*.secret', '*.authorization', '*.Authorization', 'headers.authorization',
  'headers["x-slack-signature"]', 'config.slack.signingSecret', 'config.slack.botToken', 'config.slack.appToken',
  'config.teams.appPassword', 'config.encryptionKey', 'config.databaseUrl',
];

/** Creates the process logger; `destination` lets the console mode keep stdout for the chat. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { svc: 'stafett' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
