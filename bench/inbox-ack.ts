/**
 * What the durable inbox (src/inbox, issue 15 item 5) adds to the Slack ack: the same signed
 * `/stafett status KOD` requests against the service with the inbox (stored encrypted before the
 * ack, marked done after the reply) and without it, on PostgreSQL and PGlite. Reports p50/p99 of
 * the HTTP ack and of the reply reaching the fake Slack, sequentially and with 4 in parallel.
 *   npx tsx bench/inbox-ack.ts   (BENCH_QUICK=1, BENCH_DBS=postgres,pglite, BENCH_N=300, BENCH_CASES=2000)
 * The script is also the service it measures (INBOX_ACK_CHILD=1): the real service with the
 * Slack adapter, its inbox on or off (INBOX_ACK_INBOX=0 — an option of the adapter, not a setting).
 */
import { loadConfig } from '../src/app/config.ts';
import { createLogger } from '../src/shared/logger.ts';

if (process.env.INBOX_ACK_CHILD === '1') {
  const { startService } = await import('../src/app/service.ts');
  const { startSlackAdapter } = await import('../adapters/slack/slack-app.ts');
  const config = loadConfig(process.env);
  const s = await startService(config, createLogger(config.logLevel), { adapters: [(ctx) => startSlackAdapter(ctx, { inbox: process.env.INBOX_ACK_INBOX !== '0' })] });
  process.on('SIGTERM', () => void s.stop().finally(() => process.exit(0)));
} else {
  await main();
}

async function main(): Promise<void> {
  const { benchDatabase, prepareOrg, randomCode, runLoad, seed, startBenchSlack, statusRequest, summarize, ORG_FILE, SECRET } = await import('./slack-driver.ts');
  const { BENCH_KEY, freePort, loadAverage, QUICK, report, startProcess, waitHealthy } = await import('./support.ts');
  const DBS = (process.env.BENCH_DBS ?? 'postgres,pglite').split(',') as ('postgres' | 'pglite')[];
  const N = Number(process.env.BENCH_N ?? (QUICK ? 60 : 300));
  const CASES = Number(process.env.BENCH_CASES ?? (QUICK ? 500 : 2000));
  const results: Record<string, unknown> = { load: loadAverage(), n: N, cases: CASES };
  for (const kind of DBS) {
    const slack = await startBenchSlack();
    const db = await benchDatabase(kind);
    try {
      const ids = await prepareOrg(db, slack);
      const range = await seed(db, ids, CASES);
      for (const inbox of [true, false]) {
        const port = await freePort();
        const proc = startProcess({
          PORT: String(port), ...db.env, INBOX_ACK_CHILD: '1', INBOX_ACK_INBOX: inbox ? '1' : '0',
          SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: slack.fake.apiUrl, STAFETT_ORG_FILE: ORG_FILE, STAFETT_ENCRYPTION_KEY: BENCH_KEY,
        }, 'bench/inbox-ack.ts');
        try {
          await waitHealthy(port, 120_000);
          const url = `http://127.0.0.1:${port}`;
          const one = () => statusRequest(url, slack, randomCode('SL', range.year, range.first, range.last));
          await runLoad(QUICK ? 10 : 40, 1, one);
          const seq = summarize(await runLoad(N, 1, one));
          const par = summarize(await runLoad(N, 4, one));
          results[`${kind}.${inbox ? 'inbox' : 'noInbox'}`] = { sequential: seq, parallel4: par };
          console.error(kind, inbox ? 'with inbox' : 'without inbox', JSON.stringify({ seq, par }));
        } finally {
          await proc.stop();
        }
      }
    } finally {
      await slack.close();
      await db.dispose();
    }
  }
  report(results);
}
