/** Dependencies every application service receives as its first argument. */
import type { Prisma as PrismaNs } from '../generated/prisma/client.ts';
import type { Prisma } from '../infra/db/database.ts';
import type { PlaybookRegistry } from '../playbooks/index.ts';
import type { Clock } from './clock.ts';
import type { FieldCipher } from './crypto.ts';
import type { Logger } from './logger.ts';

export type Tx = PrismaNs.TransactionClient;

export interface ServiceDeps {
  prisma: Prisma;
  clock: Clock;
  cipher: FieldCipher;
  playbooks: PlaybookRegistry;
  log: Logger;
  /** Called after a case changed (inside its transaction) to re-plan its nudges. */
  onCaseChanged?: (tx: Tx, caseId: string) => Promise<void>;
  /** Sends an immediate, personal notice (hand-over request, consent withdrawn, …). */
  notifyPerson?: (personId: string, text: (lang: 'sv' | 'nb' | 'en') => string, opts?: { caseId?: string; kind: string }) => Promise<void>;
}
