/**
 * The case export for the pupil file: user text stays text, status values are words.
 * Validators: markdown-it and marked (two Markdown renderers a pupil-file system may use), each
 * with its default options — marked passes raw HTML through, markdown-it does not.
 */
import MarkdownIt from 'markdown-it';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/cases/case.service.ts';
import { buildCaseExport, escapeMarkdown, exportMarkdown, type CaseExport } from '../../src/chat/export.ts';
import { recordConsent } from '../../src/consent/consent.service.ts';
import { addAction, completeAction, evaluateAction, recordDecision, setMaintenancePlan } from '../../src/plans/plan.service.ts';
import { createTestCore, type TestCore } from '../support/core.ts';
import { dbKind } from '../support/db.ts';

const HOSTILE = [
  'Frånvaro sedan v. 40\n# Rubrik från användaren\n- punkt från användaren\n1. numrerad',
  '<img src=x onerror="alert(1)"> och <script>alert(2)</script>',
  '[klicka här](javascript:alert(3)) och <javascript:alert(4)>',
  '**fet** _kursiv_ `kod` ~~struken~~ | a | b |\n---\n> citat\n    indragen kod\n***\n+ plus\n&lt;entitet&gt;',
];

const renderers = {
  'markdown-it': (md: string) => new MarkdownIt().render(md),
  marked: (md: string) => marked.parse(md, { async: false }),
};

/** Text content of rendered HTML (tags removed, entities decoded). */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function tags(html: string, name: string): number {
  return (html.match(new RegExp(`<${name}[\\s>]`, 'g')) ?? []).length;
}

describe('escapeMarkdown', () => {
  for (const [name, render] of Object.entries(renderers)) {
    it(`${name} renders each hostile text as one paragraph of exactly that text`, () => {
      for (const text of HOSTILE) {
        const html = render(escapeMarkdown(text));
        expect(tags(html, 'p'), html).toBe(1);
        for (const t of ['h1', 'h2', 'li', 'img', 'script', 'a', 'blockquote', 'pre', 'code', 'strong', 'em', 'del', 'table', 'hr']) expect(tags(html, t), `${t} in ${html}`).toBe(0);
        // Same words, line for line (lines are trimmed; line breaks become <br>).
        const expected = text.split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
        expect(textOf(html.replace(/<br\s*\/?>\n?/g, '\n')).trim()).toBe(expected);
      }
    });
  }
});

describe(`case export (${dbKind})`, () => {
  let core: TestCore;
  let doc: CaseExport;
  let md: string;
  beforeAll(async () => {
    core = await createTestCore();
    const maria = await core.as('maria');
    const { code } = await openCase(core.deps, maria, { playbookKey: 's0-elevvard', studentRef: 'Elev <b>Exempelsson</b>', schoolUnitCode: 'NORR', reason: HOSTILE[0] });
    await recordDecision(core.deps, maria, code, { text: HOSTILE[1]! });
    const a = await addAction(core.deps, maria, code, { text: HOSTILE[2]!, dueAt: new Date('2026-12-01T15:00:00Z') });
    await addAction(core.deps, maria, code, { text: 'Daglig incheckning med mentor' });
    await completeAction(core.deps, maria, code, a.actionId);
    // An action owned by the student, followed up by Maria, done and evaluated.
    const b = await addAction(core.deps, maria, code, { text: 'Följer med till skolan på tisdagar', participant: 'Eleven', dueAt: new Date('2026-12-04T15:00:00Z'), evaluationAt: new Date('2026-12-18T15:00:00Z') });
    await completeAction(core.deps, maria, code, b.actionId);
    core.clock.set(new Date('2026-12-07T10:00:00Z'));
    await evaluateAction(core.deps, maria, code, b.actionId, { result: 'PARTLY', note: 'Går bra två dagar av tre' });
    await recordConsent(core.deps, maria, code, { scope: ['SCHOOL', 'SOCIAL_SERVICES'], givenBy: [{ party: 'GUARDIAN' }] });
    await setMaintenancePlan(core.deps, maria, code, HOSTILE[3]!);
    doc = await buildCaseExport(core.deps, maria, code, 'sv', 'Europe/Stockholm');
    md = exportMarkdown(doc);
  });
  afterAll(async () => core?.close());

  for (const [name, render] of Object.entries(renderers)) {
    it(`${name}: only the export's own headings and list items, no live HTML or links`, () => {
      const html = render(md);
      expect(tags(html, 'h1')).toBe(1);
      // Plan, decisions, consents, chronology, maintenance plan.
      expect(tags(html, 'h2')).toBe(5);
      const items = doc.facts.length + doc.sections.reduce((n, s) => n + s.items.length, 0);
      expect(tags(html, 'li')).toBe(items);
      for (const t of ['img', 'script', 'a', 'b', 'blockquote', 'pre', 'table', 'ol']) expect(tags(html, t), t).toBe(0);
      // No tag carries an attribute that could act: the hostile ones are text between tags.
      expect(html).not.toMatch(/<[^>]*(href|src|onerror)=/);
      const text = textOf(html);
      expect(text).toContain('<img src=x onerror="alert(1)">');
      expect(text).toContain('[klicka här](javascript:alert(3))');
      expect(text).toContain('# Rubrik från användaren');
      expect(text).toContain('Elev <b>Exempelsson</b>');
    });
  }

  for (const [name, render] of Object.entries(renderers)) {
    it(`${name}: each action with its owner, the staff member who follows a participant's action up, its dates, state and evaluation`, () => {
      const items = [...render(md).matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!).replace(/\s+/g, ' ').trim());
      expect(items).toContain('2. Daglig incheckning med mentor – ansvarig: Maria Mentor – pågår');
      expect(items).toContain('3. Följer med till skolan på tisdagar – Eleven, följs upp av Maria Mentor · senast 4 dec. 2026 · utvärderas 18 dec. 2026 – klar – utvärderad 7 dec. 2026: fungerade delvis – Går bra två dagar av tre');
    });
  }

  it('writes status values as words in the export language, not enum names', () => {
    expect(md).not.toMatch(/– (OPEN|DONE|CANCELLED|GIVEN|DECLINED|WITHDRAWN|WORKED|PARTLY|NOT)\b/);
    expect(md).toMatch(/ – klar/);
    expect(md).toMatch(/Skolan.*Socialtjänsten.* – lämnat|– lämnat/);
  });

  it('names the organisation and the case code', () => {
    expect(doc.orgName).toBe('Demo kommun');
    expect(md.split('\n')[0]).toBe(`# Ärendeexport ${doc.code}`);
    expect(md).toMatch(/- Organisation: Demo kommun/);
  });
});
