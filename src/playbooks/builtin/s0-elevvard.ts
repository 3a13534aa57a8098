import type { PlaybookInput } from '../playbook.ts';
import { commonRoles, concernReportSv, l } from './common.ts';

/**
 * S0 — Samordnad skolnärvaro, "elevvårdens 5 steg" (seed 000): mentor → målmöte →
 * nätverksmöte within 2–3 weeks → weekly EVG follow-up → nätverksmöte/utvärdering ≤ 6 weeks.
 */
export const s0Elevvard: PlaybookInput = {
  key: 's0-elevvard',
  version: 1,
  labels: l('Elevvårdens 5 steg', 'Elevvernets 5 trinn', 'Student welfare in 5 steps'),
  description: l(
    'Samordnad skolnärvaro mellan skola och socialtjänst: målmöte, nätverksmöte, veckovis uppföljning i elevvårdsgruppen och utvärdering.',
    'Samordnet skolenærvær mellom skole og sosialtjeneste: målmøte, nettverksmøte, ukentlig oppfølging i elevvernsgruppen og evaluering.',
    'Coordinated school attendance between school and social services: goal meeting, network meeting, weekly follow-up in the student welfare group and evaluation.',
  ),
  primaryLanguage: 'sv',
  dimension: 'stage',
  stages: [
    {
      key: 'signal',
      labels: l('Frånvaro uppmärksammad', 'Fravær oppdaget', 'Absence noticed'),
      hint: l(
        'Mentor informerar vårdnadshavare samma dag och upplyser om att 5 skolktillfällen eller 20 % frånvaro under 5 veckor leder till målmöte. Nästa steg: kalla till målmöte.',
        'Kontaktlærer informerer foresatte samme dag og opplyser om at 5 skulkedager eller 20 % fravær over 5 uker fører til målmøte. Neste steg: kall inn til målmøte.',
        'The mentor informs the guardian the same day and explains that 5 truancy occasions or 20 % absence over 5 weeks lead to a goal meeting. Next: call a goal meeting.',
      ),
      leadRole: 'mentor',
    },
    {
      key: 'malmote',
      labels: l('Målmöte', 'Målmøte', 'Goal meeting'),
      hint: l(
        'Håll målmöte med mentor, vårdnadshavare, elev, en person från elevvårdsgruppen och IFO. Medgivandeblanketten undertecknas, ESTER-skanning görs, kontaktperson utses och nätverksmöte bokas inom 2–3 veckor.',
        'Hold målmøte med kontaktlærer, foresatte, elev, en person fra elevvernsgruppen og sosialtjenesten. Samtykkeskjema signeres, ESTER-screening gjøres, kontaktperson utnevnes og nettverksmøte bookes innen 2–3 uker.',
        'Hold the goal meeting with mentor, guardian, student, a student welfare group member and social services. Sign the consent form, run the ESTER screening, appoint a contact person and book the network meeting within 2–3 weeks.',
      ),
      leadRole: 'mentor',
    },
    {
      key: 'natverksmote',
      labels: l('Nätverksmöte', 'Nettverksmøte', 'Network meeting'),
      hint: l(
        'Elevvårdsgruppen fördelar uppdrag och följer upp varje vecka. Nätverksmötet följer upp överenskommelser, presenterar ESTER och gör en riskbedömning: behövs en anmälan till IFO?',
        'Elevvernsgruppen fordeler oppdrag og følger opp hver uke. Nettverksmøtet følger opp avtaler, presenterer ESTER og gjør en risikovurdering: trengs det en bekymringsmelding?',
        'The student welfare group assigns tasks and follows up weekly. The network meeting follows up agreements, presents ESTER and assesses risk: is a report to social services needed?',
      ),
      concernCheck: true,
    },
    {
      key: 'uppfoljning',
      labels: l('Uppföljning', 'Oppfølging', 'Follow-up'),
      hint: l(
        'Elevvårdsgruppen följer upp varje vecka; IFO deltar vid behov var tredje vecka. Nytt nätverksmöte för utvärdering senast inom 6 veckor.',
        'Elevvernsgruppen følger opp hver uke; sosialtjenesten deltar ved behov hver tredje uke. Nytt nettverksmøte for evaluering senest innen 6 uker.',
        'The student welfare group follows up weekly; social services join every third week as needed. Next evaluation network meeting within 6 weeks at the latest.',
      ),
    },
    {
      key: 'utvardering',
      labels: l('Nätverksmöte/utvärdering', 'Nettverksmøte/evaluering', 'Network meeting / evaluation'),
      hint: l(
        'Utvärdera överenskommelserna. Positivt: fortsätt med det som fungerar. Negativt: backa och se var det gått fel, konsultera Bedömarteamet.',
        'Evaluer avtalene. Positivt: fortsett med det som virker. Negativt: gå tilbake og se hvor det gikk galt, konsulter vurderingsteamet.',
        'Evaluate the agreements. Positive: keep doing what works. Negative: step back, find where it went wrong, consult the assessment team.',
      ),
      concernCheck: true,
    },
    {
      key: 'bedomarteamet',
      labels: l('Konsultation med Bedömarteamet', 'Konsultasjon med vurderingsteamet', 'Assessment team consultation'),
      hint: l(
        'Ärendet tas till Bedömarteamet. Fortsatt insats utifrån utvärdering och konsultation, eller avslut/annan åtgärd.',
        'Saken tas til vurderingsteamet. Videre innsats ut fra evaluering og konsultasjon, eller avslutning/annet tiltak.',
        'The case goes to the assessment team. Continue based on the evaluation and consultation, or close / take another measure.',
      ),
    },
  ],
  transitions: [
    { from: 'signal', to: 'malmote', guards: [] },
    {
      from: 'malmote',
      to: 'natverksmote',
      guards: [
        { type: 'meetingHeld', meetingType: 'malmote' },
        { type: 'consentRecorded', scope: 'SOCIAL_SERVICES' },
        { type: 'roleAssigned', role: 'contact-person' },
        { type: 'outputRecorded', output: 'esterOwner', meetingType: 'malmote' },
        { type: 'nextMeetingPlanned', meetingType: 'natverksmote' },
      ],
    },
    {
      from: 'natverksmote',
      to: 'uppfoljning',
      guards: [
        { type: 'meetingHeld', meetingType: 'natverksmote' },
        { type: 'outputRecorded', output: 'riskAssessment', meetingType: 'natverksmote' },
        { type: 'roleAssigned', role: 'network-leader' },
        { type: 'nextMeetingPlanned', meetingType: 'natverksmote-utvardering' },
      ],
    },
    { from: 'uppfoljning', to: 'utvardering', guards: [] },
    {
      from: 'utvardering',
      to: 'uppfoljning',
      labels: l('Positivt – fortsätt', 'Positivt – fortsett', 'Positive – continue'),
      guards: [
        { type: 'meetingHeld', meetingType: 'natverksmote-utvardering' },
        { type: 'decisionRecorded', kind: 'evaluation-outcome', outcome: 'positive' },
        { type: 'nextMeetingPlanned', meetingType: 'natverksmote-utvardering' },
      ],
    },
    {
      from: 'utvardering',
      to: 'bedomarteamet',
      labels: l('Negativt – konsultera Bedömarteamet', 'Negativt – konsulter vurderingsteamet', 'Negative – consult the assessment team'),
      guards: [
        { type: 'meetingHeld', meetingType: 'natverksmote-utvardering' },
        { type: 'decisionRecorded', kind: 'evaluation-outcome', outcome: 'negative' },
      ],
    },
    {
      from: 'bedomarteamet',
      to: 'uppfoljning',
      labels: l('Fortsatt insats', 'Videre innsats', 'Continued intervention'),
      guards: [{ type: 'meetingHeld', meetingType: 'bedomarteamet' }],
    },
  ],
  roles: [
    commonRoles.mentor,
    {
      key: 'evg-member',
      labels: l('Person från elevvårdsgruppen', 'Person fra elevvernsgruppen', 'Student welfare group member'),
    },
    {
      key: 'contact-person',
      labels: l('Kontaktperson på skolan', 'Kontaktperson på skolen', 'School contact person'),
      description: l(
        'Någon eleven har förtroende för; samverkar med IFO-representanten vid anmälan.',
        'En eleven har tillit til; samarbeider med sosialtjenesten ved melding.',
        'Someone the student trusts; works with the social services representative if a report is made.',
      ),
    },
    {
      key: 'ester-documenter',
      labels: l('Ansvarig för ESTER-dokumentation', 'Ansvarlig for ESTER-dokumentasjon', 'ESTER documenter'),
    },
    { key: 'network-leader', labels: l('Nätverksledare', 'Nettverksleder', 'Network leader') },
    commonRoles.socialServices,
    commonRoles.principal,
    commonRoles.health,
  ],
  caseLeadRole: 'contact-person',
  decisionKinds: [
    {
      key: 'evaluation-outcome',
      labels: l('Utvärdering', 'Evaluering', 'Evaluation'),
      outcomes: [
        { key: 'positive', labels: l('positivt – fortsätt med det som fungerar', 'positivt – fortsett med det som virker', 'positive – keep doing what works') },
        { key: 'negative', labels: l('negativt – konsultera Bedömarteamet', 'negativt – konsulter vurderingsteamet', 'negative – consult the assessment team') },
      ],
    },
    {
      key: 'report-to-ifo',
      labels: l('Behövs en anmälan till IFO?', 'Trengs det en bekymringsmelding?', 'Is a report to social services needed?'),
      outcomes: [
        { key: 'yes', labels: l('Ja', 'Ja', 'Yes') },
        { key: 'no', labels: l('Nej', 'Nei', 'No') },
      ],
    },
  ],
  meetingTypes: [
    {
      key: 'malmote',
      labels: l('Målmöte', 'Målmøte', 'Goal meeting'),
      purpose: l(
        'Tydliggöra hur allvarligt problemet är, kartlägga med ESTER och planera nätverksmötet.',
        'Tydeliggjøre hvor alvorlig problemet er, kartlegge med ESTER og planlegge nettverksmøtet.',
        'Make clear how serious the problem is, screen with ESTER and plan the network meeting.',
      ),
      defaultParticipants: ['mentor', 'guardian', 'student', 'evg-member', 'social-services'],
      optionalParticipants: ['health'],
      leadRole: 'mentor',
      agenda: [
        { key: 'seriousness', labels: l('Hur allvarligt ser vi på problemet', 'Hvor alvorlig ser vi på problemet', 'How seriously we view the problem') },
        { key: 'self-help', labels: l('Möjligheter till självhjälp', 'Muligheter for selvhjelp', 'Options for self-help') },
        { key: 'consent', labels: l('Medgivandeblankett (sekretess) undertecknas', 'Samtykkeskjema (taushetsplikt) signeres', 'Consent form (secrecy waiver) signed') },
        { key: 'ester', labels: l('ESTER-skanning och vem som dokumenterar', 'ESTER-screening og hvem som dokumenterer', 'ESTER screening and who documents it') },
        { key: 'contact-person', labels: l('Kontaktperson på skolan utses', 'Kontaktperson på skolen utnevnes', 'Appoint a school contact person') },
        { key: 'network-meeting', labels: l('Datum för nätverksmöte inom 2–3 veckor och deltagare', 'Dato for nettverksmøte innen 2–3 uker og deltakere', 'Network meeting date within 2–3 weeks and participants') },
        { key: 'health', labels: l('Sjukdomsbild? Kalla berörd elevhälsopersonal', 'Sykdom? Kall inn helsesykepleier', 'Illness behind the absence? Call in health staff') },
        { key: 'assignments', labels: l('Uppdrag till elevvårdsgruppen', 'Oppdrag til elevvernsgruppen', 'Assignments to the student welfare group') },
      ],
      requiredOutputs: ['consentSigned', 'esterOwner', 'contactPersonAppointed', 'nextMeetingDate', 'assignments'],
    },
    {
      key: 'evg',
      labels: l('Elevvårdsgruppens möte', 'Elevvernsgruppens møte', 'Student welfare group meeting'),
      purpose: l(
        'Veckovis uppföljning av uppdragen; IFO deltar vid behov var tredje vecka.',
        'Ukentlig oppfølging av oppdragene; sosialtjenesten deltar ved behov hver tredje uke.',
        'Weekly follow-up of assignments; social services join every third week as needed.',
      ),
      defaultParticipants: ['evg-member', 'contact-person'],
      optionalParticipants: ['social-services'],
      leadRole: 'evg-member',
      agenda: [
        { key: 'assignments', labels: l('Uppföljning av uppdrag', 'Oppfølging av oppdrag', 'Follow-up of assignments') },
        { key: 'ester', labels: l('Utvärdera ESTER', 'Evaluer ESTER', 'Evaluate ESTER') },
      ],
      requiredOutputs: ['assignments'],
      recurrence: 'P1W',
    },
    {
      key: 'natverksmote',
      labels: l('Nätverksmöte', 'Nettverksmøte', 'Network meeting'),
      purpose: l(
        'Följa upp överenskommelser, presentera ESTER, riskbedöma och fördela uppdrag.',
        'Følge opp avtaler, presentere ESTER, vurdere risiko og fordele oppdrag.',
        'Follow up agreements, present ESTER, assess risk and distribute assignments.',
      ),
      defaultParticipants: ['network-leader', 'guardian', 'student', 'principal', 'social-services', 'contact-person'],
      optionalParticipants: ['mentor', 'evg-member', 'health'],
      leadRole: 'network-leader',
      agenda: [
        { key: 'agreements', labels: l('Uppföljning av överenskommelser', 'Oppfølging av avtaler', 'Follow-up of agreements') },
        { key: 'self-help', labels: l('Självhjälp och annat som skulle göras', 'Selvhjelp og annet som skulle gjøres', 'Self-help and other agreed tasks') },
        { key: 'ester-results', labels: l('Resultat från ESTER – vad kan förändras?', 'Resultat fra ESTER – hva kan endres?', 'ESTER results – what can change?') },
        { key: 'risk', labels: l('Riskbedömning: behövs en anmälan till IFO?', 'Risikovurdering: trengs en bekymringsmelding?', 'Risk assessment: is a report to social services needed?') },
        { key: 'assignments', labels: l('Nätverksledaren sammanställer och delar ut uppdrag', 'Nettverkslederen oppsummerer og deler ut oppdrag', 'The network leader summarises and distributes assignments') },
        { key: 'next', labels: l('Ny tid för uppföljning inom 6 veckor', 'Ny tid for oppfølging innen 6 uker', 'Next follow-up within 6 weeks') },
      ],
      requiredOutputs: ['esterResults', 'riskAssessment', 'concernReportConsidered', 'assignments', 'nextMeetingDate'],
    },
    {
      key: 'natverksmote-utvardering',
      labels: l('Nätverksmöte/utvärdering', 'Nettverksmøte/evaluering', 'Network meeting / evaluation'),
      purpose: l(
        'Utvärdera överenskommelserna: har det blivit någon förändring?',
        'Evaluere avtalene: har det skjedd en endring?',
        'Evaluate the agreements: has anything changed?',
      ),
      defaultParticipants: ['network-leader', 'guardian', 'student', 'principal', 'social-services', 'contact-person'],
      optionalParticipants: ['mentor', 'evg-member'],
      leadRole: 'network-leader',
      agenda: [
        { key: 'evaluation', labels: l('Utvärdering av överenskommelser', 'Evaluering av avtaler', 'Evaluation of agreements') },
        { key: 'report-check', labels: l('Vid anmälan: avstämning mot utredningen', 'Ved melding: avstemming mot undersøkelsen', 'If reported: check against the investigation') },
        { key: 'outcome', labels: l('Positivt: fortsätt. Negativt: var gick det fel? Bedömarteamet?', 'Positivt: fortsett. Negativt: hvor gikk det galt? Vurderingsteamet?', 'Positive: continue. Negative: where did it go wrong? Assessment team?') },
        { key: 'next', labels: l('Fortsatt insats och ny uppföljning inom 6 veckor', 'Videre innsats og ny oppfølging innen 6 uker', 'Continued intervention and next follow-up within 6 weeks') },
      ],
      requiredOutputs: ['evaluation', 'concernReportConsidered'],
    },
    {
      key: 'bedomarteamet',
      labels: l('Konsultation med Bedömarteamet', 'Konsultasjon med vurderingsteamet', 'Assessment team consultation'),
      purpose: l(
        'Få stöd när insatserna inte fungerar; underlaget från nätverksmötena används.',
        'Få støtte når tiltakene ikke virker; grunnlaget fra nettverksmøtene brukes.',
        'Get support when interventions are not working, using the network meeting records.',
      ),
      defaultParticipants: ['contact-person', 'network-leader'],
      optionalParticipants: ['social-services', 'evg-member'],
      agenda: [
        { key: 'what-went-wrong', labels: l('Var har det gått fel?', 'Hvor har det gått galt?', 'Where did it go wrong?') },
        { key: 'advice', labels: l('Råd om fortsatt insats', 'Råd om videre innsats', 'Advice on continued intervention') },
      ],
      requiredOutputs: ['evaluation'],
    },
  ],
  deadlineRules: [
    {
      key: 'malmote-after-threshold',
      labels: l('Målmöte efter att gränsen nåtts', 'Målmøte etter at grensen er nådd', 'Goal meeting after the threshold is reached'),
      trigger: { event: 'caseOpened' },
      // The seed gives no figure; Skollagen 7:19 a requires prompt action. Advisory default.
      offset: 'P2W',
      ownerRole: 'mentor',
      expects: { meetingHeld: 'malmote' },
      advisory: true,
    },
    {
      key: 'natverksmote-within-3-weeks',
      labels: l('Nätverksmöte inom 2–3 veckor efter målmötet', 'Nettverksmøte innen 2–3 uker etter målmøtet', 'Network meeting within 2–3 weeks of the goal meeting'),
      trigger: { event: 'meetingHeld', meetingType: 'malmote' },
      earliest: 'P2W',
      offset: 'P3W',
      ownerRole: 'contact-person',
      expects: { meetingHeld: 'natverksmote' },
    },
    {
      key: 'evg-weekly',
      labels: l('Veckovis uppföljning i elevvårdsgruppen', 'Ukentlig oppfølging i elevvernsgruppen', 'Weekly follow-up in the student welfare group'),
      trigger: { event: 'meetingHeld', meetingType: 'malmote' },
      offset: 'P1W',
      ownerRole: 'evg-member',
      expects: { meetingHeld: 'evg' },
      repeat: true,
      activeInStages: ['malmote', 'natverksmote', 'uppfoljning', 'utvardering', 'bedomarteamet'],
    },
    {
      key: 'ifo-at-evg-every-3-weeks',
      labels: l('IFO deltar i elevvårdsgruppen var tredje vecka (vid behov)', 'Sosialtjenesten deltar i elevvernsgruppen hver tredje uke (ved behov)', 'Social services attend the welfare group every third week (as needed)'),
      trigger: { event: 'meetingHeld', meetingType: 'natverksmote' },
      offset: 'P3W',
      ownerRole: 'social-services',
      expects: { meetingHeld: 'evg' },
      repeat: true,
      advisory: true,
      activeInStages: ['uppfoljning', 'utvardering', 'bedomarteamet'],
    },
    {
      key: 'follow-up-within-6-weeks',
      labels: l('Uppföljning senast inom 6 veckor', 'Oppfølging senest innen 6 uker', 'Follow-up within 6 weeks at the latest'),
      trigger: { event: 'meetingHeld', meetingType: 'natverksmote' },
      offset: 'P6W',
      ownerRole: 'network-leader',
      expects: { meetingHeld: 'natverksmote-utvardering' },
      repeat: true,
    },
    {
      key: 'social-services-act-2-months',
      labels: l('Socialtjänsten agerar inom ca 2 månader efter anmälan', 'Barneverntjenesten handler innen ca. 2 måneder etter melding', 'Social services act within about 2 months of a report'),
      trigger: { event: 'concernReported' },
      offset: 'P2M',
      ownerRole: 'social-services',
      expects: {
        external: l('Socialtjänsten har återkopplat om åtgärd', 'Barneverntjenesten har gitt tilbakemelding om tiltak', 'Social services have reported back on action'),
      },
      advisory: true,
    },
  ],
  roleConstraints: [
    { type: 'count', role: 'contact-person', max: 1 },
    { type: 'count', role: 'network-leader', max: 1 },
  ],
  closure: {
    labels: l('Avslut', 'Avslutning', 'Closure'),
    reasons: [
      { key: 'improved', labels: l('Närvaron har förbättrats', 'Fremmøtet har bedret seg', 'Attendance has improved') },
      { key: 'other-measure', labels: l('Annan åtgärd', 'Annet tiltak', 'Another measure') },
      { key: 'moved', labels: l('Eleven har flyttat', 'Eleven har flyttet', 'The student has moved') },
    ],
    requireReason: true,
    requireMaintenancePlan: false,
    allowedFromStages: ['uppfoljning', 'utvardering', 'bedomarteamet'],
  },
  absenceThresholds: [
    {
      key: 'occasions-5',
      kind: 'occasions',
      value: 5,
      window: 'P5W',
      labels: l('5 skolktillfällen', '5 skulketilfeller', '5 truancy occasions'),
    },
    {
      key: 'percent-20',
      kind: 'percent',
      value: 20,
      window: 'P5W',
      labels: l('20 % ogiltig frånvaro under 5 veckor', '20 % ugyldig fravær over 5 uker', '20 % unauthorised absence over 5 weeks'),
    },
  ],
  consentRequiredFor: ['inviteSocialServices', 'shareWithSocialServices'],
  concernReport: concernReportSv,
};
