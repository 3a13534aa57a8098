/**
 * Summarises a V8 .heapsnapshot (as written by `node --heapsnapshot-signal`): total self size by
 * node type, and the largest groups by constructor / type name — what the JavaScript heap holds.
 * Also reads /proc/<pid>/smaps_rollup so resident memory splits into anonymous (heap, WASM,
 * native buffers) and file-backed (the node binary, shared libraries, mapped modules) pages.
 *   npx tsx bench/heap-summary.ts <file.heapsnapshot>
 */
import { readFile } from 'node:fs/promises';

export interface HeapSummary {
  totalMb: number;
  nodes: number;
  byType: { type: string; mb: number; count: number }[];
  top: { name: string; type: string; mb: number; count: number }[];
  /** The largest single strings (sources, embedded data), with their first characters. */
  largestStrings: { kb: number; head: string }[];
}

export async function summarizeHeapSnapshot(file: string, topN = 20): Promise<HeapSummary> {
  const snap = JSON.parse(await readFile(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const F = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const byType = new Map<string, { size: number; count: number }>();
  const byName = new Map<string, { type: string; size: number; count: number }>();
  let total = 0;
  const strings: { size: number; head: string }[] = [];
  for (let i = 0; i < snap.nodes.length; i += F) {
    const type = types[snap.nodes[i + iType]!] ?? '?';
    const size = snap.nodes[i + iSize]!;
    total += size;
    const t = byType.get(type) ?? { size: 0, count: 0 };
    t.size += size;
    t.count++;
    byType.set(type, t);
    // Objects group by constructor name; strings, code, arrays by their type (names are contents).
    const name = type === 'object' || type === 'closure' || type === 'native' ? (snap.strings[snap.nodes[i + iName]!] ?? '?').slice(0, 80) : `(${type})`;
    const key = `${type}\u0000${name}`;
    const n = byName.get(key) ?? { type, size: 0, count: 0 };
    n.size += size;
    n.count++;
    byName.set(key, n);
    if (type === 'string' && size > 50_000) strings.push({ size, head: (snap.strings[snap.nodes[i + iName]!] ?? '').slice(0, 70).replace(/\s+/g, ' ') });
  }
  const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
  return {
    totalMb: mb(total),
    nodes: snap.nodes.length / F,
    byType: [...byType.entries()].map(([type, v]) => ({ type, mb: mb(v.size), count: v.count })).sort((a, b) => b.mb - a.mb),
    largestStrings: strings.sort((a, b) => b.size - a.size).slice(0, 15).map((x) => ({ kb: Math.round(x.size / 1024), head: x.head })),
    top: [...byName.entries()].map(([k, v]) => ({ name: k.split('\u0000')[1]!, type: v.type, mb: mb(v.size), count: v.count })).sort((a, b) => b.mb - a.mb).slice(0, topN),
  };
}

/** Resident memory split (MB) from /proc/<pid>/smaps_rollup. */
export async function residentSplit(pid: number): Promise<Record<string, number>> {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  const r = (n: number) => Math.round((n / 1024) * 10) / 10;
  return { rss: r(kb('Rss')), anonymous: r(kb('Anonymous')), fileBacked: r(kb('Rss') - kb('Anonymous')), privateDirty: r(kb('Private_Dirty')) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await summarizeHeapSnapshot(process.argv[2]!);
  console.log(JSON.stringify(s, null, 2));
}
