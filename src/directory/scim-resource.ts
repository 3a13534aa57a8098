/**
 * Pure SCIM resource handling: turns User and Group JSON (create, PUT) and PATCH operations into
 * the few attributes Stafett keeps, with attribute names case-insensitive as RFC 7643 §2.1 says
 * and Entra ID's known deviations accepted (booleans as "True"/"False", PATCH without a path whose
 * value is an object of attribute paths). Any attribute outside the core/enterprise schemas is refused.
 */
import { z } from 'zod/v4';
import { badRequest } from './scim-errors.ts';
import { ENTERPRISE_ATTRIBUTES, IGNORED_NAME_ATTRIBUTES, IGNORED_USER_ATTRIBUTES, URN } from './scim-schema.ts';

/** The User attributes Stafett keeps. */
export interface UserState {
  userName: string;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  /** `name.formatted`: not kept, only used when no displayName is given. */
  formatted: string | null;
  displayName: string | null;
  email: string | null;
  active: boolean;
  preferredLanguage: string | null;
}

export interface GroupState {
  displayName: string;
  externalId: string | null;
  /** Person ids. */
  members: string[];
}

export type PatchKind = 'add' | 'replace' | 'remove';
export interface PatchOperation {
  op: PatchKind;
  path?: string;
  value?: unknown;
}

const text = z.string().trim().max(256);
const scimBool = z.union([
  z.boolean(),
  z.string().regex(/^(true|false)$/i, 'must be true or false').transform((s) => s.toLowerCase() === 'true'),
]);
const emailValue = z.email('must be an e-mail address').max(256);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function zodFail(e: z.ZodError, what: string): never {
  const i = e.issues[0];
  throw badRequest('invalidValue', `${what}${i?.path.length ? `.${i.path.join('.')}` : ''}: ${i?.message ?? 'invalid'}`);
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) zodFail(r.error, what);
  return r.data;
}

/** Renames keys of `obj` to their canonical spelling; unknown keys are refused unless ignorable. */
function canonical(obj: Record<string, unknown>, known: Record<string, string>, ignored: Set<string>, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const c = known[k.toLowerCase()];
    if (c) out[c] = v;
    else if (!ignored.has(k.toLowerCase())) throw badRequest('invalidSyntax', `unknown attribute "${k}"${where}`);
  }
  return out;
}

const NAME_KEYS = { givenname: 'givenName', familyname: 'familyName', formatted: 'formatted' };
const EMAIL_KEYS = { value: 'value', type: 'type', primary: 'primary', display: 'display' };
const USER_KEYS: Record<string, string> = {
  schemas: 'schemas', id: 'id', meta: 'meta', username: 'userName', externalid: 'externalId', name: 'name', displayname: 'displayName',
  emails: 'emails', active: 'active', preferredlanguage: 'preferredLanguage', [URN.enterpriseUser.toLowerCase()]: 'enterprise',
};

const emailsSchema = z.array(z.object({ value: z.string().trim().max(256), type: z.string().max(40).optional(), primary: scimBool.optional(), display: z.string().max(256).optional() })).max(20);

function pickEmail(list: z.infer<typeof emailsSchema>): string | null {
  const chosen = list.find((e) => e.primary === true) ?? list.find((e) => e.type?.toLowerCase() === 'work') ?? list[0];
  return chosen?.value ? parseWith(emailValue, chosen.value, 'emails.value').toLowerCase() : null;
}

function canonicalEmails(v: unknown): unknown {
  const list = Array.isArray(v) ? v : isObject(v) ? [v] : v;
  return Array.isArray(list) ? list.map((e) => (isObject(e) ? canonical(e, EMAIL_KEYS, new Set(), ' in emails') : e)) : list;
}

function checkEnterprise(v: unknown): void {
  if (!isObject(v)) throw badRequest('invalidSyntax', `${URN.enterpriseUser} must be an object`);
  for (const k of Object.keys(v)) if (!ENTERPRISE_ATTRIBUTES.has(k.toLowerCase())) throw badRequest('invalidSyntax', `unknown enterprise attribute "${k}"`);
}

const userSchema = z.object({
  schemas: z.array(z.string().max(200)).min(1).max(5),
  id: z.string().max(100).optional(),
  meta: z.unknown().optional(),
  userName: z.string().trim().min(1).max(256),
  externalId: text.nullable().optional(),
  name: z.object({ givenName: text.nullable().optional(), familyName: text.nullable().optional(), formatted: text.nullable().optional() }).optional(),
  displayName: text.nullable().optional(),
  emails: emailsSchema.optional(),
  active: scimBool.optional(),
  preferredLanguage: z.string().trim().max(35).nullable().optional(),
  enterprise: z.unknown().optional(),
});

