/** Dependencies every application service receives as its first argument. */
import type { Prisma as PrismaNs } from '../generated/prisma/client.ts';
import type { Prisma } from '../infra/db/database.ts';
import type { PlaybookRegistry } from '../playbooks/index.ts';
import type { Clock } from './clock.ts';
import type { FieldCipher } from './crypto.ts';
import type { Logger } from './logger.ts';
import type { WorkingHoursConfig } from './calendar.ts';
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
   * What the reminders module adds to a case being opened, as rows its one opening statement
   * inserts — the deadlines it keeps itself (an absence case's same-day guardian task) and the
   * first nudges — so no re-plan runs after it: the case is new, nothing stored to reconcile
   * with. The nudges' `payload.caseCode` is filled in by the statement, which draws the code.
   * Absent: no nudges (unit tests without reminders).
   */
  planNewCase?: (c: NewCaseFacts) => { deadlines: NewCaseDeadline[]; nudges: Record<string, unknown>[] };
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

/** What the reminders planner needs about a case that is being opened (`planNewCase`). */
export interface NewCaseFacts {
  now: Date;
  calendar: WorkingHoursConfig;
  /** The organisation's stored settings (its nudge settings among them). */
  settings: unknown;
  kase: { id: string; orgId: string; origin: 'REFERRAL' | 'ABSENCE_SIGNAL'; playbookKey: string; playbookVersion: number; batonHolderId: string; lastActivityAt: Date };
  members: { personId: string; role: string }[];
  deadlines: NewCaseDeadline[];
  /** Team leads for the case's school unit and the organisation-wide ones, each once. */
  teamLeadIds: string[];
}

/** A deadline row of a case being opened (every column the opening statement writes). */
export interface NewCaseDeadline {
  id: string;
  caseId: string;
  ruleKey: string;
  subjectType: string | null;
  subjectId: string | null;
  dueAt: Date;
  earliestAt: Date | null;
  ownerId: string | null;
  ownerRole: string | null;
  createdAt: Date;
}
