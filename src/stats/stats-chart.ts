/**
 * The statistics chart: attendance before/after the plan per unit (only units with at least 5
 * cases) above open cases per stage. Horizontal bars so long Swedish labels fit. A suppressed
 * count is drawn as a hatched outline of fixed length labelled "<5", so the bar itself cannot
 * reveal the number.
 */
import type { Lang } from '../chat/format.ts';
import { Canvas, type Rgb } from './png.ts';
import type { StatsNames } from './stats.service.ts';
import { MIN_CASES, suppress, type StatsFigures, type UnitAttendance } from './stats.ts';
import { num, st } from './stats.messages.ts';

const W = 860;
const M = 24;
const LABEL_W = 280;
const BAR_X = M + LABEL_W + 12;
const BAR_W = 440;
const INK: Rgb = [33, 37, 41];
const MUTED: Rgb = [108, 117, 125];
const BEFORE: Rgb = [173, 181, 189];
const AFTER: Rgb = [25, 118, 210];
const STAGE: Rgb = [46, 125, 50];
const GRID: Rgb = [222, 226, 230];

/** Renders the chart as PNG bytes. */
export function renderStatsChart(f: StatsFigures, n: StatsNames, lang: Lang): Buffer {
  const units: (UnitAttendance & { name: string })[] = f.attendance.units.filter((u) => u.n >= MIN_CASES).map((u) => ({ ...u, name: n.unit(u) }));
  if (f.attendance.total && f.attendance.total.n >= MIN_CASES && f.attendance.units.length > 1) units.push({ ...f.attendance.total, name: st(lang, 'allUnits') });
  const stages = f.openByStage;
  const attH = 70 + Math.max(1, units.length) * 56 + 30;
  const stageH = 60 + Math.max(1, stages.length) * 30 + 20;
  const c = new Canvas(W, attH + stageH + M);

  // Panel 1: attendance before/after.
  let y = M;
  c.text(M, y, st(lang, 'chartAttendance'), INK, 3);
  y += 34;
  c.fillRect(BAR_X, y + 2, 14, 14, BEFORE);
  c.text(BAR_X + 20, y + 3, st(lang, 'chartBefore'), MUTED, 2);
  c.fillRect(BAR_X + 140, y + 2, 14, 14, AFTER);
  c.text(BAR_X + 160, y + 3, st(lang, 'chartAfter'), MUTED, 2);
  y += 30;
  for (const pctTick of [0, 25, 50, 75, 100]) c.fillRect(BAR_X + (BAR_W * pctTick) / 100, y - 4, 1, Math.max(1, units.length) * 56, GRID);
  if (!units.length) {
    c.text(BAR_X, y + 14, st(lang, 'chartNoData'), MUTED, 2);
  }
  for (const u of units) {
    c.text(M, y + 14, Canvas.fit(`${u.name} (${u.n})`, LABEL_W), INK, 2);
    const bar = (row: number, value: number, colour: Rgb) => {
      const w = Math.max(1, (BAR_W * Math.min(100, Math.max(0, value))) / 100);
      c.fillRect(BAR_X, y + row * 22, w, 18, colour);
      c.text(BAR_X + w + 8, y + row * 22 + 2, `${num(lang, value)} %`, INK, 2);
    };
    bar(0, u.presentBefore, BEFORE);
    bar(1, u.presentAfter, AFTER);
    y += 56;
  }
  y = attH + M;

  // Panel 2: open cases per stage.
  c.fillRect(M, y - 12, W - 2 * M, 1, GRID);
  c.text(M, y, st(lang, 'chartStages'), INK, 3);
  y += 44;
  const max = Math.max(5, ...stages.map((s) => s.count));
  if (!stages.length) c.text(BAR_X, y, '0', MUTED, 2);
  for (const s of stages) {
    c.text(M, y + 3, Canvas.fit(n.stageShort(s.playbook, s.stage), LABEL_W), INK, 2);
    const shown = suppress(s.count);
    if (shown === '<5') {
      const w = (BAR_W * 5) / max;
      c.hatchRect(BAR_X, y, w, 20, STAGE);
      c.text(BAR_X + w + 8, y + 3, '<5', INK, 2);
    } else {
      const w = Math.max(1, (BAR_W * s.count) / max);
      c.fillRect(BAR_X, y, w, 20, STAGE);
      c.text(BAR_X + w + 8, y + 3, shown, INK, 2);
    }
    y += 30;
  }
  return c.toPng();
}
