/**
 * How reminders read: nudge texts, digests and their buttons in Swedish, Norwegian bokmål and
 * English. The dispatcher gathers the data (src/reminders/dispatcher.ts) and renders through
 * `nudgeViews`, which the composition root hands it. Channel texts (shared spaces) use only the
 * case code, playbook labels (stages, meeting types, deadline rules), dates and role names; free
 * text such as an action's description is passed in only for 1:1 messages.
 */
import type { Playbook } from '../playbooks/index.ts';
import type { Block, Button, Reply } from '../ports/reply.ts';
import { stripMarkup } from '../ports/reply.ts';
import type { ActionId } from '../ports/action-ids.ts';
import { defineCatalog, formatDay, formatTime, formatWhen, type Lang } from '../i18n/index.ts';
import { GUARDIAN_TASK_RULE, type DigestCase, type DigestData, type NudgeKind, type NudgePayload, type NudgeRenderInput, type NudgeViews } from '../reminders/reminder.ts';

const BUILTIN_RULES: Record<string, Record<Lang, string>> = {
  'action-due': { sv: 'Åtgärd ska vara klar', nb: 'Tiltak skal være ferdig', en: 'Action due' },
  'action-evaluation': { sv: 'Åtgärd ska följas upp', nb: 'Tiltak skal evalueres', en: 'Action evaluation' },
  [GUARDIAN_TASK_RULE]: { sv: 'Vårdnadshavare informerad samma dag', nb: 'Foresatte informert samme dag', en: 'Guardian informed the same day' },
};

/** Label of a deadline rule (playbook rule, action due/evaluation, the guardian task). */
export function deadlineLabel(pb: Playbook | undefined, ruleKey: string, lang: Lang): string {
  const rule = pb?.deadlineRules.find((r) => r.key === ruleKey);
  if (rule) return rule.labels[lang];
  return BUILTIN_RULES[ruleKey]?.[lang] ?? BUILTIN_RULES[ruleKey === 'manual' ? 'action-due' : ruleKey]?.[lang] ?? ruleKey;
}

/** Label of a playbook meeting type. */
export function meetingTypeLabel(pb: Playbook | undefined, key: string, lang: Lang): string {
  return pb?.meetingTypes.find((m) => m.key === key)?.labels[lang] ?? key;
}

const ESCALATION_ROLE: Record<Lang, string[]> = {
  sv: ['ärendeansvarig', 'teamledare'],
  nb: ['saksansvarlig', 'teamleder'],
  en: ['case lead', 'team lead'],
};

export interface LineContext {
  lang: Lang;
  tz: string;
  playbook: Playbook | undefined;
  /** Only for 1:1 messages: the action's own text. */
  actionText?: string | null;
  /** Only for 1:1 messages (delivery.failed): who could not be reached. */
  recipientText?: string | null;
}

