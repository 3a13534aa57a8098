/**
 * Every card the Teams adapter sends is one Teams shows whole. Drives the bot through
 * `/api/messages` (local mode, fake connector): every command, every form (filled and empty, so
 * the error cards come too), and a breadth-first click on every button of every card that comes
 * back. Each captured card — connector messages and `adaptiveCard/action` invoke answers — is
 * validated with Microsoft's `adaptivecards` 3.x package (`AdaptiveCard.parse` with a
 * `SerializationContext`, then `validateProperties()`) under a Teams-like host config
 * (5 actions per set).
 */
import { describe, expect, it } from 'vitest';
import { cardOf, type FakeTeamsConnector } from '../../support/fake-teams-connector.ts';
import { executeActivity, installActivity, messageActivity, teamsUser } from '../../support/teams-activities.ts';
import { fillCard, type TeamsTestService, useTeamsService } from '../../support/teams-service.ts';
import { adaptiveCardProblems, maxActionsPerSet } from '../../support/adaptive-card-validator.ts';
import { dbKind } from '../../support/db.ts';

const CASE_CODE = /\b[A-Z]{2,8}-\d{2}-\d{4}\b/;
type Card = Record<string, unknown>;

/** Every Action.Execute in a card (buttons and form submits), wherever it sits. */
function executes(card: unknown): { verb: string; data: Record<string, unknown> }[] {
  const out: { verb: string; data: Record<string, unknown> }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string') out.push({ verb: o.verb, data: (o.data ?? {}) as Record<string, unknown> });
      for (const [k, x] of Object.entries(o)) if (k !== 'data' && k !== 'fallback') walk(x);
    }
  };
  walk(card);
  return out;
}

describe(`every Teams card passes the adaptivecards validator (${dbKind})`, () => {
  let svc: TeamsTestService;
  let connector: FakeTeamsConnector;
  const mentor = teamsUser('valid', 'Vera Validering');
  const where = (locale = 'sv-SE') => ({ serviceUrl: connector.url, user: mentor, locale });
  /** label → card, for every card the bot produced. */
  const seen: { label: string; card: Card }[] = [];
  const formsSeen = new Set<string>();

  useTeamsService((s, c) => { svc = s; connector = c; });

  const keep = (label: string, card: Card | undefined) => {
    if (!card) return;
    seen.push({ label, card });
    for (const e of executes(card)) if (e.verb.startsWith('form:')) formsSeen.add(e.verb);
  };

  /** Posts an activity, waits for the turn, and keeps every card the bot sent for it. */
  async function post(label: string, activity: Record<string, unknown>): Promise<Card[]> {
    const before = connector.sent.length;
    const res = await svc.post(activity);
    expect(res.status, label).toBe(200);
    const cards: Card[] = [];
    const body = res.body as { value?: unknown; type?: string } | undefined;
    if (body?.type === 'application/vnd.microsoft.card.adaptive' && body.value) cards.push(body.value as Card);
    if (activity.type !== 'invoke') await connector.waitFor((c) => connector.sent.indexOf(c) >= before, 5000).catch(() => undefined);
    for (const c of connector.sent.slice(before)) {
      const card = cardOf(c);
      if (card) cards.push(card);
    }
    for (const c of cards) keep(label, c);
    return cards;
  }

  const say = (text: string, locale?: string) => post(`"${text}" (${locale ?? 'sv-SE'})`, messageActivity({ ...where(locale), text }));

  /** Submits every form in the cards: once empty (error card), then filled until the chain ends. */
  async function completeForms(cards: Card[], overrides: Record<string, string> = {}): Promise<Card[]> {
    let current = cards;
    for (let step = 0; step < 5; step++) {
      const form = current.find((c) => executes(c).some((e) => e.verb.startsWith('form:')));
      if (!form) return current;
      const submit = executes(form).find((e) => e.verb.startsWith('form:'))!;
      const empty = Object.fromEntries(Object.keys(fillCard(form)).map((k) => [k, '']));
      await post(`${submit.verb} empty`, executeActivity({ ...where(), verb: submit.verb, data: { ...submit.data, ...empty } }));
      current = await post(`${submit.verb} filled`, executeActivity({ ...where(), verb: submit.verb, data: { ...submit.data, ...fillCard(form, overrides) } }));
    }
    return current;
  }

  it('drives every command, form and button and validates each card', async () => {
    await post('install', installActivity(where()));
    const opened = await completeForms(await say('ny'), { studentRef: 'Elev 9C (initialer CD)', reason: 'Hög frånvaro' });
    const code = opened.map((c) => CASE_CODE.exec(JSON.stringify(c))?.[0]).find(Boolean);
    expect(code, 'a case was opened').toBeDefined();

    const commands = [
      'hjälp', 'help', 'hjelp', 'hjälp möte', `status ${code}`, 'status', 'mina', `möte ${code}`, `beslut ${code} Anpassad studiegång`,
      `åtgärd ${code} Ring vårdnadshavare`, `samtycke ${code} vårdnadshavare`, `stafett ${code}`, `oro ${code} Oro för hemsituationen`,
      `avvikelse ${code} Kallelsen kom sent`, `logg ${code}`, `granskning ${code}`, `export ${code}`, 'statistik', `nästa ${code}`,
      'personal', `kanal ${code}`, 'importera', 'signal 12345', `acceptera ${code}`, `avböj ${code}`, `avsluta ${code}`,
      'status ZZ-99-9999', 'blä blä', `status ${code}`,
    ];
    for (const text of commands) await completeForms(await say(text));
    for (const text of [`status ${code}`, 'mine', `meeting ${code}`]) await completeForms(await say(text, 'en-GB'));
    for (const text of [`status ${code}`, 'mine']) await completeForms(await say(text, 'nb-NO'));

    // Breadth-first: press every button once (the same verb+value once), forms included.
    const pressed = new Set<string>();
    for (let i = 0; i < seen.length && pressed.size < 80; i++) {
      for (const e of executes(seen[i]!.card)) {
        const key = `${e.verb}|${JSON.stringify(e.data.value ?? e.data.context ?? '')}`;
        if (pressed.has(key)) continue;
        pressed.add(key);
        if (e.verb.startsWith('form:')) {
          await completeForms([seen[i]!.card]);
        } else {
          await completeForms(await post(`press ${e.verb}`, executeActivity({ ...where(), verb: e.verb, data: e.data })));
        }
      }
    }

    const failures = seen.map(({ label, card }) => ({ label, problems: adaptiveCardProblems(card), maxActions: maxActionsPerSet(card) })).filter((f) => f.problems.length || f.maxActions > 5);
    expect(failures).toEqual([]);
    // The walk really covered the product: many cards, buttons and forms, the overflow included.
    expect(seen.length).toBeGreaterThan(60);
    expect(pressed.size).toBeGreaterThan(15);
    expect(formsSeen.size).toBeGreaterThanOrEqual(8);
    expect(seen.some(({ card }) => JSON.stringify(card).includes('"Action.ShowCard"'))).toBe(true);
  }, 600_000);
});
