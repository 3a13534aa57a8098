/**
 * What every chat adapter calls: one entry point per kind of user input. Implemented by
 * ChatService (src/chat/chat.service.ts); adapters never call domain services directly.
 */
import type { ActorRef } from './actor.ts';
import type { FormResult, Reply } from './reply.ts';

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
  /** A file sent to the bot (an attendance export); answers with counts only. */
  importFile?(ref: ActorRef, file: { fileName: string; content: Buffer | NodeJS.ReadableStream | AsyncIterable<Uint8Array> }): Promise<Reply>;
}
