import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/index.ts';
import { parseEvaluationText } from '../../src/chat/plan-chat.ts';
import { planCatalogs } from '../../src/chat/plan.texts.ts';
import { renderHelp } from '../../src/commands/help.ts';

describe('plan commands', () => {
  it('parses klar / utvärdera / ändra with the action number in Swedish, Norwegian and English', () => {
    expect(parseCommand('klar ST-26-0042 2')).toEqual({ ok: true, command: { name: 'done', caseCode: 'ST-26-0042', actionNumber: 2 } });
    expect(parseCommand('ferdig st-26-42 #3')).toMatchObject({ ok: true, command: { name: 'done', actionNumber: 3 } });
    expect(parseCommand('done ST-26-0042 nr 4')).toMatchObject({ ok: true, command: { name: 'done', actionNumber: 4 } });
    expect(parseCommand('utvärdera ST-26-0042 2 fungerade inte – för tidigt')).toMatchObject({ ok: true, command: { name: 'evaluate', actionNumber: 2, rest: 'fungerade inte – för tidigt' } });
    expect(parseCommand('evaluer ST-26-0042 1')).toMatchObject({ ok: true, command: { name: 'evaluate', actionNumber: 1 } });
    expect(parseCommand('endre ST-26-0042 5')).toMatchObject({ ok: true, command: { name: 'revise', actionNumber: 5 } });
    expect(parseCommand('revise ST-26-0042 5')).toMatchObject({ ok: true, command: { name: 'revise', actionNumber: 5 } });
    // Without a number the plan is listed.
    expect(parseCommand('klar ST-26-0042')).toEqual({ ok: true, command: { name: 'done', caseCode: 'ST-26-0042' } });
    expect(parseCommand('klar')).toMatchObject({ ok: false, error: { code: 'COMMAND.MISSING_CASE_CODE', command: 'done' } });
  });

  it('reads the evaluation result as people type it', () => {
    expect(parseEvaluationText('fungerade inte – för tidigt på morgonen')).toEqual({ result: 'NOT', note: 'för tidigt på morgonen' });
    expect(parseEvaluationText('delvis: två dagar av tre')).toEqual({ result: 'PARTLY', note: 'två dagar av tre' });
    expect(parseEvaluationText('virket ikke')).toEqual({ result: 'NOT' });
    expect(parseEvaluationText('worked well')).toEqual({ result: 'WORKED', note: 'well' });
    expect(parseEvaluationText('Mormor hämtar')).toEqual({ note: 'Mormor hämtar' });
  });

  it('lists the plan commands in hjälp in all three languages', () => {
    expect(renderHelp('sv')).toMatch(/`klar <ärendekod> <nr>` – Markerar åtgärd/);
    expect(renderHelp('sv')).toMatch(/`utvärdera <ärendekod> <nr> \[notering\]`/);
    expect(renderHelp('sv')).toMatch(/`ändra <ärendekod> <nr>`/);
    expect(renderHelp('nb')).toMatch(/`ferdig <sakskode> <nr>`.*`evaluer <sakskode> <nr> \[notat\]`.*`endre <sakskode> <nr>`/s);
    expect(renderHelp('en')).toMatch(/`done <case code> <no>`.*`evaluate <case code> <no> \[note\]`.*`revise <case code> <no>`/s);
  });

  it('has every plan text in every language', () => {
    const keys = Object.keys(planCatalogs.sv).sort();
    expect(Object.keys(planCatalogs.nb).sort()).toEqual(keys);
    expect(Object.keys(planCatalogs.en).sort()).toEqual(keys);
    for (const lang of ['nb', 'en'] as const) for (const k of keys) expect(planCatalogs[lang][k as keyof typeof planCatalogs.sv], `${lang} ${k}`).not.toBe('');
  });
});
