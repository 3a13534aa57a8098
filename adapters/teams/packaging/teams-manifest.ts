/**
 * The Teams app manifest's command lists come from the one command grammar (`helpEntries`), so
 * what Teams suggests is exactly what the bot understands. Also builds the app package.
 */
import { helpEntries } from '../../../src/commands/help.ts';
import type { CommandName } from '../../../src/commands/command.ts';
import { encodePng } from './png.ts';
import { createZip } from './zip.ts';

/** The main commands Teams suggests (Teams shows at most 10 per list). */
export const MANIFEST_COMMANDS: readonly CommandName[] = ['help', 'new', 'status', 'mine', 'meeting', 'decision', 'action', 'consent', 'handover', 'concern'];

/** Teams limits: title ≤ 32 characters, description ≤ 128. */
export const TITLE_MAX = 32;
export const DESCRIPTION_MAX = 128;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

export interface ManifestCommand {
  title: string;
  description: string;
}

/** The command rows for one language (the manifest's default language is Swedish). */
export function manifestCommands(lang: 'sv' | 'nb' | 'en' = 'sv'): ManifestCommand[] {
  const entries = helpEntries(lang);
  return MANIFEST_COMMANDS.map((name) => {
    const e = entries.find((x) => x.name === name);
    if (!e) throw new Error(`command ${name} is missing from the grammar`);
    return { title: clip(e.command, TITLE_MAX), description: clip(e.description, DESCRIPTION_MAX) };
  });
}

/** `bots[0].commandLists`: the same commands in 1:1 chats and in teams / group chats. */
export function manifestCommandLists(lang: 'sv' | 'nb' | 'en' = 'sv'): Array<{ scopes: string[]; commands: ManifestCommand[] }> {
  const commands = manifestCommands(lang);
  return [
    { scopes: ['personal'], commands },
    { scopes: ['team', 'groupChat'], commands },
  ];
}

/** Placeholders in manifest.json, replaced when packaging. */
export const PLACEHOLDERS = { appId: '${{MICROSOFT_APP_ID}}', domain: '${{BOT_DOMAIN}}' } as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fills the placeholders; the app id must be the Azure Bot's Microsoft App ID (a GUID). */
export function fillManifest(template: string, values: { appId: string; domain: string }): string {
  if (!GUID.test(values.appId)) throw new Error(`MICROSOFT_APP_ID must be a GUID (the Azure Bot's Microsoft App ID), got "${values.appId}"`);
  const domain = values.domain.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) throw new Error(`BOT_DOMAIN must be a host name such as stafett.example.se, got "${values.domain}"`);
  return template.split(PLACEHOLDERS.appId).join(values.appId).split(PLACEHOLDERS.domain).join(domain);
}

/** The zip Teams accepts: manifest.json, color.png and outline.png at the root. */
export function buildAppPackage(manifestJson: string, colorPng: Buffer, outlinePng: Buffer): Buffer {
  JSON.parse(manifestJson);
  return createZip([
    { name: 'manifest.json', data: Buffer.from(manifestJson, 'utf8') },
    { name: 'color.png', data: colorPng },
    { name: 'outline.png', data: outlinePng },
  ]);
}

/** Distance from point p to segment a–b. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Draws the icon: a relay baton (a thick rounded bar) passed between two hands (dots). `size` 192
 * gives the full-colour icon on a teal tile; 32 gives the white outline on transparency.
 */
export function drawIcon(size: number, variant: 'color' | 'outline'): Buffer {
  const px = new Uint8Array(size * size * 4);
  const s = size / 192;
  const tile = variant === 'color';
  const pad = tile ? 0 : 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5, cy = y + 0.5;
      // Baton from lower left to upper right, two round "hands" at its ends.
      const baton = segDist(cx, cy, 62 * s + pad, 130 * s - pad, 130 * s - pad, 62 * s + pad) - 17 * s;
      const hand1 = Math.hypot(cx - 46 * s - pad, cy - 146 * s + pad) - 14 * s;
      const hand2 = Math.hypot(cx - 146 * s + pad, cy - 46 * s - pad) - 14 * s;
      const shape = Math.min(baton, hand1, hand2);
      const cover = Math.max(0, Math.min(1, 0.5 - shape)); // one-pixel anti-aliasing
      const i = (y * size + x) * 4;
      if (tile) {
        // Teal tile with the baton in white; the tile fills the square (Teams rounds it).
        const r = 0x0f + (0xff - 0x0f) * cover, g = 0x76 + (0xff - 0x76) * cover, b = 0x6e + (0xff - 0x6e) * cover;
        px[i] = Math.round(r); px[i + 1] = Math.round(g); px[i + 2] = Math.round(b); px[i + 3] = 255;
      } else {
        px[i] = 255; px[i + 1] = 255; px[i + 2] = 255; px[i + 3] = Math.round(255 * cover);
      }
    }
  }
  return encodePng(size, size, px);
}
