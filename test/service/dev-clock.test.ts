/**
 * The development clock moves "now" for everybody (consents expire, nudges fall due, retention
 * purges run). It exists only in local mode or when asked for with STAFETT_DEV_CLOCK=1, and then
 * only on a loopback HOST; with platform credentials and no flag, /dev/clock does not exist and
 * `klocka` says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.ts';
import { t } from '../../src/i18n/core.ts';
import { dbKind } from '../support/db.ts';
import { startTestService, type TestService } from '../support/service.ts';

const SLACK = { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' };
const TEAMS = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' };

describe('dev clock configuration', () => {
  it('is on in local mode, off with credentials unless asked for, and only on loopback', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).devClock).toBe(true);
    expect(loadConfig({ ...SLACK }).devClock).toBe(false);
    expect(loadConfig({ ...TEAMS }).devClock).toBe(false);
    expect(loadConfig({ ...SLACK, NODE_ENV: 'test' }).devClock).toBe(false);
    expect(loadConfig({ ...SLACK, STAFETT_DEV_CLOCK: '1' }).devClock).toBe(true);
    expect(loadConfig({ STAFETT_DEV_CLOCK: '0' }).devClock).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0', ...SLACK }).devClock).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0' }).devClock).toBe(false);
    expect(() => loadConfig({ HOST: '0.0.0.0', ...SLACK, STAFETT_DEV_CLOCK: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '10.0.0.5', STAFETT_DEV_CLOCK: 'yes' })).toThrow(/loopback/);
  });
});

describe(`dev clock with Slack credentials and no flag (${dbKind})`, () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService({ env: { ...SLACK } });
  });
  afterAll(async () => s?.close());

  it('has no /dev/clock route and `klocka` says it is off; the clock does not move', async () => {
    const before = s.core.clock.now().getTime();
    const post = await fetch(`${s.url}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: 'P30D' }) });
    expect(post.status).toBe(404);
    expect((await fetch(`${s.url}/dev/clock`)).status).toBe(404);
    const reply = await s.core.chat.handleText({ platform: 'CONSOLE', userId: 'karin' }, 'klocka +30d');
    expect(reply.fallbackText).toBe(t('sv', 'clock.disabled'));
    expect(s.core.devClock).toBeUndefined();
    expect(await s.db.prisma.devClock.count()).toBe(0);
    expect(Math.abs(s.core.clock.now().getTime() - before)).toBeLessThan(60_000);
  });
});
