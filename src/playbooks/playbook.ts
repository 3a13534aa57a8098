import { Duration } from 'luxon';
import { z } from 'zod/v4';
import { langs as LANGUAGES, type Lang } from '../i18n/lang.ts';

/**
 * Playbook schema: the declarative description of one municipal collaboration model
 * (stages, meetings, deadlines, role rules, closure). Shapes only; cross-references are
 * checked in `playbook.validate.ts`.
 */

/** Languages every label must exist in. */
export { langs as LANGUAGES, type Lang } from '../i18n/lang.ts';

/** A text in Swedish, Norwegian bokmål and English (all three required). */
export const LabelsSchema = z.strictObject({
  sv: z.string().trim().min(1),
  nb: z.string().trim().min(1),
  en: z.string().trim().min(1),
});
export type Labels = z.infer<typeof LabelsSchema>;

/** Short identifier: lower case letters/digits, words joined by '-'. */
export const KeySchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case key (a-z, 0-9, "-")');

/** Organisation roles held by people outside any case (see PersonOrgRole in the data model). */
export const ORG_ROLES = [
  'TEAM_LEAD',
  'COORDINATOR_POOL',
  'SOCIAL_SERVICES',
  'EHT_MEMBER',
  'PRINCIPAL',
  'ADMIN',
] as const;
export const OrgRoleSchema = z.enum(ORG_ROLES);
export type OrgRole = z.infer<typeof OrgRoleSchema>;

/** Agencies a consent (secrecy waiver) can cover; matches Consent.scope values. */
export const CONSENT_SCOPES = ['SCHOOL', 'SOCIAL_SERVICES', 'HEALTH', 'OTHER'] as const;
export const ConsentScopeSchema = z.enum(CONSENT_SCOPES);
export type ConsentScope = z.infer<typeof ConsentScopeSchema>;

/** Actions that a playbook may make conditional on recorded consent. */
export const CONSENT_ACTIONS = [
  'inviteSocialServices',
  'shareWithSocialServices',
  'inviteHealth',
  'shareWithHealth',
  'inviteExternal',
  'openLog',
  'openCase',
] as const;
export const ConsentActionSchema = z.enum(CONSENT_ACTIONS);
export type ConsentAction = z.infer<typeof ConsentActionSchema>;

/** The consent scope each consent-gated action needs (null: any recorded consent). */
export const CONSENT_ACTION_SCOPE: Record<ConsentAction, ConsentScope | null> = {
  inviteSocialServices: 'SOCIAL_SERVICES',
  shareWithSocialServices: 'SOCIAL_SERVICES',
  inviteHealth: 'HEALTH',
  shareWithHealth: 'HEALTH',
  inviteExternal: 'OTHER',
  openLog: null,
  openCase: null,
};

/** External participant kinds: not staff roles, never case members. */
export const EXTERNAL_PARTICIPANTS = ['guardian', 'student'] as const;
export type ExternalParticipant = (typeof EXTERNAL_PARTICIPANTS)[number];

/** Things a meeting is expected to produce. */
export const OUTPUT_KINDS = [
  'consentSigned',
  'actionPlan',
  'nextMeetingDate',
  'esterOwner',
  'esterResults',
  'contactPersonAppointed',
  'schoolContactAppointed',
  'sprakrorAppointed',
  'assignments',
  'riskAssessment',
  'concernReportConsidered',
  'decisionConcernOrNot',
  'decisionCaseOrNot',
  'stafettholderAppointed',
  'problemAnalysis',
  'networkMap',
  'guestList',
  'needsAnalysis',
  'homework',
  'mapping',
  'evaluation',
  'maintenancePlan',
  'minutes',
  'samverkansplan',
  'coordinatingRole',
  'attendanceBaseline',
] as const;
export const OutputKindSchema = z.enum(OUTPUT_KINDS);
export type OutputKind = z.infer<typeof OutputKindSchema>;

const isoDuration = z.string().refine(
  (s) => /^P(?!$)/.test(s) && Duration.fromISO(s).isValid && !s.includes('T'),
  'must be an ISO-8601 date duration such as "P3W" or "P14D"',
);

/** ISO-8601 calendar duration ("P3W", "P2M") or a count of working days. */
export const DurationSpecSchema = z.union(
  [isoDuration, z.strictObject({ workingDays: z.number().int().min(0) })],
  { error: 'must be an ISO-8601 duration such as "P3W" or { workingDays: n }' },
);
export type DurationSpec = z.infer<typeof DurationSpecSchema>;

