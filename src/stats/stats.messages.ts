/** Texts of the statistics reply, chart and CSV in Swedish, Norwegian and English. */
import type { Lang } from '../chat/format.ts';

const T: Record<Lang, Record<string, string>> = {
  sv: {
    byTier: 'Öppna ärenden per nivå',
    milestones: 'Tid från signal/start till möte (median)',
    'milestone.goal': 'Målmöte / första mötet',
    'milestone.network': 'Nätverksmöte',
    'milestone.followUp': 'Uppföljning',
    medianDays: '{days} dagar (n = {n})',
    fewCases: 'färre än 5 ärenden',
    deadline: 'tidsfrist {rule}: {onTime} i tid, {late} sent, {overdue} försenade',
    deadlineWindow: 'tidsfrist {rule}: {early} för tidigt, {onTime} i tid, {late} sent, {overdue} försenade',
    overdueByRule: 'Försenade tidsfrister per regel',
    attendance: 'Närvaro före → efter plan (per enhet, {window} före/efter)',
    attendanceLine: '{unit} ({n} ärenden): närvaro {before} % → {after} %, ogiltig frånvaro {ubefore} % → {uafter} %',
    attendanceSuppressed: '{unit}: färre än 5 ärenden',
    attendanceNone: 'Inga ärenden med närvarodata före och efter en plan.',
    allUnits: 'Alla enheter',
    noUnit: 'Utan enhet',
    mine: 'Dina ärenden: närvaro före → efter plan',
    mineLine: '{code}: närvaro {before} % → {after} %, ogiltig frånvaro {ubefore} % → {uafter} %',
    mineNone: 'Inga av dina ärenden har närvarodata före och efter planen.',
    csvReady: 'Statistiken som CSV (små tal visas som <5).',
    chartAttendance: 'Närvaro före/efter plan',
    chartStages: 'Öppna ärenden per steg',
    chartBefore: 'Före',
    chartAfter: 'Efter',
    chartNoData: 'För få ärenden att visa',
    chartAttached: 'Diagram bifogat: närvaro före/efter plan och ärenden per steg.',
    days: 'dagar',
  },
  nb: {
    byTier: 'Åpne saker per nivå',
    milestones: 'Tid fra signal/start til møte (median)',
    'milestone.goal': 'Første møte',
    'milestone.network': 'Nettverksmøte',
    'milestone.followUp': 'Oppfølging',
    medianDays: '{days} dager (n = {n})',
    fewCases: 'færre enn 5 saker',
    deadline: 'frist {rule}: {onTime} i tide, {late} for sent, {overdue} forsinket',
    deadlineWindow: 'frist {rule}: {early} for tidlig, {onTime} i tide, {late} for sent, {overdue} forsinket',
    overdueByRule: 'Forsinkede frister per regel',
    attendance: 'Fremmøte før → etter plan (per enhet, {window} før/etter)',
    attendanceLine: '{unit} ({n} saker): fremmøte {before} % → {after} %, ugyldig fravær {ubefore} % → {uafter} %',
    attendanceSuppressed: '{unit}: færre enn 5 saker',
    attendanceNone: 'Ingen saker med fremmøtedata før og etter en plan.',
    allUnits: 'Alle enheter',
    noUnit: 'Uten enhet',
    mine: 'Dine saker: fremmøte før → etter plan',
    mineLine: '{code}: fremmøte {before} % → {after} %, ugyldig fravær {ubefore} % → {uafter} %',
    mineNone: 'Ingen av dine saker har fremmøtedata før og etter planen.',
    csvReady: 'Statistikken som CSV (små tall vises som <5).',
    chartAttendance: 'Fremmøte før/etter plan',
    chartStages: 'Åpne saker per steg',
    chartBefore: 'Før',
    chartAfter: 'Etter',
    chartNoData: 'For få saker til å vise',
    chartAttached: 'Diagram vedlagt: fremmøte før/etter plan og saker per steg.',
    days: 'dager',
  },
  en: {
    byTier: 'Open cases per tier',
    milestones: 'Time from signal/start to meeting (median)',
    'milestone.goal': 'Goal / first meeting',
    'milestone.network': 'Network meeting',
    'milestone.followUp': 'Follow-up',
    medianDays: '{days} days (n = {n})',
    fewCases: 'fewer than 5 cases',
    deadline: 'deadline {rule}: {onTime} on time, {late} late, {overdue} overdue',
    deadlineWindow: 'deadline {rule}: {early} early, {onTime} on time, {late} late, {overdue} overdue',
    overdueByRule: 'Overdue deadlines per rule',
    attendance: 'Attendance before → after the plan (per unit, {window} before/after)',
    attendanceLine: '{unit} ({n} cases): attendance {before} % → {after} %, unauthorised absence {ubefore} % → {uafter} %',
    attendanceSuppressed: '{unit}: fewer than 5 cases',
    attendanceNone: 'No cases with attendance data before and after a plan.',
    allUnits: 'All units',
    noUnit: 'No unit',
    mine: 'Your cases: attendance before → after the plan',
    mineLine: '{code}: attendance {before} % → {after} %, unauthorised absence {ubefore} % → {uafter} %',
    mineNone: 'None of your cases has attendance data before and after the plan.',
    csvReady: 'The statistics as CSV (small counts shown as <5).',
    chartAttendance: 'Attendance before/after plan',
    chartStages: 'Open cases per stage',
    chartBefore: 'Before',
    chartAfter: 'After',
    chartNoData: 'Too few cases to show',
    chartAttached: 'Chart attached: attendance before/after the plan and cases per stage.',
    days: 'days',
  },
};

/** A localized statistics text with `{param}` interpolation. */
/** The three catalogs (a test checks they match and read well). */
export const statsCatalogs = T;

export function st(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const s = T[lang][key] ?? T.sv[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** A number with one decimal in the language's style: 12,5 (sv/nb) or 12.5 (en). */
export function num(lang: Lang, n: number): string {
  const r = Math.round(n * 10) / 10;
  return lang === 'en' ? String(r) : String(r).replace('.', ',');
}
