import type {
  ConsentScope,
  Guard,
  Labels,
  Lang,
  OrgRole,
  OutputKind,
  Playbook,
  RoleConstraint,
} from './playbook.ts';

/** Picks the text in `lang` (all three always exist after validation). */
export function label(labels: Labels, lang: Lang): string {
  return labels[lang];
}

type Texts = Record<Lang, string>;

/** Localized names of meeting outputs, used in "missing" explanations and agendas. */
export const OUTPUT_LABELS: Record<OutputKind, Texts> = {
  consentSigned: { sv: 'Undertecknat samtycke', nb: 'Signert samtykke', en: 'Signed consent' },
  actionPlan: { sv: 'Handlingsplan', nb: 'Handlingsplan', en: 'Action plan' },
  nextMeetingDate: { sv: 'Datum för nästa möte', nb: 'Dato for neste møte', en: 'Date of the next meeting' },
  esterOwner: { sv: 'Ansvarig för dokumentation i ESTER', nb: 'Ansvarlig for dokumentasjon i ESTER', en: 'Person documenting in ESTER' },
  esterResults: { sv: 'Resultat från ESTER', nb: 'Resultat fra ESTER', en: 'ESTER results' },
  contactPersonAppointed: { sv: 'Utsedd kontaktperson', nb: 'Utnevnt kontaktperson', en: 'Appointed contact person' },
  schoolContactAppointed: { sv: 'Utsedd kontaktperson på skolan', nb: 'Utnevnt kontaktperson på skolen', en: 'Appointed school contact person' },
  sprakrorAppointed: { sv: 'Utsett språkrör', nb: 'Utnevnt talerør', en: "Appointed child's spokesperson" },
  assignments: { sv: 'Fördelade uppdrag', nb: 'Fordelte oppdrag', en: 'Assignments' },
  riskAssessment: { sv: 'Riskbedömning', nb: 'Risikovurdering', en: 'Risk assessment' },
  concernReportConsidered: {
    sv: 'Ställningstagande till orosanmälan',
    nb: 'Vurdering av bekymringsmelding',
    en: 'Decision on a report of concern',
  },
  decisionConcernOrNot: { sv: 'Beslut: oro eller inte', nb: 'Beslutning: grunn til bekymring eller ikke', en: 'Decision: concern or not' },
  decisionCaseOrNot: { sv: 'Beslut om ärendet ska tas emot', nb: 'Beslutning om saken skal tas imot', en: 'Decision whether to take the case' },
  stafettholderAppointed: { sv: 'Utsedd stafetthållare', nb: 'Utnevnt stafettholder', en: 'Appointed baton holder' },
  problemAnalysis: { sv: 'Problemanalys', nb: 'Problemanalyse', en: 'Problem analysis' },
  networkMap: { sv: 'Nätverkskarta', nb: 'Nettverkskart', en: 'Network map' },
  guestList: { sv: 'Gästlista och inbjudan', nb: 'Gjesteliste og invitasjon', en: 'Guest list and invitations' },
  needsAnalysis: { sv: 'Gemensam behovsanalys', nb: 'Felles behovsanalyse', en: 'Joint needs analysis' },
  homework: { sv: 'Hemläxa: vad kan jag bidra med?', nb: 'Hjemmelekse: hva kan jeg bidra med?', en: 'Homework: what can I contribute?' },
  mapping: { sv: 'Kartläggning', nb: 'Kartlegging', en: 'Mapping' },
  evaluation: { sv: 'Utvärdering', nb: 'Evaluering', en: 'Evaluation' },
  maintenancePlan: { sv: 'Vidmakthållandeplan', nb: 'Plan for å opprettholde endringen', en: 'Maintenance plan' },
  minutes: { sv: 'Minnesanteckningar', nb: 'Referat', en: 'Minutes' },
  samverkansplan: { sv: 'Samverkansplan', nb: 'Samhandlingsplan', en: 'Collaboration plan' },
  coordinatingRole: { sv: 'Utsedd samordnande roll', nb: 'Utnevnt koordinerende rolle', en: 'Appointed coordinating role' },
  attendanceBaseline: { sv: 'Närvaro före planen', nb: 'Fremmøte før planen', en: 'Attendance before the plan' },
};

const SCOPE_LABELS: Record<ConsentScope, Texts> = {
  SCHOOL: { sv: 'skolan', nb: 'skolen', en: 'the school' },
  SOCIAL_SERVICES: { sv: 'socialtjänsten', nb: 'barneverntjenesten', en: 'social services' },
  HEALTH: { sv: 'hälso- och sjukvården', nb: 'helsetjenesten', en: 'health services' },
  OTHER: { sv: 'andra aktörer', nb: 'andre aktører', en: 'other agencies' },
};

