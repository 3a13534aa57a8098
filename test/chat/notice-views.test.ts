/**
 * Every notice kind the domain declares has exactly one view in the conversation layer
 * (src/chat/notice-views.ts), and reads in every language; a kind without a view is a notice the
 * dispatcher would mark FAILED at delivery.
 */
import { describe, expect, it } from 'vitest';
import { noticeViewKinds, renderNotice } from '../../src/chat/notice-views.ts';
import { noticeKinds } from '../../src/notices/notice.ts';
import { langs as LANGS } from '../../src/i18n/lang.ts';

describe('notice views', () => {
  it('one view per declared kind, and no view of an undeclared kind', () => {
    expect(noticeKinds().length).toBeGreaterThanOrEqual(12);
    expect([...noticeViewKinds()].sort()).toEqual([...noticeKinds()].sort());
  });

  it('each reads in every language, with the case code, and an unknown kind has none', () => {
    const params = {
      caseCode: 'ABC-26-0001', byName: 'Kim', name: 'Kim', count: 2, at: '2026-11-02T09:00:00Z', reason: null, parts: ['CASE'], until: '2026-12-02T09:00:00Z',
      studentRef: null, className: null, unitName: 'Norrskolan', results: [], shortId: 'abcd1234', mentor: true, windows: {},
    };
    for (const kind of noticeKinds()) {
      const texts = LANGS.map((lang) => renderNotice(kind, lang, params, { timeZone: 'Europe/Stockholm' })!.text);
      for (const t of texts) expect(t.length, kind).toBeGreaterThan(10);
      // Three languages, three texts (a view that ignores the language would repeat one).
      expect(new Set(texts).size, kind).toBe(LANGS.length);
      if (kind !== 'absence.signal') expect(texts[0], kind).toContain('ABC-26-0001');
    }
    expect(renderNotice('no.such.kind', 'sv', params, { timeZone: 'Europe/Stockholm' })).toBeUndefined();
  });
});
