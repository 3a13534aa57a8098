/**
 * Picking a colleague works the first time (issue 14 item 4): a person of the organisation who
 * has never used Stafett, chosen in Slack's user picker (or mentioned), is found through the
 * picked user's profile e-mail — inside the mapped workspace — and linked. One path for the
 * action owner, the hand-over and adding a person; every link is audited, and a picked account
 * whose e-mail belongs to an already linked person is refused, not re-linked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createButtonActionId } from '../../../adapters/slack/action-ids.ts';
import { openCase } from '../../../src/cases/case.service.ts';
import { resolveActor } from '../../../src/orgs/org.service.ts';
import { errorText } from '../../../src/i18n/core.ts';
import { dbKind } from '../../support/db.ts';
import { people, startSlackTestEnv, TEAM, type SlackTestEnv } from './slack-harness.ts';

describe(`Slack: a colleague who never used Stafett is picked and linked (${dbKind})`, () => {
  let env: SlackTestEnv;
  let code = '';
  const person = (email: string) => env.svc.db.prisma.person.findFirstOrThrow({ where: { email } });

  beforeAll(async () => {
    env = await startSlackTestEnv();
    for (const [id, name, email] of [['U0KIM', 'Kim K', 'kim.kollega@slackby.example'], ['U0NORA', 'Nora N', 'nora.nykomling@slackby.example'], ['U0PIA', 'Pia P', 'pia.pedagog@slackby.example'], ['U0DUPE', 'Karin igen', 'karin.koordinator@slackby.example'], ['U0NOBODY', 'Okänd Person', 'okand@elsewhere.example']] as const) {
      env.fake.users.set(id, { id, name, email, locale: 'sv-SE' });
    }
    const karin = await resolveActor(env.svc.db.prisma, { platform: 'SLACK', userId: people.karin.userId, workspaceId: TEAM });
    ({ code } = await openCase(env.svc.core.deps, karin, { playbookKey: 's0-elevvard', schoolUnitCode: 'NORR', studentRef: 'Elev C', firstRole: 'mentor' }));
  });
  afterAll(async () => env?.close());

  it('as the owner of an action, chosen in the form\'s user picker', async () => {
    const unlinked = await person('kim.kollega@slackby.example');
    expect(unlinked.slackUserId).toBeNull();
    // An action's owner must be able to work on the case (plan rule): Kim is in the case already,
    // but has never used Stafett from Slack — the picker must find and link him.
    const kase = await env.svc.db.prisma.case.findFirstOrThrow({ where: { code } });
    await env.svc.db.prisma.caseMember.create({ data: { caseId: kase.id, personId: unlinked.id, role: 'ester-documenter', addedAt: new Date() } });
    const { from } = await env.command(people.karin, `åtgärd ${code}`);
    const modal = await env.modal(from);
    const r = await env.submit(people.karin, modal, { text: 'Ring hem och boka samtal', owner: 'U0KIM', dueAt: '2026-12-18 16:00' });
    expect(r.body).toBeUndefined();
    const msg = await env.message(r.from);
    expect(JSON.stringify(msg.args)).toContain('✅');
    const kim = await person('kim.kollega@slackby.example');
    expect(kim.slackUserId).toBe('U0KIM');
    expect(kim.slackTeamId).toBe(TEAM);
    const action = await env.svc.db.prisma.caseAction.findFirstOrThrow({ where: { case: { code } }, orderBy: { createdAt: 'desc' } });
    expect(action.ownerId).toBe(kim.id);
    const link = await env.svc.db.prisma.auditEvent.findMany({ where: { action: 'identity.link', outcome: 'ALLOWED' } });
    expect(link.some((a) => (a.detail as { personId?: string; via?: string }).personId === kim.id && (a.detail as { via?: string }).via === 'picker')).toBe(true);
  });

  it('as the new baton holder, mentioned in `stafett KOD @kollega`', async () => {
    const { from } = await env.command(people.karin, `stafett ${code} <@U0NORA>`);
    const msg = await env.message(from, (c) => c.method === 'response_url');
    expect(JSON.stringify(msg.args)).toContain('Nora Nykomling');
    const nora = await person('nora.nykomling@slackby.example');
    expect(nora.slackUserId).toBe('U0NORA');
    expect(await env.svc.db.prisma.batonHandover.count({ where: { toId: nora.id, status: 'PENDING' } })).toBe(1);
  });

  it('added to the case in a role with the "add person" button', async () => {
    const { from } = await env.click(people.karin, { action_id: createButtonActionId(0, 'case.addPerson'), value: code });
    const modal = await env.modal(from);
    const r = await env.submit(people.karin, modal, { person: 'U0PIA', role: 'network-leader' });
    expect(r.body).toBeUndefined();
    await env.message(r.from);
    const pia = await person('pia.pedagog@slackby.example');
    expect(pia.slackUserId).toBe('U0PIA');
    expect(await env.svc.db.prisma.caseMember.count({ where: { personId: pia.id, role: 'network-leader', case: { code } } })).toBe(1);
  });

  it('an account with an already linked colleague\'s e-mail is refused, not re-linked; an e-mail nobody has is named', async () => {
    const { from } = await env.command(people.karin, `stafett ${code} <@U0DUPE>`);
    const msg = await env.message(from, (c) => c.method === 'response_url');
    expect(JSON.stringify(msg.args)).toContain(errorText('sv', 'PERSON.ALREADY_LINKED', { name: 'Karin Koordinator' }).slice(0, 40));
    expect((await person('karin.koordinator@slackby.example')).slackUserId).toBe(people.karin.userId);
    expect(await env.svc.db.prisma.auditEvent.count({ where: { action: 'identity.link', outcome: 'DENIED' } })).toBe(1);
    const other = await env.command(people.karin, `stafett ${code} <@U0NOBODY>`);
    const msg2 = await env.message(other.from, (c) => c.method === 'response_url');
    expect(JSON.stringify(msg2.args)).toContain('Okänd Person');
    expect(await env.svc.db.prisma.person.count({ where: { slackUserId: 'U0NOBODY' } })).toBe(0);
  });
});
