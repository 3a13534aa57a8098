/** defineCatalog: one t() for every feature catalog. */
import { describe, expect, it } from 'vitest';
import { defineCatalog, interpolate } from '../../src/i18n/index.ts';

const texts = defineCatalog({
  sv: { hello: 'Hej {name}!', only: 'bara svenska' },
  nb: { hello: 'Hei {name}!', only: '' },
  en: { hello: 'Hello {name}!', only: '' },
});

describe('defineCatalog', () => {
  it('interpolates in the language asked for, normalizing locale tags', () => {
    expect(texts.t('nb-NO', 'hello', { name: 'Kari' })).toBe('Hei Kari!');
    expect(texts.t('en_GB', 'hello', { name: 'Kim' })).toBe('Hello Kim!');
    expect(texts.t(undefined, 'hello', { name: 'Maria' })).toBe('Hej Maria!');
    expect(texts.t('de', 'hello')).toBe('Hej {name}!');
  });

  it('falls back to Swedish for an empty text and knows its keys', () => {
    expect(texts.t('en', 'only')).toBe('bara svenska');
    expect(texts.has('hello')).toBe(true);
    expect(texts.has('toString')).toBe(false);
    expect(texts.keys).toEqual(['hello', 'only']);
  });

  it('leaves unknown placeholders and does not re-expand values', () => {
    expect(interpolate('{a} {b}', { a: '{b}' })).toBe('{b} {b}');
  });
});