export const StageSchema = z.strictObject({
  key: KeySchema,
  labels: LabelsSchema,
  /** What happens in this stage / what the next step is. */
  hint: LabelsSchema,
  /** Role leading the case while in this stage; overrides `caseLeadRole`. */
  leadRole: KeySchema.optional(),
  /** Ask "should a report of concern be made?" on entering this stage. */
  concernCheck: z.boolean().default(false),
});
export type Stage = z.infer<typeof StageSchema>;

export const TierSchema = z.strictObject({
  key: KeySchema,
  labels: LabelsSchema,
  description: LabelsSchema.optional(),
  color: z.enum(['green', 'yellow', 'orange', 'red', 'blue', 'grey']).optional(),
});
export type Tier = z.infer<typeof TierSchema>;

export const RoleSchema = z.strictObject({
  key: KeySchema,
  labels: LabelsSchema,
  description: LabelsSchema.optional(),
  /**
   * The agency outside the school this role represents (health services, another service);
   * `consentRequiredFor` then gates inviting it (`inviteHealth`, `inviteExternal`) and sharing
   * with it (`shareWithHealth`). The `social-services` role is always social services.
   */
  agency: z.enum(['SOCIAL_SERVICES', 'HEALTH', 'OTHER']).optional(),
});
export type Role = z.infer<typeof RoleSchema>;

export const DecisionOutcomeSchema = z.strictObject({
  key: KeySchema,
  labels: LabelsSchema,
  /**
   * When this is the latest outcome of its kind, the case is offered closure with this reason
   * (a key of `closure.reasons`), e.g. Tomelilla: student and guardians decline → "tackar nej".
   */
  closureReason: KeySchema.optional(),
});
export type DecisionOutcome = z.infer<typeof DecisionOutcomeSchema>;

export const DecisionKindSchema = z.strictObject({
  key: KeySchema,
  /** The question or subject, e.g. "Elev och vårdnadshavare"; shown as "<kind>: <outcome>". */
  labels: LabelsSchema,
  /** Allowed outcomes, e.g. concern / no concern. */
  outcomes: z.array(DecisionOutcomeSchema).default([]),
});
export type DecisionKind = z.infer<typeof DecisionKindSchema>;

const guardMessage = { message: LabelsSchema.optional() };

/** A condition that must hold for a transition; `message` overrides the default explanation. */
export const GuardSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('consentRecorded'), scope: ConsentScopeSchema.optional(), ...guardMessage }),
  z.strictObject({ type: z.literal('meetingHeld'), meetingType: KeySchema, ...guardMessage }),
  z.strictObject({
    type: z.literal('roleAssigned'),
    role: KeySchema,
    count: z.number().int().min(1).optional(),
    ...guardMessage,
  }),
  z.strictObject({ type: z.literal('actionPlanExists'), ...guardMessage }),
  z.strictObject({
    type: z.literal('decisionRecorded'),
    kind: KeySchema.optional(),
    /**
     * The latest decision of `kind` must have this outcome (or one of these): the outcome, not
     * only the decision's existence, chooses the way (Elevvård: positive → continue).
     */
    outcome: z.union([KeySchema, z.array(KeySchema).min(1)]).optional(),
    ...guardMessage,
  }),
  z.strictObject({ type: z.literal('nextMeetingPlanned'), meetingType: KeySchema.optional(), ...guardMessage }),
  z.strictObject({
    type: z.literal('outputRecorded'),
    output: OutputKindSchema,
    meetingType: KeySchema.optional(),
    ...guardMessage,
  }),
  z.strictObject({ type: z.literal('tierSet'), ...guardMessage }),
  z.strictObject({ type: z.literal('maintenancePlanExists'), ...guardMessage }),
]);
export type Guard = z.infer<typeof GuardSchema>;
export type GuardType = Guard['type'];

export const TransitionSchema = z.strictObject({
  from: KeySchema,
  to: KeySchema,
  /** Name of the step shown on the button, if different from the target stage name. */
  labels: LabelsSchema.optional(),
  guards: z.array(GuardSchema).default([]),
});
export type Transition = z.infer<typeof TransitionSchema>;

