/** Statistics figures: the shapes computed by the service and rendered as text, chart and CSV. */

/** Small-count suppression: 0 stays 0, 1–4 become "<5". */
export function suppress(n: number): string {
  return n > 0 && n < 5 ? '<5' : String(n);
}

/** The smallest number of cases a median or an average may rest on. */
export const MIN_CASES = 5;

/**
 * Whether the all-units attendance may be shown beside the units: not when it could be
 * differenced against the shown units to reveal a withheld unit (e.g. 8 cases in all, 6 at the
 * one unit shown: the other unit's 2 cases and their mean would follow).
 */
export function allUnitsShowable(a: { units: { n: number }[]; total: { n: number } | null }): boolean {
  if (!a.total || a.total.n < MIN_CASES || a.units.length < 2) return false;
  const withheld = a.units.filter((u) => u.n < MIN_CASES).reduce((sum, u) => sum + u.n, 0);
  return withheld === 0 || withheld >= MIN_CASES;
}

export type Milestone = 'goal' | 'network' | 'followUp';
export const MILESTONES: readonly Milestone[] = ['goal', 'network', 'followUp'];

export interface MilestoneFigure {
  playbook: string;
  milestone: Milestone;
  meetingType: string;
  /** Cases that reached the milestone. */
  n: number;
  /** Median days from trigger (or opening) to the meeting being held; null when n = 0. */
  medianDays: number | null;
  /** The playbook deadline rule expecting this meeting, if any. */
  /**
   * Met before the window opened (`early`, window rules only), on or before the due date
   * (`onTime`), on a later day (`late`), or still open after its due date (`overdue`); days
   * count in the organisation's time zone.
   */
  deadline?: { rule: string; offset: string; early: number; onTime: number; late: number; overdue: number };
}

export interface AttendanceShare {
  /** Scheduled minutes (or lessons when the export has no minutes). */
  scheduled: number;
  absent: number;
  unauthorised: number;
}

export interface CaseAttendance {
  caseId: string;
  code: string;
  schoolUnitId: string | null;
  planDate: string;
  window: string;
  before: AttendanceShare;
  after: AttendanceShare;
}

export interface UnitAttendance {
  schoolUnitId: string | null;
  unitName: string | null;
  n: number;
  /** Mean over the unit's cases (each case weighs the same), percent. */
  presentBefore: number;
  presentAfter: number;
  unauthorisedBefore: number;
  unauthorisedAfter: number;
}

export interface StatsFigures {
  openByStage: { playbook: string; stage: string; count: number }[];
  openByTier: { playbook: string; tier: string; count: number }[];
  open: number;
  closed: number;
  closedByReason: { reason: string; count: number }[];
  concerns: number;
  consents: { given: number; declined: number; withdrawn: number };
  overdue: number;
  overdueByRule: { playbook: string; rule: string; count: number }[];
  deviationsByTheme: { theme: string; count: number }[];
  milestones: MilestoneFigure[];
  attendance: { window: string; cases: CaseAttendance[]; units: UnitAttendance[]; total: UnitAttendance | null };
}
