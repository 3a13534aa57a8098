/**
 * `GET /privacy` and `GET /terms`: the privacy notice and terms of use the Teams manifest links to
 * (`privacyUrl`, `termsOfUseUrl`). The texts come from a YAML file the municipality replaces
 * (`STAFETT_LEGAL_FILE`, default `legal/legal-pages.yaml`), in Swedish, Norwegian and English;
 * the language is `?lang=`, else the browser's Accept-Language, else the file's default.
 * Everything from the file is escaped: headings (`#`, `##`), paragraphs and `- ` lists only.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v4';
import type { HttpServer } from './server.ts';
import { langs, type Lang } from '../i18n/lang.ts';

const LANGS = langs;

const page = z.object({ title: z.string().min(1).max(200), body: z.string().min(1).max(100_000) });
const pageSet = z.object({ sv: page.optional(), nb: page.optional(), en: page.optional() }).refine((p) => Object.keys(p).length > 0, 'needs at least one of sv, nb, en');
const legalSchema = z.object({
  defaultLanguage: z.enum(LANGS).default('sv'),
  organisation: z.string().min(1).max(200).optional(),
  privacy: pageSet,
  terms: pageSet,
});

export type LegalPages = z.infer<typeof legalSchema>;
export type LegalKind = 'privacy' | 'terms';

/** Thrown when the file is missing or invalid; the message names the variable and the field. */
export class LegalFileError extends Error {
  readonly code = 'CONFIG.LEGAL_FILE';
}

/** Reads and validates the legal pages file. */
export async function loadLegalPages(file: string): Promise<LegalPages> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new LegalFileError(`STAFETT_LEGAL_FILE: cannot read ${file}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new LegalFileError(`STAFETT_LEGAL_FILE: ${file} is not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  const parsed = legalSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LegalFileError(`STAFETT_LEGAL_FILE: ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The small text format of the file → HTML, every character of the text escaped. */
export function bodyToHtml(body: string): string {
  const out: string[] = [];
  let para: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${para.map(escapeHtml).join('<br>')}</p>`);
    if (list.length) out.push(`<ul>${list.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`);
    para = [];
    list = [];
  };
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (h) {
      flush();
      out.push(`<h${h[1]!.length + 1}>${escapeHtml(h[2]!)}</h${h[1]!.length + 1}>`);
    } else if (/^[-*]\s+/.test(line)) {
      if (para.length) flush();
      list.push(line.replace(/^[-*]\s+/, ''));
    } else {
      if (list.length) flush();
      para.push(line);
    }
  }
  flush();
  return out.join('\n');
}

const LANG_NAMES: Record<Lang, string> = { sv: 'Svenska', nb: 'Norsk', en: 'English' };

/** Picks the language: `?lang=`, then Accept-Language (nn/no count as nb), then the default. */
export function pickLanguage(available: Lang[], query: string | null, acceptLanguage: string | undefined, fallback: Lang): Lang {
  const norm = (tag: string): Lang | undefined => {
    const base = tag.trim().toLowerCase().split(/[-_;]/)[0];
    const l = base === 'no' || base === 'nn' ? 'nb' : base;
    return (LANGS as readonly string[]).includes(l ?? '') && available.includes(l as Lang) ? (l as Lang) : undefined;
  };
  if (query && norm(query)) return norm(query)!;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag: tag ?? '', q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) if (norm(r.tag)) return norm(r.tag)!;
  return available.includes(fallback) ? fallback : available[0]!;
}

/** The whole HTML page for one document in one language. */
export function renderLegalPage(pages: LegalPages, kind: LegalKind, lang: Lang): string {
  const set = pages[kind];
  const doc = set[lang]!;
  const others = LANGS.filter((l) => l !== lang && set[l]).map((l) => `<a href="?lang=${l}" hreflang="${l}" lang="${l}">${LANG_NAMES[l]}</a>`);
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#212529}nav{font-size:.9rem}</style>
</head>
<body>
<main>
<h1>${escapeHtml(doc.title)}</h1>
${pages.organisation ? `<p><strong>${escapeHtml(pages.organisation)}</strong></p>\n` : ''}${bodyToHtml(doc.body)}
</main>
${others.length ? `<nav>${others.join(' · ')}</nav>\n` : ''}</body>
</html>
`;
}

/** Registers `/privacy` and `/terms` (GET and HEAD). */
export function registerLegalPages(server: HttpServer, pages: LegalPages): void {
  for (const kind of ['privacy', 'terms'] as const) {
    const available = LANGS.filter((l) => pages[kind][l]);
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const lang = pickLanguage(available, url.searchParams.get('lang'), req.headers['accept-language'], pages.defaultLanguage);
      const html = renderLegalPage(pages, kind, lang);
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(html),
        'content-language': lang,
        vary: 'Accept-Language',
        'cache-control': 'public, max-age=300',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : html);
    };
    server.route('GET', `/${kind}`, handler);
    server.route('HEAD', `/${kind}`, handler);
  }
}
