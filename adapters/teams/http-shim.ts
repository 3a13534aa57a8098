/**
 * Bridges our node:http server to botbuilder's `CloudAdapter.process`, which expects express-like
 * request/response objects (a parsed `body`, `status().send().end()`, `header()`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'botbuilder';
import { readBody, sendJson } from '../../src/http/server.ts';

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