/** One sentence describing a nudge. */
export function nudgeLine(kind: NudgeKind, p: NudgePayload, c: LineContext): string {
  const { lang, tz } = c;
  const code = `**${p.caseCode ?? '—'}**`;
  const meeting = p.meetingType ? meetingTypeLabel(c.playbook, p.meetingType, lang) : '';
  const rule = p.ruleKey ? deadlineLabel(c.playbook, p.ruleKey, lang) : '';
  const action = c.actionText ? { sv: ` Åtgärd: _${c.actionText}_`, nb: ` Tiltak: _${c.actionText}_`, en: ` Action: _${c.actionText}_` }[lang] : '';
  const when = p.startsAt ? formatWhen(p.startsAt, lang, tz) : '';
  const dueDay = p.dueAt ? formatDay(p.dueAt, lang, tz) : '';
  switch (kind) {
    case 'meeting.before':
      return { sv: `Påminnelse: ${meeting} i ärende ${code} på ${when}.`, nb: `Påminnelse: ${meeting} i sak ${code} ${when}.`, en: `Reminder: ${meeting} for case ${code} on ${when}.` }[lang];
    case 'meeting.dayof':
      return { sv: `I dag: ${meeting} i ärende ${code} kl. ${formatTime(p.startsAt!, tz)}.`, nb: `I dag: ${meeting} i sak ${code} kl. ${formatTime(p.startsAt!, tz)}.`, en: `Today: ${meeting} for case ${code} at ${formatTime(p.startsAt!, tz)}.` }[lang];
    case 'meeting.prepare':
      return {
        sv: `Förbered ${meeting} i ärende ${code} (${when}): skicka ut dagordningen och kallelsen nu.`,
        nb: `Forbered ${meeting} i sak ${code} (${when}): send ut dagsorden og innkalling nå.`,
        en: `Prepare ${meeting} for case ${code} (${when}): send out the agenda and invitation now.`,
      }[lang];
    case 'deadline.soon':
      return { sv: `Snart: ${rule} i ärende ${code} senast ${dueDay}.${action}`, nb: `Snart: ${rule} i sak ${code} innen ${dueDay}.${action}`, en: `Coming up: ${rule} for case ${code} by ${dueDay}.${action}` }[lang];
    case 'deadline.due':
      return { sv: `I dag: ${rule} i ärende ${code}.${action}`, nb: `I dag: ${rule} i sak ${code}.${action}`, en: `Due today: ${rule} for case ${code}.${action}` }[lang];
    case 'deadline.overdue':
      return { sv: `Försenat: ${rule} i ärende ${code} (skulle vara klart ${dueDay}).${action}`, nb: `Forsinket: ${rule} i sak ${code} (frist ${dueDay}).${action}`, en: `Overdue: ${rule} for case ${code} (due ${dueDay}).${action}` }[lang];
    case 'deadline.escalation': {
      const role = ESCALATION_ROLE[lang][(p.level ?? 1) - 1] ?? ESCALATION_ROLE[lang][0];
      return {
        sv: `Eskalering i ärende ${code}: ${rule} – tidsfristen ${dueDay} har passerat. Du får detta som ${role}.${action}`,
        nb: `Eskalering i sak ${code}: ${rule} – fristen ${dueDay} er passert. Du får dette som ${role}.${action}`,
        en: `Escalation for case ${code}: ${rule} – the deadline of ${dueDay} has passed. You receive this as ${role}.${action}`,
      }[lang];
    }
    case 'task.guardian':
      return {
        sv: `Uppgift i dag: informera vårdnadshavaren om den ogiltiga frånvaron (ärende ${code}). Markera som klar när det är gjort.`,
        nb: `Oppgave i dag: informer foresatte om det ugyldige fraværet (sak ${code}). Marker som ferdig når det er gjort.`,
        en: `Task for today: inform the guardian about the unauthorised absence (case ${code}). Mark it done when it is done.`,
      }[lang];
    case 'consent.expiring':
      return {
        sv: `Samtycket i ärende ${code} upphör ${p.expiresAt ? formatDay(p.expiresAt, lang, tz) : ''}. Förnya det i tid.`,
        nb: `Samtykket i sak ${code} utløper ${p.expiresAt ? formatDay(p.expiresAt, lang, tz) : ''}. Forny det i tide.`,
        en: `Consent for case ${code} expires on ${p.expiresAt ? formatDay(p.expiresAt, lang, tz) : ''}. Renew it in time.`,
      }[lang];
    case 'case.inactive':
      return {
        sv: `Inget har hänt i ärende ${code} på ${p.days} dagar. Vad är nästa steg?`,
        nb: `Ingenting har skjedd i sak ${code} på ${p.days} dager. Hva er neste steg?`,
        en: `Nothing has happened in case ${code} for ${p.days} days. What is the next step?`,
      }[lang];
    case 'handover.pending': {
      const asked = p.requestedAt ? formatDay(p.requestedAt, lang, tz) : '';
      return {
        sv: `Du har ombetts ta över stafetten i ärende ${code} (${asked}). Acceptera eller avböj, så vet alla vem som har ansvaret.`,
        nb: `Du er bedt om å overta stafetten i sak ${code} (${asked}). Aksepter eller avslå, så alle vet hvem som har ansvaret.`,
        en: `You were asked to take over the baton for case ${code} (${asked}). Accept or decline, so everyone knows who is responsible.`,
      }[lang];
    }
    case 'handover.waiting': {
      const asked = p.requestedAt ? formatDay(p.requestedAt, lang, tz) : '';
      return {
        sv: `Överlämningen av stafetten i ärende ${code} (${asked}) är ännu inte accepterad. Du har fortfarande stafetten – påminn kollegan eller lämna den till någon annan.`,
        nb: `Overleveringen av stafetten i sak ${code} (${asked}) er ennå ikke akseptert. Du har fortsatt stafetten – minn kollegaen på det eller gi den til en annen.`,
        en: `The hand-over of the baton for case ${code} (${asked}) has not been accepted yet. You still hold it – remind your colleague or hand it to someone else.`,
      }[lang];
    }
    case 'delivery.failed': {
      const who = c.recipientText ? ` (${c.recipientText})` : '';
      return {
        sv: `En påminnelse i ärende ${code} kunde inte levereras${who}. Kontrollera att mottagaren når Stafett.`,
        nb: `En påminnelse i sak ${code} kunne ikke leveres${who}. Kontroller at mottakeren når Stafett.`,
        en: `A reminder for case ${code} could not be delivered${who}. Check that the recipient can reach Stafett.`,
      }[lang];
    }
    case 'digest.person':
    case 'digest.channel':
      return '';
  }
}

