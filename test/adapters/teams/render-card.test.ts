/** The pure Reply/FormSpec → Adaptive Card renderers. */
import { describe, expect, it } from 'vitest';
import { readFormValues, renderCard, renderFormCard } from '../../../adapters/teams/cards/render-card.ts';
import type { FormSpec, Reply } from '../../../src/ports/reply.ts';
import { cardInputs, findExecute } from '../../support/teams-activities.ts';

describe('renderCard', () => {
  it('renders blocks as an Adaptive Card 1.5 with facts and Execute buttons that fall back to Submit', () => {
    const reply: Reply = {
      visibility: 'private', fallbackText: 'Ärende DEMO-26-0001',
      blocks: [
        { type: 'header', text: 'Ärende DEMO-26-0001' },
        { type: 'text', text: '**Steg:** kartläggning\nRing `vårdnadshavare`' },
        { type: 'fields', fields: [{ label: 'Stafett', value: 'Mona' }] },
        { type: 'divider' },
        { type: 'actions', buttons: [{ label: 'Klart', action: 'nudge.done', value: 'n1', style: 'primary' }] },
      ],
    };
    const card = renderCard(reply, 'sv');
    expect(card.version).toBe('1.5');
    expect(card.type).toBe('AdaptiveCard');
    const json = JSON.stringify(card);
    expect(json).toContain('**Steg:** kartläggning');
    expect(json).toContain('Ring vårdnadshavare');
    expect(json).toContain('"FactSet"');
    const btn = findExecute(card, 'act:')!;
    expect(btn).toMatchObject({ verb: 'act:nudge.done', data: { value: 'n1' } });
    expect(json).toContain('"fallback":{"type":"Action.Submit","title":"Klart","data":{"verb":"act:nudge.done","value":"n1"}');
  });

  it('renders a form with labels, required markers and localized error messages, and reads values back', () => {
    const form: FormSpec = {
      id: 'meeting.schedule', title: 'Boka möte', submitLabel: 'Boka', context: { code: 'DEMO-26-0001' },
      fields: [
        { name: 'type', label: 'Mötestyp', kind: 'select', required: true, options: [{ value: 'goal', label: 'Målmöte' }], initial: 'goal' },
        { name: 'startsAt', label: 'När', kind: 'datetime', required: true, hint: 't.ex. 2026-12-01 13:00' },
        { name: 'durationMin', label: 'Längd', kind: 'number', required: false, initial: '60' },
        { name: 'parties', label: 'Parter', kind: 'multiselect', required: false, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
        { name: 'ok', label: 'Bekräfta', kind: 'checkbox', required: false },
      ],
    };
    const card = renderFormCard(form, 'en', { errors: { startsAt: 'Pick a time in the future.' }, values: { startsAt: '2026-12-01 13:00' } });
    const inputs = cardInputs(card);
    expect(inputs.map((i) => [i.type, i.id])).toEqual([
      ['Input.ChoiceSet', 'f:type'], ['Input.Date', 'f:startsAt__date'], ['Input.Time', 'f:startsAt__time'], ['Input.Number', 'f:durationMin'], ['Input.ChoiceSet', 'f:parties'], ['Input.Toggle', 'f:ok'],
    ]);
    expect(inputs[0]).toMatchObject({ label: 'Mötestyp', isRequired: true, value: 'goal' });
    expect(inputs[1]).toMatchObject({ value: '2026-12-01', errorMessage: 'Pick a time in the future.' });
    expect(inputs[4]).toMatchObject({ isMultiSelect: true });
    expect(JSON.stringify(card)).toContain('Pick a time in the future.');
    const submit = findExecute(card, 'form:')!;
    expect(submit.verb).toBe('form:meeting.schedule');
    expect(submit.data.context).toEqual({ code: 'DEMO-26-0001' });
    expect(readFormValues({ ...submit.data, 'f:type': 'goal', 'f:startsAt__date': '2026-12-02', 'f:startsAt__time': '09:30', 'f:durationMin': 45, 'f:parties': 'a,b', 'f:ok': 'true', verb: 'x' })).toEqual({
      type: 'goal', startsAt: '2026-12-02 09:30', durationMin: '45', parties: 'a,b', ok: 'true',
    });
  });
});
