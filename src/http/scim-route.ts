/**
 * `/scim/v2/…` — the SCIM 2.0 service provider (RFC 7644) for the organisation's directory.
 * Transport only: TLS and bearer-token checks, JSON in and out, SCIM error bodies; every
 * decision and change happens in src/directory.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import * as dir from '../directory/directory.service.ts';
import { notFound, ScimError } from '../directory/scim-errors.ts';
import { resourceTypes, schemas, serviceProviderConfig } from '../directory/scim-schema.ts';
import { verifyScimToken } from '../directory/scim-token.ts';
import { recordAudit } from '../audit/audit.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { PayloadTooLargeError, readBody, type HttpServer } from './server.ts';

export const SCIM_PREFIX = '/scim/v2';

export interface ScimRouteOptions {
  /** Refuse requests that did not arrive over TLS (always on in production). */
  requireTls: boolean;
  /** Believe `X-Forwarded-Proto: https` from a TLS-terminating reverse proxy. */
  trustProxy: boolean;
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/scim+json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function viaTls(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  if (!trustProxy) return false;
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  let raw: string;
  try {
    raw = (await readBody(req, 1_000_000)).toString('utf8');
  } catch (e) {
    if (e instanceof PayloadTooLargeError) throw new ScimError(413, undefined, 'request body over 1 MB');
    throw e;
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new ScimError(400, 'invalidSyntax', 'the request body is not valid JSON');
  }
}

/** Registers the SCIM endpoints. */
export function registerScim(server: HttpServer, deps: ServiceDeps, opts: ScimRouteOptions): void {
  server.routePrefix(SCIM_PREFIX, async (req, res) => {
    try {
      await handle(req, res, deps, opts);
    } catch (e) {
      if (e instanceof ScimError) {
        send(res, e.status, e.toJSON());
        return;
      }
      deps.log.error({ err: e }, 'SCIM request failed');
      if (!res.headersSent) send(res, 500, new ScimError(500, undefined, 'internal error').toJSON());
    }
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: ServiceDeps, opts: ScimRouteOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://scim.invalid');
  const method = (req.method ?? 'GET').toUpperCase();
  const tls = viaTls(req, opts.trustProxy);
  if (opts.requireTls && !tls) {
    await dir.auditRefusedScimCall(deps, 'no-tls');
    deps.log.warn({ path: url.pathname }, 'SCIM request refused: not over HTTPS (set STAFETT_TRUST_PROXY=1 behind a TLS proxy)');
    throw new ScimError(403, undefined, 'SCIM requires HTTPS');
  }
  const auth = String(req.headers.authorization ?? '');
  const m = /^Bearer\s+(\S{1,200})$/i.exec(auth);
  const client = m ? await verifyScimToken(deps.prisma, m[1]!) : null;
  if (!client) {
    await dir.auditRefusedScimCall(deps, m ? 'bad-token' : 'no-token');
    deps.log.warn({ path: url.pathname }, 'SCIM request refused: missing or unknown bearer token');
    send(res, 401, new ScimError(401, undefined, 'a valid bearer token is required').toJSON(), { 'www-authenticate': 'Bearer realm="stafett-scim"' });
    return;
  }
  const host = String(req.headers.host ?? 'localhost').replace(/[^\w.:[\]-]/g, '');
  const base = `${tls ? 'https' : 'http'}://${host}${SCIM_PREFIX}`;
  const parts = url.pathname.slice(SCIM_PREFIX.length).split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  const [resource, id, extra] = parts;
  const q = url.searchParams;
  if (extra !== undefined) throw notFound(url.pathname);
  const reply = (r: dir.ScimResponse) => send(res, r.status, r.body, r.location ? { location: r.location } : {});
  const discovery = async (body: unknown) => {
    await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: client.orgId, actorId: null, platform: 'SYSTEM', action: 'scim.discovery', detail: { client: 'scim', tokenId: client.tokenId, resource: resource ?? '' } });
    send(res, 200, body);
  };
  const methodNotAllowed = () => {
    throw new ScimError(405, undefined, `${method} is not supported on ${url.pathname}`);
  };
  switch (resource?.toLowerCase()) {
    case 'serviceproviderconfig':
      if (method !== 'GET' || id) return methodNotAllowed();
      return discovery(serviceProviderConfig(base));
    case 'resourcetypes': {
      if (method !== 'GET') return methodNotAllowed();
      const all = resourceTypes(base);
      if (!id) return discovery({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: all.length, startIndex: 1, itemsPerPage: all.length, Resources: all });
      const one = all.find((r) => String(r.id).toLowerCase() === id.toLowerCase());
      if (!one) throw notFound(`ResourceType ${id}`);
      return discovery(one);
    }
    case 'schemas': {
      if (method !== 'GET') return methodNotAllowed();
      const all = schemas(base);
      if (!id) return discovery({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: all.length, startIndex: 1, itemsPerPage: all.length, Resources: all });
      const one = all.find((s) => String(s.id).toLowerCase() === id.toLowerCase());
      if (!one) throw notFound(`Schema ${id}`);
      return discovery(one);
    }
    case 'users':
      if (!id) {
        if (method === 'GET') return reply(await dir.listUsers(deps, client, base, q));
        if (method === 'POST') return reply(await dir.createUser(deps, client, base, await jsonBody(req)));
        return methodNotAllowed();
      }
      if (method === 'GET') return reply(await dir.getUser(deps, client, base, id));
      if (method === 'PUT') return reply(await dir.replaceUser(deps, client, base, id, await jsonBody(req)));
      if (method === 'PATCH') return reply(await dir.patchUser(deps, client, base, id, await jsonBody(req)));
      if (method === 'DELETE') return reply(await dir.deleteUser(deps, client, base, id));
      return methodNotAllowed();
    case 'groups':
      if (!id) {
        if (method === 'GET') return reply(await dir.listGroups(deps, client, base, q));
        if (method === 'POST') return reply(await dir.createGroup(deps, client, base, await jsonBody(req)));
        return methodNotAllowed();
      }
      if (method === 'GET') return reply(await dir.getGroup(deps, client, base, id, q));
      if (method === 'PUT') return reply(await dir.replaceGroup(deps, client, base, id, await jsonBody(req)));
      if (method === 'PATCH') return reply(await dir.patchGroup(deps, client, base, id, await jsonBody(req)));
      if (method === 'DELETE') return reply(await dir.deleteGroup(deps, client, base, id));
      return methodNotAllowed();
    default:
      throw notFound(url.pathname);
  }
}
