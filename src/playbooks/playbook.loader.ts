import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseDocument } from 'yaml';
import { PlaybookValidationError } from './playbook.errors.ts';
import type { Playbook } from './playbook.ts';
import { parsePlaybook } from './playbook.validate.ts';

export type PlaybookFormat = 'yaml' | 'json';

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

function parseText(text: string, format: PlaybookFormat, source: string | undefined): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const pos = /position (\d+)/.exec(message);
      const lineMatch = /line (\d+)/.exec(message);
      const line = lineMatch?.[1] !== undefined ? Number(lineMatch[1]) : pos?.[1] !== undefined ? lineOfOffset(text, Number(pos[1])) : undefined;
      throw new PlaybookValidationError(
        [{ path: '', message: `JSON syntax error: ${message}`, ...(line !== undefined ? { line } : {}) }],
        source,
      );
    }
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new PlaybookValidationError(
      doc.errors.map((e) => {
        const line = e.linePos?.[0].line;
        return { path: '', message: `YAML syntax error: ${(e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '')}`, ...(line !== undefined ? { line } : {}) };
      }),
      source,
    );
  }
  return doc.toJS() as unknown;
}

/** Parses and validates playbook text. `source` (e.g. a file name) is named in errors. */
export function loadPlaybookText(text: string, format: PlaybookFormat, source?: string): Playbook {
  return parsePlaybook(parseText(text, format, source), source);
}

/** Format implied by a file name: .yaml/.yml → yaml, .json → json. */
export function playbookFormatOf(path: string): PlaybookFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  throw new PlaybookValidationError(
    [{ path: '', message: `unsupported file extension "${ext}" (expected .yaml, .yml or .json)` }],
    basename(path),
  );
}

/** Reads, parses and validates a playbook file (YAML or JSON by extension). */
export async function loadPlaybookFile(path: string): Promise<Playbook> {
  const format = playbookFormatOf(path);
  const text = await readFile(path, 'utf8');
  return loadPlaybookText(text, format, basename(path));
}
