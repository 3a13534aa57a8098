import { describe, expect, it } from 'vitest';
import { decodeFormMetadata, encodeFormMetadata, EMPTY_OPTION_VALUE, FormMetadataTooLargeError, mapFormErrors, readFormValues, renderModal } from '../../../adapters/slack/render-modal.ts';
import type { FormSpec } from '../../../src/ports/reply.ts';
import { fillState } from '../../support/fake-slack-payloads.ts';
import { slackLimitViolations } from './slack-limits.ts';

const form: FormSpec = {
  id: 'meeting.schedule',
  title: 'Boka möte för ett ärende med ett mycket långt namn',
  submitLabel: 'Boka mötet nu med en gång tack',
  context: { code: 'ST-26-0001' },
  intro: 'Välj **typ** och tid.',
  fields: [
    { name: 'type', label: 'Mötestyp', kind: 'select', required: true, options: [{ value: 'malmote', label: 'Målmöte' }, { value: '', label: 'Inget' }], initial: 'malmote' },
    { name: 'startsAt', label: 'Tid', kind: 'datetime', required: true, initial: '2026-12-01 9:05' },
    { name: 'durationMin', label: 'Längd', kind: 'number', required: false, initial: '60' },
    { name: 'scope', label: 'Omfattning', kind: 'multiselect', required: true, options: [{ value: 'SCHOOL', label: 'Skola' }, { value: 'SOCIAL_SERVICES', label: 'Socialtjänst' }], initial: 'SCHOOL,SOCIAL_SERVICES' },
    { name: 'due', label: 'Datum', kind: 'date', required: false },
    { name: 'owner', label: 'Ansvarig', kind: 'person', required: false, initial: '<@U0KARIN>' },
    { name: 'notes', label: 'Anteckningar', kind: 'textarea', required: false, maxLength: 8000, placeholder: 'p' },
    { name: 'ok', label: 'Klart', kind: 'checkbox', required: false, initial: 'true' },
  ],
};

describe('renderModal', () => {
  it('should build a modal within Slack limits with form id and context in private_metadata', () => {
    const view = renderModal(form, { channelId: 'C1', responseUrl: 'https://hooks.slack.com/x' });
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe('stafett.form');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit!.text.length).toBeLessThanOrEqual(24);
    expect(decodeFormMetadata(view.private_metadata)).toEqual({ formId: 'meeting.schedule', context: { code: 'ST-26-0001' }, channelId: 'C1', responseUrl: 'https://hooks.slack.com/x' });
    expect(slackLimitViolations(view.blocks as never, 100)).toEqual([]);
    const byId = Object.fromEntries(view.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, (b as { element: { type: string } }).element]));
    expect(byId['f:type']).toMatchObject({ type: 'static_select', initial_option: { value: 'malmote' } });
    expect(byId['f:startsAt']).toMatchObject({ type: 'datepicker', initial_date: '2026-12-01' });
    expect(byId['f:startsAt:time']).toMatchObject({ type: 'timepicker', initial_time: '09:05' });
    expect(byId['f:durationMin']).toMatchObject({ type: 'number_input', initial_value: '60' });
    expect(byId['f:scope']).toMatchObject({ type: 'multi_static_select' });
    expect((byId['f:scope'] as unknown as { initial_options: unknown[] }).initial_options).toHaveLength(2);
    expect(byId['f:owner']).toMatchObject({ type: 'users_select', initial_user: 'U0KARIN' });
    expect(byId['f:notes']).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(byId['f:ok']).toMatchObject({ type: 'checkboxes' });
  });

  it('should cap selects at 100 options', () => {
    const big: FormSpec = { ...form, fields: [{ name: 'unit', label: 'Enhet', kind: 'select', required: true, options: Array.from({ length: 250 }, (_, i) => ({ value: `u${i}`, label: `Enhet ${i} ${'x'.repeat(100)}` })) }] };
    const view = renderModal(big);
    expect(slackLimitViolations(view.blocks as never, 100)).toEqual([]);
  });

  it('should read submitted values back, joining date and time and mapping users to mentions', () => {
    const view = renderModal(form);
    const state = fillState(view as never, { type: 'malmote', startsAt: '2026-12-02 13:30', durationMin: '45', scope: 'SCHOOL', owner: 'U0ELIN', notes: ' hej ', ok: 'true' });
    expect(readFormValues(state as never)).toEqual({ type: 'malmote', startsAt: '2026-12-02 13:30', durationMin: '45', scope: 'SCHOOL', due: '', owner: '<@U0ELIN>', notes: 'hej', ok: 'true' });
    const none = fillState(view as never, { type: EMPTY_OPTION_VALUE });
    expect(readFormValues(none as never).type).toBe('');
  });

  it('should map field errors to block ids, whole-form errors to the first field', () => {
    const view = renderModal(form);
    const state = fillState(view as never, {});
    expect(mapFormErrors(null, { startsAt: 'Fel datum', _form: 'Något saknas' }, state as never)).toEqual({ 'f:startsAt': 'Fel datum', 'f:type': 'Något saknas' });
    expect(mapFormErrors(form, { durationMin: 'Inte ett tal' })).toEqual({ 'f:durationMin': 'Inte ett tal' });
  });

  it('should drop routing hints before failing on oversized metadata', () => {
    const ctx = { blob: 'x'.repeat(2800) };
    const text = encodeFormMetadata({ formId: 'f', context: ctx, channelId: 'C1', responseUrl: `https://hooks.slack.com/${'y'.repeat(300)}` });
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(decodeFormMetadata(text)).toEqual({ formId: 'f', context: ctx, channelId: 'C1', responseUrl: undefined });
    expect(() => encodeFormMetadata({ formId: 'f', context: { blob: 'x'.repeat(3100) } })).toThrow(FormMetadataTooLargeError);
    expect(decodeFormMetadata('not json')).toBeNull();
  });
});
