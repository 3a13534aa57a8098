/** Dependencies every application service receives as its first argument. */
import type { Prisma as PrismaNs } from '../generated/prisma/client.ts';
import type { Prisma } from '../infra/db/database.ts';
import type { PlaybookRegistry } from '../playbooks/index.ts';
import type { Clock } from './clock.ts';
import type { FieldCipher } from './crypto.ts';
import type { Logger } from './logger.ts';
import type { Notice, NoticeParams } from '../notices/notice.ts';

export type Tx = PrismaNs.TransactionClient;

export interface ServiceDeps {
  prisma: Prisma;
  clock: Clock;
  cipher: FieldCipher;
  playbooks: PlaybookRegistry;
  log: Logger;
  /** Called after a case changed (inside its transaction) to re-plan its nudges. */
  onCaseChanged?: (tx: Tx, caseId: string) => Promise<void>;
  /**
   * The one way to send a person a message that is not the reply to their request (hand-over
   * request, consent withdrawn, absence signal …): writes an outbox row in `tx`, the transaction
   * of the change that causes it; the dispatcher delivers it. Declare the kind with
   * `defineNotice` next to the feature's texts.
   */
  notifyPerson: <P extends NoticeParams>(tx: Tx, personId: string, notice: Notice<P>, params: P, opts?: NotifyOptions) => Promise<void>;
}

/** Options of `notifyPerson` (the notice outbox). */
export interface NotifyOptions {
  caseId?: string;
  /**
   * Makes the write idempotent across retries of the causing job (e.g. `signal:<id>:<person>`):
   * a second write with the same key is a no-op. Defaults to a fresh key.
   */
  key?: string;
}
