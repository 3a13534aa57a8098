/**
 * The statistics chart for the steering group: Apache ECharts draws it as SVG (server-side, no
 * DOM), resvg rasterises it to PNG with the bundled DejaVu Sans (Å Ä Ö Æ Ø). Two panels:
 * attendance before/after the plan per unit (only units with at least 5 cases; the others are
 * named in a footnote) and open cases per stage, where a count of 1–4 is a dashed bar of fixed
 * length labelled "<5" so the bar cannot reveal the number. Title, organisation, date and the
 * attendance window head the chart; both value axes are labelled and every bar carries its value.
 * The libraries load on the first chart only, so start-up and idle memory do not pay for them.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Lang } from '../../i18n/lang.ts';
import { windowText } from '../absence.messages.ts';
import type { StatsNames } from './stats-names.ts';
import { allUnitsShowable, MIN_CASES, type StatsFigures, type UnitAttendance } from '../../stats/stats.ts';
import { num, st } from './stats.messages.ts';

const require = createRequire(import.meta.url);

/** What the chart says about itself: whose figures, as of when. */
export interface ChartMeta {
  org: string;
  /** The day the figures describe, YYYY-MM-DD in the organisation's calendar. */
  date: string;
}

export const CHART_WIDTH = 900;
const FONT = 'DejaVu Sans';
const INK = '#212529';
const MUTED = '#495057';
const BEFORE = '#adb5bd';
const AFTER = '#1976d2';
const STAGE = '#2e7d32';
const LEFT = 340;
const RIGHT = 96;

type ECharts = typeof import('echarts/core');
interface Libs {
  echarts: ECharts;
  Resvg: typeof import('@resvg/resvg-js').Resvg;
  fontFiles: string[];
}

let libs: Promise<Libs> | undefined;

/** Loads ECharts (bar chart, SVG renderer) and resvg once, on first use. */
function loadLibs(): Promise<Libs> {
  libs ??= (async () => {
    // Only the parts this chart uses: the `echarts/charts` and `echarts/components` barrels
    // would load every chart type and component (measured: about twice the memory).
    const [echarts, renderers, resvg] = await Promise.all([import('echarts/core'), import('echarts/renderers'), import('@resvg/resvg-js')]);
    await Promise.all([import('echarts/lib/chart/bar'), import('echarts/lib/component/gridSimple'), import('echarts/lib/component/graphic'), import('echarts/lib/component/legendPlain')]);
    echarts.use([renderers.SVGRenderer]);
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    return { echarts, Resvg: resvg.Resvg, fontFiles: [path.join(dir, 'DejaVuSans.ttf'), path.join(dir, 'DejaVuSans-Bold.ttf')] };
  })();
  libs.catch(() => (libs = undefined));
  return libs;
}

const text = (t: string, left: number, top: number, size: number, opts: { bold?: boolean; fill?: string; width?: number } = {}) => ({
  type: 'text',
  left,
  top,
  style: { text: t, fontFamily: FONT, fontSize: size, fontWeight: opts.bold ? 'bold' : 'normal', fill: opts.fill ?? INK, ...(opts.width ? { width: opts.width, overflow: 'break' } : {}) },
});

