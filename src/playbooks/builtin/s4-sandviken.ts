import type { PlaybookInput } from '../playbook.ts';
import { commonRoles, concernReportSv, l } from './common.ts';

/**
 * S4 — Samverkan för ökad skolnärvaro, Sandviken (seed 004): cross-agency consultation,
 * a samverkansplan with synchronised interventions and one coordinating role, well-prepared
 * meetings (agenda out beforehand), deviation reporting and attendance before/after the plan.
 */
export const s4Sandviken: PlaybookInput = {
  key: 's4-sandviken',
  version: 1,
  labels: l('Samverkan för ökad skolnärvaro (Sandviken)', 'Samarbeid for økt skolenærvær (Sandviken)', 'Collaboration for school attendance (Sandviken)'),
  description: l(
    'Samverkan mellan skola, IFO och regionens barn- och familjehälsa: konsultation, samverkansplan med synkade insatser och en samordnande roll, väl förberedda möten och avvikelsehantering.',
    'Samarbeid mellom skole, sosialtjeneste og regionens barne- og familiehelse: konsultasjon, samhandlingsplan med synkroniserte tiltak og én koordinerende rolle, godt forberedte møter og avvikshåndtering.',
    'Collaboration between school, social services and regional child and family health: consultation, a collaboration plan with synchronised interventions and one coordinating role, well-prepared meetings and deviation reporting.',
  ),
  primaryLanguage: 'sv',
  dimension: 'stage',
  stages: [
    {
      key: 'signal',
      labels: l('Problematisk skolfrånvaro', 'Problematisk skolefravær', 'Problematic school absence'),
      hint: l(
        'Ta initiativ till samverkan tidigt. Beskriv frånvaron med enkelt, beteendebeskrivande språk. Nästa steg: boka verksamhetsöverskridande konsultation.',
        'Ta initiativ til samarbeid tidlig. Beskriv fraværet med enkelt, atferdsbeskrivende språk. Neste steg: avtal tverretatlig konsultasjon.',
        'Start collaborating early. Describe the absence in simple, behaviour-describing language. Next: book a cross-agency consultation.',
      ),
    },
    {
      key: 'konsultation',
      labels: l('Verksamhetsöverskridande konsultation', 'Tverretatlig konsultasjon', 'Cross-agency consultation'),
      hint: l(
        'Skola, IFO och barn- och familjehälsan gör en gemensam bedömning. Dagordningen skickas ut i förväg.',
        'Skole, sosialtjeneste og barne- og familiehelse gjør en felles vurdering. Dagsorden sendes ut på forhånd.',
        'School, social services and child and family health make a joint assessment. The agenda is sent out in advance.',
      ),
    },
    {
      key: 'samverkansplan',
      labels: l('Samverkansplan', 'Samhandlingsplan', 'Collaboration plan'),
      hint: l(
        'Upprätta samverkansplanen: synkade insatser, en samordnande roll (inte vårdnadshavaren) och närvaron före planen.',
        'Lag samhandlingsplanen: synkroniserte tiltak, én koordinerende rolle (ikke foresatte) og fremmøtet før planen.',
        'Draw up the collaboration plan: synchronised interventions, one coordinating role (not the guardian) and attendance before the plan.',
      ),
    },
    {
      key: 'genomforande',
      labels: l('Synkade insatser', 'Synkroniserte tiltak', 'Synchronised interventions'),
      hint: l(
        'Insatserna genomförs enligt samverkansplanen. Rapportera skav och avvikelser i samverkan.',
        'Tiltakene gjennomføres etter samhandlingsplanen. Meld friksjon og avvik i samarbeidet.',
        'Interventions are carried out as planned. Report friction and deviations in the collaboration.',
      ),
    },
    {
      key: 'uppfoljning',
      labels: l('Uppföljning', 'Oppfølging', 'Follow-up'),
      hint: l(
        'Följ upp planen och jämför närvaron före och efter.',
        'Følg opp planen og sammenlign fremmøtet før og etter.',
        'Follow up the plan and compare attendance before and after.',
      ),
    },
  ],
  transitions: [
    { from: 'signal', to: 'konsultation', guards: [{ type: 'nextMeetingPlanned', meetingType: 'konsultation' }] },
    {
      from: 'konsultation',
      to: 'samverkansplan',
      guards: [
        { type: 'meetingHeld', meetingType: 'konsultation' },
        { type: 'consentRecorded', scope: 'SOCIAL_SERVICES' },
        { type: 'roleAssigned', role: 'coordinator' },
      ],
    },
    {
      from: 'samverkansplan',
      to: 'genomforande',
      guards: [
        { type: 'meetingHeld', meetingType: 'samverkansmote' },
        { type: 'actionPlanExists' },
        { type: 'outputRecorded', output: 'attendanceBaseline' },
      ],
    },
    {
      from: 'genomforande',
      to: 'uppfoljning',
      guards: [{ type: 'nextMeetingPlanned', meetingType: 'uppfoljningsmote' }],
    },
    {
      from: 'uppfoljning',
      to: 'genomforande',
      labels: l('Fortsätt med justerad plan', 'Fortsett med justert plan', 'Continue with an adjusted plan'),
      guards: [{ type: 'meetingHeld', meetingType: 'uppfoljningsmote' }],
    },
  ],
  roles: [
    {
      key: 'coordinator',
      labels: l('Samordnare', 'Koordinator', 'Coordinator'),
      description: l(
        'Den enda samordnande rollen; samordningen flyttas från vårdnadshavare till professionella.',
        'Den ene koordinerende rollen; koordineringen flyttes fra foresatte til fagfolk.',
        'The single coordinating role; coordination moves from guardians to professionals.',
      ),
    },
    commonRoles.mentor,
    commonRoles.principal,
    commonRoles.ehtRep,
    commonRoles.socialServices,
    {
      key: 'health',
      labels: l('Barn- och familjehälsan/ungdomsmottagningen', 'Barne- og familiehelse/helsestasjon for ungdom', 'Child and family health / youth clinic'),
      agency: 'HEALTH',
    },
    { key: 'parent-advisor', labels: l('Föräldrarådgivare', 'Foreldreveileder', 'Parent advisor') },
  ],
  caseLeadRole: 'coordinator',
  meetingTypes: [
    {
      key: 'konsultation',
      labels: l('Verksamhetsöverskridande konsultation', 'Tverretatlig konsultasjon', 'Cross-agency consultation'),
      purpose: l(
        'Gemensam bedömning och förståelse av elevens situation mellan skola, IFO och hälsa.',
        'Felles vurdering og forståelse av elevens situasjon mellom skole, sosialtjeneste og helse.',
        "Joint assessment and understanding of the student's situation between school, social services and health.",
      ),
      defaultParticipants: ['eht-rep', 'social-services', 'health'],
      optionalParticipants: ['mentor', 'parent-advisor'],
      agenda: [
        { key: 'behaviour', labels: l('Beteendebeskrivning i enkelt språk', 'Atferdsbeskrivelse i enkelt språk', 'Behaviour described in simple language') },
        { key: 'assignments', labels: l('Varandras uppdrag och pågående insatser', 'Hverandres oppdrag og pågående tiltak', "Each other's remits and ongoing interventions") },
        { key: 'joint-assessment', labels: l('Gemensam bedömning', 'Felles vurdering', 'Joint assessment') },
        { key: 'coordinator', labels: l('Vem samordnar?', 'Hvem koordinerer?', 'Who coordinates?') },
      ],
      requiredOutputs: ['coordinatingRole', 'minutes'],
      prepareLeadDays: 3,
    },
    {
      key: 'samverkansmote',
      labels: l('Samverkansmöte – samverkansplan', 'Samhandlingsmøte – samhandlingsplan', 'Collaboration meeting – plan'),
      purpose: l(
        'Upprätta samverkansplanen med synkade insatser och delad målbild.',
        'Lage samhandlingsplanen med synkroniserte tiltak og felles målbilde.',
        'Draw up the collaboration plan with synchronised interventions and a shared goal.',
      ),
      defaultParticipants: ['coordinator', 'guardian', 'student', 'mentor', 'social-services', 'health'],
      optionalParticipants: ['parent-advisor', 'eht-rep', 'principal'],
      leadRole: 'coordinator',
      agenda: [
        { key: 'goal', labels: l('Gemensam förståelse och delad målbild', 'Felles forståelse og delt målbilde', 'Common understanding and shared goal') },
        { key: 'attendance-before', labels: l('Närvaro före planen', 'Fremmøte før planen', 'Attendance before the plan') },
        { key: 'sync', labels: l('Synka insatserna: vem gör vad och när', 'Synkronisere tiltakene: hvem gjør hva og når', 'Synchronise interventions: who does what and when') },
        { key: 'coordinator', labels: l('En samordnande roll', 'Én koordinerende rolle', 'One coordinating role') },
        { key: 'follow-up', labels: l('Uppföljning', 'Oppfølging', 'Follow-up') },
      ],
      requiredOutputs: ['samverkansplan', 'actionPlan', 'coordinatingRole', 'attendanceBaseline', 'nextMeetingDate'],
      prepareLeadDays: 3,
    },
    {
      key: 'uppfoljningsmote',
      labels: l('Uppföljningsmöte', 'Oppfølgingsmøte', 'Follow-up meeting'),
      purpose: l(
        'Följa upp samverkansplanen och närvaron; hantera skav i samverkan.',
        'Følge opp samhandlingsplanen og fremmøtet; håndtere friksjon i samarbeidet.',
        'Follow up the plan and attendance; handle friction in the collaboration.',
      ),
      defaultParticipants: ['coordinator', 'guardian', 'student', 'mentor', 'social-services'],
      optionalParticipants: ['health', 'parent-advisor'],
      leadRole: 'coordinator',
      agenda: [
        { key: 'attendance', labels: l('Närvaro sedan planen', 'Fremmøte siden planen', 'Attendance since the plan') },
        { key: 'sync', labels: l('Är insatserna synkade?', 'Er tiltakene synkronisert?', 'Are interventions in sync?') },
        { key: 'deviations', labels: l('Skav och avvikelser', 'Friksjon og avvik', 'Friction and deviations') },
        { key: 'next', labels: l('Nästa steg', 'Neste steg', 'Next steps') },
      ],
      requiredOutputs: ['evaluation', 'nextMeetingDate'],
      prepareLeadDays: 3,
    },
  ],
  deadlineRules: [],
  roleConstraints: [
    { type: 'count', role: 'coordinator', exactly: 1 },
    { type: 'singleHolder', role: 'coordinator', handoverRequiresAcceptance: false },
  ],
  closure: {
    labels: l('Avslut', 'Avslutning', 'Closure'),
    reasons: null,
    requireReason: true,
    requireMaintenancePlan: false,
  },
  consentRequiredFor: ['inviteSocialServices', 'shareWithSocialServices', 'inviteHealth', 'shareWithHealth'],
  concernReport: concernReportSv,
  features: {
    consultation: true,
    deviationReporting: true,
    deviationThemes: [
      { key: 'late-collaboration', labels: l('Samverkan startade sent', 'Samarbeidet startet sent', 'Collaboration started late') },
      { key: 'no-joint-assessment', labels: l('Saknade gemensam bedömning', 'Manglet felles vurdering', 'No joint assessment') },
      { key: 'unsynced-interventions', labels: l('Insatserna var inte synkade', 'Tiltakene var ikke synkronisert', 'Interventions not synchronised') },
      { key: 'guardian-messenger', labels: l('Vårdnadshavare blev budbärare', 'Foresatte ble budbringere', 'Guardians became messengers') },
      { key: 'language', labels: l('Olika språk och missförstånd', 'Ulikt språk og misforståelser', 'Different language and misunderstandings') },
      { key: 'remits', labels: l('Oklarhet om varandras uppdrag', 'Uklarhet om hverandres oppdrag', "Unclear about each other's remits") },
      { key: 'preparation', labels: l('Mötet var inte förberett', 'Møtet var ikke forberedt', 'The meeting was not prepared') },
      { key: 'other', labels: l('Annat', 'Annet', 'Other') },
    ],
    attendanceComparison: { window: 'P4W' },
  },
};
