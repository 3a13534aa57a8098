/**
 * A Bolt Receiver mounted on the service's own HTTP server at `POST /slack/events`. Transport
 * only: verifies the signature on the raw body, parses JSON and form-encoded bodies, answers
 * url_verification, and hands each request to Bolt with an ack that writes the HTTP response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { readBody, sendJson, type HttpServer } from '../../src/http/server.ts';
import type { Logger } from '../../src/shared/logger.ts';
import { verifySlackSignature } from './verify-signature.ts';

/** Slack needs an HTTP answer within 3 s; we answer empty a little before that if nobody acked. */
const DEFAULT_ACK_TIMEOUT_MS = 2500;
const MAX_BODY_BYTES = 1_000_000;

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  log: Logger;
  path?: string;
  ackTimeoutMs?: number;
  /** Wall clock for the replay window (Slack's timestamps are real time, never the dev clock). */
  nowMs?: () => number;
}

type Body = Record<string, unknown>;

/** Parses a Slack request body: JSON (Events API) or form-encoded (commands, `payload=` JSON). */
export function parseSlackBody(raw: string, contentType: string | undefined): Body {
  if ((contentType ?? '').includes('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams(raw);
    const payload = params.get('payload');
    if (payload !== null) return JSON.parse(payload) as Body;
    return Object.fromEntries(params.entries());
  }
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('body is not a JSON object');
  return parsed as Body;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export class SlackHttpReceiver implements Receiver {
  private app?: App;
  private readonly path: string;
  private readonly ackTimeoutMs: number;
  private readonly nowMs: () => number;

  constructor(private readonly opts: SlackHttpReceiverOptions) {
    this.path = opts.path ?? '/slack/events';
    this.ackTimeoutMs = opts.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    this.nowMs = opts.nowMs ?? Date.now;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Registers the route; the HttpServer itself is started by the service. */
  mount(http: HttpServer): void {
    http.route('POST', this.path, (req, res) => this.handle(req, res));
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Handles one HTTP request from Slack. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const log = this.opts.log;
    const raw = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
    const check = verifySlackSignature({
      signingSecret: this.opts.signingSecret,
      rawBody: raw,
      signature: header(req, 'x-slack-signature'),
      timestamp: header(req, 'x-slack-request-timestamp'),
      nowMs: this.nowMs(),
    });
    if (!check.ok) {
      log.warn({ reason: check.reason, path: this.path }, 'rejected a Slack request with an invalid signature');
      sendJson(res, 401, { error: 'invalid signature' });
      return;
    }
    let body: Body;
    try {
      body = parseSlackBody(raw, header(req, 'content-type'));
    } catch {
      sendJson(res, 400, { error: 'unreadable body' });
      return;
    }
    if (body.type === 'url_verification') {
      sendJson(res, 200, { challenge: String(body.challenge ?? '') });
      return;
    }
    if (body.ssl_check) {
      res.writeHead(200).end();
      return;
    }
    const retryNumHeader = header(req, 'x-slack-retry-num');
    const retryNum = retryNumHeader && /^\d+$/.test(retryNumHeader) ? Number(retryNumHeader) : undefined;
    const retryReason = header(req, 'x-slack-retry-reason');

    let acked = false;
    const respond = (response?: unknown) => {
      if (acked || res.headersSent) return;
      acked = true;
      if (response === undefined || response === null || response === '') {
        res.writeHead(200).end();
      } else if (typeof response === 'string') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(response);
      } else {
        sendJson(res, 200, response);
      }
    };
    const timer = setTimeout(() => {
      if (!acked) log.warn({ type: body.type }, 'Slack request not acknowledged in time; answering empty');
      respond();
    }, this.ackTimeoutMs);
    const event: ReceiverEvent = {
      body,
      retryNum,
      retryReason,
      ack: async (response?: unknown) => {
        if (acked) {
          log.debug({ type: body.type }, 'ignored a second or late ack');
          return;
        }
        respond(response);
      },
    };
    try {
      if (!this.app) throw new Error('Slack receiver used before init');
      await this.app.processEvent(event);
    } catch (e) {
      // The app's error hook has already logged and answered the user; never leak details here.
      log.error({ err: e, type: body.type }, 'Slack request failed');
    } finally {
      clearTimeout(timer);
      respond();
    }
  }
}
