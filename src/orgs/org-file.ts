/**
 * The organisation set-up file (YAML or JSON): name, time zone, language, school units,
 * playbooks in use and people with organisation roles. Validation errors name the field.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod/v4';

export const orgRoles = ['TEAM_LEAD', 'COORDINATOR_POOL', 'SOCIAL_SERVICES', 'EHT_MEMBER', 'PRINCIPAL', 'ADMIN'] as const;
export type OrgRole = (typeof orgRoles)[number];

export const roleEntry = z.union([
  z.enum(orgRoles),
  z.object({ role: z.enum(orgRoles), unit: z.string().min(1).max(40).optional() }).strict(),
]);

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

export const orgSettingsSchema = z
  .object({
    workingHours: z.object({ start: timeOfDay, end: timeOfDay }).strict().optional(),
    /** Extra closed days (school holidays), ISO dates. */
    closedDays: z.array(z.iso.date()).max(400).optional(),
    nudges: z
      .object({
        meetingReminderWorkingDays: z.number().int().min(0).max(20).optional(),
        inactivityDays: z.number().int().min(1).max(365).optional(),
        escalationDelayWorkingDays: z.array(z.number().int().min(0).max(60)).max(5).optional(),
        consentExpiryWarningDays: z.number().int().min(1).max(120).optional(),
      })
      .strict()
      .optional(),
    attendanceColumns: z.record(z.string(), z.string()).optional(),
    /** Playbook whose absence thresholds apply to imported attendance (default: the first in use). */
    absencePlaybook: z.string().min(1).optional(),
  })
  .strict();

export type OrgSettings = z.infer<typeof orgSettingsSchema>;