/** Localized names of organisation roles. */
export const ORG_ROLE_LABELS: Record<OrgRole, Texts> = {
  TEAM_LEAD: { sv: 'teamledare', nb: 'teamleder', en: 'team lead' },
  COORDINATOR_POOL: { sv: 'koordinator', nb: 'koordinator', en: 'coordinator' },
  SOCIAL_SERVICES: { sv: 'socialsekreterare', nb: 'barnevernsarbeider', en: 'social worker' },
  EHT_MEMBER: { sv: 'medlem i elevhälsoteamet', nb: 'medlem i elevtjenesteteamet', en: 'student health team member' },
  PRINCIPAL: { sv: 'rektor', nb: 'rektor', en: 'principal' },
  ADMIN: { sv: 'administratör', nb: 'administrator', en: 'administrator' },
};

const q = (lang: Lang, s: string): string => (lang === 'nb' ? `«${s}»` : lang === 'sv' ? `”${s}”` : `"${s}"`);

function roleName(pb: Playbook | undefined, key: string, lang: Lang): string {
  const r = pb?.roles.find((x) => x.key === key);
  return r ? r.labels[lang] : key;
}
function meetingName(pb: Playbook | undefined, key: string, lang: Lang): string {
  const m = pb?.meetingTypes.find((x) => x.key === key);
  return m ? m.labels[lang] : key;
}
function decisionName(pb: Playbook | undefined, key: string, lang: Lang): string {
  const d = pb?.decisionKinds.find((x) => x.key === key);
  return d ? d.labels[lang] : key;
}

/**
 * "<kind>: <outcome>" as people say it, e.g. sv "Elev och vårdnadshavare: tackar nej"; a kind
 * phrased as a question reads "Grunn til bekymring? Ja". Unknown keys fall back to the key.
 */
export function decisionLabel(pb: Playbook | undefined, kind: string, outcome: string | readonly string[] | null | undefined, lang: Lang): string {
  const k = pb?.decisionKinds.find((x) => x.key === kind);
  const name = k ? k.labels[lang] : kind;
  const outs = outcome === null || outcome === undefined ? [] : [outcome].flat();
  if (!outs.length) return name;
  const or = { sv: ' eller ', nb: ' eller ', en: ' or ' }[lang];
  const text = outs.map((o) => k?.outcomes.find((x) => x.key === o)?.labels[lang] ?? o).join(or);
  return /[?:]$/.test(name) ? `${name} ${text}` : `${name}: ${text}`;
}

/** Stable message key for a guard's "missing" explanation, e.g. `playbook.guard.consentRecorded.missing`. */
export function guardMessageKey(guard: Guard): string {
  return `playbook.guard.${guard.type}.missing`;
}

/**
 * Localized explanation of what is missing when `guard` does not hold,
 * e.g. sv "Samtycke som omfattar socialtjänsten saknas". Pass the playbook to name roles and meetings.
 */
export function describeGuard(guard: Guard, lang: Lang, playbook?: Playbook): string {
  if (guard.message) return guard.message[lang];
  switch (guard.type) {
    case 'consentRecorded': {
      if (guard.scope === undefined) {
        return { sv: 'Samtycke saknas', nb: 'Samtykke mangler', en: 'Consent is missing' }[lang];
      }
      const scope = SCOPE_LABELS[guard.scope][lang];
      return {
        sv: `Samtycke som omfattar ${scope} saknas`,
        nb: `Samtykke som omfatter ${scope} mangler`,
        en: `Consent covering ${scope} is missing`,
      }[lang];
    }
    case 'meetingHeld': {
      const m = q(lang, meetingName(playbook, guard.meetingType, lang));
      return { sv: `Mötet ${m} har inte hållits`, nb: `Møtet ${m} er ikke holdt`, en: `The meeting ${m} has not been held` }[lang];
    }
    case 'roleAssigned': {
      const r = q(lang, roleName(playbook, guard.role, lang));
      const n = guard.count ?? 1;
      if (n > 1) {
        return {
          sv: `Rollen ${r} behöver ${n} personer`,
          nb: `Rollen ${r} trenger ${n} personer`,
          en: `The role ${r} needs ${n} people`,
        }[lang];
      }
      return { sv: `Rollen ${r} är inte tillsatt`, nb: `Rollen ${r} er ikke besatt`, en: `Nobody holds the role ${r}` }[lang];
    }
    case 'actionPlanExists':
      return { sv: 'Handlingsplan saknas', nb: 'Handlingsplan mangler', en: 'The action plan is missing' }[lang];
    case 'decisionRecorded': {
      if (guard.kind === undefined) {
        return { sv: 'Beslut saknas', nb: 'Beslutning mangler', en: 'A decision is missing' }[lang];
      }
      if (guard.outcome !== undefined) {
        const d = q(lang, decisionLabel(playbook, guard.kind, guard.outcome, lang));
        return { sv: `Beslut saknas: ${d}`, nb: `Beslutning mangler: ${d}`, en: `Decision missing: ${d}` }[lang];
      }
      const d = q(lang, decisionName(playbook, guard.kind, lang));
      return { sv: `Beslut saknas: ${d}`, nb: `Beslutning mangler: ${d}`, en: `Decision missing: ${d}` }[lang];
    }
    case 'nextMeetingPlanned': {
      if (guard.meetingType === undefined) {
        return { sv: 'Nästa möte är inte planerat', nb: 'Neste møte er ikke planlagt', en: 'The next meeting is not planned' }[lang];
      }
      const m = q(lang, meetingName(playbook, guard.meetingType, lang));
      return { sv: `Mötet ${m} är inte planerat`, nb: `Møtet ${m} er ikke planlagt`, en: `The meeting ${m} is not planned` }[lang];
    }
    case 'outputRecorded': {
      const o = OUTPUT_LABELS[guard.output][lang];
      if (guard.meetingType === undefined) {
        return { sv: `${o} saknas`, nb: `${o} mangler`, en: `${o}: missing` }[lang];
      }
      const m = q(lang, meetingName(playbook, guard.meetingType, lang));
      return { sv: `${o} från ${m} saknas`, nb: `${o} fra ${m} mangler`, en: `${o} from ${m}: missing` }[lang];
    }
    case 'tierSet':
      return { sv: 'Nivå (grön/gul/orange) är inte satt', nb: 'Nivå (grønn/gul/oransje) er ikke satt', en: 'The tier is not set' }[lang];
    case 'maintenancePlanExists':
      return { sv: 'Vidmakthållandeplan saknas', nb: 'Plan for å opprettholde endringen mangler', en: 'The maintenance plan is missing' }[lang];
  }
}

