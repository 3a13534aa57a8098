import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.ts';
import { startService } from '../../src/app/service.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { defaultAdapters } from '../../adapters/index.ts';
import { createServerDatabase, serverUrl } from '../support/db.ts';

const KEY = `k1:${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const SIGNING = 'sig-secret-4f1e2d3c';
const BOT = 'xoxb-123-456-SECRETTOKEN';
const APP_PASSWORD = 'teams-app-password-9z8y';

describe('secrets are never logged', () => {
  it('redacts secrets in structured fields', () => {
    let out = '';
    const sink = new Writable({ write(chunk, _e, cb) { out += chunk; cb(); } });
    const log = createLogger('trace', sink as never);
    log.info({ config: { slack: { signingSecret: SIGNING, botToken: BOT }, teams: { appPassword: APP_PASSWORD }, encryptionKey: KEY } }, 'config');
    log.info({ headers: { authorization: `Bearer ${BOT}` }, req: { token: BOT, password: APP_PASSWORD } }, 'request');
    for (const s of [SIGNING, BOT, APP_PASSWORD, KEY]) expect(out).not.toContain(s);
    expect(out).toContain('[redacted]');
  });

  it('a whole service run at trace level with credentials configured writes none of them', async () => {
    let out = '';
    const sink = new Writable({ write(chunk, _e, cb) { out += chunk; cb(); } });
    let url = '';
    let drop = async () => {};
    if (serverUrl) ({ url, drop } = await createServerDatabase());
    const config = loadConfig({
      NODE_ENV: 'test', PORT: '0', STAFETT_DATA_DIR: 'memory://', DATABASE_URL: url, STAFETT_CONSOLE: '0', LOG_LEVEL: 'trace',
      STAFETT_ENCRYPTION_KEY: KEY, SLACK_SIGNING_SECRET: SIGNING, SLACK_BOT_TOKEN: BOT, SLACK_API_URL: 'http://127.0.0.1:9/api/',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: APP_PASSWORD, MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002', MicrosoftAppType: 'SingleTenant',
    });
    const log = createLogger('trace', sink as never);
    let service;
    try {
      service = await startService(config, log, { adapters: defaultAdapters });
    } catch {
      // An adapter may refuse to start without its platform; the logs so far still count.
    }
    if (service) {
      const base = `http://127.0.0.1:${service.port}`;
      await fetch(`${base}/healthz`);
      await fetch(`${base}/slack/events`, { method: 'POST', headers: { authorization: `Bearer ${BOT}`, 'x-slack-signature': 'v0=forged', 'x-slack-request-timestamp': '1' }, body: 'token=x' });
      await fetch(`${base}/api/messages`, { method: 'POST', headers: { authorization: `Bearer ${APP_PASSWORD}`, 'content-type': 'application/json' }, body: '{}' });
      await service.stop();
    }
    await drop();
    expect(out.length).toBeGreaterThan(0);
    for (const s of [SIGNING, BOT, APP_PASSWORD, KEY.split(':')[1]!]) expect(out, `secret in logs`).not.toContain(s);
  });
});
