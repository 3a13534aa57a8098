/**
 * The case export as PDF, read back with Mozilla's PDF.js (pdfjs-dist): the same content as the
 * Markdown, Nordic letters intact, and case code, organisation, export date and "page n of m" on
 * every page. When poppler's pdftoppm is installed, page 1 is rendered to test-artifacts/ for a
 * person to look at.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/cases/case.service.ts';
import { buildCaseExport, type CaseExport } from '../../src/chat/export.ts';
import { exportPdf } from '../../src/chat/export-pdf.ts';
import { addAction, completeAction, evaluateAction, recordDecision } from '../../src/plans/plan.service.ts';
import { createTestCore, type TestCore } from '../support/core.ts';
import { dbKind } from '../support/db.ts';

const NORDIC = 'Åsa Ärlig Öberg och Ærlig Ødegård – å ä ö æ ø';

async function pagesText(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  await doc.cleanup();
  return pages;
}

describe(`case export as PDF (${dbKind})`, () => {
  let core: TestCore;
  let doc: CaseExport;
  let pdf: Buffer;
  let pages: string[];
  beforeAll(async () => {
    core = await createTestCore();
    const maria = await core.as('maria');
    const { code } = await openCase(core.deps, maria, { playbookKey: 's0-elevvard', studentRef: 'Elev Exempelsson', schoolUnitCode: 'NORR', reason: NORDIC });
    // Enough content for several pages.
    for (let i = 1; i <= 30; i++) await recordDecision(core.deps, maria, code, { text: `Beslut ${i}: ${NORDIC}. ${'Eleven får stöd i matematik och svenska. '.repeat(3)}` });
    await addAction(core.deps, maria, code, { text: '<img src=x onerror=alert(1)> # inte en rubrik' });
    // Owned by the student, followed up by Maria; done and evaluated.
    const b = await addAction(core.deps, maria, code, { text: 'Följer med till skolan på tisdagar', participant: 'Eleven', dueAt: new Date('2026-12-04T15:00:00Z'), evaluationAt: new Date('2026-12-18T15:00:00Z') });
    await completeAction(core.deps, maria, code, b.actionId);
    core.clock.set(new Date('2026-12-07T10:00:00Z'));
    await evaluateAction(core.deps, maria, code, b.actionId, { result: 'NOT', note: 'Eleven vill gå själv' });
    doc = await buildCaseExport(core.deps, maria, code, 'sv', 'Europe/Stockholm');
    pdf = await exportPdf(doc, core.clock.now());
    pages = await pagesText(pdf);
  }, 120_000);
  afterAll(async () => core?.close());

  it('is a PDF of several pages', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it('has case code, organisation, export date and page n of m on every page', () => {
    pages.forEach((text, i) => {
      expect(text).toContain(`${doc.code} · Demo kommun · Exporterad ${doc.exportedOn}`);
      expect(text).toContain(`Sida ${i + 1} av ${pages.length}`);
    });
  });

  it('keeps Å Ä Ö Æ Ø with an embedded font', () => {
    const all = pages.join(' ');
    expect(all).toContain(NORDIC);
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    expect(pdf.toString('latin1')).toMatch(/DejaVuSans/);
  });

  it('renders the same content as the Markdown, user text as text', () => {
    const all = pages.join(' ');
    expect(all).toContain(doc.title);
    for (const s of doc.sections) expect(all).toContain(s.heading);
    expect(all).toContain('<img src=x onerror=alert(1)> # inte en rubrik');
    expect(all).toContain('Beslut 30:');
    expect(all).toMatch(/pågår/);
  });

  it('has each action with its owner, its follower, dates, state and evaluation', () => {
    const all = pages.join(' ');
    expect(all).toContain('2. Följer med till skolan på tisdagar – Eleven, följs upp av Maria Mentor · senast 4 dec. 2026 · utvärderas 18 dec. 2026 – klar – utvärderad 7 dec. 2026: fungerade inte – Eleven vill gå själv');
    expect(all).toContain('1. <img src=x onerror=alert(1)> # inte en rubrik – ansvarig: Maria Mentor – pågår');
  });

  it('renders page 1 to PNG with pdftoppm when poppler is installed', async (ctx) => {
    if (!existsSync('/usr/bin/pdftoppm')) ctx.skip();
    const dir = path.join(process.cwd(), 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `export-${dbKind}.pdf`);
    writeFileSync(file, pdf);
    await promisify(execFile)('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(dir, `export-${dbKind}-page`)]);
    expect(existsSync(path.join(dir, `export-${dbKind}-page-1.png`)) || existsSync(path.join(dir, `export-${dbKind}-page-01.png`))).toBe(true);
  });
});
