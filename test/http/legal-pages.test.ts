/**
 * The Teams manifest's `privacyUrl` and `termsOfUseUrl` resolve on the running service: localized
 * HTML pages from a file the municipality replaces (STAFETT_LEGAL_FILE). Validator: parse5, the
 * WHATWG HTML parser jsdom uses, with `onParseError` — a page it reports errors for fails.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillManifest } from '../../adapters/teams/packaging/teams-manifest.ts';
import { loadConfig } from '../../src/app/config.ts';
import { loadLegalPages, pickLanguage } from '../../src/http/legal-pages.ts';
import { startTeamsTestService, type TeamsTestService } from '../support/teams-service.ts';

type Node = DefaultTreeAdapterMap['node'];

/** Parses with parse5 and returns its spec errors plus the document's text and `lang`. */
function validateHtml(html: string): { errors: string[]; text: string; lang: string | undefined; scripts: number } {
  const errors: string[] = [];
  const doc = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  let text = '';
  let lang: string | undefined;
  let scripts = 0;
  const walk = (n: Node) => {
    if (n.nodeName === '#text') text += (n as { value: string }).value;
    if (n.nodeName === 'html') lang = (n as { attrs: { name: string; value: string }[] }).attrs.find((a) => a.name === 'lang')?.value;
    if (n.nodeName === 'script' || ((n as { attrs?: { name: string }[] }).attrs ?? []).some((a) => a.name.startsWith('on'))) scripts++;
    for (const c of (n as { childNodes?: Node[] }).childNodes ?? []) walk(c);
  };
  walk(doc as unknown as Node);
  return { errors, text, lang, scripts };
}

const manifest = JSON.parse(fillManifest(await readFile('manifest/teams/manifest.json', 'utf8'), { appId: '00000000-0000-4000-8000-000000000001', domain: 'stafett.example.se' })) as { developer: { privacyUrl: string; termsOfUseUrl: string } };

describe('privacy notice and terms of use (validator: parse5 onParseError)', () => {
  let svc: TeamsTestService;
  let custom: TeamsTestService;
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stafett-legal-'));
    await writeFile(path.join(dir, 'own.yaml'), [
      'defaultLanguage: nb',
      'organisation: Skien kommune <oppvekst>',
      'privacy:',
      '  nb: { title: "Personvern i Skien", body: "Skien kommune er behandlingsansvarlig.\\n\\n- punkt <script>alert(1)</script>\\n\\n# Kontakt" }',
      'terms:',
      '  nb: { title: "Vilkår", body: "Bare for ansatte." }',
    ].join('\n'));
    svc = await startTeamsTestService();
    custom = await startTeamsTestService({ STAFETT_LEGAL_FILE: path.join(dir, 'own.yaml') });
  });
  afterAll(async () => {
    await svc?.close();
    await custom?.close();
  });

  it('the manifest links to https pages on the bot domain that the service serves as valid HTML', async () => {
    for (const [url, words] of [[manifest.developer.privacyUrl, /Integritetsmeddelande/], [manifest.developer.termsOfUseUrl, /Användarvillkor/]] as const) {
      const u = new URL(url);
      expect(u.protocol).toBe('https:');
      expect(u.host).toBe('stafett.example.se');
      const res = await fetch(`${svc.base}${u.pathname}`);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const page = validateHtml(await res.text());
      expect(page.errors).toEqual([]);
      expect(page.lang).toBe('sv');
      expect(page.text).toMatch(words);
      expect(page.scripts).toBe(0);
      expect((await fetch(`${svc.base}${u.pathname}`, { method: 'HEAD' })).status).toBe(200);
    }
  });

  it('is localized: ?lang= first, then Accept-Language, then the file default', async () => {
    const en = await fetch(`${svc.base}/privacy?lang=en`);
    expect(validateHtml(await en.text())).toMatchObject({ lang: 'en', errors: [] });
    const nb = await fetch(`${svc.base}/terms`, { headers: { 'accept-language': 'nn-NO,en;q=0.5' } });
    const nbPage = validateHtml(await nb.text());
    expect(nbPage).toMatchObject({ lang: 'nb', errors: [] });
    expect(nbPage.text).toContain('Bruksvilkår');
    expect(nb.headers.get('content-language')).toBe('nb');
    expect(pickLanguage(['sv', 'nb', 'en'], null, 'de-DE, en-GB;q=0.8, sv;q=0.9', 'sv')).toBe('sv');
    expect(pickLanguage(['sv', 'en'], 'nb', 'en', 'sv')).toBe('en');
  });

  it("serves the municipality's own file, escaping everything in it", async () => {
    const res = await fetch(`${custom.base}/privacy?lang=sv`);
    const html = await res.text();
    const page = validateHtml(html);
    expect(page).toMatchObject({ lang: 'nb', errors: [], scripts: 0 });
    expect(page.text).toContain('Skien kommune er behandlingsansvarlig.');
    expect(page.text).toContain('punkt <script>alert(1)</script>');
    expect(page.text).toContain('Skien kommune <oppvekst>');
    expect(html).not.toContain('<script>');
    expect((await fetch(`${custom.base}/terms`)).status).toBe(200);
  });

  it('a missing or bad file is refused with a message naming STAFETT_LEGAL_FILE', async () => {
    await expect(loadLegalPages(path.join(dir, 'nope.yaml'))).rejects.toThrow(/STAFETT_LEGAL_FILE: cannot read/);
    await writeFile(path.join(dir, 'bad.yaml'), 'privacy:\n  sv: { title: x }\nterms: {}\n');
    await expect(loadLegalPages(path.join(dir, 'bad.yaml'))).rejects.toThrow(/STAFETT_LEGAL_FILE: .*privacy\.sv\.body/);
    expect(loadConfig({ STAFETT_LEGAL_FILE: 'x/legal.yaml' }).legalFile).toBe(path.resolve('x/legal.yaml'));
    expect(loadConfig({}).legalFile).toBe(path.resolve('legal/legal-pages.yaml'));
  });
});
