/** Slack request signing (v0): HMAC-SHA256 over `v0:{timestamp}:{raw body}`, 5-minute window. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Requests older (or further in the future) than this are refused as possible replays. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** Computes the `X-Slack-Signature` header value for a body (also used by tests and the fake). */
export function computeSlackSignature(signingSecret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Checks the signature and timestamp headers of one request against its raw body. */
export function verifySlackSignature(opts: {
  signingSecret: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  nowMs: number;
}): SignatureCheck {
  const { signature, timestamp } = opts;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  if (Math.abs(Math.floor(opts.nowMs / 1000) - Number(timestamp)) > REPLAY_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(computeSlackSignature(opts.signingSecret, timestamp, opts.rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