/**
 * Reads a User resource (POST or PUT). `current` is the stored state for PUT: an omitted
 * `active` keeps it (never re-activates or deactivates by omission); other omissions clear.
 */
export function parseUserResource(body: unknown, current?: UserState): UserState {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'the request body must be a JSON object');
  const c = canonical(body, USER_KEYS, IGNORED_USER_ATTRIBUTES, '');
  if (isObject(c.name)) c.name = canonical(c.name, NAME_KEYS, IGNORED_NAME_ATTRIBUTES, ' in name');
  if (c.emails !== undefined) c.emails = canonicalEmails(c.emails);
  if (c.enterprise !== undefined) checkEnterprise(c.enterprise);
  const u = parseWith(userSchema, c, 'User');
  if (!u.schemas.some((s) => s.toLowerCase() === URN.user.toLowerCase())) throw badRequest('invalidSyntax', `schemas must include ${URN.user}`);
  return {
    userName: u.userName,
    externalId: u.externalId || null,
    givenName: u.name?.givenName || null,
    familyName: u.name?.familyName || null,
    formatted: u.name?.formatted || null,
    displayName: u.displayName || null,
    email: u.emails ? pickEmail(u.emails) : null,
    active: u.active ?? current?.active ?? true,
    preferredLanguage: u.preferredLanguage || null,
  };
}

interface AttrPath {
  enterprise: boolean;
  attr: string;
  filter?: { attr: string; value: string | boolean };
  sub?: string;
}

const PATH_RE = /^([a-z][\w$-]*)(?:\[\s*([a-z][\w]*)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false)\s*\])?(?:\.([a-z][\w$-]*))?$/i;

/** Parses a PATCH path such as `emails[type eq "work"].value` or `urn:…:enterprise:2.0:User:department`. */
export function parseAttrPath(raw: string): AttrPath {
  if (raw.length > 512) throw badRequest('invalidPath', 'path too long');
  let p = raw.trim();
  let enterprise = false;
  const lower = p.toLowerCase();
  if (lower.startsWith(`${URN.user.toLowerCase()}:`)) p = p.slice(URN.user.length + 1);
  else if (lower === URN.enterpriseUser.toLowerCase()) return { enterprise: true, attr: '' };
  else if (lower.startsWith(`${URN.enterpriseUser.toLowerCase()}:`)) {
    p = p.slice(URN.enterpriseUser.length + 1);
    enterprise = true;
  } else if (lower.startsWith(`${URN.group.toLowerCase()}:`)) p = p.slice(URN.group.length + 1);
  const m = PATH_RE.exec(p);
  if (!m) throw badRequest('invalidPath', `unsupported path "${raw}"`);
  let filter: AttrPath['filter'];
  if (m[2]) {
    let value: string | boolean;
    try {
      value = JSON.parse(m[3]!.toLowerCase() === 'true' || m[3]!.toLowerCase() === 'false' ? m[3]!.toLowerCase() : m[3]!) as string | boolean;
    } catch {
      throw badRequest('invalidPath', `invalid value filter in "${raw}"`);
    }
    filter = { attr: m[2].toLowerCase(), value };
  }
  return { enterprise, attr: m[1]!.toLowerCase(), filter, sub: m[4]?.toLowerCase() };
}

function optText(v: unknown, what: string, kind: PatchKind): string | null {
  if (kind === 'remove' || v === null) return null;
  return parseWith(text, v, what) || null;
}

