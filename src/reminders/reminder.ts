/**
 * Reminder types shared by the planner, the dispatcher and the renderer. A nudge's payload holds
 * ids, codes, label keys and dates only — never names or free text — so a stored row is safe to
 * read anywhere; text is rendered at delivery time in the recipient's language.
 */
import type { WorkingHoursConfig } from '../shared/calendar.ts';
import { orgSettings } from '../orgs/org-settings.ts';
import type { Playbook } from '../playbooks/index.ts';
import type { ActionId } from '../ports/action-ids.ts';
import type { Button, Reply } from '../ports/reply.ts';
import type { Lang } from '../i18n/lang.ts';

export type { Lang } from '../i18n/lang.ts';
export type ChannelPlatform = 'SLACK' | 'TEAMS' | 'CONSOLE';

export const NUDGE_KINDS = [
  'meeting.before',
  'meeting.dayof',
  'meeting.prepare',
  'deadline.soon',
  'deadline.due',
  'deadline.overdue',
  'deadline.escalation',
  'task.guardian',
  'consent.expiring',
  'case.inactive',
  'handover.pending',
  'handover.waiting',
  'digest.person',
  'digest.channel',
  'delivery.failed',
] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** Key prefix of nudges owned by the case planner; only these are cancelled by re-planning. */
export const PLANNED_PREFIX = 'p:';

/** The deadline rule key of the mentor's same-day guardian-notification task. */
export const GUARDIAN_TASK_RULE = 'guardian-notification';

export interface NudgePayload {
  caseCode?: string;
  playbookKey?: string;
  meetingId?: string;
  meetingType?: string;
  startsAt?: string;
  deadlineId?: string;
  ruleKey?: string;
  subjectType?: string | null;
  subjectId?: string | null;
  dueAt?: string;
  /** Escalation level: 1 = case lead, 2 = team lead. */
  level?: number;
  consentId?: string;
  expiresAt?: string;
  days?: number;
  weekKey?: string;
  /** handover.*: the pending hand-over and when it was asked for. */
  handoverId?: string;
  requestedAt?: string;
  /** delivery.failed: what could not be delivered. */
  failedKind?: string;
  failedTarget?: 'person' | 'channel';
  failedPersonId?: string | null;
  reason?: string;
}

export interface ChannelTarget {
  platform: ChannelPlatform;
  channelId: string;
}

/** One nudge the planner wants to exist. */
export interface DesiredNudge {
  dedupeKey: string;
  kind: NudgeKind;
  personId: string | null;
  channel: ChannelTarget | null;
  dueAt: Date;
  /** `dueAt` moved into working hours. */
  sendAt: Date;
  payload: NudgePayload;
  /**
   * Not worth creating once now is past this instant (a "2 days before" reminder for a meeting
   * booked tomorrow). Null: always create (overdue notices, escalations). Existing rows are never
   * dropped for being late — a due nudge that was not yet sent is still delivered.
   */
  staleAfter: Date | null;
}

/** Organisation nudge settings with defaults applied. */
export interface NudgeSettings {
  meetingReminderWorkingDays: number;
  inactivityDays: number;
  /** Working days after the due time before escalating to the case lead, then the team lead(s). */
  escalationDelayWorkingDays: number[];
  consentExpiryWarningDays: number;
  /** Local time of morning reminders. */
  morningTime: string;
}

export const DEFAULT_NUDGE_SETTINGS: NudgeSettings = {
  meetingReminderWorkingDays: 2,
  inactivityDays: 21,
  escalationDelayWorkingDays: [2, 5],
  consentExpiryWarningDays: 14,
  morningTime: '08:00',
};

/** Reads `settings.nudges` of an organisation (validated at set-up) over the defaults. */
export function nudgeSettings(settings: unknown): NudgeSettings {
  const n = orgSettings(settings).nudges ?? {};
  return {
    meetingReminderWorkingDays: n.meetingReminderWorkingDays ?? DEFAULT_NUDGE_SETTINGS.meetingReminderWorkingDays,
    inactivityDays: n.inactivityDays ?? DEFAULT_NUDGE_SETTINGS.inactivityDays,
    escalationDelayWorkingDays: n.escalationDelayWorkingDays?.length ? n.escalationDelayWorkingDays : DEFAULT_NUDGE_SETTINGS.escalationDelayWorkingDays,
    consentExpiryWarningDays: n.consentExpiryWarningDays ?? DEFAULT_NUDGE_SETTINGS.consentExpiryWarningDays,
    morningTime: DEFAULT_NUDGE_SETTINGS.morningTime,
  };
}

