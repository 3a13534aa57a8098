/**
 * The action plan through Slack's HTTP endpoint with signed payloads: the action modal (owner
 * picker pre-set to the recorder, a participant owner), the status message's Klar / Utvärdera /
 * Ändra buttons, the evaluation modal, `klar KOD <nr>` and closing with an open action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind } from '../../support/db.ts';
import { findButton, textOf } from '../../support/fake-slack-payloads.ts';
import { people, startSlackTestEnv, type SlackTestEnv } from './slack-harness.ts';

describe(`the action plan from Slack (${dbKind})`, () => {
  let env: SlackTestEnv;
  beforeAll(async () => {
    env = await startSlackTestEnv();
  });
  afterAll(async () => env?.close());

  async function say(who: (typeof people)[keyof typeof people], text: string) {
    const r = await env.command(who, text);
    return { ...r, msg: await env.message(r.from, (c) => c.hook === r.hook) };
  }

  it('adds an action with a participant owner, evaluates and revises it from the status buttons', async () => {
    const prisma = env.svc.db.prisma;
    const { from } = await env.command(people.maria, 'ny');
    const opened = await env.submit(people.maria, await env.modal(from), { studentRef: 'Elev 6B (GH)', unit: 'NORR', firstRole: 'mentor' });
    const code = /SL-\d{2}-\d{4}/.exec(textOf(await env.message(opened.from)))![0];

    // The owner picker starts on the recorder (visible, not assumed); Karin follows up Mormor's action.
    const cmd = await env.command(people.maria, `åtgärd ${code} Mormor skjutsar till skolan på måndagar`);
    const modal = await env.modal(cmd.from);
    expect(JSON.stringify(modal.args)).toContain('"initial_user":"U0MARIA"');
    const none = await env.submit(people.maria, modal, { text: 'Mormor skjutsar till skolan på måndagar', owner: '', participant: 'Mormor' });
    expect(JSON.stringify(none.body)).toMatch(/response_action.*errors/);
    const sub = await env.submit(people.maria, modal, { text: 'Mormor skjutsar till skolan på måndagar', owner: 'U0KARIN', participant: 'Mormor', dueAt: '2026-12-14', evaluationAt: '2027-01-11' });
    expect(sub.body ?? '').toBe('');
    expect(textOf(await env.message(sub.from))).toMatch(/Åtgärd 1 är tillagd.*Karin Koordinator/);
    const kase = await prisma.case.findFirstOrThrow({ where: { code } });
    const action = await prisma.caseAction.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(await prisma.deadline.count({ where: { caseId: kase.id, subjectId: action.id, ownerId: (await prisma.person.findFirstOrThrow({ where: { slackUserId: 'U0KARIN' } })).id } })).toBe(2);

    // Status shows it with the three buttons, within Slack's 50 blocks.
    const status = await say(people.maria, `status ${code}`);
    expect(textOf(status.msg)).toMatch(/Mormor, följs upp av Karin Koordinator/);
    expect((status.msg.args as { blocks?: unknown[] }).blocks!.length).toBeLessThanOrEqual(50);
    for (const a of ['action.done', 'action.evaluate', 'action.revise']) expect(findButton(status.msg, a, `${code}|${action.id}`), a).toBeDefined();

    // Utvärdera → the modal → "fungerade inte" with a note → the answer offers Ändra.
    const click = await env.click(people.maria, findButton(status.msg, 'action.evaluate', `${code}|${action.id}`)!, { hook: status.hook });
    const evalModal = await env.modal(click.from);
    const ev = await env.submit(people.maria, evalModal, { result: 'NOT', note: 'Mormor blev sjuk' });
    expect(ev.body ?? '').toBe('');
    const evMsg = await env.message(ev.from);
    expect(textOf(evMsg)).toMatch(/fungerade inte/);
    const revise = findButton(evMsg, 'action.revise', `${code}|${action.id}`);
    expect(revise).toBeDefined();

    // Ändra → a new date; logged.
    const rc = await env.click(people.maria, revise!);
    const revModal = await env.modal(rc.from);
    const rv = await env.submit(people.maria, revModal, { dueAt: '2026-12-21', evaluationAt: '2027-01-11', owner: 'U0KARIN', participant: 'Mormor', reason: 'Morfar tar över' });
    expect(rv.body ?? '').toBe('');
    expect(textOf(await env.message(rv.from))).toMatch(/Åtgärd 1 .* är ändrad: slutdatum/);
    expect((await prisma.caseAction.findUniqueOrThrow({ where: { id: action.id } })).dueAt?.toISOString()).toBe('2026-12-21T15:00:00.000Z');

    // Closing with the open action asks to confirm.
    const close = await env.command(people.maria, `avsluta ${code}`);
    const closeModal = await env.modal(close.from);
    expect(JSON.stringify(closeModal.args)).toMatch(/Öppna eller inte utvärderade åtgärder \(1\)/);

    // `klar KOD 1` typed.
    expect(textOf((await say(people.karin, `klar ${code} 1`)).msg)).toMatch(new RegExp(`Åtgärd 1 i ${code} är klar`));
    expect((await prisma.caseAction.findUniqueOrThrow({ where: { id: action.id } })).status).toBe('DONE');
  });
});
