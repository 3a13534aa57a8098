/** Finds the initialised PGlite data directory written at install (scripts/pglite-template.mjs). */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The template for this PGlite version as a Blob, or undefined when there is none. */
export async function pgliteTemplate(): Promise<Blob | undefined> {
  try {
    // The package does not export its package.json: walk up from its entry point.
    let dir = path.dirname(require.resolve('@electric-sql/pglite'));
    let pkgPath = '';
    let version = '';
    for (let i = 0; i < 4 && !version; i++, dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === '@electric-sql/pglite') {
          pkgPath = path.join(dir, 'package.json');
          version = pkg.version ?? '';
        }
      } catch {
        /* keep walking */
      }
    }
    if (!version) return undefined;
    // node_modules/@electric-sql/pglite/package.json → node_modules/.cache/stafett/
    const file = path.join(path.dirname(pkgPath), '..', '..', '.cache', 'stafett', `pglite-${version}.tar.gz`);
    const bytes = await readFile(file);
    return new Blob([bytes], { type: 'application/x-gzip' });
  } catch {
    return undefined;
  }
}