/** Everything the planner needs about one case, loaded in the case's transaction. */
export interface CasePlanState {
  now: Date;
  calendar: WorkingHoursConfig;
  settings: NudgeSettings;
  kase: {
    id: string;
    orgId: string;
    code: string;
    status: 'OPEN' | 'CLOSED' | 'PURGED';
    origin: 'REFERRAL' | 'ABSENCE_SIGNAL';
    playbookKey: string;
    batonHolderId: string | null;
    lastActivityAt: Date;
  };
  /** Playbook facts the planner uses (null when the playbook is unknown). */
  playbook: {
    caseLeadRole: string;
    meetingTypes: { key: string; defaultParticipants: string[]; leadRole?: string | undefined; prepareLeadDays?: number | undefined }[];
    advisoryRules: string[];
  } | null;
  members: { personId: string; role: string }[];
  meetings: { id: string; type: string; startsAt: Date; participantIds: string[] }[];
  deadlines: { id: string; ruleKey: string; subjectType: string | null; subjectId: string | null; dueAt: Date; ownerId: string | null; ownerRole: string | null; createdAt: Date }[];
  consents: { id: string; expiresAt: Date }[];
  /** Pending baton hand-overs (optional for callers that build a state by hand). */
  handovers?: { id: string; toId: string; requestedAt: Date }[];
  teamLeadIds: string[];
  channels: ChannelTarget[];
}

/** A case in a weekly digest, as data: the conversation layer writes its line (src/chat/reminder-views.ts). */
export interface DigestCase {
  code: string;
  stage: string;
  playbook: Playbook | undefined;
  batonHolderId: string | null;
  /** The next planned meeting, if any. */
  meeting: { type: string; startsAt: Date } | null;
  /** The earliest open deadline, if any; `overdue` against the organisation's day. */
  deadline: { ruleKey: string; dueAt: Date; ownerId: string | null; ownerRole: string | null; overdue: boolean } | null;
  members: { personId: string; role: string; displayName: string }[];
  /** The deadline owner's display name: only read for a personal digest (`names`). */
  ownerName: string | null;
}

/** One of the person's own open items due within the week. */
export interface DigestOwnItem {
  code: string;
  dueAt: Date;
  ruleKey: string;
  playbook: Playbook | undefined;
  /** The action's text (personal digests only). */
  actionText: string | null;
}

/** A weekly digest as data: `names` (a personal one) allows people's names, a channel's does not. */
export interface DigestData {
  names: boolean;
  cases: DigestCase[];
  own: DigestOwnItem[];
}

/** One nudge of a message, with what its text needs (free text only in 1:1 messages). */
export interface NudgeRenderItem {
  id: string;
  kind: NudgeKind;
  payload: NudgePayload;
  playbook: Playbook | undefined;
  actionText: string | null;
  recipientText: string | null;
  /** A weekly digest's content (digest kinds only). */
  digest?: DigestData;
}

/** A message the dispatcher delivers: nudges for one conversation, in its language. */
export interface NudgeRenderInput {
  lang: Lang;
  tz: string;
  /** A 1:1 message (buttons, names and free text allowed) rather than a channel's. */
  personal: boolean;
  items: NudgeRenderItem[];
}

/**
 * How reminders read — the conversation layer's (src/chat/reminder-views.ts), handed to the
 * dispatcher by the composition root, so the reminders module gathers data and never writes texts.
 */
export interface NudgeViews {
  nudges(input: NudgeRenderInput): Reply<ActionId>;
  /** A stored notice's text and buttons (from the notice's view) as a message. */
  notice(text: string, buttons: Button<ActionId>[]): Reply<ActionId>;
  /** "The case channel", as the recipient of a failed delivery is named. */
  deliveryFailedChannel(lang: Lang): string;
}
