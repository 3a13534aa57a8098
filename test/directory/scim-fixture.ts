/** A running Stafett with an organisation whose roleGroups map directory groups, and a SCIM token. */
import http from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoOrganisation } from '../../src/orgs/demo-organisation.ts';
import { rotateScimToken } from '../../src/directory/scim-token.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { renderNotice } from '../../src/chat/notice-views.ts';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export interface ScimFixture {
  svc: TestService;
  token: string;
  orgId: string;
  notices: { personId: string; kind: string; caseId?: string; text: string }[];
  scim(method: string, p: string, body?: unknown, opts?: { token?: string | null; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: { get(name: string): string | null } }>;
  close(): Promise<void>;
}

export async function startScimFixture(env: Record<string, string> = {}): Promise<ScimFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'stafett-scim-'));
  const file = path.join(dir, 'org.json');
  await writeFile(file, JSON.stringify({
    organisation: {
      ...demoOrganisation,
      workspaces: { slack: ['T0SCIM'], teams: [TENANT] },
      roleGroups: {
        'Elevhälsa Norrskolan': { role: 'EHT_MEMBER', unit: 'NORR' },
        'IFO barn och unga': 'SOCIAL_SERVICES',
        'Rektorer Norr': [{ role: 'PRINCIPAL', unit: 'NORR' }, { role: 'EHT_MEMBER', unit: 'NORR' }],
      },
    },
  }));
  const svc = await startTestService({ env: { STAFETT_ORG_FILE: file, ...env } });
  const org = await svc.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'demo' } });
  const { token } = await rotateScimToken(svc.db.prisma, org.id, new Date());
  const notices: ScimFixture['notices'] = [];
  // The real outbox write, and the notice as the dispatcher will render it.
  const write = svc.core.deps.notifyPerson;
  svc.core.deps.notifyPerson = async (tx, personId, notice, params, opts) => {
    await write(tx, personId, notice, params, opts);
    notices.push({ personId, kind: notice.kind, caseId: opts?.caseId, text: renderNotice(notice.kind, 'sv', params, { timeZone: 'Europe/Stockholm' })!.text });
  };
  return {
    svc, token, orgId: org.id, notices,
    scim: async (method, p, body, opts = {}) => {
      const t = opts.token === undefined ? token : opts.token;
      const payload = opts.raw ?? (body !== undefined ? JSON.stringify(body) : undefined);
      // A fresh connection per request (agent: false): no keep-alive socket the server may close under us.
      return new Promise((resolve, reject) => {
        const req = http.request(`${svc.url}/scim/v2${p}`, {
          method, agent: false,
          headers: { ...(t ? { authorization: `Bearer ${t}` } : {}), ...(payload !== undefined ? { 'content-type': 'application/scim+json' } : {}), ...opts.headers },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const h = res.headers;
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: { get: (n) => { const v = h[n.toLowerCase()]; return v === undefined ? null : String(v); } } });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => svc.close(),
  };
}

/** The user Microsoft documents for "Create User" in its SCIM endpoint tutorial, with our values. */
export function entraUser(userName: string, opts: { email?: string; externalId?: string; given?: string; family?: string } = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId: opts.externalId ?? '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: opts.email ?? userName }],
    meta: { resourceType: 'User' },
    name: { formatted: `${opts.given ?? 'givenName'} ${opts.family ?? 'familyName'}`, familyName: opts.family ?? 'familyName', givenName: opts.given ?? 'givenName' },
    roles: [],
  };
}

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
