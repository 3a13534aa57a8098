/**
 * FormSpec → Slack modal, and the submitted view state → form values. The form id, its context
 * and where to answer travel in `private_metadata`, so a submission needs no server-side state.
 */
import type { types, ViewStateValue } from '@slack/bolt';
import type { FormField, FormSpec } from '../../src/ports/reply.ts';
import { fieldBlockId, SLACK_IDS } from './action-ids.ts';
import { createOption, createSection, plainText, SLACK_LIMITS, type SlackBlock, type SlackOption } from './block-kit.ts';
import { splitText, toMrkdwn, truncate } from './mrkdwn.ts';
import { fitBlocks } from './render-blocks.ts';

/** What a modal carries from opening to submission. */
export interface FormMetadata {
  formId: string;
  context: Record<string, string>;
  /** Channel the form was opened from (answers go there ephemerally). */
  channelId?: string;
  /** The slash command's or message's response_url (valid 30 minutes). */
  responseUrl?: string;
}

/** Thrown when a form's id and context alone exceed Slack's 3000-character private_metadata. */
export class FormMetadataTooLargeError extends Error {
  readonly code = 'SLACK.FORM_METADATA_TOO_LARGE';
}

type ViewState = Record<string, Record<string, ViewStateValue | undefined> | undefined>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})/;
const SLACK_USER_ID = /^<?@?([UW][A-Z0-9]{2,40})(?:\|[^>]*)?>?$/;

/** Serializes the metadata, dropping the optional routing hints before giving up. */
export function encodeFormMetadata(meta: FormMetadata): string {
  const full = { f: meta.formId, c: meta.context, ch: meta.channelId, r: meta.responseUrl };
  for (const candidate of [full, { ...full, r: undefined }, { ...full, r: undefined, ch: undefined }]) {
    const text = JSON.stringify(candidate);
    if (text.length <= SLACK_LIMITS.privateMetadata) return text;
  }
  throw new FormMetadataTooLargeError(`Form ${meta.formId}: context does not fit in private_metadata`);
}

/** Parses private_metadata written by `encodeFormMetadata`; null when it is not ours. */
export function decodeFormMetadata(text: string | undefined): FormMetadata | null {
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as { f?: unknown; c?: unknown; ch?: unknown; r?: unknown };
    if (typeof raw.f !== 'string' || typeof raw.c !== 'object' || raw.c === null) return null;
    const context: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw.c as Record<string, unknown>)) if (typeof v === 'string') context[k] = v;
    return {
      formId: raw.f,
      context,
      channelId: typeof raw.ch === 'string' ? raw.ch : undefined,
      responseUrl: typeof raw.r === 'string' ? raw.r : undefined,
    };
  } catch {
    return null;
  }
}

/** Slack options need a non-empty value; the core's "none" choice (`''`) travels as this. */
export const EMPTY_OPTION_VALUE = '__none__';

function options(field: FormField): SlackOption[] {
  return (field.options ?? [])
    .map((o) => createOption(o.value || EMPTY_OPTION_VALUE, o.label))
    .filter((o): o is SlackOption => o !== null)
    .slice(0, SLACK_LIMITS.selectOptions);
}

/** The input element(s) for one field; a datetime becomes a date and a time block. */
function renderField(field: FormField): SlackBlock[] {
  const placeholder = field.placeholder ? { placeholder: plainText(field.placeholder, SLACK_LIMITS.placeholder) } : {};
  const base = {
    type: 'input' as const,
    block_id: fieldBlockId(field.name).slice(0, SLACK_LIMITS.blockId),
    label: plainText(field.label, SLACK_LIMITS.inputLabel),
    optional: !field.required,
    ...(field.hint ? { hint: plainText(field.hint, SLACK_LIMITS.hint) } : {}),
  };
  const action_id = SLACK_IDS.inputAction;
  const initial = field.initial?.trim() || undefined;
  const opts = options(field);
  const textInput = (multiline: boolean): types.PlainTextInput => {
    const max = Math.min(field.maxLength ?? SLACK_LIMITS.inputMaxLength, SLACK_LIMITS.inputMaxLength);
    return {
      type: 'plain_text_input',
      action_id,
      multiline,
      max_length: max,
      ...(initial ? { initial_value: truncate(initial, max) } : {}),
      ...placeholder,
    };
  };
  switch (field.kind) {
    case 'text':
      return [{ ...base, element: textInput(false) }];
    case 'textarea':
      return [{ ...base, element: textInput(true) }];
    case 'number':
      return [
        {
          ...base,
          element: {
            type: 'number_input',
            action_id,
            is_decimal_allowed: true,
            ...(initial && /^-?\d+(\.\d+)?$/.test(initial) ? { initial_value: initial } : {}),
            ...placeholder,
          },
        },
      ];
    case 'select': {
      if (opts.length === 0) return [{ ...base, element: textInput(false) }];
      const chosen = opts.find((o) => o.value === (initial ?? null));
      return [{ ...base, element: { type: 'static_select', action_id, options: opts, ...(chosen ? { initial_option: chosen } : {}), ...placeholder } }];
    }
    case 'multiselect': {
      if (opts.length === 0) return [{ ...base, element: textInput(false) }];
      const wanted = new Set((initial ?? '').split(',').map((s) => s.trim()));
      const chosen = opts.filter((o) => o.value !== undefined && wanted.has(o.value));
      return [{ ...base, element: { type: 'multi_static_select', action_id, options: opts, ...(chosen.length ? { initial_options: chosen } : {}), ...placeholder } }];
    }
    case 'date':
      return [{ ...base, element: { type: 'datepicker', action_id, ...(initial && ISO_DATE.test(initial) ? { initial_date: initial } : {}) } }];
    case 'datetime': {
      const m = initial ? DATE_TIME.exec(initial) : null;
      const date = m?.[1] ?? (initial && ISO_DATE.test(initial) ? initial : undefined);
      const time = m?.[2] && m[3] ? `${m[2].padStart(2, '0')}:${m[3]}` : undefined;
      return [
        { ...base, element: { type: 'datepicker', action_id, ...(date ? { initial_date: date } : {}) } },
        {
          ...base,
          block_id: `${base.block_id}${SLACK_IDS.timeSuffix}`.slice(0, SLACK_LIMITS.blockId),
          label: plainText(`${field.label} (hh:mm)`, SLACK_LIMITS.inputLabel),
          element: { type: 'timepicker', action_id, ...(time ? { initial_time: time } : {}) },
        },
      ];
    }
    case 'person': {
      const id = initial ? SLACK_USER_ID.exec(initial)?.[1] : undefined;
      return [{ ...base, element: { type: 'users_select', action_id, ...(id ? { initial_user: id } : {}), ...placeholder } }];
    }
    case 'checkbox': {
      const option = { text: plainText(field.label, SLACK_LIMITS.optionText), value: 'true' };
      const checked = initial === 'true' || initial === '1';
      return [{ ...base, element: { type: 'checkboxes', action_id, options: [option], ...(checked ? { initial_options: [option] } : {}) } }];
    }
  }
}

