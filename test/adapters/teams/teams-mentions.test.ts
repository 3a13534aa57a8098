/**
 * Naming a colleague in Teams who belongs to the organisation but never used Stafett: an `<at>`
 * mention (its entity's user) or a typed name is looked up in the Teams roster, and the profile
 * e-mail links that Teams user to the person of the organisation — the same path as Slack's user
 * picker (linkColleague: mapped tenant only, never re-linking). Through /api/messages, in a team
 * channel, against a fake connector that serves the roster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../../src/cases/case.service.ts';
import { resolveActor } from '../../../src/orgs/org.service.ts';
import { cardOf, cardText, startFakeTeamsConnector, type FakeTeamsConnector } from '../../support/fake-teams-connector.ts';
import { messageActivity, teamsUser, TENANT_ID } from '../../support/teams-activities.ts';
import { startTeamsTestService, TEAMS_ORG_FILE, type TeamsTestService } from '../../support/teams-service.ts';
import { dbKind } from '../../support/db.ts';

describe(`Teams: a colleague named or mentioned is found in the roster and linked (${dbKind})`, () => {
  let svc: TeamsTestService;
  let connector: FakeTeamsConnector;
  const mona = teamsUser('mona', 'Mona Mentor');
  // As Teams shows them: not the names the organisation file gives them.
  const elin = teamsUser('elin', 'Elin K. Kurator');
  const ebba = teamsUser('ebba', 'Ebba E. Elevhälsa');
  const stranger = teamsUser('stranger', 'Sven Extern');

  beforeAll(async () => {
    connector = await startFakeTeamsConnector();
    connector.setRoster([
      { id: mona.id, aadObjectId: mona.aadObjectId, name: mona.name, email: 'mona.mentor@teamsby.example' },
      { id: elin.id, aadObjectId: elin.aadObjectId, name: elin.name, email: 'Elin.Kurator@teamsby.example' },
      { id: ebba.id, aadObjectId: ebba.aadObjectId, name: ebba.name, userPrincipalName: 'ebba.elevhalsa@teamsby.example' },
      { id: stranger.id, aadObjectId: stranger.aadObjectId, name: stranger.name, email: 'sven@annan-kommun.example' },
    ]);
    svc = await startTeamsTestService({ STAFETT_ORG_FILE: TEAMS_ORG_FILE });
    // Mona's 1:1 chat with the bot, where private answers to channel messages go; the clock on
    // Wednesday 2 December 2026, 10:00 in Stockholm (the dates typed below are read against it).
    const hello = messageActivity({ serviceUrl: connector.url, user: mona, text: 'klocka 2026-12-02T09:00' });
    expect((await svc.post(hello)).status).toBe(200);
    await connector.waitFor((c) => c.pathActivityId === hello.id);
  });
  afterAll(async () => {
    await svc?.close();
    await connector?.close();
  });

  const prisma = () => svc.service.db.prisma;
  async function newCase(): Promise<string> {
    const actor = await resolveActor(prisma(), { platform: 'TEAMS', userId: mona.aadObjectId, workspaceId: TENANT_ID });
    return (await openCase(svc.service.core.deps, actor, { playbookKey: 's4-sandviken', studentRef: 'Elev Rosterberg', schoolUnitCode: 'NORR', firstRole: 'mentor' })).code;
  }
  /** A message in the team channel addressed to the bot, with extra mention entities; the answer (sent to Mona's 1:1 chat when private). */
  async function inChannel(text: string, mentions: { user: { id: string; name: string } }[] = []): Promise<string> {
    const activity = messageActivity({ serviceUrl: connector.url, user: mona, kind: 'channel', text, mentionBot: true });
    activity.entities = [...(activity.entities as unknown[]), ...mentions.map((m) => ({ type: 'mention', text: `<at>${m.user.name}</at>`, mentioned: { id: m.user.id, name: m.user.name } }))];
    const before = connector.sent.length;
    expect((await svc.post(activity)).status).toBe(200);
    const shared = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && c.pathActivityId === activity.id);
    const personal = `a:personal-${mona.aadObjectId}`;
    // The private answer is sent before the shared "sent to you privately" line. The reminder
    // dispatcher may deliver a notice to Mona's chat at any moment (a hand-over request of an
    // earlier test that could not reach its recipient), so the answer is the last private message
    // before the shared one that is not such a notice.
    const upTo = connector.sent.indexOf(shared);
    const privately = connector.sent
      .slice(before, upTo)
      .filter((c) => c.conversationId === personal && !/kunde inte levereras/.test(cardText(cardOf(c) ?? {})))
      .at(-1);
    lastCard = cardOf(privately ?? shared)!;
    return cardText(lastCard);
  }
  let lastCard: Record<string, unknown> = {};
  const person = (email: string) => prisma().person.findFirstOrThrow({ where: { email } });

  it('a mention of a colleague who never used Stafett links them by the e-mail of the mentioned user', async () => {
    const code = await newCase();
    expect((await person('elin.kurator@teamsby.example')).teamsUserId).toBeNull();
    const text = await inChannel(`stafett ${code} <at>${elin.name}</at>`, [{ user: elin }]);
    expect(text).toMatch(new RegExp(`Elin Kurator har fått en förfrågan om att ta över stafetten i ${code}`));
    // The mention entity decided: one roster call for that user, no roster scan by name.
    expect(connector.rosterCalls).toContain(`members/${elin.id}`);
    expect(connector.rosterCalls).not.toContain('pagedmembers');
    const linked = await person('elin.kurator@teamsby.example');
    expect(linked.teamsUserId).toBe(elin.aadObjectId);
    expect(linked.teamsTenantId).toBe(TENANT_ID);
    const audit = await prisma().auditEvent.findFirst({ where: { action: 'identity.link', outcome: 'ALLOWED' }, orderBy: { at: 'desc' } });
    expect(audit?.detail).toMatchObject({ via: 'picker', personId: linked.id });
  });

  it('a typed name Teams knows but Stafett does not is found in the team roster and linked', async () => {
    const code = await newCase();
    const calls = connector.rosterCalls.length;
    const text = await inChannel(`stafett ${code} ${ebba.name}`);
    expect(text).toMatch(new RegExp(`Ebba Elevhälsa har fått en förfrågan om att ta över stafetten i ${code}`));
    expect(connector.rosterCalls.slice(calls)).toContain('pagedmembers');
    expect((await person('ebba.elevhalsa@teamsby.example')).teamsUserId).toBe(ebba.aadObjectId);
  });

  it('someone in the roster who is not in the organisation is not found, and nobody is linked', async () => {
    const code = await newCase();
    const text = await inChannel(`stafett ${code} <at>${stranger.name}</at>`, [{ user: stranger }]);
    expect(text).toMatch(/Jag hittar ingen kollega som heter ”Sven Extern”/);
    expect(await prisma().person.count({ where: { teamsUserId: stranger.aadObjectId } })).toBe(0);
  });

  it('`åtgärd KOD <text> <at>kollega</at> 15 jan` prefills the owner found through the mention, and asks about the date', async () => {
    const code = await newCase();
    const text = await inChannel(`åtgärd ${code} Ringa hem <at>${elin.name}</at> 15 jan`, [{ user: elin }]);
    expect(text).toContain('⚠ Menar du fredag 15 januari 2027? Formuläret har det datumet ifyllt – ändra det om det inte stämmer.');
    const inputs = JSON.stringify(lastCard);
    expect(inputs).toMatch(/"id":"f:text"[^}]*"value":"Ringa hem"/);
    expect(inputs).toMatch(/"id":"f:owner"[^}]*"value":"elin\.kurator@teamsby\.example"/);
    expect(inputs).toMatch(/"id":"f:dueAt"[^}]*"value":"2027-01-15"/);
  });
});
