/**
 * Bridges our node:http server to botbuilder's `CloudAdapter.process`, which expects express-like
 * request/response objects (a parsed `body`, `status().send().end()`, `header()`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, InvokeResponse, Request, Response, TurnContext } from 'botbuilder';
import { readBody, sendJson } from '../../src/http/server.ts';
import type { Logger } from '../../src/shared/logger.ts';

/** Activities are small; attachments travel by URL. Generous for long pasted texts. */
const MAX_ACTIVITY_BYTES = 512_000;

/** Reads and parses the JSON body; answers 400 and returns null when it is not a JSON object. */
export async function readActivityRequest(req: IncomingMessage, res: ServerResponse): Promise<Request | null> {
  const raw = await readBody(req, MAX_ACTIVITY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    sendJson(res, 400, { error: 'body must be a JSON activity' });
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    sendJson(res, 400, { error: 'body must be a JSON activity' });
    return null;
  }
  return { body: body as Record<string, unknown>, headers: req.headers as Record<string, string | string[] | undefined>, method: req.method ?? 'POST' };
}

/** An express-style response over a Node ServerResponse. */
export function toBotResponse(res: ServerResponse): Response {
  let ended = false;
  const shim: Response = {
    socket: res.socket,
    status(code: unknown) {
      if (!res.headersSent) res.statusCode = Number(code);
      return shim;
    },
    header(name: string, value: unknown) {
      if (!res.headersSent) res.setHeader(name, String(value));
      return shim;
    },
    send(...args: unknown[]) {
      const body = args[0];
      if (ended || body === undefined || body === null) return shim;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        if (!res.headersSent && !res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.write(body);
      } else {
        if (!res.headersSent) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      }
      return shim;
    },
    end() {
      if (!ended) {
        ended = true;
        res.end();
      }
      return shim;
    },
  };
  return shim;
}

/** The part of CloudAdapter this route uses. */
export interface ActivityProcessor {
  processActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
}

/**
 * `CloudAdapter.process` without its `console.error`: a request whose token is refused answers
 * 401 and logs one structured line through our (redacting) logger, not a stack trace on stderr.
 */
export async function processActivityRequest(adapter: ActivityProcessor, request: Request, res: ServerResponse, logic: (context: TurnContext) => Promise<void>, log: Logger): Promise<void> {
  const activity = request.body as unknown as Activity & Record<string, unknown>;
  if (typeof activity.type !== 'string' || !activity.type) {
    sendJson(res, 400, { error: 'activity type missing' });
    return;
  }
  // What botbuilder's validateAndFixActivity does: timestamps become Dates, raw strings are kept.
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      (activity as Record<string, unknown>)[field] = new Date(activity[field] as string);
    }
  }
  const header = request.headers.authorization ?? request.headers.Authorization;
  const auth = Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
  const out = toBotResponse(res);
  try {
    const invoke = await adapter.processActivity(auth, activity, logic);
    out.status(invoke?.status ?? 200);
    if (invoke?.body !== undefined) out.send(invoke.body);
    out.end();
  } catch (e) {
    const err = e as { name?: string; statusCode?: number; message?: string };
    if (err.name === 'AuthenticationError' || err.statusCode === 401) {
      log.warn({ refused: 'teams-token', status: 401, reason: String(err.message ?? '').slice(0, 80), activityType: activity.type }, 'request refused');
      out.status(401);
      out.send('Unauthorized');
      out.end();
      return;
    }
    log.error({ err: e, activityType: activity.type }, 'teams: activity failed');
    if (!res.headersSent) out.status(500);
    out.end();
  }
}
