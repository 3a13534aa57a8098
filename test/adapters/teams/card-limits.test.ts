/**
 * The renderer keeps every card inside Teams' host limits, validated with Microsoft's
 * `adaptivecards` package (parse with SerializationContext + validateProperties) under a
 * Teams-like host config: at most 5 actions per action set, overflow behind Action.ShowCard.
 */
import { describe, expect, it } from 'vitest';
import { fitActionLimits, MAX_ACTIONS_PER_SET, readFormValues, renderCard, renderFormCard } from '../../../adapters/teams/cards/render-card.ts';
import { EMPTY_CHOICE } from '../../../adapters/teams/verbs.ts';
import type { Button, FormSpec, Reply } from '../../../src/ports/reply.ts';
import { adaptiveCardProblems, maxActionsPerSet } from '../../support/adaptive-card-validator.ts';

const buttons = (n: number): Button[] => Array.from({ length: n }, (_, i) => ({ label: `Knapp ${i + 1}`, action: `case.b${i + 1}`, value: `v${i + 1}`, ...(i === 0 ? { style: 'primary' as const } : {}) }));

/** Every Action.Execute verb+value in a card, wherever it sits (inline or behind "More"). */
function executeVerbs(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push(`${String(o.verb)}=${String((o.data as { value?: string }).value)}`);
      for (const [k, x] of Object.entries(o)) if (k !== 'data' && k !== 'fallback') walk(x);
    }
  };
  walk(card);
  return out;
}

describe('Adaptive Card action limits (validator: adaptivecards 3.x, Teams host config)', () => {
  it('the validator itself flags a set of six actions (what the status card had)', () => {
    const six = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'ActionSet', actions: buttons(6).map((b) => ({ type: 'Action.Execute', title: b.label, verb: b.action })) }] };
    expect(adaptiveCardProblems(six).join('\n')).toMatch(/Maximum number of actions exceeded \(5\)/);
  });

  for (const n of [1, 5, 6, 7, 12, 23]) {
    it(`a reply with ${n} buttons renders a valid card that still offers every button`, () => {
      const reply: Reply = { visibility: 'private', fallbackText: 'Ärende', blocks: [{ type: 'header', text: 'Ärende DEMO-26-0001' }, { type: 'actions', buttons: buttons(n) }] };
      const card = renderCard(reply, 'sv');
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(maxActionsPerSet(card)).toBeLessThanOrEqual(MAX_ACTIONS_PER_SET);
      expect(executeVerbs(card)).toEqual(buttons(n).map((b) => `act:${b.action}=${b.value}`));
      const more = JSON.stringify(card).includes('"Action.ShowCard"');
      expect(more).toBe(n > MAX_ACTIONS_PER_SET);
      if (more) expect(JSON.stringify(card)).toContain('"title":"Fler val …"');
    });
  }

  it('is enforced for every part of a card, whoever built it (card actions, nested sets, show cards)', () => {
    const exec = (i: number) => ({ type: 'Action.Execute', title: `a${i}`, verb: `act:x${i}` });
    const raw = {
      type: 'AdaptiveCard', version: '1.5',
      body: [{ type: 'Container', items: [{ type: 'ActionSet', actions: Array.from({ length: 9 }, (_, i) => exec(i)) }] }],
      actions: [...Array.from({ length: 6 }, (_, i) => exec(100 + i)), { type: 'Action.ShowCard', title: 's', card: { type: 'AdaptiveCard', actions: Array.from({ length: 8 }, (_, i) => exec(200 + i)) } }],
    };
    expect(adaptiveCardProblems(raw).length).toBeGreaterThan(0);
    const fitted = fitActionLimits(raw, 'en');
    expect(adaptiveCardProblems(fitted)).toEqual([]);
    expect(maxActionsPerSet(fitted)).toBeLessThanOrEqual(5);
    expect(JSON.stringify(fitted)).toContain('"title":"More …"');
    for (let i = 0; i < 9; i++) expect(JSON.stringify(fitted)).toContain(`"act:x${i}"`);
    for (let i = 200; i < 208; i++) expect(JSON.stringify(fitted)).toContain(`"act:x${i}"`);
  });

  it('a form card with text attachment, hints and errors is valid in all three languages', () => {
    const form: FormSpec = {
      id: 'meeting.schedule', title: 'Boka möte', submitLabel: 'Boka', context: { code: 'DEMO-26-0001' },
      fields: [
        { name: 'type', label: 'Mötestyp', kind: 'select', required: true, options: [{ value: '', label: 'Inget' }, { value: 'goal', label: 'Målmöte' }] },
        { name: 'startsAt', label: 'När', kind: 'datetime', required: true, hint: 't.ex. 2026-12-01 13:00' },
        { name: 'n', label: 'Längd', kind: 'number', required: false, initial: '60' },
        { name: 'm', label: 'Parter', kind: 'multiselect', required: false, options: [{ value: 'a', label: 'A' }] },
        { name: 'ok', label: 'Bekräfta', kind: 'checkbox', required: false },
        { name: 'notes', label: 'Text', kind: 'textarea', required: false, maxLength: 2000 },
        { name: 'due', label: 'Datum', kind: 'date', required: false },
      ],
    };
    for (const lang of ['sv', 'nb', 'en']) {
      const before = [{ type: 'actions' as const, buttons: buttons(8) }];
      expect(adaptiveCardProblems(renderFormCard(form, lang, { before, errors: { startsAt: 'Fel', _form: 'Allmänt fel' }, values: { startsAt: '2026-12-01 13:00', n: '45' } }))).toEqual([]);
      const withFile: Reply = { visibility: 'private', fallbackText: 'x', blocks: [{ type: 'text', text: 'Här' }, { type: 'actions', buttons: buttons(6) }], attachments: [{ fileName: 'möte.ics', mimeType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }] };
      expect(adaptiveCardProblems(renderCard(withFile, lang))).toEqual([]);
    }
  });

  it('an empty choice value (e.g. "no next meeting") gets a stand-in the validator accepts, read back as empty', () => {
    const form: FormSpec = { id: 'meeting.outcome', title: 'Utfall', submitLabel: 'Spara', context: {}, fields: [{ name: 'nextType', label: 'Nästa möte', kind: 'select', required: false, options: [{ value: '', label: 'Inget nästa möte' }, { value: 'uppf', label: 'Uppföljning' }] }] };
    const card = renderFormCard(form, 'sv');
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain(`"value":"${EMPTY_CHOICE}"`);
    expect(readFormValues({ 'f:nextType': EMPTY_CHOICE })).toEqual({ nextType: '' });
    expect(readFormValues({ 'f:nextType': 'uppf' })).toEqual({ nextType: 'uppf' });
    expect(readFormValues({ 'f:scope': `${EMPTY_CHOICE},SCHOOL` })).toEqual({ scope: 'SCHOOL' });
  });
});
