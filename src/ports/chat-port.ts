/**
 * What every chat adapter calls: one entry point per kind of user input. Implemented by
 * ChatService (src/chat/chat.service.ts); adapters never call domain services directly.
 */
import type { ActorRef } from './actor.ts';
import type { FormField, FormResult, Reply, ReplyFile } from './reply.ts';

/** A file kept for one person until they take it (Teams file consent). */
export interface FileOffer {
  id: string;
  fileName: string;
  sizeBytes: number;
}

export interface RequestOptions {
  /**
   * Idempotency key of the inbound request (e.g. Slack `slack:<team>:<trigger_id>` or a Teams
   * activity id). A retried request with the same key never creates a second record.
   */
  requestKey?: string;
  /**
   * The platform's profile of another user of the requester's workspace (Slack `users.info`, the
   * Teams roster), for a colleague picked in a form or mentioned who never used Stafett: the core
   * decides whether that e-mail links them to a person of the organisation.
   */
  lookupUser?: (platformUserId: string) => Promise<{ email?: string; displayName?: string } | undefined>;
  /**
   * Teams: the users a typed name or an `<at>` mention stands for (the message's mention entity
   * first, then the conversation's roster), with their profile e-mail — for a colleague named who
   * never used Stafett. The core links one only when exactly one matches, inside a mapped tenant.
   */
  findUsers?: (nameOrEmail: string) => Promise<{ platformUserId: string; email?: string; displayName?: string }[]>;
}

export interface ChatPort {
  /** A typed command (`ny`, `status ST-26-0001`, …). */
  handleText(ref: ActorRef, text: string, opts?: RequestOptions): Promise<Reply>;
  /**
   * A submitted form (Slack modal, Adaptive Card, console prompts). An ok result's reply may
   * itself carry a `form`: a multi-step form (e.g. choose playbook → case details). Show that
   * next form in place of the submitted one (Slack: `response_action: 'update'`; Teams: return
   * the next form card).
   */
  submitForm(ref: ActorRef, formId: string, context: Record<string, string>, values: Record<string, string>, opts?: RequestOptions): Promise<FormResult>;
  /** A clicked button (`Button.action`, `Button.value`). */
  handleAction(ref: ActorRef, action: string, value: string, opts?: RequestOptions): Promise<Reply>;
  /** The home view: my cases, this week's meetings and deadlines, overdue items (Slack App Home). */
  home(ref: ActorRef): Promise<Reply>;
  /**
   * Starts reading who is asking (still active, their organisation) while the adapter stores the
   * request before its ack, so the two database round trips overlap. The next request call with
   * this same `ref` object (and, for a form, its `formId`) uses that read; nothing else does.
   */
  prefetch?(ref: ActorRef, opts?: { formId?: string }): void;
  /** A file sent to the bot (an attendance export); answers with counts only. */
  importFile?(ref: ActorRef, file: { fileName: string; content: Buffer | NodeJS.ReadableStream | AsyncIterable<Uint8Array> }): Promise<Reply>;
  /** Keeps a reply's files for the person, for a platform that sends them only once accepted. */
  offerFiles?(ref: ActorRef, files: ReplyFile[]): Promise<FileOffer[]>;
  /** Gives an offered file to `send` if it is this person's and still there; deletes it once sent. */
  deliverOfferedFile?(ref: ActorRef, offerId: string, send: (file: ReplyFile) => Promise<void>): Promise<'delivered' | 'gone'>;
  /** Drops a declined offer; returns its file name when it was this person's. */
  declineOfferedFile?(ref: ActorRef, offerId: string): Promise<string | undefined>;
}

/**
 * The chat port as the core implements it (ChatService): every optional entry point, plus what
 * the Teams adapter and the field-by-field console need.
 */
export interface CoreChatPort extends Required<ChatPort> {
  /**
   * Who the sender is, decided by the core (null: their requests will be refused). For adapters
   * that keep per-person platform state, such as Teams conversation references.
   */
  identify(ref: ActorRef): Promise<{ personId: string; orgId: string } | null>;
  /** Texts around a form, in the person's language. */
  formTexts(ref: ActorRef): Promise<{ optional: string; cancelled: string; gaveUp: string; cancelHint: string }>;
  /** Checks one value as it is typed: a localized problem, or null. */
  checkFormField(ref: ActorRef, field: FormField, value: string): Promise<string | null>;
  /** Persona switch: who am I now? */
  whoAmI(ref: ActorRef): Promise<string>;
  /** The console's first lines. */
  consoleBanner(ref: ActorRef): Promise<string>;
}
