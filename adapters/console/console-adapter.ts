/**
 * The local console: a terminal chat surface for a newcomer. You type what a mentor would type
 * in Teams (`hjälp`, `ny`, `status KOD`, …) and see the bot's replies and nudges. It goes through
 * the same ChatService as Slack and Teams; forms become one prompt per field, buttons become
 * numbers to type.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ActorRef } from '../../src/ports/actor.ts';
import { stripMarkup, type Button, type FormSpec, type Reply } from '../../src/ports/reply.ts';
import type { AdapterContext, AdapterFactory } from '../../src/ports/adapter.ts';
import type { CoreChatPort } from '../../src/ports/chat-port.ts';
import { renderReplyText } from './render-text.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Console user (persona) to start as. */
  user?: string;
  /** Whether to print a banner and prompts (off for scripted tests). */
  interactive?: boolean;
  /** Where files the bot hands out (export, .ics, chart, CSV) are written; default `<data dir>/files`. */
  filesDir?: string;
}

/** A file name from the core made safe as one path segment. */
export function safeFileName(name: string): string {
  const base = path.basename(name).replace(/[^\p{L}\p{N}._-]/gu, '_').replace(/^\.+/, '_');
  return base.slice(0, 120) || 'fil';
}

/** A console session: usable interactively or driven line by line from tests. */
export class ConsoleSession {
  private user: string;
  private buttons: Button[] = [];
  /** Buttons of the latest reminder for this person, until the next reply with buttons. */
  private nudgeButtons: Button[] = [];
  private rl?: Interface;
  private closed = false;

  constructor(private readonly chat: CoreChatPort, private readonly opts: ConsoleOptions) {
    this.user = opts.user ?? 'maria';
  }

  get currentUser(): string {
    return this.user;
  }

  private ref(): ActorRef {
    return { platform: 'CONSOLE', userId: this.user, conversation: { id: `console:${this.user}`, kind: 'personal' } };
  }

