/**
 * Every feature of the conversation layer, and the one index ChatService routes through. Button
 * action ids are listed per feature in action-ids.ts (a leaf, so views can name them) and each
 * feature's handlers are typed by its row; a command the parser knows without a handler is a type
 * error here, and an id two features claim, or a listed id without its handler, fails when this
 * module loads.
 */
import type { Command } from '../../commands/index.ts';
import { ACTION_IDS } from '../../ports/action-ids.ts';
import { absence } from './absence.ts';
import { admin } from './admin.ts';
import { cases } from './cases.ts';
import { concern } from './concern.ts';
import { consent } from './consent.ts';
import { deviations } from './deviations.ts';
import type { ActionHandler, ChatCtx, ChatReply, CommandName, Feature, FormHandler } from './feature.ts';
import { handover } from './handover.ts';
import { help } from './help.ts';
import { meetings } from './meetings.ts';
import { nudges } from './nudges.ts';
import { plan } from './plan.ts';
import { records } from './records.ts';
import { statistics } from './statistics.ts';

export const FEATURES = [help, cases, meetings, plan, consent, handover, concern, deviations, statistics, records, absence, admin, nudges] as const;

type Declared<T> = T extends Feature<infer C, infer A, infer F> ? { command: C; action: A; form: F } : never;
type All = Declared<(typeof FEATURES)[number]>;

export type { ActionId } from '../../ports/action-ids.ts';
/** Every form id some feature handles. */
export type FormId = All['form'];

// Every command the parser produces has a handler: a new command without one is a type error here.
const everyCommandHandled: [Exclude<CommandName, All['command']>] extends [never] ? true : never = true;
void everyCommandHandled;

/** The registry's view of a feature, without the per-id types. */
interface Entry {
  name: string;
  commands: Record<string, (x: ChatCtx, cmd: Command) => Promise<ChatReply>>;
  actions: Record<string, ActionHandler>;
  forms: Record<string, FormHandler>;
  textForms?: Record<string, ((x: ChatCtx, code: string) => Promise<ChatReply>) | undefined>;
  personFields?: Record<string, string | undefined>;
  formsWithTeamLeads?: readonly string[];
  actionPrefix?: { prefix: string; handle: ActionHandler };
}

const entries = FEATURES as readonly unknown[] as readonly Entry[];

function index<T>(pick: (f: Entry) => Record<string, T | undefined> | undefined, what: string): ReadonlyMap<string, T> {
  const out = new Map<string, T>();
  const owner = new Map<string, string>();
  for (const f of entries) {
    for (const [id, h] of Object.entries(pick(f) ?? {})) {
      if (h === undefined) continue;
      if (out.has(id)) throw new Error(`${what} "${id}" is declared by both ${owner.get(id)} and ${f.name}`);
      out.set(id, h);
      owner.set(id, f.name);
    }
  }
  return out;
}

const commands = index((f) => f.commands, 'command');
const actions = index((f) => f.actions, 'action');
const forms = index((f) => f.forms, 'form');
const textForms = index((f) => f.textForms, 'text form');
const personFields = index((f) => f.personFields, 'person field of form');
const withTeamLeads = new Set(entries.flatMap((f) => f.formsWithTeamLeads ?? []));
const prefixes = entries.flatMap((f) => (f.actionPrefix ? [f.actionPrefix] : []));

// The listed ids and the handlers are the same set, feature by feature.
for (const [feature, ids] of Object.entries(ACTION_IDS)) {
  const f = entries.find((e) => e.name === feature);
  const handled = Object.keys(f?.actions ?? {}).sort();
  if (JSON.stringify(handled) !== JSON.stringify([...ids].sort())) throw new Error(`feature ${feature} handles [${handled.join(', ')}], action-ids.ts lists [${ids.join(', ')}]`);
}
for (const f of entries) if (Object.keys(f.actions).length && !(f.name in ACTION_IDS)) throw new Error(`feature ${f.name} handles buttons but has no row in action-ids.ts`);

export const registry = {
  command: (name: string) => commands.get(name),
  /** The handler of a button action id: declared, or claimed by a prefix. */
  action: (id: string): ActionHandler | undefined => actions.get(id) ?? prefixes.find((p) => id.startsWith(p.prefix))?.handle,
  form: (id: string) => forms.get(id),
  textForm: (name: string) => textForms.get(name),
  personField: (formId: string) => personFields.get(formId),
  /** Whether the form's request reads the organisation's team leads with it (Feature.formsWithTeamLeads). */
  needsTeamLeads: (formId: string) => withTeamLeads.has(formId),
  actionIds: (): string[] => [...actions.keys()],
  formIds: (): string[] => [...forms.keys()],
  commandNames: (): string[] => [...commands.keys()],
};
