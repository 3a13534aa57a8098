/**
 * End to end in a real browser: the service in Teams local mode, the Microsoft 365 Agents
 * Playground (a Teams-like web client with a mock connector) pointed at it, and headless Chromium
 * typing `ny`, filling the Adaptive Card, submitting it, and seeing the case code; then the dev
 * clock moves on and a proactive nudge arrives in the same chat.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsTestService, type TeamsTestService } from '../../support/teams-service.ts';
import { dbKind } from '../../support/db.ts';
import { freePort } from '../../support/ports.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PLAYGROUND_BIN = path.resolve('node_modules/.bin/agentsplayground');
const PLAYGROUND_SCRIPT = path.resolve('scripts/playground.mjs');
const ARTIFACTS = path.resolve('test-artifacts');
const haveChromium = existsSync(CHROMIUM);
const havePlayground = existsSync(PLAYGROUND_BIN);

if (!haveChromium) console.warn(`[teams e2e] SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium); CI installs it.`);
if (!havePlayground) console.warn('[teams e2e] SKIPPED: @microsoft/m365agentsplayground is not installed (npm ci).');

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${String(last)}`);
}

describe.skipIf(!haveChromium || !havePlayground)(`Teams in the Agents Playground, headless Chromium (${dbKind})`, () => {
  let svc: TeamsTestService;
  let playground: ChildProcess | undefined;
  let playgroundPort = 0;
  let playgroundLog = '';
  let playgroundDir = '';

  beforeAll(async () => {
    svc = await startTeamsTestService({ STAFETT_DISPATCH_INTERVAL_MS: '500' });
    playgroundPort = await freePort();
    // The Playground writes its log (devTools/) into its working directory: a temporary one, not the checkout.
    playgroundDir = await mkdtemp(path.join(os.tmpdir(), 'stafett-playground-'));
    // Started the way `npm run playground` starts it: the bot's port from PORT, telemetry off.
    playground = spawn(process.execPath, [PLAYGROUND_SCRIPT], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: playgroundDir,
      env: { ...process.env, PORT: String(svc.service.port), HOST: '127.0.0.1', PLAYGROUND_PORT: String(playgroundPort), BROWSER: 'none', NO_COLOR: '1' },
    });
    playground.stdout?.on('data', (d: Buffer) => (playgroundLog += d.toString()));
    playground.stderr?.on('data', (d: Buffer) => (playgroundLog += d.toString()));
    await waitForHttp(`http://127.0.0.1:${playgroundPort}/`, 60_000);
  }, 120_000);

  afterAll(async () => {
    if (playground?.pid && playground.exitCode === null) {
      playground.kill('SIGTERM');
      await new Promise((r) => { playground!.once('exit', r); setTimeout(r, 5000).unref(); });
    }
    await svc?.close();
    if (playgroundDir) await rm(playgroundDir, { recursive: true, force: true });
  });

  it('a mentor opens a case from the chat, then gets a nudge when the clock moves on', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    });
    await mkdir(ARTIFACTS, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      page.setDefaultTimeout(30_000);
      await page.goto(`http://127.0.0.1:${playgroundPort}/`, { waitUntil: 'domcontentloaded' });
      const composer = page.locator('[contenteditable="true"], textarea').first();
      await composer.waitFor();
      // The install greeting (help card) shows the bot is reachable before we type.
      await page.locator('.ac-adaptiveCard').first().waitFor();
      const cardsBefore = await page.locator('.ac-adaptiveCard').count();

      await composer.click();
      await composer.fill('ny');
      await page.keyboard.press('Enter');

      // Step 1 (several playbooks in the demo organisation): keep the suggested playbook.
      await expect.poll(() => page.locator('.ac-adaptiveCard').count(), { timeout: 30_000 }).toBeGreaterThan(cardsBefore);
      let card = page.locator('.ac-adaptiveCard').last();
      const firstSubmit = card.locator('.ac-actionSet button').last();
      await firstSubmit.click();

      // Step 2: the case form replaces the card; fill the student reference and submit.
      await expect.poll(() => card.locator('input[type="text"]:not([role="combobox"]), textarea').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      card = page.locator('.ac-adaptiveCard').last();
      const textInput = card.locator('input[type="text"]:not([role="combobox"])').first();
      await textInput.fill('Elev 8B (AB)');
      const reason = card.locator('textarea').first();
      if (await reason.count()) await reason.fill('Hög frånvaro sedan höstlovet');
      await card.locator('.ac-actionSet button').last().click();

      // The result card replaces the form and shows the new case code.
      const codePattern = /\b[A-Z]{2,8}-\d{2}-\d{4}\b/;
      let caseCode: string | undefined;
      await expect
        .poll(async () => {
          const text = (await page.locator('.ac-adaptiveCard').last().textContent()) ?? '';
          caseCode = codePattern.exec(text)?.[0];
          return Boolean(caseCode) && (await page.locator('.ac-adaptiveCard').last().locator('input').count()) === 0;
        }, { timeout: 30_000, interval: 300 })
        .toBe(true);
      const row = await svc.service.db.prisma.case.findFirst({ where: { code: caseCode! } });
      expect(row).not.toBeNull();
      await page.screenshot({ path: path.join(ARTIFACTS, 'teams-playground-case.png'), fullPage: true });

      // The reminders module planned the mentor's nudges with the case; move the dev clock past
      // the first one (whole days, at least two) and it arrives in the same 1:1 chat.
      const first = await svc.service.db.prisma.nudge.findFirst({ where: { caseId: row!.id, status: 'PENDING' }, orderBy: { sendAt: 'asc' } });
      expect(first, 'the reminders module planned no nudge for the new case').not.toBeNull();
      const days = Math.max(2, Math.ceil((first!.sendAt.getTime() - svc.service.core.clock.now().getTime()) / 86_400_000));
      const before = await page.locator('.ac-adaptiveCard').count();
      const res = await fetch(`${svc.base}/dev/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: `P${days}D` }) });
      expect(res.status).toBe(200);
      await expect.poll(() => page.locator('.ac-adaptiveCard').count(), { timeout: 30_000, interval: 500 }).toBeGreaterThan(before);
      const nudge = page.locator('.ac-adaptiveCard').last();
      await expect.poll(async () => (await nudge.textContent()) ?? '').toContain(caseCode!);
      const delivered = await svc.service.db.prisma.nudge.count({ where: { caseId: row!.id, status: 'SENT' } });
      expect(delivered).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(ARTIFACTS, 'teams-playground-nudge.png'), fullPage: true });
    } catch (e) {
      await page.screenshot({ path: path.join(ARTIFACTS, 'teams-playground-failure.png'), fullPage: true }).catch(() => {});
      console.error('[teams e2e] playground log:\n', playgroundLog.slice(-3000));
      const nudges = await svc.service.db.prisma.nudge.findMany({ select: { kind: true, status: true, sendAt: true, personId: true, lastError: true, attempts: true } }).catch(() => []);
      console.error('[teams e2e] clock', svc.service.core.clock.now().toISOString(), 'nudges', JSON.stringify(nudges, null, 1));
      throw e;
    } finally {
      await browser.close();
    }
  }, 120_000);
});
