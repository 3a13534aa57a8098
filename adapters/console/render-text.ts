/** Renders the platform-neutral Reply as terminal text; buttons become numbered choices. */
import { stripMarkup, type Button, type Reply } from '../../src/ports/reply.ts';

/** `saved`: where each file of the reply was written (file name → path), printed beside its name. */
export function renderReplyText(reply: Reply, saved: ReadonlyMap<string, string> = new Map()): { text: string; buttons: Button[] } {
  const out: string[] = [];
  const buttons: Button[] = [];
  for (const b of reply.blocks) {
    switch (b.type) {
      case 'header':
        out.push(`\n${stripMarkup(b.text).toUpperCase()}`);
        break;
      case 'text':
        out.push(stripMarkup(b.text));
        break;
      case 'fields':
        for (const f of b.fields) out.push(`  ${stripMarkup(f.label)}: ${stripMarkup(f.value)}`);
        break;
      case 'list':
        for (const i of b.items) out.push(`  • ${stripMarkup(i)}`);
        break;
      case 'actions':
        out.push(b.buttons.map((btn) => `[${buttons.push(btn)}] ${btn.label}`).join('   '));
        break;
      case 'divider':
        out.push('────────');
        break;
    }
  }
  for (const a of reply.attachments ?? []) out.push(saved.has(a.fileName) ? `📎 ${a.fileName} → ${saved.get(a.fileName)}` : `📎 ${a.fileName}`);
  return { text: out.join('\n'), buttons };
}
