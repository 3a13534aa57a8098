/**
 * The case export as a PDF for the registrar to file in the pupil record, rendered from the same
 * content as the Markdown (`CaseExport`). pdfkit is pure JavaScript; DejaVu Sans (bundled from the
 * `dejavu-fonts-ttf` package, embedded as a subset) has Å Ä Ö Æ Ø. Every page carries the case
 * code, the organisation, the date of export and "page n of m".
 */
import { createRequire } from 'node:module';
import type PDFKit from 'pdfkit';
import type { CaseExport } from './export.ts';
import { tx } from './texts.ts';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 56;
const HEADER_Y = 24;

/** pdfkit (about 30 MB resident once loaded) is loaded on the first export, not at start. */
let pdfkit: Promise<typeof PDFKit> | undefined;

/** Renders the export; `createdAt` is written as the PDF's creation date. */
export async function exportPdf(d: CaseExport, createdAt: Date): Promise<Buffer> {
  const PDFDocument = await (pdfkit ??= import('pdfkit').then((m) => m.default));
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 8, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: d.lang === 'nb' ? 'nb-NO' : d.lang === 'en' ? 'en-GB' : 'sv-SE',
    info: { Title: d.title, Author: d.orgName, Creator: 'Stafett', Producer: 'Stafett', CreationDate: createdAt, ModDate: createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const width = doc.page.width - MARGIN * 2;

  doc.font('bold').fontSize(16).text(d.title, { width });
  doc.moveDown(0.4);
  doc.font('body').fontSize(9).fillColor('#444444').text(d.intro, { width });
  doc.fillColor('black').moveDown(0.8);
  for (const f of d.facts) {
    doc.font('bold').fontSize(10).text(`${f.label}: `, { continued: true, width }).font('body').text(f.value);
  }
  for (const s of d.sections) {
    doc.moveDown(1);
    doc.font('bold').fontSize(12).text(s.heading, { width });
    doc.moveDown(0.3);
    doc.font('body').fontSize(10);
    if (!s.items.length && !s.paragraphs?.length) doc.fillColor('#444444').text(tx(d.lang, 'export.none'), { width }).fillColor('black');
    for (const item of s.items) {
      // A hanging bullet: the text wraps under itself, not under the bullet.
      const y = doc.y;
      doc.text('•', MARGIN, y, { width: 12 });
      doc.text(item, MARGIN + 12, y, { width: width - 12, paragraphGap: 3 });
      doc.x = MARGIN;
    }
    for (const p of s.paragraphs ?? []) doc.text(p, MARGIN, doc.y, { width, paragraphGap: 6 });
  }

  // Header and footer on every page, written once the page count is known.
  const range = doc.bufferedPageRange();
  const header = `${d.code} · ${d.orgName} · ${tx(d.lang, 'export.exportedAt')} ${d.exportedOn}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the margins must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(8).fillColor('#444444');
    doc.text(header, MARGIN, HEADER_Y, { width, lineBreak: false });
    doc.text(tx(d.lang, 'export.page', { page: String(i + 1), pages: String(range.count) }), MARGIN, doc.page.height - MARGIN / 2 - 8, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor('black');
  }
  doc.end();
  return done;
}