const BUTTONS: Record<Lang, { done: string; day: string; week: string; open: string }> = {
  sv: { done: 'Klart', day: 'Påminn i morgon', week: 'Påminn om en vecka', open: 'Öppna ärendet' },
  nb: { done: 'Ferdig', day: 'Påminn i morgen', week: 'Påminn om en uke', open: 'Åpne saken' },
  en: { done: 'Done', day: 'Remind me tomorrow', week: 'Remind me in a week', open: 'Open case' },
};

const HANDOVER_BUTTONS: Record<Lang, { accept: string; decline: string; other: string; evaluate: string }> = {
  sv: { accept: 'Acceptera', decline: 'Avböj', other: 'Lämna till någon annan', evaluate: 'Utvärdera' },
  nb: { accept: 'Aksepter', decline: 'Avslå', other: 'Gi til en annen', evaluate: 'Evaluer' },
  en: { accept: 'Accept', decline: 'Decline', other: 'Hand to someone else', evaluate: 'Evaluate' },
};

/** Buttons of a personal nudge: done, snooze a day / a week, open the case. */
export function nudgeButtons(nudgeId: string, kind: NudgeKind, caseCode: string | undefined, lang: Lang, subject?: { type?: string | null; id?: string | null }): Button<ActionId>[] {
  const b = BUTTONS[lang];
  const out: Button<ActionId>[] = [];
  // An evaluation reminder is answered by evaluating (worked / partly / not), not by "done".
  if (subject?.type === 'action-evaluation' && subject.id && caseCode) {
    return [{ label: HANDOVER_BUTTONS[lang].evaluate, action: 'action.evaluate', value: `${caseCode}|${subject.id}`, style: 'primary' }, { label: b.day, action: 'nudge.snooze', value: `${nudgeId}:P1D` }, { label: b.week, action: 'nudge.snooze', value: `${nudgeId}:P1W` }, { label: b.open, action: 'case.open', value: caseCode }];
  }
  if (kind === 'handover.pending' && caseCode) {
    const h = HANDOVER_BUTTONS[lang];
    return [{ label: h.accept, action: 'case.accept', value: caseCode, style: 'primary' }, { label: h.decline, action: 'case.decline', value: caseCode }, { label: b.open, action: 'case.open', value: caseCode }];
  }
  if (kind === 'handover.waiting' && caseCode) {
    return [{ label: HANDOVER_BUTTONS[lang].other, action: 'case.handover', value: caseCode }, { label: b.open, action: 'case.open', value: caseCode }];
  }
  if (kind !== 'delivery.failed' && !kind.startsWith('digest.')) {
    out.push({ label: b.done, action: 'nudge.done', value: nudgeId, style: 'primary' });
    out.push({ label: b.day, action: 'nudge.snooze', value: `${nudgeId}:P1D` });
    out.push({ label: b.week, action: 'nudge.snooze', value: `${nudgeId}:P1W` });
  }
  if (caseCode) out.push({ label: b.open, action: 'case.open', value: caseCode });
  return out;
}

/** Header of a message that bundles several nudges for one channel. */
export function bundleHeader(n: number, lang: Lang): string {
  return { sv: `Påminnelser (${n})`, nb: `Påminnelser (${n})`, en: `Reminders (${n})` }[lang];
}

/** Header of the weekly digest. */
export function weeklyHeader(lang: Lang, weekKey: string): string {
  const week = weekKey.split('-W')[1] ?? weekKey;
  return { sv: `Veckoöversikt, vecka ${Number(week)}`, nb: `Ukeoversikt, uke ${Number(week)}`, en: `Weekly overview, week ${Number(week)}` }[lang];
}

/** Builds a Reply from text lines and optional buttons. */
export function linesReply(visibility: Reply['visibility'], header: string | null, lines: string[], buttons: Button<ActionId>[] = []): Reply<ActionId> {
  const blocks: Block<ActionId>[] = [];
  if (header) blocks.push({ type: 'header', text: header });
  if (lines.length === 1 && !header) blocks.push({ type: 'text', text: lines[0]! });
  else if (lines.length) blocks.push({ type: 'list', items: lines });
  if (buttons.length) blocks.push({ type: 'actions', buttons });
  const fallback = [header, ...lines].filter(Boolean).map((l) => stripMarkup(l!)).join('\n');
  return { visibility, blocks, fallbackText: fallback.slice(0, 3000) };
}

