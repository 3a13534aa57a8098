/**
 * Validates Adaptive Cards with Microsoft's own `adaptivecards` package (the renderer the
 * Agents Playground and Teams' web client build on): `AdaptiveCard.parse` with a
 * `SerializationContext` collects parse warnings (unknown elements or actions, bad values), and
 * `validateProperties()` reports rule violations such as too many actions in a set — under a
 * Teams-like host config (5 actions per set, interactivity on, schema 1.5).
 */
import * as AC from 'adaptivecards';

/** The host-config values Teams applies that our cards can run into. */
export const TEAMS_HOST_CONFIG = {
  supportsInteractivity: true,
  fontFamily: 'Segoe UI, system-ui, sans-serif',
  actions: { maxActions: 5, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 16 }, actionsOrientation: 'horizontal', actionAlignment: 'stretch' },
  imageSizes: { small: 40, medium: 80, large: 160 },
} as const;

/** Every problem `adaptivecards` reports for a card (empty when Teams would show it whole). */
export function adaptiveCardProblems(card: unknown): string[] {
  const ac = new AC.AdaptiveCard();
  ac.hostConfig = new AC.HostConfig(TEAMS_HOST_CONFIG);
  const ctx = new AC.SerializationContext(new AC.Version(1, 5));
  ac.parse(card as object, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) problems.push(`parse: ${ctx.getEventAt(i).message}`);
  const result = ac.validateProperties();
  for (const e of result.validationEvents) problems.push(`validate: ${e.message}`);
  return problems;
}

/** The largest number of actions in any one set of a card (card actions, ActionSets, ShowCards). */
export function maxActionsPerSet(card: unknown): number {
  let max = 0;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (k === 'data') continue;
        if (k === 'actions' && Array.isArray(x)) max = Math.max(max, x.length);
        walk(x);
      }
    }
  };
  walk(card);
  return max;
}
