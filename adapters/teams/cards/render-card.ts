/**
 * Pure renderers: the platform-neutral Reply / FormSpec → Adaptive Card 1.5 (the version Teams
 * supports). Buttons and forms use `Action.Execute` (universal actions, answered by an invoke whose
 * result card replaces this one) with an `Action.Submit` fallback carrying the same `verb`.
 */
import type { Block, Button, FormField, FormSpec, Reply } from '../../../src/ports/reply.ts';
import { actionVerb, DATE_SUFFIX, EMPTY_CHOICE, formVerb, INPUT_PREFIX, TIME_SUFFIX } from '../verbs.ts';
import { cardText } from './card-texts.ts';
import { attachmentElements, type FileDelivery } from './render-attachment.ts';

/** An Adaptive Card element or action (the schema is wide; we build a small subset). */
import type { CardElement } from './render-attachment.ts';
export type { CardElement };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  fallbackText?: string;
  msteams?: { width: 'Full' };
  [key: string]: unknown;
}

/** What a card's submit carries besides the inputs: the form id travels in the verb. */
export interface FormCardData {
  verb: string;
  context: Record<string, string>;
  /** The form itself, so a validation error can be shown without server-side state. */
  form: FormSpec;
}

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams caps a bot message near 100 KB; stay well below with room for the envelope. */
const MAX_TEXT = 8000;

/**
 * Teams (like the `adaptivecards` default host config) shows at most 5 actions per action set
 * and silently drops the rest, so every card goes through `fitActionLimits` before it leaves.
 */
export const MAX_ACTIONS_PER_SET = 5;

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Actions that fit one set: up to the limit as they are; beyond it the first four stay and the
 * rest move behind an overflow `Action.ShowCard` ("More …") that lists them in sets of five.
 */
function fitActions(actions: CardElement[], lang: string | undefined): CardElement[] {
  if (actions.length <= MAX_ACTIONS_PER_SET) return actions;
  const shown = actions.slice(0, MAX_ACTIONS_PER_SET - 1);
  const rest = actions.slice(MAX_ACTIONS_PER_SET - 1);
  const more: CardElement = {
    type: 'Action.ShowCard',
    title: cardText(lang, 'moreActions'),
    card: { type: 'AdaptiveCard', body: chunk(rest, MAX_ACTIONS_PER_SET).map((set) => ({ type: 'ActionSet', actions: set })) },
  };
  return [...shown, more];
}

/**
 * Enforces the action limit everywhere in a card, whoever built the part: every `actions` array
 * (the card's own, each ActionSet's, cards inside Action.ShowCard) is fitted, recursively.
 */
export function fitActionLimits<T>(node: T, lang: string | undefined): T {
  if (Array.isArray(node)) return node.map((n) => fitActionLimits(n, lang)) as T;
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'data') {
      out[k] = v; // submit data is ours, not card structure (a form spec travels in it)
    } else if (k === 'actions' && Array.isArray(v)) {
      out[k] = fitActions(v.map((a) => fitActionLimits(a, lang)) as CardElement[], lang);
    } else {
      out[k] = fitActionLimits(v, lang);
    }
  }
  return out as T;
}

function card(body: CardElement[], fallbackText: string, lang: string | undefined, actions?: CardElement[]): AdaptiveCard {
  const c: AdaptiveCard = { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, fallbackText: fallbackText.slice(0, 1000), msteams: { width: 'Full' } };
  if (actions?.length) c.actions = actions;
  return fitActionLimits(c, lang);
}

/**
 * Our markdown subset → Adaptive Card markdown: bold and italic carry over; inline code has no
 * card equivalent, so backticks go (the text inside stays).
 */