/** The chart as SVG text (the PNG is rasterised from it). */
export async function statsChartSvg(f: StatsFigures, n: StatsNames, lang: Lang, meta: ChartMeta): Promise<string> {
  const { echarts } = await loadLibs();
  const shown: (UnitAttendance & { name: string })[] = f.attendance.units.filter((u) => u.n >= MIN_CASES).map((u) => ({ ...u, name: st(lang, 'chartUnitCases', { unit: n.unit(u), n: u.n }) }));
  if (f.attendance.total && allUnitsShowable(f.attendance)) shown.push({ ...f.attendance.total, name: st(lang, 'chartUnitCases', { unit: st(lang, 'allUnits'), n: f.attendance.total.n }) });
  const hidden = f.attendance.units.filter((u) => u.n > 0 && u.n < MIN_CASES).map((u) => n.unit(u));
  const stages = f.openByStage;
  const anySuppressed = stages.some((s) => s.count > 0 && s.count < MIN_CASES);

  const graphic: object[] = [];
  const grid: object[] = [];
  const xAxis: object[] = [];
  const yAxis: object[] = [];
  const series: object[] = [];
  // Sizes are for chat: Teams shows the image about half its width, so text is drawn large.
  const axisText = { fontFamily: FONT, fontSize: 19, color: INK };
  const categoryAxis = (gridIndex: number, data: string[]) => ({
    type: 'category', gridIndex, data, inverse: true,
    axisLabel: { ...axisText, width: LEFT - 36, overflow: 'break', lineHeight: 22 },
    axisTick: { show: false }, axisLine: { lineStyle: { color: '#868e96' } },
  });
  const valueAxis = (gridIndex: number, name: string, max: number | undefined, unit: string) => ({
    type: 'value', gridIndex, min: 0, ...(max ? { max } : {}), name, nameLocation: 'middle', nameGap: 38,
    nameTextStyle: { ...axisText, fontSize: 18, color: MUTED },
    axisLabel: { ...axisText, fontSize: 17, color: MUTED, formatter: (v: number) => `${num(lang, v)}${unit}` },
    splitLine: { lineStyle: { color: '#dee2e6' } },
  });

  let y = 20;
  graphic.push(text(st(lang, 'chartTitle', { org: meta.org }), 24, y, 30, { bold: true }));
  y += 46;
  graphic.push(text(st(lang, 'chartAsOf', { date: meta.date }), 24, y, 19, { fill: MUTED }));
  y += 28;
  graphic.push(text(st(lang, 'chartWindow', { window: windowText(lang, f.attendance.window) }), 24, y, 19, { fill: MUTED }));
  y += 48;

  // Panel 1: attendance before/after the plan, per unit.
  graphic.push(text(st(lang, 'chartAttendance'), 24, y, 24, { bold: true }));
  const legendTop = y + 2;
  y += 46;
  if (shown.length) {
    const h = shown.length * 92;
    grid.push({ left: LEFT, right: RIGHT, top: y, height: h });
    yAxis.push(categoryAxis(grid.length - 1, shown.map((u) => u.name)));
    xAxis.push(valueAxis(grid.length - 1, st(lang, 'chartAttendanceAxis'), 100, ' %'));
    const label = { show: true, position: 'right', fontFamily: FONT, fontSize: 19, color: INK, formatter: (p: { value: number }) => `${num(lang, p.value)} %` };
    series.push(
      { type: 'bar', name: st(lang, 'chartBefore'), xAxisIndex: 0, yAxisIndex: 0, data: shown.map((u) => u.presentBefore), itemStyle: { color: BEFORE }, barWidth: 28, barGap: '12%', label },
      { type: 'bar', name: st(lang, 'chartAfter'), xAxisIndex: 0, yAxisIndex: 0, data: shown.map((u) => u.presentAfter), itemStyle: { color: AFTER }, barWidth: 28, label },
    );
    y += h + 66;
  } else {
    graphic.push(text(st(lang, 'chartNoData'), LEFT, y + 6, 19, { fill: MUTED }));
    y += 50;
  }
  if (hidden.length) {
    graphic.push(text(st(lang, 'chartSuppressedUnits', { units: hidden.join(', ') }), 24, y, 17, { fill: MUTED, width: CHART_WIDTH - 48 }));
    y += 34;
  }
  y += 16;

  // Panel 2: open cases per stage.
  graphic.push(text(st(lang, 'chartStages'), 24, y, 24, { bold: true }));
  y += 46;
  if (stages.length) {
    const h = stages.length * 56;
    grid.push({ left: LEFT, right: RIGHT, top: y, height: h });
    const gi = grid.length - 1;
    yAxis.push(categoryAxis(gi, stages.map((s) => n.stage(s.playbook, s.stage))));
    xAxis.push({ ...valueAxis(gi, st(lang, 'chartStagesAxis'), undefined, ''), minInterval: 1 });
    series.push({
      type: 'bar', name: st(lang, 'chartStages'), xAxisIndex: gi, yAxisIndex: gi, barWidth: 32,
      data: stages.map((s) =>
        s.count > 0 && s.count < MIN_CASES
          ? { value: MIN_CASES, itemStyle: { color: 'rgba(46,125,50,0.12)', borderColor: STAGE, borderWidth: 2, borderType: 'dashed' }, label: { formatter: '<5' } }
          : { value: s.count },
      ),
      itemStyle: { color: STAGE },
      label: { show: true, position: 'right', fontFamily: FONT, fontSize: 19, color: INK },
    });
    y += h + 66;
  } else {
    graphic.push(text('0', LEFT, y + 6, 19, { fill: MUTED }));
    y += 50;
  }
  if (anySuppressed) {
    graphic.push(text(st(lang, 'chartSuppressedNote'), 24, y, 17, { fill: MUTED }));
    y += 34;
  }
  const height = y + 10;

  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT },
      graphic,
      grid,
      xAxis,
      yAxis,
      series,
      legend: shown.length ? { data: [st(lang, 'chartBefore'), st(lang, 'chartAfter')], top: legendTop, right: RIGHT, textStyle: { ...axisText }, itemWidth: 26, itemHeight: 18, itemGap: 28 } : { show: false },
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Renders the chart as PNG bytes. */
export async function renderStatsChart(f: StatsFigures, n: StatsNames, lang: Lang, meta: ChartMeta): Promise<Buffer> {
  const svg = await statsChartSvg(f, n, lang, meta);
  const { Resvg, fontFiles } = await loadLibs();
  const png = new Resvg(svg, {
    background: '#ffffff',
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT },
  }).render().asPng();
  return Buffer.from(png);
}
