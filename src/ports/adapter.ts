/** What a chat adapter (Slack, Teams, console) gets from the service and gives back. */
import type { Config } from '../app/config.ts';
import type { HttpServer } from '../http/server.ts';
import type { Logger } from '../shared/logger.ts';
import type { Core } from '../app/core.ts';

export interface AdapterContext {
  config: Config;
  log: Logger;
  http: HttpServer;
  core: Core;
  /** Asks the process to shut down gracefully (the console's `quit`). */
  requestShutdown: () => void;
}

export interface StartedAdapter {
  name: string;
  /** Called during graceful shutdown, after HTTP stops accepting requests. */
  stop(): Promise<void>;
}

export type AdapterFactory = (ctx: AdapterContext) => Promise<StartedAdapter | null>;
