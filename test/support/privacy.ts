/** Shared checks that nothing personal is shown in a shared space. */
import { expect } from 'vitest';
import type { Reply } from '../../src/ports/reply.ts';

/** Personal data planted in every free-text field. */
export const SECRETS = ['Alva Lindqvist', 'Lindqvist', '20140315-2380', '140315-2380', 'Maria Mentor', 'Sara Socialsekreterare', 'Karin Koordinator', 'diabetes', 'Storgatan 12'];

/** Every text a Reply could put on screen. */
export function replyText(r: Reply): string {
  const parts: string[] = [r.fallbackText];
  for (const b of r.blocks) {
    if (b.type === 'text' || b.type === 'header') parts.push(b.text);
    if (b.type === 'fields') for (const f of b.fields) parts.push(f.label, f.value);
    if (b.type === 'list') parts.push(...b.items);
    if (b.type === 'actions') for (const x of b.buttons) parts.push(x.label, x.value);
  }
  return parts.join('\n');
}

export function expectNoPersonalData(text: string): void {
  for (const s of SECRETS) expect(text, `leaked "${s}"`).not.toContain(s);
  expect(text).not.toMatch(/\b\d{6}[-+]?\d{4}\b/);
}

