/**
 * The calendar invitation for one meeting as a file: organiser, invited staff and times in the
 * organisation's zone. Invited are the case's current members and the meeting's named staff
 * participants who may see the case (a social-services member only with a legal basis in force),
 * plus the person asking; only people with an e-mail address can be invited.
 */
import type { Actor } from '../orgs/org.service.ts';
import { decide, type AccessFacts } from '../access/policy.ts';
import { socialServicesAccess, withCase } from '../cases/case-access.ts';
import { meetingLabel } from '../cases/case-query.service.ts';
import type { ReplyFile } from '../ports/file.ts';
import type { Lang } from '../i18n/lang.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { meetingIcs, type IcsPerson } from './ics.ts';
import { orgSettings } from '../orgs/org-settings.ts';

/** The organiser address when the organisation file names none; `.invalid` never receives mail. */
export function defaultNoReplyEmail(slug: string): string {
  return `no-reply@${slug}.invalid`;
}

/** The .ics for a meeting of the case, or undefined when the meeting is not the case's. */
export async function meetingInvitation(deps: ServiceDeps, actor: Actor, code: string, meetingId: string, lang: Lang): Promise<ReplyFile | undefined> {
  return withCase(deps, actor, code, 'case.details', 'meeting.invitation', async (c) => {
    const m = await c.tx.meeting.findFirst({ where: { id: meetingId, caseId: c.kase.id }, include: { participants: { select: { personId: true } } } });
    if (!m) return undefined;
    const org = await c.tx.organisation.findUniqueOrThrow({ where: { id: c.kase.orgId } });
    const members = await c.tx.caseMember.findMany({ where: { caseId: c.kase.id, removedAt: null }, select: { personId: true, role: true } });
    const ids = [...new Set([actor.personId, ...members.map((x) => x.personId), ...m.participants.flatMap((p) => (p.personId ? [p.personId] : []))])];
    const people = await c.tx.person.findMany({ where: { id: { in: ids }, orgId: c.kase.orgId, active: true, email: { not: null } }, include: { roles: true }, orderBy: { displayName: 'asc' } });
    // The same facts loadAccessFacts gathers, for all invitees at once.
    const access = await socialServicesAccess(c.tx, c.kase.id, c.now);
    const attendees: IcsPerson[] = [];
    for (const p of people) {
      const facts: AccessFacts = {
        person: { id: p.id, orgId: p.orgId, orgRoles: p.roles.map((r) => ({ role: r.role, schoolUnitId: r.schoolUnitId })) },
        case: { orgId: c.kase.orgId, schoolUnitId: c.kase.schoolUnitId, status: c.kase.status },
        memberRoles: members.filter((x) => x.personId === p.id).map((x) => x.role),
        socialServicesBasis: access !== null,
        basis: access?.basis ?? null,
        socialServicesScope: access?.scope ?? [],
      };
      if (p.id === actor.personId || decide(facts, 'case.details', { isBatonHolder: c.kase.batonHolderId === p.id }).allowed) attendees.push({ name: p.displayName, email: p.email! });
    }
    const noReply = orgSettings(org.settings).noReplyEmail ?? defaultNoReplyEmail(org.slug);
    const content = meetingIcs({
      id: m.id, caseCode: c.kase.code, typeLabel: meetingLabel(c.playbook, m.type, lang), startsAt: m.startsAt, durationMin: m.durationMin,
      location: deps.cipher.decryptOpt(m.locationEnc), link: deps.cipher.decryptOpt(m.linkEnc), sequence: m.icsSequence, cancelled: m.status === 'CANCELLED', timeZone: org.timeZone,
      organizer: { name: org.name, email: noReply }, attendees, stamp: c.now,
    });
    return { fileName: `${c.kase.code}-${m.type}.ics`, mimeType: 'text/calendar', content };
  });
}
