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
});

describe('parseSlackBody', () => {
  it('should parse slash commands, payload= interactivity and JSON events', () => {
    expect(parseSlackBody(body, 'application/x-www-form-urlencoded')).toMatchObject({ command: '/stafett', text: 'hjälp' });
    expect(parseSlackBody(`payload=${encodeURIComponent('{"type":"block_actions"}')}`, 'application/x-www-form-urlencoded; charset=utf-8')).toEqual({ type: 'block_actions' });
    expect(parseSlackBody('{"type":"event_callback"}', 'application/json')).toEqual({ type: 'event_callback' });
    expect(() => parseSlackBody('[1]', 'application/json')).toThrow();
  });
});
