/** Checks rendered Block Kit against Slack's documented limits; returns every violation found. */
type Json = Record<string, unknown>;

const text = (o: unknown): string => ((o as { text?: string } | undefined)?.text ?? '');

export function slackLimitViolations(blocks: Json[], maxBlocks: number): string[] {
  const v: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) v.push(what);
  };
  check(blocks.length <= maxBlocks, `${blocks.length} blocks > ${maxBlocks}`);
  blocks.forEach((b, i) => {
    const at = `block ${i} (${String(b.type)})`;
    if (b.block_id !== undefined) check(String(b.block_id).length <= 255, `${at}: block_id too long`);
    switch (b.type) {
      case 'header':
        check(text(b.text).length <= 150 && text(b.text).length > 0, `${at}: header text ${text(b.text).length}`);
        break;
      case 'section': {
        if (b.text) check(text(b.text).length <= 3000 && text(b.text).length > 0, `${at}: section text ${text(b.text).length}`);
        const fields = (b.fields as Json[] | undefined) ?? [];
        check(fields.length <= 10, `${at}: ${fields.length} fields`);
        for (const f of fields) check(text(f).length <= 2000, `${at}: field text ${text(f).length}`);
        check(Boolean(b.text) || fields.length > 0, `${at}: empty section`);
        break;
      }
      case 'context':
        for (const e of b.elements as Json[]) check(text(e).length <= 3000, `${at}: context text`);
        break;
      case 'actions': {
        const els = b.elements as Json[];
        check(els.length <= 25 && els.length > 0, `${at}: ${els.length} elements`);
        for (const e of els) {
          check(text(e.text).length <= 75, `${at}: button text ${text(e.text).length}`);
          check(String(e.value ?? '').length <= 2000, `${at}: button value`);
          check(String(e.action_id).length <= 255, `${at}: action_id`);
        }
        const ids = els.map((e) => e.action_id);
        check(new Set(ids).size === ids.length, `${at}: duplicate action_id`);
        break;
      }
      case 'input': {
        check(text(b.label).length <= 2000, `${at}: label`);
        const el = b.element as Json;
        const options = (el.options as Json[] | undefined) ?? [];
        check(options.length <= 100, `${at}: ${options.length} options`);
        for (const o of options) {
          check(text(o.text).length <= 75, `${at}: option text`);
          check(String(o.value).length <= 150 && String(o.value).length > 0, `${at}: option value "${String(o.value)}"`);
        }
        break;
      }
    }
  });
  return v;
}
