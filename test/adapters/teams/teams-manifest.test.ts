/** The Teams app manifest, icons and package: shape, command lists from the grammar, icon sizes. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../adapters/teams/packaging/png.ts';
import { readZip } from '../../../adapters/teams/packaging/zip.ts';
import { buildAppPackage, DESCRIPTION_MAX, fillManifest, manifestCommandLists, PLACEHOLDERS, TITLE_MAX } from '../../../adapters/teams/packaging/teams-manifest.ts';
import { parseCommand } from '../../../src/commands/index.ts';
import { helpEntries } from '../../../src/commands/help.ts';

const dir = path.resolve('manifest/teams');
const APP_ID = '11111111-2222-4333-8444-555555555555';

interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: Record<string, string>;
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
  validDomains: string[];
}

async function manifestText(): Promise<string> {
  return readFile(path.join(dir, 'manifest.json'), 'utf8');
}

describe('Teams manifest', () => {
  it('has the current schema shape with placeholders for the app id and domain', async () => {
    const text = await manifestText();
    const m = JSON.parse(text) as Manifest;
    expect(m.$schema).toMatch(/teams\/v1\.(19|2\d)\/MicrosoftTeams\.schema\.json$/);
    expect(m.manifestVersion).toMatch(/^1\.(19|2\d)$/);
    expect(m.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.id).toBe(PLACEHOLDERS.appId);
    expect(m.bots[0]!.botId).toBe(PLACEHOLDERS.appId);
    expect(m.bots[0]!.scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    expect(m.validDomains).toEqual([PLACEHOLDERS.domain]);
    expect(m.name.short.length).toBeLessThanOrEqual(30);
    expect(m.name.full.length).toBeLessThanOrEqual(100);
    expect(m.description.short.length).toBeLessThanOrEqual(80);
    expect(m.description.full.length).toBeLessThanOrEqual(4000);
    expect(m.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(m.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    for (const url of Object.values(m.developer).filter((v) => v.includes('/'))) expect(url).toMatch(/^https:\/\//);
  });

  it('lists the main commands for personal and team scopes, generated from the grammar', async () => {
    const m = JSON.parse(await manifestText()) as Manifest;
    // `npm run package:teams -- --sync` regenerates these when the grammar changes.
    expect(m.bots[0]!.commandLists).toEqual(manifestCommandLists('sv'));
    const scopes = m.bots[0]!.commandLists.flatMap((l) => l.scopes);
    expect(scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    const words = new Set(helpEntries('sv').map((e) => e.command));
    for (const list of m.bots[0]!.commandLists) {
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const c of list.commands) {
        expect(words.has(c.title), c.title).toBe(true);
        expect(c.title.length).toBeLessThanOrEqual(TITLE_MAX);
        expect(c.description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
        // What Teams inserts when a command is picked is understood by the one grammar.
        const parsed = parseCommand(c.title);
        const recognised: string | undefined = parsed.ok ? parsed.command.name : parsed.error.command;
        expect(recognised, c.title).toBeDefined();
        expect(recognised, c.title).not.toBe('unknown');
      }
    }
    for (const w of ['hjälp', 'ny', 'status', 'mina', 'möte', 'beslut', 'åtgärd']) expect(m.bots[0]!.commandLists[0]!.commands.map((c) => c.title)).toContain(w);
  });

  it('has a 192×192 colour icon and a 32×32 transparent white outline icon', async () => {
    const color = decodePng(await readFile(path.join(dir, 'color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(await readFile(path.join(dir, 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colourType).toBe(6);
    const px = outline.rgba!;
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] === 0) transparent++;
      if (px[i + 3]! > 0) {
        opaque++;
        // Teams wants the outline white (or transparent) only.
        expect([px[i], px[i + 1], px[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
    expect(opaque).toBeGreaterThan(0);
    // Corners of an outline icon are background.
    expect(px[3]).toBe(0);
  });

  it('packages manifest.json and both icons with the app id and domain filled in', async () => {
    const filled = fillManifest(await manifestText(), { appId: APP_ID, domain: 'https://stafett.example.se/api/messages' });
    expect(filled).not.toContain('${{');
    const zip = buildAppPackage(filled, await readFile(path.join(dir, 'color.png')), await readFile(path.join(dir, 'outline.png')));
    const entries = await readZip(zip);
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const m = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8')) as Manifest;
    expect(m.id).toBe(APP_ID);
    expect(m.bots[0]!.botId).toBe(APP_ID);
    expect(m.validDomains).toEqual(['stafett.example.se']);
    expect(decodePng(entries.find((e) => e.name === 'outline.png')!.data).width).toBe(32);
    expect(() => fillManifest('{}', { appId: 'not-a-guid', domain: 'x.se' })).toThrow(/GUID/);
  });
});
