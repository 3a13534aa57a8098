// Builds an initialised, empty PGlite data directory once (at install) and stores it as a
// gzip tarball. New embedded databases start from it instead of running initdb in WebAssembly,
// which takes several seconds. Best effort: without the template everything still works.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const pkg = path.join(root, 'node_modules/@electric-sql/pglite/package.json');  // read from disk, not resolved
if (!existsSync(pkg)) process.exit(0);
const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
const dir = path.join(root, 'node_modules/.cache/stafett');
const file = path.join(dir, `pglite-${version}.tar.gz`);
if (existsSync(file)) process.exit(0);
try {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite();
  await db.waitReady;
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  console.log(`Stafett: embedded database template written (${file})`);
} catch (e) {
  console.warn(`Stafett: no embedded database template (${e.message}); new databases will initialise themselves.`);
}
