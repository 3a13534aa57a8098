/** Helpers several features share: forms as replies, case gates, playbooks, colleagues. */
import { DateTime } from 'luxon';
import type { Permission } from '../../access/policy.ts';
import { checkCaseAccess } from '../../cases/case-access.ts';
import { casePlaybook } from '../../cases/case-query.service.ts';
import { linkColleague } from '../../orgs/org.service.ts';
import type { Playbook } from '../../playbooks/index.ts';
import { DomainError } from '../../shared/errors.ts';
import { personInitial, type PlanChatContext } from '../plan-chat.ts';
import type { FormSpec, Reply } from '../../ports/reply.ts';
import type { ChatCtx } from './feature.ts';

/** A reply that opens a form. */
export function formReply(form: FormSpec): Reply<never> {
  return { visibility: 'private', blocks: [], fallbackText: form.title, form };
}

/**
 * A form for a case is shown only to someone who may submit it; the check (allowed or refused)
 * is audited like any other access to the case.
 */
export async function gate(x: ChatCtx, code: string, permission: Permission, form: string): Promise<void> {
  await checkCaseAccess(x.deps, x.actor, code, permission, `form.${form}.open`);
}

/** The playbook of one of the organisation's cases. */
export function playbookOf(x: ChatCtx, code: string): Promise<Playbook> {
  return casePlaybook(x.deps, x.actor.orgId, code);
}

/** The playbooks the organisation uses (all registered ones when it names none). */
export function orgPlaybooks(x: ChatCtx): Playbook[] {
  const list = x.org.playbooks.length ? x.org.playbooks : x.deps.playbooks.list().map((p) => p.key);
  return list.map((k) => x.deps.playbooks.get(k)).filter((p): p is Playbook => Boolean(p));
}

/** Examples in help and hints use the organisation's own case codes (DEMO-26-0042, not ST-…). */
export function ownCodes(x: Pick<ChatCtx, 'deps' | 'org'>, text: string): string {
  const yy = DateTime.fromJSDate(x.deps.clock.now(), { zone: x.org.timeZone }).toFormat('yy');
  return text.replace(/\bST-\d{2}-(\d{4})\b/g, `${x.org.casePrefix}-${yy}-$1`);
}

export function planCtx(x: ChatCtx): PlanChatContext {
  return { deps: x.deps, actor: x.actor, lang: x.lang, tz: x.org.timeZone };
}

/** The recorder as a person field shows them: the owner is chosen in the form, visibly. */
export function ownerInitial(x: ChatCtx): Promise<string | undefined> {
  return personInitial(x.deps, x.actor, x.actor.personId);
}

/**
 * A colleague picked by platform id (Slack's user picker or a mention): a person of the
 * organisation already linked to that id, or — the first time — the person with the id's
 * profile e-mail, linked now (inside a mapped workspace only). In Teams a name or `<at>` mention
 * is looked up in the Teams roster (the mention's user, else members with exactly that name):
 * exactly one member whose e-mail belongs to a person of the organisation is that person, linked
 * the same way. Otherwise names and e-mails pass through and are matched by name as before.
 */
export async function colleague(x: ChatCtx, r: { slackUserId?: string; text?: string }): Promise<{ personId?: string; slackUserId?: string; text?: string }> {
  if (x.actor.platform === 'TEAMS' && !r.slackUserId && r.text?.trim() && x.opts.findUsers) return teamsColleague(x, r.text.trim());
  if (!r.slackUserId || x.actor.platform !== 'SLACK') return r;
  const id = r.slackUserId;
  const lookupUser = x.opts.lookupUser;
  let name: string | undefined;
  const lookup = lookupUser ? async () => {
    const p = await lookupUser(id);
    name = p?.displayName;
    return p;
  } : undefined;
  const personId = await linkColleague(x.deps.prisma, x.actor, id, lookup, x.deps.clock.now());
  if (personId) {
    x.forgetActors();
    return { personId };
  }
  throw new DomainError('PERSON.NOT_FOUND', { name: name ?? `@${id}` });
}

async function teamsColleague(x: ChatCtx, text: string): Promise<{ personId?: string; text?: string }> {
  const members = await x.opts.findUsers!(text).catch(() => []);
  // Two members by that name (or none): no guess here; the name is matched as typed.
  if (members.length !== 1) return { text };
  const m = members[0]!;
  const personId = await linkColleague(x.deps.prisma, x.actor, m.platformUserId, async () => m, x.deps.clock.now());
  if (!personId) return { text };
  x.forgetActors();
  return { personId };
}
