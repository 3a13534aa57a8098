/**
 * Slack request signing (v0): HMAC-SHA256 over `v0:{timestamp}:{raw body}`, 5-minute window. The
 * signature itself is checked by Bolt's exported `verifySlackRequest` (one implementation of the
 * HMAC comparison); this module adds what Bolt leaves out: refusing requests whose headers are
 * missing or malformed and timestamps too far in the future (Bolt refuses only old ones), and a
 * reason for the log.
 */
import { createHmac } from 'node:crypto';
import { verifySlackRequest } from '@slack/bolt';

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
  try {
    verifySlackRequest({
      signingSecret: opts.signingSecret,
      body: opts.rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      nowMilliseconds: opts.nowMs,
    });
  } catch {
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: true };
}
