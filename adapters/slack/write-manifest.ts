/** Writes manifest/slack/manifest.yaml from adapters/slack/manifest.ts. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderManifestYaml } from './manifest.ts';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../manifest/slack/manifest.yaml');
await writeFile(target, renderManifestYaml(), 'utf8');
console.log(`wrote ${target}`);
