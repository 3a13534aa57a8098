/**
 * `Organisation.settings` as stored: the organisation file's `settings` plus what applying the
 * file adds (playbooks in use, identity, role groups, the invitation sender). Read once per row
 * with zod and handed on typed; the file was validated strictly when it was applied
 * (org-file.ts), so a field that no longer parses falls back to its default instead of failing
 * every request of the organisation.
 */
import { z } from 'zod/v4';
import { roleEntry } from './org-file.ts';

/** An optional field; a value that does not parse reads as absent. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const storedOrgSettingsSchema = z.object({
  workingHours: lenient(z.object({ start: z.string(), end: z.string() })),
  /** Extra closed days (school holidays), ISO dates. */
  closedDays: lenient(z.array(z.string())),
  nudges: lenient(
    z.object({
      meetingReminderWorkingDays: lenient(z.number()),
      inactivityDays: lenient(z.number()),
      escalationDelayWorkingDays: lenient(z.array(z.number())),
      consentExpiryWarningDays: lenient(z.number()),
    }),
  ),
  /** Column names of the attendance export, e.g. `{ student: "Elev-ID" }`. */
  attendanceColumns: lenient(z.record(z.string(), z.string())),
  /** Playbook whose absence thresholds apply (default: the first in use). */
  absencePlaybook: lenient(z.string()),
  /** Playbooks in use, in the file's order. */
  playbooks: lenient(z.array(z.string())),
  identity: lenient(z.object({ anyWorkspace: lenient(z.boolean()), emailDomains: lenient(z.array(z.string())) })),
  /** Directory groups whose members get organisation roles. */
  roleGroups: lenient(z.record(z.string(), z.union([roleEntry, z.array(roleEntry)]))),
  /** Sender (ORGANIZER) of calendar invitations. */
  noReplyEmail: lenient(z.string()),
});

export type StoredOrgSettings = z.infer<typeof storedOrgSettingsSchema>;

const parsed = new WeakMap<object, StoredOrgSettings>();

/** The typed settings of an organisation row (`settings` as Prisma returns it). */
export function orgSettings(raw: unknown): StoredOrgSettings {
  const key = raw !== null && typeof raw === 'object' ? raw : undefined;
  const hit = key && parsed.get(key);
  if (hit) return hit;
  const r = storedOrgSettingsSchema.safeParse(raw ?? {});
  const value: StoredOrgSettings = r.success ? r.data : {};
  if (key) parsed.set(key, value);
  return value;
}
