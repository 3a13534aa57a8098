/**
 * The Teams framework floor: a bare teams-ai `Application` on botbuilder's CloudAdapter (the
 * same TeamsAdapter Stafett uses, local mode: no JWT check) behind a plain node:http server on
 * POST /api/messages. An `adaptiveCard/action` invoke (Action.Execute, any verb) is answered with
 * a one-line Adaptive Card in the HTTP response, as Stafett answers a form submission; a message
 * gets "ok". Started as a child process by bench/command-latency.ts; env PORT; FLOOR_DATABASE_URL
 * makes it the durable floor (bench/floor-writes.ts).
 */
import http from 'node:http';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import { floorWriter } from './floor-writes.ts';

const port = Number(process.env.PORT ?? 3998);
const adapter = new TeamsAdapter({});
const app = new Application({ adapter, startTypingTimer: false, longRunningMessages: false, adaptiveCards: { actionSubmitFilter: 'verb' } });
// With FLOOR_DATABASE_URL, the durable floor: the submission's commit as Stafett makes it.
const writer = await floorWriter(process.env.FLOOR_DATABASE_URL);
let seq = 0;
app.adaptiveCards.actionExecute(/.*/, async () => {
  await writer?.record(`${process.pid}:${++seq}`);
  return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'ok' }] };
});
app.activity('message', async (context: TurnContext) => {
  await context.sendActivity('ok');
});

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200).end('ok');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      try {
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Activity;
        // processActivity is public on CloudAdapter (the JavaScript); teams-ai's typings mark it protected.
        const invoke = await (adapter as unknown as { processActivity(a: string, act: Activity, logic: (c: TurnContext) => Promise<void>): Promise<{ status: number; body?: unknown } | undefined> })
          .processActivity('', activity, async (context) => {
            await app.run(context);
          });
        res.writeHead(invoke?.status ?? 200, { 'content-type': 'application/json' });
        res.end(invoke?.body === undefined ? undefined : JSON.stringify(invoke.body));
      } catch (e) {
        res.writeHead(500).end(String(e));
      }
    })();
  });
});
server.listen(port, '127.0.0.1');
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => server.close(() => process.exit(0)));
