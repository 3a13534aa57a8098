/**
 * Forged, altered, stale and unsigned platform requests are refused before they reach the core:
 * random Slack bodies with broken signatures, and Teams activities without a valid token when
 * credentials are configured. Nothing is written.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsAdapter } from '../../adapters/teams/teams-adapter.ts';
import { people, SECRET, startSlackTestEnv, type SlackTestEnv } from '../adapters/slack/slack-harness.ts';
import { isDigestNotice, slashCommand } from '../support/fake-slack-payloads.ts';
import { dbKind } from '../support/db.ts';
import { startTestService, type TestService } from '../support/service.ts';

describe(`forged Slack requests (${dbKind})`, () => {
  let env: SlackTestEnv;
  beforeAll(async () => {
    env = await startSlackTestEnv();
  });
  afterAll(async () => env?.close());

  it('refuses every request whose signature, body or timestamp is not genuine', async () => {
    let refused = 0;
    const casesBefore = await env.svc.db.prisma.case.count();
    const callsBefore = env.fake.calls.length;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('ny', 'status DEMO-26-0001', 'avsluta DEMO-26-0001', 'hjälp'),
        fc.oneof(
          fc.record({ kind: fc.constant('wrong-secret'), secret: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s !== SECRET) }),
          fc.record({ kind: fc.constant('stale'), ageSeconds: fc.integer({ min: 301, max: 90 * 86_400 }) }),
          fc.record({ kind: fc.constant('future'), aheadSeconds: fc.integer({ min: 301, max: 90 * 86_400 }) }),
          fc.record({ kind: fc.constant('tampered'), extra: fc.string({ minLength: 1, maxLength: 20 }) }),
          fc.record({ kind: fc.constant('garbage'), signature: fc.string({ maxLength: 80 }) }),
        ),
        async (text, attack) => {
          const body = slashCommand(people.maria, text, { responseUrl: `${env.fake.url}hooks/forged` }).text;
          const now = Math.floor(Date.now() / 1000);
          let ts = now;
          let secret = SECRET;
          let sent = body;
          let signature: string | undefined;
          if (attack.kind === 'wrong-secret') secret = attack.secret;
          if (attack.kind === 'stale') ts = now - attack.ageSeconds;
          if (attack.kind === 'future') ts = now + attack.aheadSeconds;
          const sign = (b: string) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${b}`).digest('hex')}`;
          signature = sign(body);
          if (attack.kind === 'tampered') sent = `${body}&text=${encodeURIComponent(attack.extra)}`;
          if (attack.kind === 'garbage') signature = attack.signature;
          const res = await fetch(`${env.svc.url}/slack/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
            body: sent,
          });
          expect(res.status).toBe(401);
          refused++;
        },
      ),
      { numRuns: 200 },
    );
    expect(refused).toBe(200);
    expect(await env.svc.db.prisma.case.count()).toBe(casesBefore);
    // Nothing reached Slack's API on behalf of a forged request.
    expect(env.fake.calls.slice(callsBefore).filter((c) => c.method !== 'auth.test' && !isDigestNotice(c))).toEqual([]);
  });
});

describe(`Teams requests without a valid token when credentials are set (${dbKind})`, () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService({
      env: { MicrosoftAppId: '00000000-0000-4000-8000-00000000a001', MicrosoftAppPassword: 'not-used-offline', MicrosoftAppTenantId: '00000000-0000-4000-8000-00000000a002', MicrosoftAppType: 'SingleTenant' },
      adapters: [teamsAdapter],
    });
  });
  afterAll(async () => s?.close());

  it('refuses activities with no token or a malformed one', async () => {
    const activity = { type: 'message', id: 'x1', text: 'ny', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:1', aadObjectId: 'a' }, conversation: { id: 'a:1', conversationType: 'personal' }, recipient: { id: '28:bot' } };
    const tokens = [undefined, 'Bearer', 'Bearer x', 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.', `Basic ${Buffer.from('a:b').toString('base64')}`];
    for (const t of tokens) {
      const res = await fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(t ? { authorization: t } : {}) }, body: JSON.stringify(activity) });
      expect(res.status, `token ${t}`).toBe(401);
    }
    expect(await s.db.prisma.case.count()).toBe(0);
    expect(await s.db.prisma.conversationRef.count()).toBe(0);
  });
});
