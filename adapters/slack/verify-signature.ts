/**
 * Slack request signing (v0): HMAC-SHA256 over `v0:{timestamp}:{raw body}`, 5-minute window
 * (https://api.slack.com/authentication/verifying-requests-from-slack). Refuses requests whose
 * headers are missing or malformed and timestamps too old or too far in the future, and says why
 * for the log.
 *
 * The comparison is Node's `crypto.timingSafeEqual` on the two hex strings. Bolt's exported
 * `verifySlackRequest` compares with the `tsscmp` package, which computes two more HMACs under a
 * fresh random key for every request — about a tenth of a millisecond of CPU per Slack request in
 * the service's profile (bench/cpu-profile.ts) for the same guarantee (test/adapters/slack/
 * verify-signature.test.ts checks this module against Bolt's on the same inputs).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Requests older (or further in the future) than this are refused as possible replays. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** Computes the `X-Slack-Signature` header value for a body (the tests and the fake Slack sign with it). */
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
  const expected = Buffer.from(computeSlackSignature(opts.signingSecret, timestamp, opts.rawBody), 'latin1');
  const given = Buffer.from(signature, 'utf8');
  // Lengths are no secret (every valid signature has 67 characters); equal lengths compare in constant time.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
