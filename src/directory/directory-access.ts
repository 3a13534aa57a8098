/** What the directory decides for every chat request: whether the person still works here. */
import type { Prisma } from '../infra/db/database.ts';
import { DomainError } from '../shared/errors.ts';

/** Throws PERSON.DEPROVISIONED unless the person is active (one primary-key read, fresh each call). */
export async function assertPersonActive(prisma: Prisma, personId: string): Promise<void> {
  const p = await prisma.person.findUnique({ where: { id: personId }, select: { active: true } });
  if (!p?.active) throw new DomainError('PERSON.DEPROVISIONED');
}

const SOURCES = ['SCIM', 'CHAT', 'FILE'] as const;

/**
 * One person's organisation roles for the `personal` view, each with where it came from, e.g.
 * "EHT (Norrskolan; katalog), Teamledare (för hand)". A role given both ways lists both sources.
 */
export function describeOrgRoles(
  roles: { role: string; schoolUnitId: string | null; source: string }[],
  roleLabels: Record<string, string>,
  unitName: Map<string, string>,
  sourceLabel: (source: (typeof SOURCES)[number]) => string,
): string {
  const byRole = new Map<string, { role: string; unitId: string | null; sources: Set<string> }>();
  for (const r of roles) {
    const k = `${r.role}|${r.schoolUnitId ?? ''}`;
    const e = byRole.get(k) ?? { role: r.role, unitId: r.schoolUnitId, sources: new Set<string>() };
    e.sources.add(r.source);
    byRole.set(k, e);
  }
  return [...byRole.values()]
    .map((e) => {
      const src = SOURCES.filter((s) => e.sources.has(s)).map(sourceLabel);
      const unit = e.unitId ? unitName.get(e.unitId) ?? '' : '';
      return `${roleLabels[e.role] ?? e.role} (${[unit, src.join(' + ')].filter(Boolean).join('; ')})`;
    })
    .join(', ');
}