  write(text: string): void {
    this.opts.output.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Prints a nudge delivered by the notifier. */
  notify(text: string): void {
    this.write(`\n🔔 ${text}`);
  }

  /**
   * Prints a reminder for the person at the console with its buttons as numbers to type; a
   * reminder for someone else is printed without buttons (only their own can be acted on).
   */
  notifyReply(reply: Reply, forUser?: string | null): void {
    const { text, buttons } = renderReplyText(reply);
    if (forUser && forUser !== this.user) {
      this.notify(`(${forUser}) ${text}`);
      return;
    }
    this.buttons = buttons;
    this.nudgeButtons = buttons;
    this.notify(text);
  }

  /** Handles one typed line; `ask` answers form prompts. */
  async handleLine(line: string, ask: (prompt: string) => Promise<string>): Promise<void> {
    const text = line.trim();
    if (!text) return;
    const persona = /^(som|as|sem)\s+([a-z0-9._-]+)$/i.exec(text);
    if (persona) {
      this.user = persona[2]!.toLowerCase();
      const who = await this.chat.whoAmI(this.ref());
      this.write(who);
      return;
    }
    if (/^\d{1,2}$/.test(text) && this.buttons.length) {
      const b = this.buttons[Number(text) - 1];
      if (!b) {
        this.write(`(1–${this.buttons.length})`);
        return;
      }
      await this.show(await this.chat.handleAction(this.ref(), b.action, b.value), ask);
      return;
    }
    await this.show(await this.chat.handleText(this.ref(), text), ask);
  }

  private async show(reply: Reply, ask: (prompt: string) => Promise<string>): Promise<void> {
    const saved = await this.saveFiles(reply);
    const { text, buttons } = renderReplyText(reply, saved);
    // A reminder that arrived while this command ran keeps its buttons when the reply has none.
    this.buttons = buttons.length ? buttons : this.nudgeButtons;
    this.nudgeButtons = [];
    if (text) this.write(text);
    // The console is the person's own screen: a private follow-up shows right after.
    if (reply.privateFollowUp) {
      const follow = renderReplyText(reply.privateFollowUp, await this.saveFiles(reply.privateFollowUp));
      if (follow.text) this.write(follow.text);
      if (!this.buttons.length) this.buttons = follow.buttons;
    }
    if (reply.form) await this.fillForm(reply.form, ask);
  }

  /** Writes the reply's files under `filesDir`; returns each file's path (or an error note). */
  private async saveFiles(reply: Reply): Promise<Map<string, string>> {
    const saved = new Map<string, string>();
    const files = reply.attachments ?? [];
    if (!files.length) return saved;
    const dir = this.opts.filesDir;
    if (!dir) return saved;
    try {
      await mkdir(dir, { recursive: true });
      for (const f of files) {
        const file = path.join(dir, safeFileName(f.fileName));
        await writeFile(file, f.encoding === 'base64' ? Buffer.from(f.content, 'base64') : f.content, { mode: 0o600 });
        saved.set(f.fileName, file);
      }
    } catch (e) {
      this.write(`(${(e as Error).message})`);
    }
    return saved;
  }

  private async fillForm(form: FormSpec, ask: (prompt: string) => Promise<string>): Promise<void> {
    const texts = await this.chat.formTexts(this.ref());
    this.write(`── ${form.title} ──`);
    if (form.intro) this.write(form.intro);
    this.write(stripMarkup(texts.cancelHint));
    const values: Record<string, string> = {};
    const cancelled = (answer: string) => /^(avbryt|cancel)$/i.test(answer.trim());
    const labelOf = (f: FormSpec['fields'][number], value: string) =>
      value.split(',').map((v) => f.options?.find((o) => o.value === v.trim())?.label ?? v).join(', ');
    /** Asks for one field until the value is acceptable; false when the person cancels. */
    const promptField = async (name: string): Promise<boolean> => {
      const f = form.fields.find((x) => x.name === name)!;
      if (f.options?.length) f.options.forEach((o, i) => this.write(`   ${i + 1}. ${o.label}`));
      // Defaults are shown by their labels, never by their keys.
      const def = f.initial ? ` [${f.options?.length ? labelOf(f, f.initial) : f.initial}]` : '';
      const optional = f.required || /\((valfri|valfritt|valgfri|valgfritt|optional)\)/i.test(f.label) ? '' : ` (${texts.optional})`;
      const hint = f.hint ? ` (${f.hint})` : optional;
      for (let attempt = 0; attempt < 5; attempt++) {
        let answer = (await ask(`${f.label}${hint}${def}: `)).trim();
        if (cancelled(answer)) return false;
        if (!answer && f.initial) answer = f.initial;
        if (f.options?.length && answer) {
          const picks = answer.split(',').map((a) => a.trim()).filter(Boolean).map((a) => {
            if (/^\d+$/.test(a)) return f.options![Number(a) - 1]?.value ?? a;
            return f.options!.find((o) => o.value === a || o.label.toLowerCase() === a.toLowerCase())?.value ?? a;
          });
          answer = picks.join(',');
        }
        const problem = await this.chat.checkFormField(this.ref(), f, answer);
        if (!problem) {
          values[name] = answer;
          return true;
        }
        this.write(`⚠ ${problem}`);
      }
      return false;
    };
    for (const f of form.fields) {
      if (!(await promptField(f.name))) {
        this.write(texts.cancelled);
        return;
      }
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await this.chat.submitForm(this.ref(), form.id, form.context, values);
      if (result.ok) {
        await this.show(result.reply, ask);
        return;
      }
      for (const [name, message] of Object.entries(result.errors)) {
        this.write(`⚠ ${message}`);
        if (form.fields.some((f) => f.name === name) && !(await promptField(name))) {
          this.write(texts.cancelled);
          return;
        }
      }
      if (!Object.keys(result.errors).some((n) => form.fields.some((f) => f.name === n))) {
        this.write(texts.gaveUp);
        return;
      }
    }
    this.write(texts.gaveUp);
  }

  /** Runs the interactive loop until end of input or `quit`. Lines are buffered, so pasted input is never lost. */
  async run(onQuit: () => void): Promise<void> {
    this.rl = createInterface({ input: this.opts.input, output: this.opts.output, terminal: Boolean((this.opts.input as { isTTY?: boolean }).isTTY) });
    const lines = this.rl[Symbol.asyncIterator]();
    const next = async (prompt: string): Promise<string | null> => {
      this.opts.output.write(prompt);
      const r = await lines.next();
      return r.done ? null : String(r.value);
    };
    const ask = async (prompt: string) => (await next(prompt)) ?? '';
    if (this.opts.interactive !== false) this.write(await this.chat.consoleBanner(this.ref()));
    while (!this.closed) {
      const line = await next(`${this.user}> `);
      if (line === null || /^(quit|exit|sluta|avslutt)$/i.test(line.trim())) break;
      try {
        await this.handleLine(line, ask);
      } catch (e) {
        this.write(`(${(e as Error).message})`);
      }
    }
    if (!this.closed) {
      this.closed = true;
      this.rl.close();
      onQuit();
    }
  }

  close(): void {
    this.closed = true;
    this.rl?.close();
  }
}

/** Starts the console when configured (`STAFETT_CONSOLE`, default on in local mode with a TTY). */
export const consoleAdapter: AdapterFactory = async (ctx: AdapterContext) => {
  if (!ctx.config.console) return null;
  const filesDir = ctx.config.dataDir.startsWith('memory://') ? path.join(tmpdir(), `stafett-files-${process.pid}`) : path.join(ctx.config.dataDir, 'files');
  const session = new ConsoleSession(ctx.core.chat, { input: process.stdin, output: process.stdout, filesDir });
  ctx.core.notifier.register('CONSOLE', {
    deliver: async (target, message) => {
      session.notifyReply(message.reply, target.person?.consoleUser ?? null);
      return { ok: true };
    },
  });
  // Start after the HTTP server is listening so the banner comes last.
  setImmediate(() => void session.run(ctx.requestShutdown));
  return { name: 'console', stop: async () => session.close() };
};