export const AgendaItemSchema = z.strictObject({ key: KeySchema, labels: LabelsSchema });
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const MeetingTypeSchema = z.strictObject({
  key: KeySchema,
  labels: LabelsSchema,
  purpose: LabelsSchema,
  /** Role keys of the playbook, or 'guardian' / 'student'. */
  defaultParticipants: z.array(KeySchema).default([]),
  /** Roles that may be called in when needed (e.g. health staff when illness is behind absence). */
  optionalParticipants: z.array(KeySchema).default([]),
  /** Role that convenes and leads the meeting. */
  leadRole: KeySchema.optional(),
  agenda: z.array(AgendaItemSchema).default([]),
  requiredOutputs: z.array(OutputKindSchema).default([]),
  /** Working days before the meeting by which the agenda/invitation must be out. */
  prepareLeadDays: z.number().int().min(0).optional(),
  /** For standing meetings (e.g. weekly EVG): the usual interval. */
  recurrence: isoDuration.optional(),
});
export type MeetingType = z.infer<typeof MeetingTypeSchema>;

export const DEADLINE_EVENTS = [
  'caseOpened',
  'meetingHeld',
  'meetingScheduled',
  'stageEntered',
  'planCreated',
  'consentGiven',
  'concernReported',
] as const;

export const DeadlineTriggerSchema = z.strictObject({
  event: z.enum(DEADLINE_EVENTS),
  meetingType: KeySchema.optional(),
  stage: KeySchema.optional(),
});
export type DeadlineTrigger = z.infer<typeof DeadlineTriggerSchema>;

/** What satisfies a deadline (exactly one field). */
export const DeadlineExpectationSchema = z.union([
  z.strictObject({ meetingHeld: KeySchema }),
  z.strictObject({ meetingScheduled: KeySchema }),
  z.strictObject({ stage: KeySchema }),
  z.strictObject({ decision: KeySchema }),
  z.strictObject({ output: OutputKindSchema }),
  z.strictObject({ actionPlan: z.literal(true) }),
  z.strictObject({ external: LabelsSchema }),
], {
  error:
    'must have exactly one of: meetingHeld, meetingScheduled, stage, decision, output, actionPlan: true, external',
});
export type DeadlineExpectation = z.infer<typeof DeadlineExpectationSchema>;

export const DeadlineRuleSchema = z.strictObject({
  key: KeySchema,
  labels: LabelsSchema,
  trigger: DeadlineTriggerSchema,
  /** Latest due time after the trigger. */
  offset: DurationSpecSchema,
  /** Earliest sensible time, when the rule is a window (e.g. 2–3 weeks). */
  earliest: DurationSpecSchema.optional(),
  ownerRole: KeySchema.optional(),
  expects: DeadlineExpectationSchema,
  /** Re-arm from the satisfying event once met (weekly follow-up, every 3rd week, …). */
  repeat: z.boolean().default(false),
  /** Only applies while the case is in one of these stages (default: any). */
  activeInStages: z.array(KeySchema).optional(),
  /** Informational: not nudged as overdue, only reminded. */
  advisory: z.boolean().default(false),
});
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

/** Rules about who may hold which case role. */
export const RoleConstraintSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('mustHoldOrgRole'), role: KeySchema, orgRole: OrgRoleSchema }),
  z.strictObject({
    type: z.literal('mustNotHoldOrgRole'),
    role: KeySchema,
    orgRoles: z.array(OrgRoleSchema).min(1),
  }),
  z
    .strictObject({
      type: z.literal('count'),
      role: KeySchema,
      exactly: z.number().int().min(0).optional(),
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(0).optional(),
    })
    .refine((c) => c.exactly !== undefined || c.min !== undefined || c.max !== undefined, {
      message: 'one of exactly, min or max is required',
    }),
  z.strictObject({ type: z.literal('distinctPeople'), roles: z.array(KeySchema).min(2) }),
  /** The holder of `role` may not hold any of `roles` in the same case. */
  z.strictObject({ type: z.literal('exclusiveWithRoles'), role: KeySchema, roles: z.array(KeySchema).min(1) }),
  z.strictObject({
    type: z.literal('singleHolder'),
    role: KeySchema,
    handoverRequiresAcceptance: z.boolean(),
  }),
  /** Only someone holding `byRole` in the case or `byOrgRole` may appoint `role`. */
  z.strictObject({
    type: z.literal('appointedBy'),
    role: KeySchema,
    byRole: KeySchema.optional(),
    byOrgRole: OrgRoleSchema.optional(),
  }),
]);
export type RoleConstraint = z.infer<typeof RoleConstraintSchema>;