function applyUserPath(s: UserState, rawPath: string, value: unknown, kind: PatchKind): void {
  const p = parseAttrPath(rawPath);
  if (p.enterprise) {
    if (!p.attr) {
      if (kind !== 'remove') checkEnterprise(value);
    } else if (!ENTERPRISE_ATTRIBUTES.has(p.attr)) throw badRequest('invalidPath', `unknown enterprise attribute "${p.attr}"`);
    return; // accepted and deliberately not kept
  }
  switch (p.attr) {
    case 'username':
      if (kind === 'remove') throw badRequest('mutability', 'userName is required and cannot be removed');
      s.userName = parseWith(z.string().trim().min(1).max(256), value, 'userName');
      return;
    case 'externalid':
      s.externalId = optText(value, 'externalId', kind);
      return;
    case 'displayname':
      s.displayName = optText(value, 'displayName', kind);
      return;
    case 'preferredlanguage':
      s.preferredLanguage = optText(value, 'preferredLanguage', kind);
      return;
    case 'active':
      if (kind === 'remove') throw badRequest('mutability', 'active cannot be removed; replace it with false');
      s.active = parseWith(scimBool, value, 'active');
      return;
    case 'name': {
      if (p.filter) throw badRequest('invalidPath', 'name is not multi-valued');
      const subs = p.sub ? { [p.sub]: value } : kind === 'remove' ? { givenname: null, familyname: null, formatted: null } : value;
      if (!isObject(subs)) throw badRequest('invalidValue', 'name must be an object');
      for (const [k, v] of Object.entries(subs)) {
        const key = k.toLowerCase();
        if (IGNORED_NAME_ATTRIBUTES.has(key)) continue;
        if (key === 'givenname') s.givenName = optText(v, 'name.givenName', kind);
        else if (key === 'familyname') s.familyName = optText(v, 'name.familyName', kind);
        else if (key === 'formatted') s.formatted = optText(v, 'name.formatted', kind);
        else throw badRequest('invalidPath', `unknown attribute "name.${k}"`);
      }
      return;
    }
    case 'emails': {
      if (p.filter && !['type', 'primary', 'value'].includes(p.filter.attr)) throw badRequest('invalidPath', `unsupported filter on emails: ${p.filter.attr}`);
      if (p.sub && p.sub !== 'value' && p.sub !== 'type' && p.sub !== 'primary') throw badRequest('invalidPath', `unknown attribute "emails.${p.sub}"`);
      if (kind === 'remove') {
        if (!p.filter || p.filter.attr !== 'value' || String(p.filter.value).toLowerCase() === s.email) s.email = null;
        return;
      }
      if (p.sub === 'type' || p.sub === 'primary') return;
      if (p.sub === 'value' || (p.filter && typeof value === 'string')) {
        s.email = parseWith(emailValue, value, 'emails.value').toLowerCase();
        return;
      }
      if (p.filter && isObject(value)) {
        const e = canonical(value, EMAIL_KEYS, new Set(), ' in emails');
        if (e.value !== undefined) s.email = parseWith(emailValue, e.value, 'emails.value').toLowerCase();
        return;
      }
      const list = parseWith(emailsSchema, canonicalEmails(value), 'emails');
      s.email = pickEmail(list) ?? (kind === 'replace' ? null : s.email);
      return;
    }
    case 'id':
    case 'meta':
    case 'schemas':
      throw badRequest('mutability', `${p.attr} is read-only`);
    default:
      if (IGNORED_USER_ATTRIBUTES.has(p.attr)) return;
      throw badRequest('invalidPath', `unknown attribute "${rawPath}"`);
  }
}

const opSchema = z.object({
  op: z.string().regex(/^(add|replace|remove)$/i, 'op must be add, replace or remove').transform((s) => s.toLowerCase() as PatchKind),
  path: z.string().min(1).max(512).optional(),
  value: z.unknown().optional(),
});
const patchSchema = z.object({ schemas: z.array(z.string().max(200)).min(1).max(3), Operations: z.array(opSchema).min(1).max(100) }).strict();

/** Validates a PatchOp envelope (RFC 7644 §3.5.2). */
export function parsePatch(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'the request body must be a JSON object');
  const fixed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const c = ({ schemas: 'schemas', operations: 'Operations' } as Record<string, string>)[k.toLowerCase()];
    if (!c) throw badRequest('invalidSyntax', `unknown attribute "${k}" in PatchOp`);
    fixed[c] = v;
  }
  const r = patchSchema.safeParse(fixed);
  if (!r.success) {
    const i = r.error.issues[0];
    throw badRequest('invalidSyntax', `PatchOp${i?.path.length ? `.${i.path.join('.')}` : ''}: ${i?.message ?? 'invalid'}`);
  }
  if (!r.data.schemas.some((s) => s.toLowerCase() === URN.patchOp.toLowerCase())) throw badRequest('invalidSyntax', `schemas must include ${URN.patchOp}`);
  return r.data.Operations.map((o) => ({ op: o.op, path: o.path, value: o.value }));
}