export function toCardMarkdown(text: string): string {
  const s = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  return s.replace(/`([^`\n]+)`/g, '$1');
}

/** One TextBlock per line keeps line breaks and bullet lists intact in every Teams client. */
function textBlocks(text: string, extra: CardElement = {}): CardElement[] {
  const lines = toCardMarkdown(text).split('\n');
  const out: CardElement[] = [];
  let gap = false;
  for (const line of lines) {
    if (line.trim() === '') {
      gap = true;
      continue;
    }
    out.push({ type: 'TextBlock', text: line, wrap: true, ...(out.length === 0 ? extra : { spacing: gap ? 'Medium' : 'None' }) });
    gap = false;
  }
  return out;
}

function executeAction(title: string, verb: string, data: Record<string, unknown>, style?: 'positive' | 'destructive', extra: CardElement = {}): CardElement {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...(style ? { style } : {}),
    ...extra,
    // Clients without universal actions send a message activity with `data.verb` instead.
    fallback: { type: 'Action.Submit', title, data: { verb, ...data }, ...(style ? { style } : {}) },
  };
}

function buttonAction(b: Button): CardElement {
  const style = b.style === 'primary' ? 'positive' : b.style === 'danger' ? 'destructive' : undefined;
  return executeAction(b.label.slice(0, 75), actionVerb(b.action), { value: b.value }, style);
}

function blockElements(blocks: Block[]): CardElement[] {
  const body: CardElement[] = [];
  let separate = false;
  for (const b of blocks) {
    const start = body.length;
    switch (b.type) {
      case 'header':
        body.push({ type: 'TextBlock', text: toCardMarkdown(b.text).slice(0, 300), wrap: true, size: 'Large', weight: 'Bolder', style: 'heading' });
        break;
      case 'text':
        body.push(...textBlocks(b.text));
        break;
      case 'fields':
        if (b.fields.length) body.push({ type: 'FactSet', facts: b.fields.map((f) => ({ title: toCardMarkdown(f.label), value: toCardMarkdown(f.value) || '–' })) });
        break;
      case 'list':
        for (const [i, item] of b.items.entries()) body.push({ type: 'TextBlock', text: `• ${toCardMarkdown(item)}`, wrap: true, ...(i > 0 ? { spacing: 'Small' } : {}) });
        break;
      case 'actions':
        if (b.buttons.length) body.push({ type: 'ActionSet', actions: b.buttons.map(buttonAction) });
        break;
      case 'divider':
        separate = true;
        break;
    }
    if (separate && body.length > start && start > 0) {
      body[start] = { ...body[start], separator: true, spacing: 'Medium' };
      separate = false;
    }
  }
  return body;
}

/**
 * Renders a reply as a card; a reply carrying a form renders as the form card. Its files are
 * named with what happens to them (see render-attachment.ts): `imageInline` says a PNG is sent
 * beside, `files` whether the others follow as consent cards or went to the private chat.
 */
export function renderCard(reply: Reply, lang: string | undefined, opts: { imageInline?: boolean; files?: FileDelivery } = {}): AdaptiveCard {
  if (reply.form) return renderFormCard(reply.form, lang, { before: reply.blocks });
  const body = blockElements(reply.blocks);
  for (const a of reply.attachments ?? []) body.push(...attachmentElements(a, lang, opts));
  if (body.length === 0) body.push(...textBlocks(reply.fallbackText || ' '));
  return card(body, reply.fallbackText, lang);
}

export interface FormRenderOptions {
  /** Values to show (the person's last submission when errors are shown). */
  values?: Record<string, string>;
  /** Per-field localized errors from the core; keys that are not fields show at the top. */
  errors?: Record<string, string>;
  /** Reply blocks to show above the form. */
  before?: Block[];
}

function splitDateTime(v: string | undefined): { date?: string; time?: string } {
  if (!v) return {};
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(v.trim());
  return m ? { date: m[1], ...(m[2] ? { time: m[2] } : {}) } : {};
}

function fieldInputs(f: FormField, lang: string | undefined, value: string | undefined, error: string | undefined): CardElement[] {
  const id = `${INPUT_PREFIX}${f.name}`;
  const common = {
    id,
    label: f.label,
    isRequired: f.required,
    errorMessage: error ?? cardText(lang, 'required'),
    ...(f.placeholder ? { placeholder: f.placeholder } : {}),
  };
  const out: CardElement[] = [];
  switch (f.kind) {
    case 'text':
    case 'person':
      out.push({ type: 'Input.Text', ...common, ...(f.maxLength ? { maxLength: f.maxLength } : {}), ...(value ? { value } : {}) });
      break;
    case 'textarea':
      out.push({ type: 'Input.Text', ...common, isMultiline: true, ...(f.maxLength ? { maxLength: f.maxLength } : {}), ...(value ? { value } : {}) });
      break;
    case 'select':
    case 'multiselect':
      out.push({
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        ...(f.kind === 'multiselect' ? { isMultiSelect: true } : {}),
        choices: (f.options ?? []).map((o) => ({ title: o.label || '–', value: o.value === '' ? EMPTY_CHOICE : o.value })),
        ...(value ? { value } : {}),
      });
      break;
    case 'date':
      out.push({ type: 'Input.Date', ...common, ...(splitDateTime(value).date ? { value: splitDateTime(value).date } : {}) });
      break;
    case 'datetime': {
      const { date, time } = splitDateTime(value);
      out.push({
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [{ type: 'Input.Date', ...common, id: `${id}${DATE_SUFFIX}`, ...(date ? { value: date } : {}) }] },
          { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: `${id}${TIME_SUFFIX}`, label: cardText(lang, 'time'), isRequired: f.required, errorMessage: error ?? cardText(lang, 'required'), ...(time ? { value: time } : {}) }] },
        ],
      });
      break;
    }
    case 'number':
      out.push({ type: 'Input.Number', ...common, errorMessage: error ?? cardText(lang, 'invalidNumber'), ...(value && Number.isFinite(Number(value)) ? { value: Number(value) } : {}) });
      break;
    case 'checkbox':
      out.push({ type: 'Input.Toggle', id, title: f.label, label: f.label, valueOn: 'true', valueOff: 'false', value: value === 'true' ? 'true' : 'false' });
      break;
  }
  if (f.hint) out.push({ type: 'TextBlock', text: toCardMarkdown(f.hint), wrap: true, isSubtle: true, size: 'Small', spacing: 'None' });
  if (error) out.push({ type: 'TextBlock', text: toCardMarkdown(error), wrap: true, color: 'Attention', size: 'Small', spacing: 'None' });
  return out;
}

/** Renders a form as an input card whose submit (`form:<id>`) carries the form's context. */
export function renderFormCard(form: FormSpec, lang: string | undefined, opts: FormRenderOptions = {}): AdaptiveCard {
  const values = opts.values ?? {};
  const errors = opts.errors ?? {};
  const fieldNames = new Set(form.fields.map((f) => f.name));
  const body: CardElement[] = [...blockElements(opts.before ?? [])];
  body.push({ type: 'TextBlock', text: toCardMarkdown(form.title), wrap: true, size: 'Large', weight: 'Bolder', style: 'heading', ...(body.length ? { separator: true } : {}) });
  if (form.intro) body.push(...textBlocks(form.intro));
  const general = Object.entries(errors).filter(([k]) => !fieldNames.has(k)).map(([, v]) => v);
  if (Object.keys(errors).length) {
    body.push({ type: 'TextBlock', text: toCardMarkdown(general.length ? general.join('\n') : cardText(lang, 'fixErrors')), wrap: true, color: 'Attention', weight: 'Bolder' });
  }
  for (const f of form.fields) body.push(...fieldInputs(f, lang, values[f.name] ?? f.initial, errors[f.name]));
  const data: Omit<FormCardData, 'verb'> = { context: form.context, form };
  const submit = executeAction(form.submitLabel.slice(0, 75), formVerb(form.id), data as unknown as Record<string, unknown>, 'positive', { associatedInputs: 'auto' });
  return card(body, form.title, lang, [submit]);
}

/**
 * Reads submitted inputs back into the flat `values` map the core expects: prefixed input ids
 * only, a split date-time joined as `YYYY-MM-DD HH:MM`, everything as strings.
 */
export function readFormValues(data: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  const dates = new Map<string, { date?: string; time?: string }>();
  for (const [key, raw] of Object.entries(data)) {
    if (!key.startsWith(INPUT_PREFIX)) continue;
    const name = key.slice(INPUT_PREFIX.length);
    const text = raw === undefined || raw === null ? '' : String(raw).trim();
    // A choice set answers its values comma-separated; the empty-choice stand-in means "none".
    const v = text.includes(EMPTY_CHOICE) ? text.split(',').filter((x) => x !== EMPTY_CHOICE).join(',') : text;
    if (name.endsWith(DATE_SUFFIX) || name.endsWith(TIME_SUFFIX)) {
      const base = name.slice(0, -DATE_SUFFIX.length);
      const entry = dates.get(base) ?? {};
      if (name.endsWith(DATE_SUFFIX)) entry.date = v;
      else entry.time = v;
      dates.set(base, entry);
      continue;
    }
    values[name] = v;
  }
  for (const [name, { date, time }] of dates) values[name] = date ? (time ? `${date} ${time}` : date) : '';
  return values;
}

/** Parses the non-input part of a form submit; null when the data is not ours. */
export function readFormData(data: Record<string, unknown>): { context: Record<string, string>; form?: FormSpec } | null {
  const ctx = data.context;
  if (ctx !== undefined && (typeof ctx !== 'object' || ctx === null || Array.isArray(ctx))) return null;
  const context: Record<string, string> = {};
  for (const [k, v] of Object.entries((ctx ?? {}) as Record<string, unknown>)) if (typeof v === 'string') context[k] = v;
  const form = data.form;
  const valid = typeof form === 'object' && form !== null && Array.isArray((form as FormSpec).fields) && typeof (form as FormSpec).id === 'string';
  return valid ? { context, form: form as FormSpec } : { context };
}