/**
 * One line per case: stage, the next date and who owns it — the deadline's owner (a person's
 * name when `names`, as in a personal summary; only the role in a channel), else the baton.
 */
function digestCaseLine(k: DigestCase, lang: Lang, tz: string, names: boolean): string {
  const pb = k.playbook;
  const stage = pb?.stages.find((s) => s.key === k.stage)?.labels[lang] ?? k.stage;
  const m = k.meeting;
  const d = k.deadline;
  let next = '';
  if (m && (!d || m.startsAt <= d.dueAt)) next = `${meetingTypeLabel(pb, m.type, lang)} ${formatWhen(m.startsAt, lang, tz)}`;
  else if (d) next = `${deadlineLabel(pb, d.ruleKey, lang)} ${formatDay(d.dueAt, lang, tz)}${d.overdue ? { sv: ' (försenat)', nb: ' (forsinket)', en: ' (overdue)' }[lang] : ''}`;
  const roleName = (key: string) => pb?.roles.find((r) => r.key === key)?.labels[lang] ?? key;
  const leadRoleKey = k.members.find((x) => x.personId === k.batonHolderId && x.role === pb?.caseLeadRole)?.role
    ?? k.members.find((x) => x.personId === k.batonHolderId)?.role ?? pb?.caseLeadRole;
  let role = leadRoleKey ? roleName(leadRoleKey) : '—';
  if (names && k.batonHolderId) role = k.members.find((x) => x.personId === k.batonHolderId)?.displayName ?? role;
  const nextIsDeadline = Boolean(d) && !(m && (!d || m.startsAt <= d.dueAt));
  if (d && nextIsDeadline) {
    const holders = d.ownerRole ? k.members.filter((x) => x.role === d.ownerRole) : [];
    if (d.ownerId) role = names ? (k.ownerName ?? role) : roleName(k.members.find((x) => x.personId === d.ownerId)?.role ?? leadRoleKey ?? '—');
    else if (d.ownerRole) role = names && holders.length ? [...new Set(holders.map((x) => x.displayName))].join(', ') : roleName(d.ownerRole);
  }
  const words = { sv: ['nästa', 'ansvarig'], nb: ['neste', 'ansvarlig'], en: ['next', 'lead'] }[lang];
  return `**${k.code}** – ${stage}${next ? ` – ${words[0]}: ${next}` : ''} – ${words[1]}: ${role}`;
}

/** The lines of a weekly digest (a person's or a channel's). */
export function digestLines(data: DigestData, lang: Lang, tz: string): string[] {
  const lines = data.cases.map((k) => digestCaseLine(k, lang, tz, data.names));
  for (const d of data.own) {
    const text = d.actionText ? `: _${d.actionText}_` : '';
    const yours = { sv: 'Ditt att göra', nb: 'Din oppgave', en: 'Your item' }[lang];
    lines.push(`${yours} (${d.code}, ${formatDay(d.dueAt, lang, tz)}): ${deadlineLabel(d.playbook, d.ruleKey, lang)}${text}`);
  }
  return lines.length ? lines : [{ sv: 'Inga öppna ärenden.', nb: 'Ingen åpne saker.', en: 'No open cases.' }[lang]];
}

/** One message of nudges (or a digest) for one conversation, as the dispatcher gathered it. */
function renderNudges(m: NudgeRenderInput): Reply<ActionId> {
  const { lang, tz } = m;
  const lines: string[] = [];
  let header: string | null = null;
  for (const item of m.items) {
    if (item.digest) {
      header = weeklyHeader(lang, item.payload.weekKey ?? '');
      lines.push(...digestLines(item.digest, lang, tz));
      continue;
    }
    lines.push(nudgeLine(item.kind, item.payload, { lang, tz, playbook: item.playbook, actionText: item.actionText, recipientText: item.recipientText }));
  }
  if (m.items.length > 1 && !header) header = bundleHeader(m.items.length, lang);
  const first = m.items[0]!;
  const buttons = m.personal && m.items.length === 1
    ? nudgeButtons(first.id, first.kind, first.payload.caseCode, lang, { type: first.payload.subjectType, id: first.payload.subjectId })
    : [];
  return linesReply(m.personal ? 'private' : 'shared', header, lines, buttons);
}

/** What the composition root hands the dispatcher. */
export const nudgeViews: NudgeViews = {
  nudges: renderNudges,
  notice: (text, buttons) => linesReply('private', null, [text], buttons),
  deliveryFailedChannel: (lang: Lang) => ({ sv: 'ärendets kanal', nb: 'sakens kanal', en: 'the case channel' } as Record<Lang, string>)[lang],
};