/** Applies PATCH operations to a copy of a user's state. */
export function applyUserPatch(current: UserState, ops: PatchOperation[]): UserState {
  const s = { ...current };
  for (const o of ops) {
    if (o.path) applyUserPath(s, o.path, o.value, o.op);
    else {
      if (o.op === 'remove') throw badRequest('noTarget', 'remove needs a path');
      if (!isObject(o.value)) throw badRequest('invalidValue', 'an operation without a path needs an object value');
      for (const [k, v] of Object.entries(o.value)) applyUserPath(s, k, v, o.op);
    }
  }
  return s;
}

const memberRef = z.object({ value: z.string().min(1).max(100), display: z.string().max(256).optional(), $ref: z.string().max(500).nullable().optional(), type: z.string().max(20).optional() });
const membersSchema = z.array(memberRef).max(1000);
const GROUP_KEYS: Record<string, string> = { schemas: 'schemas', id: 'id', meta: 'meta', displayname: 'displayName', externalid: 'externalId', members: 'members' };
const MEMBER_KEYS: Record<string, string> = { value: 'value', display: 'display', $ref: '$ref', type: 'type' };

function readMembers(v: unknown): string[] {
  const list = Array.isArray(v) ? v : isObject(v) ? [v] : v;
  const canon = Array.isArray(list) ? list.map((m) => (isObject(m) ? canonical(m, MEMBER_KEYS, new Set(), ' in members') : m)) : list;
  return parseWith(membersSchema, canon, 'members').map((m) => m.value);
}

const groupSchema = z.object({
  schemas: z.array(z.string().max(200)).min(1).max(5),
  id: z.string().max(100).optional(),
  meta: z.unknown().optional(),
  displayName: z.string().trim().min(1).max(256),
  externalId: text.nullable().optional(),
  members: z.unknown().optional(),
});

/** Reads a Group resource (POST or PUT). */
export function parseGroupResource(body: unknown): GroupState {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'the request body must be a JSON object');
  const g = parseWith(groupSchema, canonical(body, GROUP_KEYS, new Set(), ''), 'Group');
  if (!g.schemas.some((s) => s.toLowerCase() === URN.group.toLowerCase())) throw badRequest('invalidSyntax', `schemas must include ${URN.group}`);
  return { displayName: g.displayName, externalId: g.externalId || null, members: g.members === undefined ? [] : [...new Set(readMembers(g.members))] };
}

function applyGroupPath(s: GroupState, rawPath: string, value: unknown, kind: PatchKind, groupId: string): void {
  const p = parseAttrPath(rawPath);
  if (p.enterprise) throw badRequest('invalidPath', `unknown attribute "${rawPath}"`);
  switch (p.attr) {
    case 'displayname':
      if (kind === 'remove') throw badRequest('mutability', 'displayName is required');
      s.displayName = parseWith(z.string().trim().min(1).max(256), value, 'displayName');
      return;
    case 'externalid':
      s.externalId = optText(value, 'externalId', kind);
      return;
    case 'members': {
      if (p.sub) throw badRequest('invalidPath', `unsupported path "${rawPath}"`);
      if (p.filter) {
        if (p.filter.attr !== 'value' || typeof p.filter.value !== 'string' || kind !== 'remove') throw badRequest('invalidPath', `unsupported path "${rawPath}"`);
        const id = p.filter.value;
        s.members = s.members.filter((m) => m !== id);
        return;
      }
      if (kind === 'remove') {
        if (value === undefined || value === null) s.members = [];
        else {
          const gone = new Set(readMembers(value));
          s.members = s.members.filter((m) => !gone.has(m));
        }
        return;
      }
      const ids = readMembers(value);
      s.members = kind === 'replace' ? [...new Set(ids)] : [...new Set([...s.members, ...ids])];
      return;
    }
    case 'id':
      if (value !== groupId) throw badRequest('mutability', 'id is read-only');
      return;
    default:
      throw badRequest('invalidPath', `unknown attribute "${rawPath}"`);
  }
}

/** Applies PATCH operations (several per request, in order) to a copy of a group's state. */
export function applyGroupPatch(current: GroupState, ops: PatchOperation[], groupId: string): GroupState {
  const s = { ...current, members: [...current.members] };
  for (const o of ops) {
    if (o.path) applyGroupPath(s, o.path, o.value, o.op, groupId);
    else {
      if (o.op === 'remove') throw badRequest('noTarget', 'remove needs a path');
      if (!isObject(o.value)) throw badRequest('invalidValue', 'an operation without a path needs an object value');
      for (const [k, v] of Object.entries(o.value)) applyGroupPath(s, k, v, o.op, groupId);
    }
  }
  return s;
}
