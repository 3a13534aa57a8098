/**
 * Arguments after the case code prefill the Slack modal, through the signed HTTP endpoint:
 * `möte KOD tisdag kl. 13` sets the date and time pickers; `åtgärd KOD <text> <@U…> 12/1` sets the
 * text, the owner picker and the due date, and asks "menar du tisdag 12 januari 2027?" at the top
 * instead of guessing the year silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../../support/db.ts';
import { textOf } from '../../support/fake-slack-payloads.ts';
import { people, startSlackTestEnv, type SlackTestEnv } from './slack-harness.ts';

type Block = { type: string; block_id?: string; element?: Record<string, unknown>; text?: { text?: string } };
const blocksOf = (modal: { args: unknown }) => ((modal.args as { view: { blocks: Block[] } }).view.blocks);
const element = (modal: { args: unknown }, blockId: string) => blocksOf(modal).find((b) => b.block_id === blockId)?.element ?? {};

describe(`prefilled forms from Slack (${dbKind})`, () => {
  let env: SlackTestEnv;
  beforeAll(async () => {
    // With Slack credentials the development clock exists only when asked for.
    env = await startSlackTestEnv({ STAFETT_DEV_CLOCK: '1' });
  });
  afterAll(async () => env?.close());

  it('prefills the meeting date and time and the action text, owner and date; a doubtful date is asked about', async () => {
    const prisma = env.svc.db.prisma;
    // Wednesday 2 December 2026, 10:00 in Stockholm.
    expect((await fetch(`${env.svc.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ set: '2026-12-02T10:00:00+01:00' }) })).status).toBe(200);
    const { from } = await env.command(people.maria, 'ny');
    const opened = await env.submit(people.maria, await env.modal(from), { studentRef: 'Elev 7A (IJ)', unit: 'NORR', firstRole: 'mentor' });
    const code = /SL-\d{2}-\d{4}/.exec(textOf(await env.message(opened.from)))![0];
    const kase = await prisma.case.findFirstOrThrow({ where: { code } });

    const m = await env.command(people.maria, `möte ${code} tisdag kl. 13`);
    const meeting = await env.modal(m.from);
    expect(element(meeting, 'f:startsAt')).toMatchObject({ type: 'datepicker', initial_date: '2026-12-08' });
    expect(element(meeting, 'f:startsAt:time')).toMatchObject({ type: 'timepicker', initial_time: '13:00' });
    expect(JSON.stringify(meeting.args)).not.toMatch(/Menar du/);
    const type = (element(meeting, 'f:type').initial_option as { value: string }).value;
    const booked = await env.submit(people.maria, meeting, { type, startsAt: '2026-12-08 13:00', durationMin: '60' });
    expect(JSON.stringify(booked.body ?? '')).not.toMatch(/errors/);
    expect((await prisma.meeting.findFirstOrThrow({ where: { caseId: kase.id } })).startsAt.toISOString()).toBe('2026-12-08T12:00:00.000Z');

    const a = await env.command(people.maria, `åtgärd ${code} Ringa mamma varje måndag <@U0KARIN|karin> 12/1`);
    const action = await env.modal(a.from);
    const view = JSON.stringify(action.args);
    expect(view).toContain('⚠ Menar du tisdag 12 januari 2027? Formuläret har det datumet ifyllt – ändra det om det inte stämmer.');
    expect(element(action, 'f:text')).toMatchObject({ initial_value: 'Ringa mamma varje måndag' });
    expect(element(action, 'f:owner')).toMatchObject({ type: 'users_select', initial_user: 'U0KARIN' });
    expect(element(action, 'f:dueAt')).toMatchObject({ type: 'datepicker', initial_date: '2027-01-12' });
    const added = await env.submit(people.maria, action, { text: 'Ringa mamma varje måndag', owner: 'U0KARIN', dueAt: '2027-01-12' });
    expect(added.body ?? '').toBe('');
    expect(textOf(await env.message(added.from))).toMatch(/Åtgärd 1 är tillagd.*Karin Koordinator/);
    const act = await prisma.caseAction.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(act.dueAt?.toISOString()).toBe('2027-01-12T15:00:00.000Z');
    expect(act.ownerId).toBe((await prisma.person.findFirstOrThrow({ where: { slackUserId: 'U0KARIN' } })).id);
  });
});