/** Builds the modal for a form (≤ 100 blocks, title and button ≤ 24 characters). */
export function renderModal(form: FormSpec, meta: Omit<FormMetadata, 'formId' | 'context'> = {}): types.ModalView {
  const blocks: SlackBlock[] = [];
  if (form.intro) blocks.push(...splitText(toMrkdwn(form.intro), SLACK_LIMITS.sectionText).map(createSection));
  for (const field of form.fields) blocks.push(...renderField(field));
  return {
    type: 'modal',
    callback_id: SLACK_IDS.formCallback,
    title: plainText(form.title, SLACK_LIMITS.modalTitle),
    submit: plainText(form.submitLabel, SLACK_LIMITS.modalButton),
    private_metadata: encodeFormMetadata({ formId: form.id, context: form.context, ...meta }),
    blocks: fitBlocks(blocks, SLACK_LIMITS.viewBlocks),
  };
}

/** How the core receives a picked Slack user: as a mention, the form every parser understands. */
export function formatPersonValue(userId: string): string {
  return `<@${userId}>`;
}

/** Reads the submitted values back into `{ fieldName: string }` (multiselect comma-separated). */
export function readFormValues(state: ViewState): Record<string, string> {
  const values: Record<string, string> = {};
  const times: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state)) {
    if (!blockId.startsWith(SLACK_IDS.fieldBlockPrefix)) continue;
    const v = actions?.[SLACK_IDS.inputAction];
    if (!v) continue;
    const name = blockId.slice(SLACK_IDS.fieldBlockPrefix.length);
    let value: string;
    switch (v.type) {
      case 'static_select':
        value = v.selected_option?.value === EMPTY_OPTION_VALUE ? '' : (v.selected_option?.value ?? '');
        break;
      case 'multi_static_select':
        value = (v.selected_options ?? []).map((o: { value: string }) => o.value).filter((x: string) => x !== EMPTY_OPTION_VALUE).join(',');
        break;
      case 'datepicker':
        value = v.selected_date ?? '';
        break;
      case 'timepicker':
        if (name.endsWith(SLACK_IDS.timeSuffix)) {
          times[name.slice(0, -SLACK_IDS.timeSuffix.length)] = v.selected_time ?? '';
          continue;
        }
        value = v.selected_time ?? '';
        break;
      case 'users_select':
        value = v.selected_user ? formatPersonValue(v.selected_user) : '';
        break;
      case 'checkboxes':
        value = (v.selected_options ?? []).length > 0 ? 'true' : 'false';
        break;
      default:
        value = typeof v.value === 'string' ? v.value : '';
    }
    values[name] = value.trim();
  }
  for (const [name, time] of Object.entries(times)) {
    const date = values[name] ?? '';
    values[name] = date && time ? `${date} ${time}` : date;
  }
  return values;
}

/**
 * Maps the core's per-field errors to `response_action: 'errors'` block ids. Errors for names
 * without an input block (whole-form problems) are shown on the first field.
 */
export function mapFormErrors(form: Pick<FormSpec, 'fields'> | null, errors: Record<string, string>, state?: ViewState): Record<string, string> {
  const blockIds = new Set([...(form?.fields.map((f) => fieldBlockId(f.name)) ?? []), ...Object.keys(state ?? {})]);
  const first = form?.fields[0] ? fieldBlockId(form.fields[0].name) : [...blockIds].find((b) => b.startsWith(SLACK_IDS.fieldBlockPrefix));
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const id = blockIds.has(fieldBlockId(field)) ? fieldBlockId(field) : first;
    if (!id) continue;
    out[id] = truncate(out[id] ? `${out[id]} ${message}` : message, SLACK_LIMITS.hint);
  }
  return out;
}
