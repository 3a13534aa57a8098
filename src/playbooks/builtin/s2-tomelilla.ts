import type { PlaybookInput } from '../playbook.ts';
import { commonRoles, concernReportSv, l } from './common.ts';

/**
 * S2 — Skolsocialt team, Tomelilla (seed 002): tiers green/yellow/orange; beredning →
 * uppstartsmöten → kartläggning → ansvarsplanering → genomförande → uppföljning → avslut
 * with a reason from a fixed list and always a vidmakthållandeplan.
 */
export const s2Tomelilla: PlaybookInput = {
  key: 's2-tomelilla',
  version: 1,
  labels: l('Skolsocialt team Tomelilla', 'Skolesosialt team Tomelilla', 'School social team Tomelilla'),
  description: l(
    'Skolsociala teamet (Centrala barn- och elevhälsan och socialtjänstens öppenvård) arbetar med elever med upprepad eller längre frånvaro, i nära samarbete med elev, vårdnadshavare och skola.',
    'Det skolesosiale teamet (sentral barne- og elevhelse og sosialtjenestens åpne omsorg) arbeider med elever med gjentatt eller langvarig fravær, i nært samarbeid med elev, foresatte og skole.',
    'The school social team (central student health and social services outpatient care) works with students with repeated or long absence, in close cooperation with student, guardians and school.',
  ),
  primaryLanguage: 'sv',
  dimension: 'stage',
  tiers: [
    {
      key: 'green',
      color: 'green',
      labels: l('Grön – generella insatser', 'Grønn – generelle tiltak', 'Green – universal interventions'),
      description: l('Generella insatser till alla elever.', 'Generelle tiltak for alle elever.', 'Universal interventions for all students.'),
    },
    {
      key: 'yellow',
      color: 'yellow',
      labels: l('Gul – riktade insatser', 'Gul – målrettede tiltak', 'Yellow – targeted interventions'),
      description: l('Riktade insatser vid indikation; teamet kan bli aktuellt.', 'Målrettede tiltak ved indikasjon; teamet kan bli aktuelt.', 'Targeted interventions on indication; the team may step in.'),
    },
    {
      key: 'orange',
      color: 'orange',
      labels: l('Orange – intensiva insatser', 'Oransje – intensive tiltak', 'Orange – intensive interventions'),
      description: l('Intensiva insatser till några få, i omfattande samarbete.', 'Intensive tiltak for noen få, i omfattende samarbeid.', 'Intensive interventions for a few, in extensive cooperation.'),
    },
  ],
  stages: [
    {
      key: 'beredning',
      labels: l('Beredning', 'Forberedelse', 'Intake review'),
      hint: l(
        'Kontrollera att ansökan är komplett (insatstrappan genomförd, vårdnadshavares samtycke). Vid brister kontaktas skolans EHT. Vid godkännande fördelas ärendet inom teamet.',
        'Kontroller at søknaden er komplett (innsatstrappen gjennomført, foresattes samtykke). Ved mangler kontaktes skolens elevtjenesteteam. Ved godkjenning fordeles saken i teamet.',
        'Check the application is complete (school intervention ladder done, guardian consent). If not, contact the school’s student health team. Once approved, assign the case within the team.',
      ),
      leadRole: 'team-coordinator',
    },
    {
      key: 'komplettering',
      labels: l('Komplettering hos skolans EHT', 'Komplettering hos skolens elevtjenesteteam', "Completion by the school's student health team"),
      hint: l(
        'Ansökan behöver kompletteras. Teamet kontaktar skolans EHT, som kompletterar ansökan; därefter görs beredningen om.',
        'Søknaden må kompletteres. Teamet kontakter skolens elevtjenesteteam, som kompletterer søknaden; deretter gjøres forberedelsen på nytt.',
        "The application needs completing. The team contacts the school's student health team, which completes it; then the review is done again.",
      ),
      leadRole: 'team-coordinator',
    },
    {
      key: 'uppstartsmote-skola',
      labels: l('Uppstartsmöte skola', 'Oppstartsmøte skole', 'Start-up meeting with the school'),
      hint: l(
        'Teamet kallar skyndsamt skolledning, mentor och EHT-representant. Rutin och ärendegång gås igenom, skolan informerar och skolans kontaktperson utses.',
        'Teamet kaller raskt inn skoleledelse, kontaktlærer og representant for elevtjenesteteamet. Rutiner gjennomgås, skolen informerer og skolens kontaktperson utnevnes.',
        'The team promptly calls school management, mentor and a student health team representative. Routines are reviewed, the school informs and a school contact person is appointed.',
      ),
    },
    {
      key: 'uppstartsmote-elev',
      labels: l('Uppstartsmöte elev och vårdnadshavare', 'Oppstartsmøte elev og foresatte', 'Start-up meeting with student and guardians'),
      hint: l(
        'Möte med elev och vårdnadshavare. De tackar ja till insatsen och blir delaktiga i alla steg.',
        'Møte med elev og foresatte. De takker ja til innsatsen og blir delaktige i alle trinn.',
        'Meeting with student and guardians. They accept the intervention and take part in every step.',
      ),
    },
    {
      key: 'kartlaggning',
      labels: l('Kartläggning', 'Kartlegging', 'Mapping'),
      hint: l(
        'Teamet gör en fördjupad kartläggning för en vidgad och tydlig bild av ärendet.',
        'Teamet gjør en grundig kartlegging for et bredere og tydelig bilde av saken.',
        'The team carries out an in-depth mapping for a wider and clear picture of the case.',
      ),
    },
    {
      key: 'ansvarsplanering',
      labels: l('Ansvarsplanering', 'Ansvarsplanlegging', 'Responsibility planning'),
      hint: l(
        'Gemensamt möte: kartläggningen redovisas, mål, nuläge, ansvarsfördelning, tidsplan och hur uppföljningen görs.',
        'Felles møte: kartleggingen legges fram, mål, nåsituasjon, ansvarsfordeling, tidsplan og hvordan oppfølgingen gjøres.',
        'Joint meeting: the mapping is presented; goals, current state, responsibilities, timeline and how follow-up is done.',
      ),
    },
    {
      key: 'genomforande',
      labels: l('Genomförande', 'Gjennomføring', 'Implementation'),
      hint: l(
        'Teamet arbetar med skola, elev och vårdnadshavare enligt ansvarsplaneringen.',
        'Teamet arbeider med skole, elev og foresatte etter ansvarsplanleggingen.',
        'The team works with school, student and guardians according to the plan.',
      ),
    },
    {
      key: 'uppfoljning',
      labels: l('Uppföljning', 'Oppfølging', 'Follow-up'),
      hint: l(
        'Insatser och mål följs upp regelbundet enligt ansvarsplaneringen och revideras vid behov.',
        'Tiltak og mål følges opp jevnlig etter ansvarsplanleggingen og revideres ved behov.',
        'Interventions and goals are followed up regularly as agreed and revised when needed.',
      ),
    },
  ],
  transitions: [
    {
      from: 'beredning',
      to: 'uppstartsmote-skola',
      guards: [
        { type: 'consentRecorded', scope: 'SOCIAL_SERVICES' },
        { type: 'decisionRecorded', kind: 'application-approved', outcome: 'approved' },
        { type: 'roleAssigned', role: 'team-case-worker' },
        { type: 'tierSet' },
      ],
    },
    {
      from: 'beredning',
      to: 'komplettering',
      labels: l('Tillbaka till skolans EHT för komplettering', 'Tilbake til skolens elevtjenesteteam for komplettering', "Back to the school's student health team for completion"),
      guards: [{ type: 'decisionRecorded', kind: 'application-approved', outcome: 'needs-completion' }],
    },
    {
      from: 'komplettering',
      to: 'beredning',
      labels: l('Ansökan kompletterad – ny beredning', 'Søknaden er komplettert – ny forberedelse', 'Application completed – review again'),
      guards: [],
    },
    {
      from: 'uppstartsmote-skola',
      to: 'uppstartsmote-elev',
      guards: [
        { type: 'meetingHeld', meetingType: 'uppstartsmote-skola' },
        { type: 'roleAssigned', role: 'school-contact' },
      ],
    },
    {
      from: 'uppstartsmote-elev',
      to: 'kartlaggning',
      guards: [
        { type: 'meetingHeld', meetingType: 'uppstartsmote-elev' },
        { type: 'decisionRecorded', kind: 'student-accepts', outcome: 'accepted' },
      ],
    },
    {
      from: 'kartlaggning',
      to: 'ansvarsplanering',
      guards: [
        { type: 'outputRecorded', output: 'mapping' },
        { type: 'nextMeetingPlanned', meetingType: 'ansvarsplanering' },
      ],
    },
    {
      from: 'ansvarsplanering',
      to: 'genomforande',
      guards: [{ type: 'meetingHeld', meetingType: 'ansvarsplanering' }, { type: 'actionPlanExists' }],
    },
    {
      from: 'genomforande',
      to: 'uppfoljning',
      guards: [{ type: 'nextMeetingPlanned', meetingType: 'uppfoljningsmote' }],
    },
    {
      from: 'uppfoljning',
      to: 'genomforande',
      labels: l('Fortsätt (med reviderade insatser)', 'Fortsett (med reviderte tiltak)', 'Continue (with revised interventions)'),
      guards: [{ type: 'meetingHeld', meetingType: 'uppfoljningsmote' }],
    },
  ],
  roles: [
    {
      key: 'team-coordinator',
      labels: l('Samordnare för skolsociala teamet', 'Koordinator for det skolesosiale teamet', 'School social team coordinator'),
    },
    {
      key: 'team-case-worker',
      labels: l('Ärendeansvarig i skolsociala teamet', 'Saksansvarlig i det skolesosiale teamet', 'School social team case worker'),
      description: l(
        'Ansvarar för dagordning, minnesanteckningar och genomförande av mötena.',
        'Ansvarlig for dagsorden, referat og gjennomføring av møtene.',
        'Responsible for agenda, minutes and running the meetings.',
      ),
    },
    { key: 'team-member', labels: l('Medarbetare i skolsociala teamet', 'Medarbeider i det skolesosiale teamet', 'School social team member') },
    {
      key: 'school-contact',
      labels: l('Skolans kontaktperson', 'Skolens kontaktperson', 'School contact person'),
    },
    commonRoles.principal,
    commonRoles.mentor,
    commonRoles.ehtRep,
    {
      key: 'external-actor',
      labels: l('Annan aktör (t.ex. Region Skåne)', 'Annen aktør (f.eks. helseforetak)', 'Other agency (e.g. the region)'),
      agency: 'OTHER',
    },
  ],
  caseLeadRole: 'team-case-worker',
  decisionKinds: [
    {
      key: 'application-approved',
      labels: l('Beredning av ansökan', 'Forberedelse av søknaden', 'Review of the application'),
      outcomes: [
        { key: 'approved', labels: l('godkänd', 'godkjent', 'approved') },
        { key: 'needs-completion', labels: l('behöver kompletteras (skolans EHT kontaktas)', 'må kompletteres (skolens elevtjenesteteam kontaktes)', "needs completing (the school's student health team is contacted)") },
      ],
    },
    {
      key: 'student-accepts',
      labels: l('Elev och vårdnadshavare', 'Elev og foresatte', 'Student and guardians'),
      outcomes: [
        { key: 'accepted', labels: l('tackar ja', 'takker ja', 'accept') },
        { key: 'declined', labels: l('tackar nej', 'takker nei', 'decline'), closureReason: 'declined' },
      ],
    },
  ],
  meetingTypes: [
    {
      key: 'uppstartsmote-skola',
      labels: l('Uppstartsmöte skola', 'Oppstartsmøte skole', 'Start-up meeting with the school'),
      purpose: l(
        'Gå igenom rutin och ärendegång, skolan ger sin information och skolans kontaktperson utses.',
        'Gå gjennom rutiner og saksgang, skolen gir sin informasjon og skolens kontaktperson utnevnes.',
        'Review routines and process, the school shares its information and a school contact person is appointed.',
      ),
      defaultParticipants: ['team-case-worker', 'principal', 'mentor', 'eht-rep'],
      optionalParticipants: ['team-member'],
      leadRole: 'team-case-worker',
      agenda: [
        { key: 'routine', labels: l('Rutin och ärendegång', 'Rutiner og saksgang', 'Routines and process') },
        { key: 'school-info', labels: l('Skolans information i ärendet', 'Skolens informasjon i saken', "The school's information") },
        { key: 'school-contact', labels: l('Skolans kontaktperson utses', 'Skolens kontaktperson utnevnes', 'Appoint the school contact person') },
      ],
      requiredOutputs: ['schoolContactAppointed', 'minutes'],
    },
    {
      key: 'uppstartsmote-elev',
      labels: l('Uppstartsmöte elev och vårdnadshavare', 'Oppstartsmøte elev og foresatte', 'Start-up meeting with student and guardians'),
      purpose: l(
        'Presentera insatsen; elev och vårdnadshavare tackar ja och blir delaktiga i alla steg.',
        'Presentere innsatsen; elev og foresatte takker ja og blir delaktige i alle trinn.',
        'Present the intervention; student and guardians accept and take part in every step.',
      ),
      defaultParticipants: ['team-case-worker', 'guardian', 'student'],
      optionalParticipants: ['school-contact', 'team-member'],
      leadRole: 'team-case-worker',
      agenda: [
        { key: 'presentation', labels: l('Presentation av teamet och arbetsgången', 'Presentasjon av teamet og arbeidsgangen', 'The team and the process') },
        { key: 'participation', labels: l('Delaktighet i kartläggning, mål, genomförande och uppföljning', 'Medvirkning i kartlegging, mål, gjennomføring og oppfølging', 'Taking part in mapping, goals, implementation and follow-up') },
        { key: 'acceptance', labels: l('Tackar elev och vårdnadshavare ja?', 'Takker elev og foresatte ja?', 'Do student and guardians accept?') },
      ],
      requiredOutputs: ['minutes'],
    },
    {
      key: 'ansvarsplanering',
      labels: l('Ansvarsplanering', 'Ansvarsplanleggingsmøte', 'Responsibility planning meeting'),
      purpose: l(
        'Redovisa kartläggningen och upprätta ansvarsplaneringen med tydliga mål.',
        'Legge fram kartleggingen og lage ansvarsplanen med tydelige mål.',
        'Present the mapping and draw up the plan with clear goals.',
      ),
      defaultParticipants: ['team-case-worker', 'guardian', 'principal', 'school-contact'],
      optionalParticipants: ['student', 'external-actor', 'mentor', 'team-member'],
      leadRole: 'team-case-worker',
      agenda: [
        { key: 'mapping', labels: l('Kartläggningen redovisas', 'Kartleggingen legges fram', 'Mapping presented') },
        { key: 'current-state', labels: l('Nuläge', 'Nåsituasjon', 'Current state') },
        { key: 'goals', labels: l('Tydlig målbeskrivning', 'Tydelig målbeskrivelse', 'Clear goals') },
        { key: 'responsibilities', labels: l('Ansvar: elev och vårdnadshavare, teamet, skolan, andra aktörer', 'Ansvar: elev og foresatte, teamet, skolen, andre aktører', 'Responsibilities: student and guardians, team, school, others') },
        { key: 'timeline', labels: l('Tidsplan för insatser och uppföljning', 'Tidsplan for tiltak og oppfølging', 'Timeline for interventions and follow-up') },
        { key: 'follow-up-method', labels: l('Hur uppföljningen görs', 'Hvordan oppfølgingen gjøres', 'How follow-up is done') },
      ],
      requiredOutputs: ['actionPlan', 'assignments', 'nextMeetingDate'],
    },
    {
      key: 'uppfoljningsmote',
      labels: l('Uppföljningsmöte', 'Oppfølgingsmøte', 'Follow-up meeting'),
      purpose: l(
        'Följa upp insatser och mål; revidera vid behov i samråd med de ansvariga.',
        'Følge opp tiltak og mål; revidere ved behov i samråd med de ansvarlige.',
        'Follow up interventions and goals; revise with those responsible if needed.',
      ),
      defaultParticipants: ['team-case-worker', 'guardian', 'school-contact'],
      optionalParticipants: ['student', 'principal', 'external-actor'],
      leadRole: 'team-case-worker',
      agenda: [
        { key: 'goals', labels: l('Uppföljning av mål', 'Oppfølging av mål', 'Follow-up of goals') },
        { key: 'interventions', labels: l('Uppföljning av insatser', 'Oppfølging av tiltak', 'Follow-up of interventions') },
        { key: 'revision', labels: l('Revidering vid behov', 'Revidering ved behov', 'Revision if needed') },
        { key: 'closure', labels: l('Dags för avslut och vidmakthållandeplan?', 'Tid for avslutning og plan for å opprettholde?', 'Time to close with a maintenance plan?') },
      ],
      requiredOutputs: ['evaluation', 'nextMeetingDate'],
    },
  ],
  deadlineRules: [
    {
      key: 'uppstartsmote-skola-promptly',
      labels: l('Uppstartsmöte med skolan skyndsamt', 'Oppstartsmøte med skolen raskt', 'Start-up meeting with the school promptly'),
      trigger: { event: 'stageEntered', stage: 'uppstartsmote-skola' },
      // "skyndsamt" in the seed; two weeks of working days is an advisory default.
      offset: { workingDays: 10 },
      ownerRole: 'team-case-worker',
      expects: { meetingHeld: 'uppstartsmote-skola' },
      advisory: true,
    },
  ],
  roleConstraints: [
    { type: 'count', role: 'team-case-worker', min: 1 },
    { type: 'count', role: 'school-contact', max: 1 },
  ],
  closure: {
    labels: l('Avslut/vidmakthållande', 'Avslutning/opprettholdelse', 'Closure / maintenance'),
    reasons: [
      { key: 'no-longer-needed', labels: l('Eleven har inte längre behov av insatser', 'Eleven har ikke lenger behov for tiltak', 'The student no longer needs interventions') },
      { key: 'declined', labels: l('Eleven och vårdnadshavare tackar nej till fortsatt stöd', 'Eleven og foresatte takker nei til videre støtte', 'Student and guardians decline further support') },
      { key: 'moved', labels: l('Eleven/familjen flyttar till annan kommun', 'Eleven/familien flytter til en annen kommune', 'The student/family moves to another municipality') },
      { key: 'needs-other-support', labels: l('Eleven behöver andra typer av insatser än teamet kan erbjuda', 'Eleven trenger andre typer tiltak enn teamet kan tilby', 'The student needs other support than the team can offer') },
    ],
    requireReason: true,
    requireMaintenancePlan: true,
  },
  consentRequiredFor: ['openCase', 'inviteSocialServices', 'shareWithSocialServices'],
  concernReport: concernReportSv,
  features: {
    interventionTypes: [
      { key: 'motivational-talks', labels: l('Motiverande och stödjande samtal med eleven', 'Motiverende og støttende samtaler med eleven', 'Motivational and supportive talks with the student') },
      { key: 'guardian-support', labels: l('Stödjande samtal med vårdnadshavare', 'Støttende samtaler med foresatte', 'Supportive talks with guardians') },
      { key: 'school-adaptations', labels: l('Sociala och fysiska anpassningar i skolan', 'Sosiale og fysiske tilpasninger i skolen', 'Social and physical adaptations in school') },
      { key: 'relationship-building', labels: l('Relationsskapande aktiviteter', 'Relasjonsbyggende aktiviteter', 'Relationship-building activities') },
      { key: 'organising-support', labels: l('Stöd att organisera fritidsaktiviteter och skolarbete', 'Støtte til å organisere fritid og skolearbeid', 'Help organising leisure and school work') },
      { key: 'pedagogical-supervision', labels: l('Pedagogisk handledning till skolan', 'Pedagogisk veiledning til skolen', 'Pedagogical supervision for the school') },
      { key: 'teaching-support', labels: l('Stöd i undervisningen', 'Støtte i undervisningen', 'Support in teaching') },
    ],
  },
};
