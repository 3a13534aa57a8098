/** What a chat adapter (Slack, Teams, console) gets from the service and gives back. */
import type { Config } from '../app/config.ts';
import type { HttpServer } from '../http/server.ts';
import type { Logger } from '../shared/logger.ts';
import type { CoreChatPort } from './chat-port.ts';
import type { ConversationRefStore } from './conversation-refs.ts';
import type { DeliveryRecordStore } from './delivery-records.ts';
import type { InboxStore } from './inbox.ts';
import type { NotifierRegistry } from './notifier.ts';

/** The parts of the core an adapter may use: the chat port in, notifiers out, its stores. */
export interface AdapterCore {
  chat: CoreChatPort;
  notifier: NotifierRegistry;
  /** Where the bot may post later (Teams proactive messages). */
  conversations: ConversationRefStore;
  /** The durable inbox: requests stored before their ack, recovered after a restart. */
  inbox: InboxStore;
  /** What platforms acknowledged for delivered messages (Teams `wasDelivered`). */
  deliveries: DeliveryRecordStore;
}

export interface AdapterContext {
  config: Config;
  log: Logger;
  http: HttpServer;
  core: AdapterCore;
  /** Asks the process to shut down gracefully (the console's `quit`). */
  requestShutdown: () => void;
}

export interface StartedAdapter {
  name: string;
  /** Called during graceful shutdown, after HTTP stops accepting requests. */
  stop(): Promise<void>;
}

export type AdapterFactory = (ctx: AdapterContext) => Promise<StartedAdapter | null>;
