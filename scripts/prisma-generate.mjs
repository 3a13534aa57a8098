// Runs `prisma generate` offline. Generation itself runs in WebAssembly; the CLI only insists
// that a schema-engine binary path exists, which it would otherwise try to download.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/.bin/prisma')) process.exit(0);
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
const r = spawnSync('node_modules/.bin/prisma', ['generate'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
