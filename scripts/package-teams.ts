/**
 * Builds the Teams app package `dist/stafett-teams.zip` from `manifest/teams/` with the
 * Azure Bot's app id and the bot's public host filled in:
 *
 *   MICROSOFT_APP_ID=<guid> BOT_DOMAIN=stafett.example.se npm run package:teams
 *
 * (`MicrosoftAppId` is read too.) `--sync` rewrites the manifest's command lists from the command
 * grammar; `--icons` redraws color.png (192×192) and outline.png (32×32, transparent).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAppPackage, drawIcon, fillManifest, manifestCommandLists } from '../adapters/teams/packaging/teams-manifest.ts';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'manifest', 'teams');
const args = new Set(process.argv.slice(2));

async function main(): Promise<void> {
  if (args.has('--icons')) {
    await writeFile(path.join(dir, 'color.png'), drawIcon(192, 'color'));
    await writeFile(path.join(dir, 'outline.png'), drawIcon(32, 'outline'));
    console.log('wrote manifest/teams/color.png and outline.png');
  }
  const manifestPath = path.join(dir, 'manifest.json');
  if (args.has('--sync')) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { bots: Array<{ commandLists: unknown }> };
    manifest.bots[0]!.commandLists = manifestCommandLists('sv');
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log('synced manifest/teams/manifest.json commandLists from the command grammar');
  }
  if (args.has('--icons') || args.has('--sync')) {
    if (!args.has('--zip')) return;
  }
  const appId = process.env.MICROSOFT_APP_ID ?? process.env.MicrosoftAppId;
  const domain = process.env.BOT_DOMAIN;
  if (!appId || !domain) {
    console.error('Set MICROSOFT_APP_ID (the Azure Bot\'s Microsoft App ID) and BOT_DOMAIN (the public host of https://<host>/api/messages).');
    process.exit(64);
  }
  const manifest = fillManifest(await readFile(manifestPath, 'utf8'), { appId, domain });
  const zip = buildAppPackage(manifest, await readFile(path.join(dir, 'color.png')), await readFile(path.join(dir, 'outline.png')));
  await mkdir(path.join(root, 'dist'), { recursive: true });
  const out = path.join(root, 'dist', 'stafett-teams.zip');
  await writeFile(out, zip);
  console.log(`wrote ${path.relative(root, out)} (${zip.length} bytes)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