/** Stable message key for a violated role constraint, e.g. `playbook.constraint.singleHolder.violated`. */
export function constraintMessageKey(constraint: RoleConstraint): string {
  return `playbook.constraint.${constraint.type}.violated`;
}

/** Localized statement of a role rule, shown when an assignment breaks it. */
export function describeRoleConstraint(c: RoleConstraint, lang: Lang, playbook?: Playbook): string {
  const list = (keys: readonly string[], name: (k: string) => string): string =>
    keys.map((k) => q(lang, name(k))).join(', ');
  const orgName = (k: string): string => ORG_ROLE_LABELS[k as OrgRole][lang];
  const rName = (k: string): string => roleName(playbook, k, lang);
  switch (c.type) {
    case 'mustHoldOrgRole': {
      const r = q(lang, rName(c.role));
      const o = orgName(c.orgRole);
      return { sv: `${r} måste vara ${o}`, nb: `${r} må være ${o}`, en: `${r} must be a ${o}` }[lang];
    }
    case 'mustNotHoldOrgRole': {
      const r = q(lang, rName(c.role));
      const o = c.orgRoles.map(orgName).join(lang === 'en' ? ' or ' : ' eller ');
      return { sv: `${r} får inte vara ${o}`, nb: `${r} kan ikke være ${o}`, en: `${r} may not be a ${o}` }[lang];
    }
    case 'count': {
      const r = q(lang, rName(c.role));
      if (c.exactly !== undefined) {
        return { sv: `${r}: exakt ${c.exactly} person(er)`, nb: `${r}: nøyaktig ${c.exactly} person(er)`, en: `${r}: exactly ${c.exactly} person(s)` }[lang];
      }
      const parts: string[] = [];
      if (c.min !== undefined) parts.push({ sv: `minst ${c.min}`, nb: `minst ${c.min}`, en: `at least ${c.min}` }[lang]);
      if (c.max !== undefined) parts.push({ sv: `högst ${c.max}`, nb: `høyst ${c.max}`, en: `at most ${c.max}` }[lang]);
      return `${r}: ${parts.join(', ')}`;
    }
    case 'distinctPeople':
      return {
        sv: `${list(c.roles, rName)} måste vara olika personer`,
        nb: `${list(c.roles, rName)} må være ulike personer`,
        en: `${list(c.roles, rName)} must be different people`,
      }[lang];
    case 'exclusiveWithRoles': {
      const r = q(lang, rName(c.role));
      return {
        sv: `${r} ska vara fri i ärendet och får inte samtidigt vara ${list(c.roles, rName)}`,
        nb: `${r} skal være fri i saken og kan ikke samtidig være ${list(c.roles, rName)}`,
        en: `${r} must be free of the case and may not also be ${list(c.roles, rName)}`,
      }[lang];
    }
    case 'singleHolder': {
      const r = q(lang, rName(c.role));
      if (c.handoverRequiresAcceptance) {
        return {
          sv: `Det finns alltid exakt en ${r}; ansvaret går över först när mottagaren accepterat`,
          nb: `Det er alltid nøyaktig én ${r}; ansvaret går over først når mottakeren har akseptert`,
          en: `There is always exactly one ${r}; responsibility passes only when the new holder accepts`,
        }[lang];
      }
      return { sv: `Det finns exakt en ${r}`, nb: `Det er nøyaktig én ${r}`, en: `There is exactly one ${r}` }[lang];
    }
    case 'appointedBy': {
      const r = q(lang, rName(c.role));
      const by = c.byRole !== undefined ? q(lang, rName(c.byRole)) : c.byOrgRole !== undefined ? orgName(c.byOrgRole) : '?';
      return { sv: `${r} utses av ${by}`, nb: `${r} utnevnes av ${by}`, en: `${r} is appointed by the ${by}` }[lang];
    }
  }
}
