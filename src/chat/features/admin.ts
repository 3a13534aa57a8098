/** Administration: the people of the organisation (admins), the development clock, who am I. */
import { describeOrgRoles } from '../../directory/directory-access.ts';
import { consoleUsers, listActivePeople, listSchoolUnits, orgRolesOf } from '../../orgs/org-query.service.ts';
import { addPerson, isAdmin } from '../../orgs/people.service.ts';
import { ORG_ROLE_LABELS } from '../../playbooks/index.ts';
import { t } from '../../i18n/core.ts';
import * as F from '../forms.ts';
import { fmtDateTime } from '../../i18n/dates.ts';
import { type Lang } from '../../i18n/lang.ts';
import { textReply } from '../../ports/reply.ts';
import { tx } from '../texts.ts';
import type { ChatCtx, ChatReply, CommandFor, Feature } from './feature.ts';
import { formReply } from './support.ts';

async function people(x: ChatCtx): Promise<ChatReply> {
  const { lang } = x;
  if (!(await isAdmin(x.deps, x.actor))) return textReply(`⚠ ${tx(lang, 'people.adminOnly')}`);
  const units = await listSchoolUnits(x.deps, x.actor.orgId);
  const list = await listActivePeople(x.deps, x.actor.orgId);
  const roleLabels = Object.fromEntries(Object.entries(ORG_ROLE_LABELS).map(([k, v]) => [k, v[lang]]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const items = list.map((p) => `${p.displayName}${p.roles.length ? ` – ${describeOrgRoles(p.roles, roleLabels, unitName, (src) => tx(lang, `people.src.${src}` as 'people.src.SCIM'))}` : ''}`);
  const reply = formReply(F.personForm(lang, units, roleLabels));
  return { ...reply, blocks: [{ type: 'header', text: tx(lang, 'people.header', { org: x.org.name }) }, { type: 'list', items }] };
}

async function clock(x: ChatCtx, op: CommandFor<'clock'>['op']): Promise<ChatReply> {
  const dc = x.chat.devClock;
  if (!dc || x.chat.config.production) return textReply(t(x.lang, 'clock.disabled'));
  let key: 'clock.now' | 'clock.advanced' | 'clock.movedBack' | 'clock.set' | 'clock.reset' = 'clock.now';
  if (op.kind === 'advance') { await dc.advance(op.ms); key = op.ms < 0 ? 'clock.movedBack' : 'clock.advanced'; }
  else if (op.kind === 'set') { await dc.set(new Date(op.at)); key = 'clock.set'; }
  else if (op.kind === 'reset') { await dc.set(new Date(Date.now())); key = 'clock.reset'; }
  else await dc.refresh();
  if (op.kind !== 'show') await x.chat.reminders.sweepOnce();
  return textReply(t(x.lang, key, { time: fmtDateTime(dc.clock.now(), x.org.timeZone, x.lang) }));
}

/** Console persona switch: who am I now? */
export async function whoAmI(x: ChatCtx): Promise<ChatReply> {
  const roles = await orgRolesOf(x.deps, x.actor.personId);
  const names = [...new Set(roles.map((r) => r.role))].map((r) => (ORG_ROLE_LABELS as Record<string, Record<Lang, string>>)[r]?.[x.lang] ?? r).join(', ');
  return textReply(tx(x.lang, 'whoami', { name: x.actor.displayName, roles: names ? ` (${names})` : '' }));
}

/** The console's first lines. */
export async function consoleBanner(x: ChatCtx): Promise<ChatReply> {
  const users = (await consoleUsers(x.deps, x.actor.orgId)).join(', ');
  return textReply(tx(x.lang, 'banner', { org: x.org.name, name: x.actor.displayName, users }));
}

export const admin: Feature<'people' | 'clock', never, typeof F.FORM.person> = {
  name: 'admin',
  commands: {
    people: (x) => people(x),
    clock: (x, cmd) => clock(x, cmd.op),
  },
  actions: {},
  forms: {
    [F.FORM.person]: async (x, f) => {
      x.forgetActors();
      const r = await addPerson(x.deps, x.actor, { name: f.req('name', tx(x.lang, 'f.personName')), email: f.v.email || undefined, roles: f.list('roles') as never, unitCode: f.v.unit || undefined });
      return textReply(`✅ ${tx(x.lang, r.created ? 'ok.personCreated' : 'ok.personUpdated', { name: f.v.name! })}`);
    },
  },
};
