/**
 * The durable-inbox port: an adapter stores each request that may change data before it acks,
 * marks it done once answered, and hands the core a recovery for the requests a dead instance
 * left unfinished. Implemented in src/inbox/inbox.ts; the composition root hands it to the
 * adapters (AdapterContext.core.inbox).
 */

/** An unfinished request claimed for recovery. */
export interface ClaimedEntry {
  id: string;
  requestKey: string;
  kind: string;
  /** The stored request; undefined when it cannot be decrypted (a key removed meanwhile). */
  payload?: Record<string, unknown>;
  /** Claims so far, this one included (1 = received and never recovered). */
  attempts: number;
  receivedAt: Date;
}

/** What recovery did with an entry: finished it, or told the person to try again. */
export type RecoveryOutcome = 'recovered' | 'restarted';

export type RecoveryHandler = (entry: ClaimedEntry) => Promise<RecoveryOutcome>;

export interface InboxStore {
  /**
   * Stores a request before its ack; returns the entry id, or undefined when an entry with this
   * key exists already (a platform retry: the first delivery's entry covers it).
   */
  receive(requestKey: string, kind: string, payload: Record<string, unknown>): Promise<string | undefined>;
  /** Marks an entry answered and empties its payload. Never throws. */
  done(id: string | undefined, outcome?: 'done' | RecoveryOutcome): Promise<void>;
  /** Whether a write of the request committed (its request key was claimed). */
  wasBegun(requestKey: string): Promise<boolean>;
  /** Recovers unfinished entries now and periodically (each entry once across instances). */
  start(handler: RecoveryHandler): void;
  stop(): Promise<void>;
}
