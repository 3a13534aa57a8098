import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parseSlackBody } from '../../../adapters/slack/receiver.ts';
import { computeSlackSignature, verifySlackSignature } from '../../../adapters/slack/verify-signature.ts';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=x&team_id=T1&command=%2Fstafett&text=hj%C3%A4lp';

describe('verifySlackSignature', () => {
  const now = 1_700_000_000_000;
  const ts = String(now / 1000);
  const sig = computeSlackSignature(secret, ts, body);

  it('should accept the v0 HMAC of the raw body', () => {
    expect(sig).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: sig, timestamp: ts, nowMs: now + 299_000 })).toEqual({ ok: true });
  });

  it('should refuse a changed body, a wrong secret, missing headers and replays outside 5 minutes', () => {
    expect(verifySlackSignature({ signingSecret: secret, rawBody: `${body}x`, signature: sig, timestamp: ts, nowMs: now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySlackSignature({ signingSecret: 'other', rawBody: body, signature: sig, timestamp: ts, nowMs: now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: undefined, timestamp: ts, nowMs: now })).toEqual({ ok: false, reason: 'missing' });
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: sig, timestamp: 'abc', nowMs: now })).toEqual({ ok: false, reason: 'missing' });
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: sig, timestamp: ts, nowMs: now + 301_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifySlackSignature({ signingSecret: secret, rawBody: body, signature: sig, timestamp: ts, nowMs: now - 301_000 })).toEqual({ ok: false, reason: 'stale' });
  });

  it('should refuse signatures that differ in length, case, version or one character', () => {
    const check = (signature: string) => verifySlackSignature({ signingSecret: secret, rawBody: body, signature, timestamp: ts, nowMs: now });
    const hex = sig.slice(3);
    const flipped = `v0=${hex.slice(0, 10)}${hex[10] === 'a' ? 'b' : 'a'}${hex.slice(11)}`;
    for (const bad of [sig.slice(0, -1), `${sig}0`, `v0=${hex.toUpperCase()}`, `v1=${hex}`, hex, flipped, 'v0=', `${sig.slice(0, -1)}é`, `v0=${'0'.repeat(64)}`]) {
      expect(check(bad), bad).toEqual({ ok: false, reason: 'mismatch' });
    }
  });

  it("should decide as Bolt's own verifier does on the same requests", () => {
    const bodies = [body, '', 'payload=%7B%22type%22%3A%22view_submission%22%7D', '{"type":"event_callback","event":{"text":"å ä ö ✓"}}'];
    for (const raw of bodies) {
      const good = computeSlackSignature(secret, ts, raw);
      for (const [signature, rawBody] of [[good, raw], [good, `${raw} `], [computeSlackSignature('other', ts, raw), raw]] as const) {
        let bolt = true;
        try {
          verifySlackRequest({ signingSecret: secret, body: rawBody, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(ts) }, nowMilliseconds: now });
        } catch {
          bolt = false;
        }
        expect(verifySlackSignature({ signingSecret: secret, rawBody, signature, timestamp: ts, nowMs: now }).ok).toBe(bolt);
      }
    }
  });
});

describe('parseSlackBody', () => {
  it('should parse slash commands, payload= interactivity and JSON events', () => {
    expect(parseSlackBody(body, 'application/x-www-form-urlencoded')).toMatchObject({ command: '/stafett', text: 'hjälp' });
    expect(parseSlackBody(`payload=${encodeURIComponent('{"type":"block_actions"}')}`, 'application/x-www-form-urlencoded; charset=utf-8')).toEqual({ type: 'block_actions' });
    expect(parseSlackBody('{"type":"event_callback"}', 'application/json')).toEqual({ type: 'event_callback' });
    expect(() => parseSlackBody('[1]', 'application/json')).toThrow();
  });
});