export const ClosureReasonSchema = z.strictObject({ key: KeySchema, labels: LabelsSchema });
export type ClosureReason = z.infer<typeof ClosureReasonSchema>;

export const ClosureSchema = z.strictObject({
  labels: LabelsSchema.optional(),
  /** Fixed list of reasons, or null for free text. */
  reasons: z.array(ClosureReasonSchema).nullable(),
  requireReason: z.boolean(),
  requireMaintenancePlan: z.boolean(),
  allowedFromStages: z.array(KeySchema).optional(),
});
export type Closure = z.infer<typeof ClosureSchema>;

export const AbsenceThresholdSchema = z.strictObject({
  key: KeySchema,
  kind: z.enum(['occasions', 'percent']),
  value: z.number().positive(),
  window: z.union([isoDuration, z.literal('term')], {
    error: 'must be an ISO-8601 duration such as "P5W" or "term"',
  }),
  labels: LabelsSchema.optional(),
});
export type AbsenceThreshold = z.infer<typeof AbsenceThresholdSchema>;

/** Default trigger (S0, Skollagen practice): 5 unauthorised occasions or ≥ 20 % over 5 weeks. */
export const DEFAULT_ABSENCE_THRESHOLDS: AbsenceThreshold[] = [
  { key: 'occasions-5', kind: 'occasions', value: 5, window: 'P5W' },
  { key: 'percent-20', kind: 'percent', value: 20, window: 'P5W' },
];

export const ConcernReportSchema = z.strictObject({
  /** Name of the report: orosanmälan / bekymringsmelding. */
  labels: LabelsSchema,
  /** The question asked at stage entry when `concernCheck` is set. */
  question: LabelsSchema,
});

export const KeyedLabelSchema = z.strictObject({ key: KeySchema, labels: LabelsSchema });
export type KeyedLabel = z.infer<typeof KeyedLabelSchema>;

export const FeaturesSchema = z.strictObject({
  /** Deviation reports about the collaboration itself (avvikelser / skavinventering). */
  deviationReporting: z.boolean().default(false),
  deviationThemes: z.array(KeyedLabelSchema).default([]),
  /** Compare attendance in a window before and after the plan was created. */
  attendanceComparison: z.strictObject({ window: isoDuration }).optional(),
  /** Kinds of intervention recorded for statistics. */
  interventionTypes: z.array(KeyedLabelSchema).default([]),
  /** Cross-agency consultation can be requested before a case is opened. */
  consultation: z.boolean().default(false),
});
export type Features = z.infer<typeof FeaturesSchema>;

export const PlaybookSchema = z.strictObject({
  key: KeySchema,
  version: z.number().int().min(1),
  labels: LabelsSchema,
  description: LabelsSchema,
  /** Language the model was written in (labels in it are primary). */
  primaryLanguage: z.enum(LANGUAGES).default('sv'),
  /** What the steps are called: stage (steg), level (nivå), tier. */
  dimension: z.enum(['stage', 'level', 'tier']),
  stages: z.array(StageSchema).min(1),
  tiers: z.array(TierSchema).optional(),
  transitions: z.array(TransitionSchema).default([]),
  roles: z.array(RoleSchema).min(1),
  /** The baton/lead role that receives nudges when nobody else is responsible. */
  caseLeadRole: KeySchema,
  decisionKinds: z.array(DecisionKindSchema).default([]),
  meetingTypes: z.array(MeetingTypeSchema).default([]),
  deadlineRules: z.array(DeadlineRuleSchema).default([]),
  roleConstraints: z.array(RoleConstraintSchema).default([]),
  closure: ClosureSchema,
  absenceThresholds: z.array(AbsenceThresholdSchema).default(DEFAULT_ABSENCE_THRESHOLDS),
  consentRequiredFor: z.array(ConsentActionSchema).default([]),
  concernReport: ConcernReportSchema.optional(),
  features: FeaturesSchema.default({
    deviationReporting: false,
    deviationThemes: [],
    interventionTypes: [],
    consultation: false,
  }),
});

/** A validated playbook (defaults applied). */
export type Playbook = z.infer<typeof PlaybookSchema>;
/** What a playbook author writes (defaults may be omitted). */
export type PlaybookInput = z.input<typeof PlaybookSchema>;
