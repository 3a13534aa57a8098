import type { PlaybookInput } from '../playbook.ts';
import { commonRoles, concernReportSv, l } from './common.ts';

/**
 * S1 — Västbas, Stenungsund (seed 001): request with family consent → assessment by the central
 * coordinator and IFO → coordinators K1/K2 → förmöte → nätverksmöte 1 and 2 → interventions →
 * contact person follows up (EHT within 1–2 months) → evaluation after 6 months.
 */
export const s1Vastbas: PlaybookInput = {
  key: 's1-vastbas',
  version: 1,
  labels: l('Västbas Stenungsund', 'Västbas Stenungsund', 'Västbas Stenungsund'),
  description: l(
    'Nätverksmodell för samverkan mellan skola, familj och socialtjänst med två koordinatorer, förmöte, två nätverksmöten, kontaktperson och språkrör.',
    'Nettverksmodell for samarbeid mellom skole, familie og sosialtjeneste med to koordinatorer, formøte, to nettverksmøter, kontaktperson og talerør.',
    'Network model for collaboration between school, family and social services with two coordinators, a preparatory meeting, two network meetings, a contact person and a spokesperson for the child.',
  ),
  primaryLanguage: 'sv',
  dimension: 'stage',
  stages: [
    {
      key: 'forfragan',
      labels: l('Förfrågan', 'Forespørsel', 'Request'),
      hint: l(
        'Förfrågan till Centrala barn- och elevhälsans samordnare. Familjens samtycke ska finnas. Kan nätverkande gynna barnet?',
        'Forespørsel til koordinatoren i sentral barne- og elevhelse. Familiens samtykke må foreligge. Kan nettverksarbeid være til nytte for barnet?',
        'Request to the central student health coordinator. The family must consent. Could network work benefit the child?',
      ),
      leadRole: 'central-coordinator',
    },
    {
      key: 'bedomning',
      labels: l('Bedömning', 'Vurdering', 'Assessment'),
      hint: l(
        'Centrala barn- och elevhälsan och IFO bedömer: Västbasärende eller annan åtgärd (t.ex. myndighetsutövning). Vid Västbas utses två koordinatorer.',
        'Sentral barne- og elevhelse og sosialtjenesten vurderer: Västbas-sak eller annet tiltak (f.eks. myndighetsutøvelse). Ved Västbas utnevnes to koordinatorer.',
        'Central student health and social services decide: a Västbas case or another measure (e.g. statutory action). For Västbas, two coordinators are appointed.',
      ),
      leadRole: 'central-coordinator',
    },
    {
      key: 'formote',
      labels: l('Förmöte', 'Formøte', 'Preparatory meeting'),
      hint: l(
        'Koordinatorerna erbjuder familjen nätverksmöte och läser in sig. Förmöte: problemanalys, syfte, nätverkskarta, språkrör, gästlista och inbjudan. Kartläggningen startar.',
        'Koordinatorene tilbyr familien nettverksmøte og setter seg inn i saken. Formøte: problemanalyse, formål, nettverkskart, talerør, gjesteliste og invitasjon. Kartleggingen starter.',
        'The coordinators offer the family a network meeting and read up. Preparatory meeting: problem analysis, purpose, network map, spokesperson, guest list and invitations. Mapping starts.',
      ),
      leadRole: 'coordinator-lead',
    },
    {
      key: 'natverksmote-1',
      labels: l('Nätverksmöte 1', 'Nettverksmøte 1', 'Network meeting 1'),
      hint: l(
        'Gemensam behovsanalys, språkröret presenteras, hemläxa: vad kan jag bidra med?',
        'Felles behovsanalyse, talerøret presenteres, hjemmelekse: hva kan jeg bidra med?',
        'Joint needs analysis, the spokesperson is introduced, homework: what can I contribute?',
      ),
      leadRole: 'coordinator-lead',
    },
    {
      key: 'natverksmote-2',
      labels: l('Nätverksmöte 2', 'Nettverksmøte 2', 'Network meeting 2'),
      hint: l(
        'Gemensam handlingsplan med tydliga mål, åtgärder och vem som ansvarar för vad. Rektor utser kontaktperson från elevhälsoteamet.',
        'Felles handlingsplan med tydelige mål, tiltak og hvem som har ansvar for hva. Rektor utnevner kontaktperson fra elevtjenesteteamet.',
        'Joint action plan with clear goals, actions and who is responsible for what. The principal appoints a contact person from the student health team.',
      ),
      leadRole: 'coordinator-lead',
    },
    {
      key: 'insatser',
      labels: l('Insatser', 'Tiltak', 'Interventions'),
      hint: l(
        'Insatserna påbörjas. Kontaktpersonen lyfter ärendet till elevhälsoteamet inom 1–2 månader.',
        'Tiltakene starter. Kontaktpersonen løfter saken i elevtjenesteteamet innen 1–2 måneder.',
        'Interventions start. The contact person raises the case at the student health team within 1–2 months.',
      ),
    },
    {
      key: 'uppfoljning',
      labels: l('Uppföljning', 'Oppfølging', 'Follow-up'),
      hint: l(
        'Kontaktpersonen följer upp handlingsplanen, samordnar, kallar till nytt möte vid förändring och dokumenterar. Nya insatser eller andra åtgärder vid behov.',
        'Kontaktpersonen følger opp handlingsplanen, koordinerer, kaller inn til nytt møte ved endring og dokumenterer. Nye tiltak eller andre tiltak ved behov.',
        'The contact person follows up the plan, coordinates, calls a new meeting on change and documents. New interventions or other measures as needed.',
      ),
    },
    {
      key: 'utvardering',
      labels: l('Utvärdering efter 6 månader', 'Evaluering etter 6 måneder', 'Evaluation after 6 months'),
      hint: l(
        'Ny utvärdering efter 6 månader leder till avslutat ärende eller fortsatta insatser.',
        'Ny evaluering etter 6 måneder fører til avsluttet sak eller videre tiltak.',
        'A new evaluation after 6 months leads to closure or continued interventions.',
      ),
    },
  ],
  transitions: [
    { from: 'forfragan', to: 'bedomning', guards: [{ type: 'consentRecorded', scope: 'SOCIAL_SERVICES' }] },
    {
      from: 'bedomning',
      to: 'formote',
      guards: [
        { type: 'meetingHeld', meetingType: 'bedomning' },
        { type: 'decisionRecorded', kind: 'vastbas-case', outcome: 'vastbas' },
        { type: 'roleAssigned', role: 'coordinator-lead' },
        { type: 'roleAssigned', role: 'coordinator-doc' },
      ],
    },
    {
      from: 'formote',
      to: 'natverksmote-1',
      guards: [
        { type: 'meetingHeld', meetingType: 'formote' },
        { type: 'roleAssigned', role: 'sprakror' },
        { type: 'nextMeetingPlanned', meetingType: 'natverksmote-1' },
      ],
    },
    {
      from: 'natverksmote-1',
      to: 'natverksmote-2',
      guards: [
        { type: 'meetingHeld', meetingType: 'natverksmote-1' },
        { type: 'nextMeetingPlanned', meetingType: 'natverksmote-2' },
      ],
    },
    {
      from: 'natverksmote-2',
      to: 'insatser',
      guards: [
        { type: 'meetingHeld', meetingType: 'natverksmote-2' },
        { type: 'actionPlanExists' },
        { type: 'roleAssigned', role: 'contact-person' },
      ],
    },
    { from: 'insatser', to: 'uppfoljning', guards: [] },
    { from: 'uppfoljning', to: 'utvardering', guards: [] },
    {
      from: 'utvardering',
      to: 'uppfoljning',
      labels: l('Fortsatta insatser', 'Videre tiltak', 'Continue interventions'),
      guards: [
        { type: 'meetingHeld', meetingType: 'utvardering' },
        { type: 'decisionRecorded', kind: 'evaluation-outcome', outcome: 'continue' },
      ],
    },
  ],
  roles: [
    {
      key: 'central-coordinator',
      labels: l('Samordnare, Centrala barn- och elevhälsan', 'Koordinator, sentral barne- og elevhelse', 'Central student health coordinator'),
      description: l('Tar emot förfrågan och utser koordinatorer.', 'Tar imot forespørselen og utnevner koordinatorer.', 'Receives the request and appoints the coordinators.'),
    },
    {
      key: 'coordinator-lead',
      labels: l('Koordinator 1 (leder)', 'Koordinator 1 (leder)', 'Coordinator 1 (lead)'),
      description: l(
        'Håller i strukturen, bjuder in och leder förmöte och nätverksmöten. Fri i förhållande till ärendet.',
        'Holder i strukturen, inviterer til og leder formøte og nettverksmøter. Fri i forhold til saken.',
        'Holds the structure, invites to and leads the preparatory and network meetings. Free of the case.',
      ),
    },
    {
      key: 'coordinator-doc',
      labels: l('Koordinator 2 (dokumenterar)', 'Koordinator 2 (dokumenterer)', 'Coordinator 2 (documents)'),
      description: l('Huvudansvar för dokumentationen. Fri i förhållande till ärendet.', 'Hovedansvar for dokumentasjonen. Fri i forhold til saken.', 'Main responsibility for documentation. Free of the case.'),
    },
    {
      key: 'contact-person',
      labels: l('Kontaktperson', 'Kontaktperson', 'Contact person'),
      description: l(
        'Från elevhälsoteamet, utsedd av rektor; inte rektor eller socialsekreterare. Följer upp planen och avslutar.',
        'Fra elevtjenesteteamet, utnevnt av rektor; ikke rektor eller saksbehandler i barnevernet. Følger opp planen og avslutter.',
        'From the student health team, appointed by the principal; not a principal or social worker. Follows up the plan and closes.',
      ),
    },
    {
      key: 'sprakror',
      labels: l('Språkrör', 'Talerør', "Child's spokesperson"),
      description: l(
        'Står nära barnet och har vårdnadshavarens förtroende; barnets röst.',
        'Står barnet nær og har foresattes tillit; barnets stemme.',
        "Close to the child and trusted by the guardian; the child's voice.",
      ),
    },
    commonRoles.principal,
    commonRoles.socialServices,
    commonRoles.ehtRep,
    commonRoles.mentor,
  ],
  caseLeadRole: 'contact-person',
  decisionKinds: [
    {
      key: 'vastbas-case',
      labels: l('Bedömning', 'Vurdering', 'Assessment'),
      outcomes: [
        { key: 'vastbas', labels: l('Västbasärende', 'Västbas-sak', 'a Västbas case') },
        { key: 'other-measure', labels: l('annan åtgärd', 'annet tiltak', 'another measure'), closureReason: 'not-vastbas' },
      ],
    },
    {
      key: 'evaluation-outcome',
      labels: l('Utvärdering efter 6 månader', 'Evaluering etter 6 måneder', 'Evaluation after 6 months'),
      outcomes: [
        { key: 'continue', labels: l('fortsatta insatser', 'videre tiltak', 'continue the interventions') },
        { key: 'close', labels: l('målen är nådda – avsluta', 'målene er nådd – avslutt', 'goals met – close'), closureReason: 'goals-met' },
      ],
    },
  ],
  meetingTypes: [
    {
      key: 'bedomning',
      labels: l('Bedömning CBE och IFO', 'Vurdering sentral elevhelse og sosialtjeneste', 'Assessment by central student health and social services'),
      purpose: l('Bedöma om ärendet är ett Västbasärende.', 'Vurdere om saken er en Västbas-sak.', 'Decide whether this is a Västbas case.'),
      defaultParticipants: ['central-coordinator', 'social-services'],
      leadRole: 'central-coordinator',
      agenda: [
        { key: 'background', labels: l('Bakgrund och aktuell situation', 'Bakgrunn og nåværende situasjon', 'Background and current situation') },
        { key: 'decision', labels: l('Västbasärende eller annan åtgärd', 'Västbas-sak eller annet tiltak', 'Västbas case or other measure') },
        { key: 'coordinators', labels: l('Utse två koordinatorer', 'Utnevne to koordinatorer', 'Appoint two coordinators') },
      ],
      requiredOutputs: ['decisionCaseOrNot'],
    },
    {
      key: 'formote',
      labels: l('Förmöte', 'Formøte', 'Preparatory meeting'),
      purpose: l('Förbereda nätverksmötena tillsammans med familjen.', 'Forberede nettverksmøtene sammen med familien.', 'Prepare the network meetings together with the family.'),
      defaultParticipants: ['coordinator-lead', 'coordinator-doc', 'guardian', 'student'],
      leadRole: 'coordinator-lead',
      agenda: [
        { key: 'problem-analysis', labels: l('Problemanalys', 'Problemanalyse', 'Problem analysis') },
        { key: 'purpose', labels: l('Syfte', 'Formål', 'Purpose') },
        { key: 'network-map', labels: l('Nätverkskarta', 'Nettverkskart', 'Network map') },
        { key: 'sprakror', labels: l('Språkrör utses', 'Talerør utnevnes', 'Appoint the spokesperson') },
        { key: 'guest-list', labels: l('Gästlista och inbjudan', 'Gjesteliste og invitasjon', 'Guest list and invitations') },
      ],
      requiredOutputs: ['problemAnalysis', 'networkMap', 'sprakrorAppointed', 'guestList'],
      prepareLeadDays: 5,
    },
    {
      key: 'natverksmote-1',
      labels: l('Nätverksmöte 1', 'Nettverksmøte 1', 'Network meeting 1'),
      purpose: l('Gemensam behovsanalys.', 'Felles behovsanalyse.', 'Joint needs analysis.'),
      defaultParticipants: ['coordinator-lead', 'coordinator-doc', 'guardian', 'student', 'sprakror'],
      optionalParticipants: ['social-services', 'eht-rep', 'mentor'],
      leadRole: 'coordinator-lead',
      agenda: [
        { key: 'purpose', labels: l('Syftet med mötet', 'Formålet med møtet', 'Purpose of the meeting') },
        { key: 'sprakror', labels: l('Språkröret presenteras', 'Talerøret presenteres', 'Introduce the spokesperson') },
        { key: 'needs', labels: l('Gemensam behovsanalys', 'Felles behovsanalyse', 'Joint needs analysis') },
        { key: 'homework', labels: l('Hemläxa: vad kan jag bidra med?', 'Hjemmelekse: hva kan jeg bidra med?', 'Homework: what can I contribute?') },
      ],
      requiredOutputs: ['needsAnalysis', 'homework', 'minutes'],
      prepareLeadDays: 5,
    },
    {
      key: 'natverksmote-2',
      labels: l('Nätverksmöte 2', 'Nettverksmøte 2', 'Network meeting 2'),
      purpose: l('Gemensam handlingsplan: vem gör vad och när.', 'Felles handlingsplan: hvem gjør hva og når.', 'Joint action plan: who does what and when.'),
      defaultParticipants: ['coordinator-lead', 'coordinator-doc', 'guardian', 'student', 'sprakror', 'contact-person'],
      optionalParticipants: ['social-services', 'eht-rep', 'mentor'],
      leadRole: 'coordinator-lead',
      agenda: [
        { key: 'purpose', labels: l('Syftet med mötet', 'Formålet med møtet', 'Purpose of the meeting') },
        { key: 'homework', labels: l('Hemläxorna redovisas', 'Hjemmeleksene legges fram', 'Homework reported') },
        { key: 'plan', labels: l('Handlingsplan: mål, åtgärder, vem och när', 'Handlingsplan: mål, tiltak, hvem og når', 'Action plan: goals, actions, who and when') },
        { key: 'contact-person', labels: l('Kontaktperson (utsedd av rektor från EHT)', 'Kontaktperson (utnevnt av rektor fra elevtjenesteteamet)', 'Contact person (appointed by the principal from the student health team)') },
        { key: 'follow-up', labels: l('Hur och när planen följs upp', 'Hvordan og når planen følges opp', 'How and when the plan is followed up') },
      ],
      requiredOutputs: ['actionPlan', 'contactPersonAppointed', 'assignments', 'minutes'],
      prepareLeadDays: 5,
    },
    {
      key: 'eht',
      labels: l('Elevhälsoteamets möte', 'Elevtjenesteteamets møte', 'Student health team meeting'),
      purpose: l('Kontaktpersonen lyfter ärendet i elevhälsoteamet.', 'Kontaktpersonen løfter saken i elevtjenesteteamet.', 'The contact person raises the case at the student health team.'),
      defaultParticipants: ['contact-person', 'eht-rep'],
      optionalParticipants: ['principal'],
      leadRole: 'contact-person',
      agenda: [
        { key: 'status', labels: l('Läget i handlingsplanen', 'Status i handlingsplanen', 'Status of the action plan') },
        { key: 'revision', labels: l('Behov av revidering eller fler insatser?', 'Behov for revidering eller flere tiltak?', 'Revision or more interventions needed?') },
      ],
      requiredOutputs: ['minutes'],
    },
    {
      key: 'uppfoljningsmote',
      labels: l('Uppföljningsmöte', 'Oppfølgingsmøte', 'Follow-up meeting'),
      purpose: l('Följa upp handlingsplanen.', 'Følge opp handlingsplanen.', 'Follow up the action plan.'),
      defaultParticipants: ['contact-person', 'guardian', 'student', 'sprakror'],
      optionalParticipants: ['coordinator-lead', 'coordinator-doc', 'social-services'],
      leadRole: 'contact-person',
      agenda: [
        { key: 'plan', labels: l('Uppföljning av handlingsplanen', 'Oppfølging av handlingsplanen', 'Follow-up of the action plan') },
        { key: 'next', labels: l('Nya insatser eller andra åtgärder?', 'Nye tiltak eller andre tiltak?', 'New interventions or other measures?') },
      ],
      requiredOutputs: ['evaluation', 'minutes'],
    },
    {
      key: 'utvardering',
      labels: l('Utvärdering efter 6 månader', 'Evaluering etter 6 måneder', 'Evaluation after 6 months'),
      purpose: l('Avsluta eller fortsätta insatserna.', 'Avslutte eller fortsette tiltakene.', 'Close or continue the interventions.'),
      defaultParticipants: ['contact-person', 'guardian', 'student', 'sprakror'],
      optionalParticipants: ['coordinator-lead', 'coordinator-doc', 'social-services'],
      leadRole: 'contact-person',
      agenda: [
        { key: 'evaluation', labels: l('Utvärdering av mål och insatser', 'Evaluering av mål og tiltak', 'Evaluation of goals and interventions') },
        { key: 'decision', labels: l('Avslut eller fortsatta insatser', 'Avslutning eller videre tiltak', 'Close or continue') },
      ],
      requiredOutputs: ['evaluation'],
    },
  ],
  deadlineRules: [
    {
      key: 'raise-to-eht',
      labels: l('Kontaktpersonen lyfter ärendet till EHT inom 1–2 månader', 'Kontaktpersonen løfter saken i elevtjenesteteamet innen 1–2 måneder', 'Contact person raises the case at the student health team within 1–2 months'),
      trigger: { event: 'planCreated' },
      earliest: 'P1M',
      offset: 'P2M',
      ownerRole: 'contact-person',
      expects: { meetingHeld: 'eht' },
    },
    {
      key: 'evaluation-6-months',
      labels: l('Utvärdering efter 6 månader', 'Evaluering etter 6 måneder', 'Evaluation after 6 months'),
      trigger: { event: 'planCreated' },
      offset: 'P6M',
      ownerRole: 'contact-person',
      expects: { meetingHeld: 'utvardering' },
      repeat: true,
    },
  ],
  roleConstraints: [
    { type: 'mustHoldOrgRole', role: 'contact-person', orgRole: 'EHT_MEMBER' },
    { type: 'mustNotHoldOrgRole', role: 'contact-person', orgRoles: ['PRINCIPAL', 'SOCIAL_SERVICES'] },
    { type: 'appointedBy', role: 'contact-person', byOrgRole: 'PRINCIPAL' },
    { type: 'count', role: 'contact-person', max: 1 },
    { type: 'count', role: 'coordinator-lead', exactly: 1 },
    { type: 'count', role: 'coordinator-doc', exactly: 1 },
    { type: 'distinctPeople', roles: ['coordinator-lead', 'coordinator-doc'] },
    { type: 'mustHoldOrgRole', role: 'coordinator-lead', orgRole: 'COORDINATOR_POOL' },
    { type: 'mustHoldOrgRole', role: 'coordinator-doc', orgRole: 'COORDINATOR_POOL' },
    { type: 'appointedBy', role: 'coordinator-lead', byRole: 'central-coordinator' },
    { type: 'appointedBy', role: 'coordinator-doc', byRole: 'central-coordinator' },
    {
      type: 'exclusiveWithRoles',
      role: 'coordinator-lead',
      roles: ['contact-person', 'sprakror', 'social-services', 'eht-rep', 'principal', 'mentor'],
    },
    {
      type: 'exclusiveWithRoles',
      role: 'coordinator-doc',
      roles: ['contact-person', 'sprakror', 'social-services', 'eht-rep', 'principal', 'mentor'],
    },
    { type: 'count', role: 'sprakror', max: 1 },
  ],
  closure: {
    labels: l('Avslut', 'Avslutning', 'Closure'),
    reasons: [
      { key: 'goals-met', labels: l('Målen uppnådda efter utvärdering', 'Målene nådd etter evaluering', 'Goals met after evaluation') },
      { key: 'not-vastbas', labels: l('Inte ett Västbasärende', 'Ikke en Västbas-sak', 'Not a Västbas case') },
      { key: 'other-measures', labels: l('Andra åtgärder/myndighetsutövning', 'Andre tiltak/myndighetsutøvelse', 'Other measures / statutory action') },
      { key: 'consent-withdrawn', labels: l('Familjen drog tillbaka samtycket', 'Familien trakk samtykket', 'The family withdrew consent') },
    ],
    requireReason: true,
    requireMaintenancePlan: false,
  },
  consentRequiredFor: ['openCase', 'inviteSocialServices', 'shareWithSocialServices'],
  concernReport: concernReportSv,
};
