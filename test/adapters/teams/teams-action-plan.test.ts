/**
 * The action plan through Teams' /api/messages: an action with a participant owner added through
 * its card, the status card's Klar / Utvärdera / Ändra (at most 5 actions per action set), the
 * evaluation card and `klar KOD <nr>` typed.
 */
import { describe, expect, it } from 'vitest';
import { cardOf, cardText, type FakeTeamsConnector } from '../../support/fake-teams-connector.ts';
import { executeActivity, findExecute, messageActivity, teamsUser } from '../../support/teams-activities.ts';
import { fillCard, type TeamsTestService, useTeamsService } from '../../support/teams-service.ts';
import { dbKind } from '../../support/db.ts';

const CASE_CODE = /\b[A-Z]{2,8}-\d{2}-\d{4}\b/;

/** Every Action.Execute of a card with its verb and value. */
function executes(card: unknown): { verb: string; value?: string; title: string }[] {
  const out: { verb: string; value?: string; title: string }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push({ verb: String(o.verb), value: (o.data as { value?: string } | undefined)?.value, title: String(o.title ?? '') });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Every ActionSet of a card. */
function actionSets(card: unknown): unknown[][] {
  const out: unknown[][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'ActionSet') out.push(o.actions as unknown[]);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe(`the action plan in Teams (${dbKind})`, () => {
  let svc: TeamsTestService;
  let connector: FakeTeamsConnector;
  const mentor = teamsUser('mona', 'Mona Mentor');
  const where = () => ({ serviceUrl: connector.url, user: mentor });

  useTeamsService((s, c) => { svc = s; connector = c; });

  async function say(text: string) {
    const activity = messageActivity({ ...where(), text });
    const before = connector.sent.length;
    expect((await svc.post(activity)).status).toBe(200);
    const reply = await connector.waitFor((c) => connector.sent.indexOf(c) >= before && c.pathActivityId === activity.id);
    return cardOf(reply)!;
  }
  async function execute(verb: string, data: Record<string, unknown>) {
    const res = await svc.post(executeActivity({ ...where(), verb, data }));
    expect(res.status).toBe(200);
    return (res.body as { value: Record<string, unknown> }).value;
  }
  async function completeForm(card: Record<string, unknown>, overrides: Record<string, string>) {
    const submit = findExecute(card, 'form:')!;
    expect(submit, cardText(card)).toBeDefined();
    return execute(submit.verb, { ...submit.data, ...fillCard(card, overrides) });
  }

  it('adds, lists, evaluates and completes actions through cards and typed commands', async () => {
    let card = await say('ny');
    for (let i = 0; i < 3 && findExecute(card, 'form:'); i++) card = await completeForm(card, { studentRef: 'Elev 9C (CD)', reason: 'Hög frånvaro sedan höstlovet' });
    expect(CASE_CODE.exec(cardText(card)), cardText(card)).not.toBeNull();
    const code = CASE_CODE.exec(cardText(card))![0];
    const prisma = svc.service.db.prisma;
    const kase = await prisma.case.findFirstOrThrow({ where: { code } });

    // The owner field is pre-filled with the recorder; a participant outside the staff owns the action.
    const form = await say(`åtgärd ${code} Mormor hämtar i skolan på onsdagar`);
    expect(JSON.stringify(form)).toContain('"id":"f:owner","label":"Ansvarig i personalen (får påminnelserna)","isRequired":true,"errorMessage":"Fyll i det här fältet.","value":"mona.mentor@teamsby.example"');
    const added = await completeForm(form, { participant: 'Mormor', dueAt: '2026-12-16', evaluationAt: '2027-01-13' });
    expect(cardText(added)).toMatch(new RegExp(`Åtgärd 1 är tillagd i ${code}\\. Påminnelserna går till Mona Mentor`));
    const a = await prisma.caseAction.findFirstOrThrow({ where: { caseId: kase.id } });
    expect(svc.service.core.deps.cipher.decryptOpt(a.participantEnc)).toBe('Mormor');

    // Status: the action with its owner and the three buttons; no action set over Teams' five.
    const status = await say(`status ${code}`);
    expect(cardText(status)).toMatch(/1\.\*?\*? Mormor hämtar i skolan på onsdagar – Mormor, följs upp av Mona Mentor/);
    const mine = executes(status).filter((e) => e.value === `${code}|${a.id}`).map((e) => e.verb);
    expect(mine).toEqual(['act:action.done', 'act:action.evaluate', 'act:action.revise']);
    for (const set of actionSets(status)) expect(set.length).toBeLessThanOrEqual(5);

    // Utvärdera from the status card: the evaluation card, then the answer.
    const evalCard = await execute('act:action.evaluate', { value: `${code}|${a.id}` });
    expect(cardText(evalCard)).toMatch(/Utvärdera åtgärd 1/);
    const evaluated = await completeForm(evalCard, { result: 'WORKED', note: 'Närvaron på onsdagar är full' });
    expect(cardText(evaluated)).toMatch(/är utvärderad: fungerade/);

    // `klar KOD 1` typed.
    expect(cardText(await say(`klar ${code} 1`))).toMatch(new RegExp(`Åtgärd 1 i ${code} är klar`));
    const after = await prisma.caseAction.findUniqueOrThrow({ where: { id: a.id } });
    expect(after.status).toBe('DONE');
    expect(after.evaluationResult).toBe('WORKED');
    expect(await prisma.caseLogEntry.count({ where: { caseId: kase.id, kind: { in: ['action.done', 'action.evaluated'] } } })).toBe(2);
  });
});
