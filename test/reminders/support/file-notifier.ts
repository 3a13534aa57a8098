/** A platform double backed by a file: one line per message that reached "the platform". */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { DeliveryResult, DeliveryTarget, OutboundMessage, PlatformNotifier } from '../../../src/ports/notifier.ts';
import type { DeliveryLookup } from '../../../src/reminders/dispatcher.ts';

export function readDeliveryFile(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

export class FileNotifier implements PlatformNotifier, DeliveryLookup {
  /** After the platform has taken message number `hangAfter`, the call never returns (the process is killed then). */
  constructor(private readonly file: string, private readonly hangAfter?: number) {}

  async deliver(_target: DeliveryTarget, message: OutboundMessage): Promise<DeliveryResult> {
    appendFileSync(this.file, `${message.idempotencyKey}\n`);
    if (this.hangAfter !== undefined && readDeliveryFile(this.file).length >= this.hangAfter) await new Promise(() => {});
    await new Promise((r) => setTimeout(r, 5));
    return { ok: true };
  }

  /** What a real adapter does with the platform's history (e.g. Slack message metadata). */
  async wasDelivered(_target: DeliveryTarget, key: string): Promise<boolean> {
    return readDeliveryFile(this.file).includes(key);
  }
}