export const organisationSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]{2,40}$/, 'must be 2–40 lower-case letters, digits or -'),
    name: z.string().min(2).max(120),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Stockholm'),
    language: z.enum(['sv', 'nb', 'en']).default('sv'),
    holidayRegion: z.enum(['SE', 'NO']).default('SE'),
    casePrefix: z.string().regex(/^[A-Z]{2,5}$/, 'must be 2–5 capital letters').default('ST'),
    retentionDays: z.number().int().min(1).max(3650).optional(),
    /**
     * Sender of calendar invitations (their ORGANIZER). Default: `no-reply@<slug>.invalid`, an
     * address that can never receive mail, so no one's answers go astray.
     */
    noReplyEmail: z.email().max(200).optional(),
    playbooks: z.array(z.string().min(1)).min(1).default(['s0-elevvard']),
    /** Custom playbook files, relative to this file. */
    playbookFiles: z.array(z.string().min(1)).optional(),
    /**
     * The Slack workspaces (team or enterprise ids) and Microsoft Entra tenants whose people may
     * use this organisation. Requests from anywhere else are refused. `anyWorkspace: true` admits
     * every workspace (a local pilot only; off by default and logged loudly at start).
     */
    workspaces: z
      .object({
        slack: z.array(z.string().regex(/^[A-Z0-9]{2,40}$/, 'a Slack team or enterprise id such as T0123ABCD')).max(100).optional(),
        teams: z.array(z.string().regex(/^[0-9a-fA-F-]{8,64}$/, 'a Microsoft Entra tenant id (GUID)')).max(100).optional(),
        anyWorkspace: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /**
     * Optional, off by default: unknown platform users whose profile e-mail is in one of these
     * domains are admitted as staff without organisation roles (only inside a mapped workspace).
     */
    autoProvision: z
      .object({ emailDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a mail domain such as kommun.se')).max(50).default([]) })
      .strict()
      .optional(),
    schoolUnits: z.array(z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - or _'), name: z.string().min(1).max(120) }).strict()).default([]),
    people: z
      .array(
        z
          .object({
            name: z.string().min(1).max(120),
            email: z.email().optional(),
            slackUserId: z.string().optional(),
            teamsUserId: z.string().optional(),
            consoleUser: z.string().regex(/^[a-z0-9._-]{1,40}$/).optional(),
            language: z.enum(['sv', 'nb', 'en']).optional(),
            roles: z.array(roleEntry).default([]),
          })
          .strict(),
      )
      .default([]),
    /**
     * Directory groups (SCIM `displayName`) whose members get organisation roles, e.g.
     * `{ "Elevhälsa Norrskolan": { role: EHT_MEMBER, unit: NORR }, "IFO barn och unga": SOCIAL_SERVICES }`.
     */
    roleGroups: z.record(z.string().min(1).max(256), z.union([roleEntry, z.array(roleEntry).min(1).max(6)])).optional(),
    settings: orgSettingsSchema.default({}),
  })
  .strict();

export type RoleEntry = z.infer<typeof roleEntry>;

export type OrganisationSpec = z.infer<typeof organisationSchema>;

export const orgFileSchema = z.union([
  z.object({ organisation: organisationSchema }).strict().transform((f) => [f.organisation]),
  z.object({ organisations: z.array(organisationSchema).min(1) }).strict().transform((f) => f.organisations),
]);

/** Thrown for an invalid set-up file; `issues` name each field and the problem. */
export class OrgFileError extends Error {
  readonly code = 'ORG.INVALID_FILE';
  constructor(readonly file: string, readonly issues: { path: string; message: string }[]) {
    super(`${file}: invalid organisation file:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
}

function formatPath(p: ReadonlyArray<PropertyKey>): string {
  return p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '') || '(file)';
}

/** Parses and validates set-up text, cross-checking units referenced by roles. */
export function parseOrgText(text: string, file: string): OrganisationSpec[] {
  let data: unknown;
  if (file.endsWith('.json')) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new OrgFileError(file, [{ path: '(file)', message: `not valid JSON: ${(e as Error).message}` }]);
    }
  } else {
    const doc = parseDocument(text, { prettyErrors: true });
    if (doc.errors.length) {
      throw new OrgFileError(file, doc.errors.map((e) => ({ path: `line ${e.linePos?.[0]?.line ?? '?'}`, message: e.message.split('\n')[0] ?? e.message })));
    }
    data = doc.toJS();
  }
  const parsed = orgFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new OrgFileError(file, parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  const issues: { path: string; message: string }[] = [];
  // A workspace or tenant belongs to one organisation; "any workspace" can only be one pilot's.
  const owners = new Map<string, string>();
  parsed.data.forEach((org, oi) => {
    for (const platform of ['slack', 'teams'] as const) {
      (org.workspaces?.[platform] ?? []).forEach((id, wi) => {
        const key = `${platform}:${id.toLowerCase()}`;
        const owner = owners.get(key);
        if (owner) issues.push({ path: `organisations[${oi}].workspaces.${platform}[${wi}]`, message: `${id} is already listed for ${owner}` });
        else owners.set(key, org.slug);
      });
    }
  });
  if (parsed.data.filter((o) => o.workspaces?.anyWorkspace).length > 1) {
    issues.push({ path: 'organisations', message: 'workspaces.anyWorkspace may be set for one organisation only' });
  }
  parsed.data.forEach((org, oi) => {
    const units = new Set(org.schoolUnits.map((u) => u.code));
    org.people.forEach((p, pi) =>
      p.roles.forEach((r, ri) => {
        if (typeof r === 'object' && r.unit && !units.has(r.unit)) {
          issues.push({ path: `organisations[${oi}].people[${pi}].roles[${ri}].unit`, message: `unknown school unit "${r.unit}"` });
        }
      }),
    );
    for (const [group, entry] of Object.entries(org.roleGroups ?? {})) {
      for (const r of Array.isArray(entry) ? entry : [entry]) {
        if (typeof r === 'object' && r.unit && !units.has(r.unit)) {
          issues.push({ path: `organisations[${oi}].roleGroups.${group}.unit`, message: `unknown school unit "${r.unit}"` });
        }
      }
    }
    const emails = new Set<string>();
    org.people.forEach((p, pi) => {
      if (!p.email) return;
      const e = p.email.toLowerCase();
      if (emails.has(e)) issues.push({ path: `organisations[${oi}].people[${pi}].email`, message: `duplicate e-mail ${p.email}` });
      emails.add(e);
    });
  });
  if (issues.length) throw new OrgFileError(file, issues);
  return parsed.data;
}

/** Reads and validates a set-up file. */
export async function loadOrgFile(file: string): Promise<{ orgs: OrganisationSpec[]; baseDir: string }> {
  const text = await readFile(file, 'utf8');
  return { orgs: parseOrgText(text, file), baseDir: path.dirname(path.resolve(file)) };
}
