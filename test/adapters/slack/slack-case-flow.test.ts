import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../../support/db.ts';
import { findButton, textOf } from '../../support/fake-slack-payloads.ts';
import { people, startSlackTestEnv, type SlackTestEnv } from './slack-harness.ts';

/** ISO date `days` from the service clock, in Stockholm. */
function dayFromNow(env: SlackTestEnv, days: number): string {
  const d = new Date(env.svc.core.clock.now().getTime() + days * 86_400_000);
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

describe(`a whole case from Slack (${dbKind})`, () => {
  let env: SlackTestEnv;
  let code = '';
  beforeAll(async () => {
    // With Slack credentials the development clock exists only when asked for.
    env = await startSlackTestEnv({ STAFETT_DEV_CLOCK: '1' });
  });
  afterAll(async () => env?.close());

  const prisma = () => env.svc.db.prisma;
  const kase = () => prisma().case.findFirstOrThrow({ where: { code } });

  it('opens the case', async () => {
    const { from } = await env.command(people.maria, 'ny');
    const modal = await env.modal(from);
    const sub = await env.submit(people.maria, modal, { studentRef: 'Elev 7A (EF)', unit: 'NORR', firstRole: 'mentor', reason: 'Fem skolktillfällen' });
    expect(sub.body ?? '').toBe('');
    const msg = await env.message(sub.from);
    code = /SL-\d{2}-\d{4}/.exec(textOf(msg))![0];
    expect((await kase()).status).toBe('OPEN');
    expect(findButton(msg, 'case.open', code)).toBeDefined();
  });

  /** Runs a command and returns its first message. */
  async function say(who: (typeof people)[keyof typeof people], text: string) {
    const r = await env.command(who, text);
    return { ...r, msg: await env.message(r.from, (c) => c.hook === r.hook) };
  }

  /** Records the outcome of the planned meeting of `type` through its button and modal. */
  async function recordOutcome(type: string, values: Record<string, string>) {
    const k = await kase();
    const m = await prisma().meeting.findFirstOrThrow({ where: { caseId: k.id, type, status: 'PLANNED' } });
    const list = await say(people.maria, `möte ${code}`);
    const button = findButton(list.msg, 'meeting.record', `${code}|${m.id}`);
    expect(button).toBeDefined();
    const click = await env.click(people.maria, button!, { hook: list.hook });
    const modal = await env.modal(click.from);
    const sub = await env.submit(people.maria, modal, values);
    expect(sub.body ?? '').toBe('');
    expect(textOf(await env.message(sub.from))).toMatch(/✅/);
    expect((await prisma().meeting.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('HELD');
  }

  async function advance(stage: string) {
    const r = await say(people.maria, `nästa ${code}`);
    expect(textOf(r.msg)).toMatch(/✅/);
    expect((await kase()).stage).toBe(stage);
  }

  it('moves to the goal meeting stage and records consent through its modal', async () => {
    await advance('malmote');
    const { from } = await env.command(people.maria, `samtycke ${code}`);
    const modal = await env.modal(from);
    const sub = await env.submit(people.maria, modal, { status: 'GIVEN', scope: 'SCHOOL,SOCIAL_SERVICES', givenBy: 'GUARDIAN' });
    expect(sub.body ?? '').toBe('');
    await env.message(sub.from);
    expect(await prisma().consent.count({ where: { caseId: (await kase()).id, status: 'GIVEN' } })).toBe(1);
  });

  it('adds people to roles with the status buttons (users_select in the modal)', async () => {
    for (const [who, role] of [[people.elin, 'contact-person'], [people.tove, 'network-leader']] as const) {
      const status = await say(people.maria, `status ${code}`);
      const add = findButton(status.msg, 'case.addPerson', code);
      expect(add).toBeDefined();
      const click = await env.click(people.maria, add!, { hook: status.hook });
      const modal = await env.modal(click.from);
      const sub = await env.submit(people.maria, modal, { person: who.userId, role });
      expect(sub.body ?? '').toBe('');
      await env.message(sub.from);
    }
    const members = await prisma().caseMember.findMany({ where: { caseId: (await kase()).id }, include: { person: true } });
    expect(members.map((m) => `${m.person.slackUserId}:${m.role}`)).toEqual(expect.arrayContaining(['U0ELIN:contact-person', 'U0TOVE:network-leader']));
  });

  it('schedules the goal meeting: möte KOD opens the form, the submission books it', async () => {
    const { from, hook } = await env.command(people.maria, `möte ${code.toLowerCase()}`);
    const modal = await env.modal(from);
    expect(JSON.parse((modal.args.view as { private_metadata: string }).private_metadata)).toMatchObject({ f: 'meeting.schedule', c: { code } });
    const sub = await env.submit(people.maria, modal, { type: 'malmote', startsAt: `${dayFromNow(env, 1)} 13:30`, durationMin: '45', location: 'Rum 12' });
    expect(sub.body ?? '').toBe('');
    // The "no meetings yet" note posted beside the modal may land after the submission began.
    const msg = await env.message(sub.from, (c) => c.hook === hook && /13:30/.test(textOf(c)));
    expect(textOf(msg)).toMatch(/✅/);
    const meetings = await prisma().meeting.findMany({ where: { caseId: (await kase()).id } });
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.durationMin).toBe(45);
  });

  it('holds the goal meeting (outcome, next meeting) and records a decision by command', async () => {
    await fetch(`${env.svc.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: 'P2D' }) });
    await recordOutcome('malmote', {
      outputs: 'consentSigned,esterOwner,contactPersonAppointed,nextMeetingDate,assignments', minutes: 'Alla närvarande',
      nextType: 'natverksmote', nextAt: `${dayFromNow(env, 10)} 09:00`,
    });
    const d = await say(people.maria, `beslut ${code} Eleven får anpassat schema i fyra veckor`);
    expect(textOf(d.msg)).toMatch(/✅/);
    expect(await prisma().decision.count({ where: { caseId: (await kase()).id } })).toBeGreaterThanOrEqual(1);
    await advance('natverksmote');
  });

  it('follows up: holds the network meeting with an action, then adds an action owned by Karin', async () => {
    await fetch(`${env.svc.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: 'P11D' }) });
    await recordOutcome('natverksmote', {
      outputs: 'esterResults,riskAssessment,concernReportConsidered,assignments,nextMeetingDate', action: 'Ring vårdnadshavare varje fredag',
      actionOwner: people.maria.userId, actionDueAt: dayFromNow(env, 7), nextType: 'natverksmote-utvardering', nextAt: `${dayFromNow(env, 30)} 10:00`,
    });
    await advance('uppfoljning');
    const act = await env.command(people.maria, `åtgärd ${code} Extra studiestöd i matematik`);
    const actionModal = await env.modal(act.from);
    const s2 = await env.submit(people.maria, actionModal, { text: 'Extra studiestöd i matematik', owner: people.karin.userId, dueAt: dayFromNow(env, 14) });
    expect(s2.body ?? '').toBe('');
    await env.message(s2.from);
    const actions = await prisma().caseAction.findMany({ where: { caseId: (await kase()).id } });
    expect(actions.length).toBeGreaterThanOrEqual(2);
  });

  it('hands over the baton: Karin gets a DM with buttons and accepts', async () => {
    const { from } = await env.command(people.maria, `stafett ${code} <@${people.karin.userId}|karin>`);
    const ack = await env.message(from, (c) => c.method === 'response_url');
    expect(textOf(ack)).toMatch(/✅/);
    // The request goes through the outbox and waits for working hours: outside them, move the
    // development clock to the next working morning (which sweeps at once).
    const request = await prisma().nudge.findFirstOrThrow({ where: { kind: 'handover.request', caseId: (await kase()).id } });
    if (request.sendAt > env.svc.core.clock.now()) {
      await fetch(`${env.svc.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ set: request.sendAt.toISOString() }) });
    }
    const dm = await env.fake.waitFor((calls) => calls.slice(from).find((c) => c.method === 'chat.postMessage' && findButton(c, 'case.accept')), 20_000);
    expect(String(dm.args.channel)).toMatch(/^D/);
    const accept = findButton(dm, 'case.accept', code)!;
    const click = await env.click(people.karin, accept, { channelId: String(dm.args.channel) });
    const reply = await env.message(click.from, (c) => c.hook === click.hook);
    expect(textOf(reply)).toMatch(/✅/);
    // The previous holder is told in a DM.
    const told = await env.fake.waitFor((calls) => calls.slice(click.from).find((c) => c.method === 'chat.postMessage' && /har tagit emot stafetten/.test(textOf(c))));
    expect(textOf(told)).toContain(code);
    const h = await prisma().batonHandover.findFirstOrThrow({ where: { caseId: (await kase()).id } });
    expect(h.status).toBe('ACCEPTED');
  });

  it('closes the case with a reason', async () => {
    const { from, hook } = await env.command(people.karin, `avsluta ${code}`);
    const modal = await env.modal(from);
    // The two actions are still open: the modal lists them and asks to confirm.
    expect(JSON.stringify(modal.args)).toMatch(/Öppna eller inte utvärderade åtgärder \(2\)/);
    const sub = await env.submit(people.karin, modal, { reason: 'improved', maintenancePlan: 'Mentor följer upp närvaron varje vecka', confirmOpen: 'true' });
    expect(sub.body ?? '').toBe('');
    const msg = await env.message(sub.from, (c) => c.hook === hook);
    expect(textOf(msg)).toMatch(/✅/);
    expect((await kase()).status).toBe('CLOSED');
  });
});
