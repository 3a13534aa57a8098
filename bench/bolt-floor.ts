/**
 * The framework floor: a bare Bolt app (its own HTTPReceiver) answering the same signed requests
 * as the service — `/stafett` acks and `respond()`s "ok" to the response_url; a view submission
 * acks and posts "ok" to the response_url carried in its private_metadata (as Stafett does); App
 * Home (`app_home_opened`) publishes a one-line home view with views.publish.
 * Started as a child process by bench/command-latency.ts; env PORT, SLACK_SIGNING_SECRET,
 * SLACK_API_URL (the fake Web API, for Bolt's auth.test); FLOOR_DATABASE_URL makes it the durable
 * floor (bench/floor-writes.ts): the commits a `ny` submission, a read command and App Home make.
 */
import bolt from '@slack/bolt';
import { floorWriter } from './floor-writes.ts';

const { App, LogLevel } = bolt;
const port = Number(process.env.PORT ?? 3999);
const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET!,
  token: 'xoxb-bench-floor',
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => { res.writeHead(200).end('ok'); } }],
});

// With FLOOR_DATABASE_URL, the durable floor: the commits Stafett makes, in its order.
const writer = await floorWriter(process.env.FLOOR_DATABASE_URL);
let seq = 0;

app.command('/stafett', async ({ ack, respond, command }) => {
  const key = `${process.pid}:${command.trigger_id}:${++seq}`;
  // A read: stored before the ack, its audit row, the answer, then done.
  if (writer) await writer.received(key, command.text);
  await ack();
  await writer?.audit(key);
  await respond({ response_type: 'ephemeral', replace_original: false, text: 'ok' });
  await writer?.done(key);
});

app.view(/.*/, async ({ ack, view }) => {
  const key = `${process.pid}:${view.id}:${++seq}`;
  if (writer) {
    await writer.received(key, JSON.stringify(view.state.values));
    await writer.record(key);
  }
  await ack();
  const r = (JSON.parse(view.private_metadata || '{}') as { r?: string }).r;
  if (r) await fetch(r, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'ephemeral', text: 'ok' }) });
  await writer?.done(key);
});

app.event('app_home_opened', async ({ event, client }) => {
  await writer?.audit(`${process.pid}:home:${++seq}`);
  await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ok' } }] } });
});

await app.start(port);
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => void app.stop().finally(() => process.exit(0)));
