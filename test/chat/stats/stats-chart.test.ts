/**
 * The statistics chart rendered for real: Apache ECharts → SVG → PNG through resvg with the
 * bundled DejaVu Sans. Validators: resvg (the rasteriser; it must find the bundled font for every
 * text, checked by comparing glyph bounding boxes) and the PNG decoder in this file (signature,
 * IHDR, CRC-checked chunks). The PNGs go to test-artifacts/ for a person to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, renderStatsChart, statsChartSvg } from '../../../src/chat/stats/stats-chart.ts';
import type { StatsNames } from '../../../src/chat/stats/stats-names.ts';
import type { StatsFigures, UnitAttendance } from '../../../src/stats/stats.ts';
import { readPng } from '../../support/png.ts';

const require = createRequire(import.meta.url);

const unit = (name: string | null, nCases: number, before: number, after: number): UnitAttendance => ({ schoolUnitId: name, unitName: name, n: nCases, presentBefore: before, presentAfter: after, unauthorisedBefore: 100 - before, unauthorisedAfter: 100 - after });

function figures(over: Partial<StatsFigures> = {}): StatsFigures {
  return {
    openByStage: [
      { playbook: 's0-elevvard', stage: 'signal', count: 8 },
      { playbook: 's0-elevvard', stage: 'kartlaggning', count: 3 },
      { playbook: 's3-bti', stage: 'niva-0', count: 12 },
      { playbook: 's4-sandviken', stage: 'atgard', count: 0 },
    ],
    openByTier: [], open: 23, closed: 7, closedByReason: [], concerns: 2, consents: { given: 9, declined: 1, withdrawn: 0 }, overdue: 3, overdueByRule: [], deviationsByTheme: [], milestones: [],
    attendance: { window: 'P5W', cases: [], units: [unit('Ängsskolan', 6, 74.5, 90.25), unit('Östra Ærøskolen', 7, 61, 80), unit('Söderskolan', 2, 50, 60)], total: unit(null, 15, 68, 85.5) },
    ...over,
  };
}

const stageNames: Record<string, string> = {
  signal: 'Signal om frånvaro', kartlaggning: 'Kartläggning och analys', 'niva-0': 'Nivå 0 – undring och bekymring', atgard: 'Åtgärder',
};
const names = {
  playbook: (k: string) => k, stage: (pb: string, s: string) => `${pb.split('-')[0]!.toUpperCase()}: ${stageNames[s] ?? s}`, stageShort: (_: string, s: string) => s,
  tier: (_: string, t: string) => t, meeting: (_: string, m: string) => m, rule: (_: string, r: string) => r, reason: (r: string) => r, theme: (t: string) => t,
  offset: (o: string) => o, unit: (u: { unitName: string | null }) => u.unitName ?? 'Utan enhet',
} as unknown as StatsNames;

const meta = { org: 'Övertorneå kommun', date: '2026-11-30' };

describe('statistics chart (ECharts → SVG → resvg PNG)', () => {
  it('has title, organisation, date, labelled axes, values and Å Ä Ö Æ Ø as text', async () => {
    const svg = await statsChartSvg(figures(), names, 'sv', meta);
    for (const t of ['Statistik – Övertorneå kommun', 'Läget 2026-11-30', '5 veckor före och efter', 'Närvaro före/efter plan', 'Närvaro (% av schemalagd tid)', 'Antal öppna ärenden',
      'Ängsskolan (6 ärenden)', 'Östra Ærøskolen (7 ärenden)', '74,5 %', '90,3 %', 'Före', 'Efter', 'Kartläggning', 'Åtgärder', '>12<', '<5 = färre än 5 ärenden']) {
      expect(svg.replace(/&lt;/g, '<').replace(/&gt;/g, '>'), t).toContain(t.replace(/&/g, '&amp;'));
    }
    // Small counts: a unit with 2 cases is only named in the footnote; the stage with 3 cases is "<5".
    expect(svg).toContain('Enheter med färre än 5 ärenden visas inte: Söderskolan.');
    expect(svg).not.toContain('Söderskolan (2');
    // "All units" (15) minus the two shown (13) would reveal Söderskolan's 2 cases: not drawn.
    expect(svg).not.toContain('Alla enheter');
    const noneWithheld = figures({ attendance: { window: 'P5W', cases: [], units: [unit('Ängsskolan', 6, 74.5, 90.25), unit('Östra Ærøskolen', 7, 61, 80)], total: unit(null, 13, 68, 85.5) } });
    expect(await statsChartSvg(noneWithheld, names, 'sv', meta)).toContain('Alla enheter (13 ärenden)');
    expect(svg).toContain('&lt;5');
  });

  for (const lang of ['sv', 'nb', 'en'] as const) {
    it(`renders a readable PNG in ${lang} into test-artifacts/`, async () => {
      const png = await renderStatsChart(figures(), names, lang, meta);
      const img = readPng(png);
      expect(img.width).toBe(CHART_WIDTH);
      expect(img.height).toBeGreaterThan(500);
      expect(png.length).toBeLessThan(512 * 1024); // inlined in Teams
      mkdirSync('test-artifacts', { recursive: true });
      writeFileSync(`test-artifacts/stats-chart-${lang}.png`, png);
    });
  }

  it('the bundled font has the Nordic letters (resvg draws Å Ä Ö Æ Ø with real glyphs, not boxes)', () => {
    const { fontFiles } = { fontFiles: [] as string[] };
    void fontFiles;
    const draw = (t: string) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80"><text x="10" y="55" font-family="DejaVu Sans" font-size="48">${t}</text></svg>`;
      const r = new Resvg(svg, { font: { fontFiles: [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } });
      const bbox = r.getBBox();
      return bbox ? Math.round(bbox.width) : 0;
    };
    // Each letter is drawn (positive width) and distinct from its unaccented base (accents change shape, not width, so compare pixels).
    for (const ch of ['Å', 'Ä', 'Ö', 'Æ', 'Ø', 'å', 'ä', 'ö', 'æ', 'ø']) expect(draw(ch), ch).toBeGreaterThan(10);
    const pixels = (t: string) => new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><text x="10" y="65" font-family="DejaVu Sans" font-size="56">${t}</text></svg>`, { font: { fontFiles: [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')], loadSystemFonts: false } }).render().pixels;
    expect(Buffer.compare(pixels('Å'), pixels('A'))).not.toBe(0);
    expect(Buffer.compare(pixels('Ö'), pixels('O'))).not.toBe(0);
  });

  it('shows "too few cases" when nothing may be shown, and still renders', async () => {
    const empty = figures({ openByStage: [], attendance: { window: 'P5W', cases: [], units: [unit('Norrskolan', 3, 50, 70)], total: unit(null, 3, 50, 70) } });
    const svg = await statsChartSvg(empty, names, 'en', meta);
    expect(svg).toContain('Too few cases to show');
    expect(svg).toContain('Units with fewer than 5 cases are not shown: Norrskolan.');
    const png = await renderStatsChart(empty, names, 'en', meta);
    writeFileSync('test-artifacts/stats-chart-empty-en.png', png);
    expect(readPng(png).width).toBe(CHART_WIDTH);
  });
});
