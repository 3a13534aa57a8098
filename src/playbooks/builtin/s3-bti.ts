import type { PlaybookInput } from '../playbook.ts';
import { commonRoles, l } from './common.ts';

/**
 * S3 — Bedre tverrfaglig innsats (BTI), Skien (seed 003): levels 0–3, a level-0 decision
 * "concern or not" within 14 days, exactly one stafettholder who keeps the baton until a new
 * holder accepts, a stafettlogg opened with consent, and at every level the question whether
 * a bekymringsmelding should be sent. Norwegian labels are primary.
 */
export const s3Bti: PlaybookInput = {
  key: 's3-bti',
  version: 1,
  labels: l('BTI – Bättre tvärfackliga insatser (Skien)', 'BTI – Bedre tverrfaglig innsats (Skien)', 'BTI – Better interdisciplinary efforts (Skien)'),
  description: l(
    'Handlingsvägledning i fyra nivåer från oro till samordnade insatser, med en stafetthållare och en stafettlogg.',
    'Handlingsveileder i fire nivåer fra bekymring til koordinert innsats, med stafettholder og stafettlogg.',
    'Action guide in four levels from concern to coordinated efforts, with a baton holder and a baton log.',
  ),
  primaryLanguage: 'nb',
  dimension: 'level',
  stages: [
    {
      key: 'niva-0',
      labels: l('Nivå 0 – Oro', 'Nivå 0 – Bekymring', 'Level 0 – Concern'),
      hint: l(
        'Dela oron med kollega/team och ledare (oroskalan), konkretisera i observationsschema, samtala med barnet och vårdnadshavare. Beslut inom 14 dagar: finns det grund till oro? Den som står närmast blir stafetthållare.',
        'Del bekymringen med kollega/team og leder (bekymringsskalaen), konkretiser i observasjonsskjema, snakk med barnet og de foresatte. Beslutt innen 14 dager: er det grunn til bekymring? Den som er nærmest blir stafettholder.',
        'Share the concern with a colleague/team and leader (concern scale), make it concrete in the observation form, talk with the child and guardians. Decide within 14 days: is there reason for concern? The person closest becomes baton holder.',
      ),
      concernCheck: true,
    },
    {
      key: 'niva-1',
      labels: l('Nivå 1 – Egen insats', 'Nivå 1 – Egen innsats', 'Level 1 – Own efforts'),
      hint: l(
        'Stafettloggen öppnas med samtycke; egna åtgärder genomförs och utvärderas. Ska andra involveras?',
        'Logg opprettes med samtykke; egen innsats blir iverksatt og vurdert. Skal andre involveres i innsatsen?',
        'The baton log is opened with consent; own measures are carried out and evaluated. Should others be involved?',
      ),
      concernCheck: true,
    },
    {
      key: 'niva-2',
      labels: l('Nivå 2 – Samordnande möte', 'Nivå 2 – Koordinerende møte', 'Level 2 – Coordinating meeting'),
      hint: l(
        'Bjud in vårdnadshavare till samordnande möte; samordnade insatser genomförs. TPO-teamet behandlar nivå 2-ärenden.',
        'Inviter foresatte til koordinerende møte; koordinert innsats blir iverksatt. TPO-teamet behandler nivå 2-saker.',
        'Invite guardians to a coordinating meeting; coordinated efforts are carried out. The TPO team handles level-2 cases.',
      ),
      concernCheck: true,
    },
    {
      key: 'niva-3',
      labels: l('Nivå 3 – Flera tjänster', 'Nivå 3 – Flere tjenester', 'Level 3 – Several services'),
      hint: l(
        'Samordnande möte mellan flera tjänster, den lokala enheten och vårdnadshavare; samordnade insatser.',
        'Koordinerende møte mellom flere tjenester, lokal enhet og foresatte; koordinert innsats.',
        'Coordinating meeting of several services, the local unit and guardians; coordinated efforts.',
      ),
      concernCheck: true,
    },
  ],
  transitions: [
    {
      from: 'niva-0',
      to: 'niva-1',
      guards: [
        { type: 'decisionRecorded', kind: 'concern-or-not', outcome: 'concern' },
        { type: 'roleAssigned', role: 'stafettholder', count: 1 },
        {
          type: 'consentRecorded',
          message: l(
            'Samtycke för att öppna stafettloggen saknas',
            'Samtykke til å opprette stafettlogg mangler',
            'Consent to open the baton log is missing',
          ),
        },
      ],
    },
    {
      from: 'niva-1',
      to: 'niva-2',
      guards: [
        { type: 'outputRecorded', output: 'evaluation' },
        { type: 'decisionRecorded', kind: 'involve-others', outcome: 'yes' },
        { type: 'nextMeetingPlanned', meetingType: 'koordinerende-mote' },
      ],
    },
    {
      from: 'niva-2',
      to: 'niva-3',
      guards: [
        { type: 'meetingHeld', meetingType: 'koordinerende-mote' },
        { type: 'decisionRecorded', kind: 'involve-services', outcome: 'yes' },
        { type: 'nextMeetingPlanned', meetingType: 'koordinerende-mote-tjenester' },
      ],
    },
    {
      from: 'niva-2',
      to: 'niva-1',
      labels: l('Tillbaka till egen insats', 'Tilbake til egen innsats', 'Back to own efforts'),
      guards: [{ type: 'meetingHeld', meetingType: 'koordinerende-mote' }],
    },
    {
      from: 'niva-3',
      to: 'niva-2',
      labels: l('Tillbaka till nivå 2', 'Tilbake til nivå 2', 'Back to level 2'),
      guards: [{ type: 'meetingHeld', meetingType: 'koordinerende-mote-tjenester' }],
    },
  ],
  roles: [
    {
      key: 'stafettholder',
      labels: l('Stafetthållare', 'Stafettholder', 'Baton holder'),
      description: l(
        'Den som står närmast barnet; har ansvaret tills en ny stafetthållare har tagit emot stafetten.',
        'Den som er nærmest barnet; har ansvaret til en ny stafettholder har tatt imot stafetten.',
        'The person closest to the child; holds responsibility until a new holder has accepted the baton.',
      ),
    },
    { key: 'leader', labels: l('Ledare', 'Leder', 'Leader') },
    commonRoles.mentor,
    {
      key: 'tpo-member',
      labels: l('Medlem i TPO-teamet', 'Medlem av TPO-teamet', 'TPO team member'),
      description: l(
        'Skolans team för anpassad undervisning: ledning, resurslärare, miljöterapeut, skolsköterska, barnavården.',
        'Skolens tilpasset opplæringsteam: ledelse, ressurslærere, miljøterapeut, helsesykepleier, barnevernet.',
        "The school's adapted-education team: leadership, resource teachers, social educator, school nurse, child welfare.",
      ),
    },
    commonRoles.health,
    {
      key: 'social-services',
      labels: l('Barnavården', 'Barneverntjenesten', 'Child welfare services'),
    },
    commonRoles.principal,
    { key: 'other-service', labels: l('Annan tjänst (t.ex. PPT)', 'Annen tjeneste (f.eks. PPT)', 'Other service (e.g. educational psychology)'), agency: 'OTHER' },
  ],
  caseLeadRole: 'stafettholder',
  decisionKinds: [
    {
      key: 'concern-or-not',
      labels: l('Finns det grund till oro?', 'Grunn til bekymring?', 'Reason for concern?'),
      outcomes: [
        { key: 'concern', labels: l('Ja, grund till oro', 'Ja, grunn til bekymring', 'Yes, reason for concern') },
        { key: 'no-concern', labels: l('Nej – ärendet avslutas', 'Nei – saken slutter', 'No – the case ends'), closureReason: 'no-concern' },
      ],
    },
    {
      key: 'involve-others',
      labels: l('Ska andra involveras i insatsen?', 'Skal andre involveres i innsatsen?', 'Should others be involved?'),
      outcomes: [
        { key: 'yes', labels: l('Ja', 'Ja', 'Yes') },
        { key: 'no', labels: l('Nej – egen insats fortsätter eller avslutas', 'Nei – lokal innsats fortsetter eller avsluttes', 'No – own efforts continue or end') },
      ],
    },
    {
      key: 'involve-services',
      labels: l('Behövs flera tjänster?', 'Trengs flere tjenester?', 'Are several services needed?'),
      outcomes: [
        { key: 'yes', labels: l('Ja', 'Ja', 'Yes') },
        { key: 'no', labels: l('Nej', 'Nei', 'No') },
      ],
    },
    {
      key: 'concern-report',
      labels: l('Ska en orosanmälan göras?', 'Skal det sendes bekymringsmelding?', 'Should a report of concern be sent?'),
      outcomes: [
        { key: 'yes', labels: l('Ja', 'Ja', 'Yes') },
        { key: 'no', labels: l('Nej', 'Nei', 'No') },
      ],
    },
  ],
  meetingTypes: [
    {
      key: 'drofting',
      labels: l('Diskussion med kollega/team och ledare', 'Drøfting med kollega/team og leder', 'Discussion with colleague/team and leader'),
      purpose: l(
        'Använd enhetens resurspersoner och oroskalan för att bedöma om det finns grund till fortsatt oro.',
        'Bruk enhetens ressurspersoner og bekymringsskalaen til å drøfte om det er grunn til videre bekymring.',
        "Use the unit's resource people and the concern scale to decide whether there is reason for further concern.",
      ),
      defaultParticipants: ['stafettholder', 'leader'],
      optionalParticipants: ['mentor', 'tpo-member'],
      agenda: [
        { key: 'concern-scale', labels: l('Oroskalan', 'Bekymringsskalaen', 'Concern scale') },
        { key: 'observation', labels: l('Observationsschema', 'Observasjonsskjema', 'Observation form') },
        { key: 'decision', labels: l('Grund till oro eller inte?', 'Grunn til bekymring eller ikke?', 'Reason for concern or not?') },
        { key: 'holder', labels: l('Vem blir stafetthållare?', 'Hvem blir stafettholder?', 'Who becomes baton holder?') },
        { key: 'concern-report', labels: l('Ska en orosanmälan göras?', 'Skal det sendes bekymringsmelding?', 'Should a report of concern be sent?') },
      ],
      requiredOutputs: ['decisionConcernOrNot', 'stafettholderAppointed', 'concernReportConsidered'],
    },
    {
      key: 'samtale',
      labels: l('Samtal med barnet och vårdnadshavare', 'Samtale med barnet og de foresatte', 'Talk with the child and guardians'),
      purpose: l('Höra barnets och vårdnadshavarnas syn.', 'Høre barnets og de foresattes syn.', "Hear the child's and guardians' views."),
      defaultParticipants: ['stafettholder', 'guardian', 'student'],
      agenda: [
        { key: 'views', labels: l('Barnets och vårdnadshavarnas syn', 'Barnets og foresattes syn', "The child's and guardians' views") },
        { key: 'consent', labels: l('Samtycke till stafettlogg', 'Samtykke til stafettlogg', 'Consent to the baton log') },
      ],
      requiredOutputs: [],
    },
    {
      key: 'koordinerende-mote',
      labels: l('Samordnande möte med vårdnadshavare', 'Koordinerende møte med foresatte', 'Coordinating meeting with guardians'),
      purpose: l(
        'Samordna insatser med vårdnadshavare och skolans TPO-team (nivå 2).',
        'Koordinere innsats med foresatte og skolens TPO-team (nivå 2).',
        "Coordinate efforts with guardians and the school's TPO team (level 2).",
      ),
      defaultParticipants: ['stafettholder', 'guardian', 'tpo-member'],
      optionalParticipants: ['student', 'mentor', 'health', 'social-services'],
      leadRole: 'stafettholder',
      agenda: [
        { key: 'log', labels: l('Stafettloggen: mål, åtgärder, ansvar, tidsfrister', 'Stafettloggen: mål, tiltak, ansvar, frister', 'Baton log: goals, measures, responsibility, deadlines') },
        { key: 'coordinated', labels: l('Samordnade insatser', 'Koordinert innsats', 'Coordinated efforts') },
        { key: 'concern-report', labels: l('Ska en orosanmälan göras?', 'Skal det sendes bekymringsmelding?', 'Should a report of concern be sent?') },
        { key: 'holder', labels: l('Stafetthållare framåt', 'Stafettholder videre', 'Baton holder going forward') },
      ],
      requiredOutputs: ['actionPlan', 'concernReportConsidered', 'nextMeetingDate'],
    },
    {
      key: 'koordinerende-mote-tjenester',
      labels: l('Samordnande möte mellan tjänster', 'Koordinerende møte mellom tjenester', 'Coordinating meeting between services'),
      purpose: l(
        'Flera tjänster, den lokala enheten och vårdnadshavare samordnar insatserna (nivå 3).',
        'Flere tjenester, lokal enhet og foresatte koordinerer innsatsen (nivå 3).',
        'Several services, the local unit and guardians coordinate efforts (level 3).',
      ),
      defaultParticipants: ['stafettholder', 'guardian', 'tpo-member', 'social-services', 'other-service'],
      optionalParticipants: ['student', 'health', 'principal'],
      leadRole: 'stafettholder',
      agenda: [
        { key: 'log', labels: l('Stafettloggen', 'Stafettloggen', 'Baton log') },
        { key: 'coordinated', labels: l('Samordnade insatser mellan tjänsterna', 'Koordinert innsats mellom tjenestene', 'Coordinated efforts across services') },
        { key: 'concern-report', labels: l('Ska en orosanmälan göras?', 'Skal det sendes bekymringsmelding?', 'Should a report of concern be sent?') },
        { key: 'holder', labels: l('Vem håller stafetten?', 'Hvem holder stafetten?', 'Who holds the baton?') },
      ],
      requiredOutputs: ['actionPlan', 'concernReportConsidered', 'stafettholderAppointed', 'nextMeetingDate'],
    },
  ],
  deadlineRules: [
    {
      key: 'level-0-decision-14-days',
      labels: l('Beslut på nivå 0 (oro eller inte) inom 14 dagar', 'Beslutning på nivå 0 (bekymring eller ikke) innen 14 dager', 'Level-0 decision (concern or not) within 14 days'),
      trigger: { event: 'caseOpened' },
      offset: 'P14D',
      ownerRole: 'stafettholder',
      expects: { decision: 'concern-or-not' },
    },
  ],
  roleConstraints: [
    { type: 'singleHolder', role: 'stafettholder', handoverRequiresAcceptance: true },
    { type: 'count', role: 'stafettholder', exactly: 1 },
  ],
  closure: {
    labels: l('Avslut', 'Saken avsluttes', 'Closure'),
    reasons: [
      { key: 'no-concern', labels: l('Ingen grund till oro', 'Ikke grunn til bekymring – saken slutter', 'No reason for concern') },
      { key: 'efforts-completed', labels: l('Insatsen avslutas – målen nådda', 'Lokal innsats avsluttes – målene er nådd', 'Efforts completed – goals reached') },
      { key: 'transferred', labels: l('Överlämnat till barnavården', 'Overført til barneverntjenesten', 'Transferred to child welfare services') },
      { key: 'moved', labels: l('Barnet har flyttat', 'Barnet har flyttet', 'The child has moved') },
    ],
    requireReason: true,
    requireMaintenancePlan: false,
  },
  consentRequiredFor: ['openLog', 'inviteSocialServices', 'shareWithSocialServices', 'inviteHealth', 'shareWithHealth', 'inviteExternal'],
  concernReport: {
    labels: l('Orosanmälan', 'Bekymringsmelding', 'Report of concern'),
    question: l(
      'Ska en orosanmälan skickas till barnavården?',
      'Skal det sendes bekymringsmelding til barneverntjenesten?',
      'Should a report of concern be sent to child welfare services?',
    ),
  },
};
