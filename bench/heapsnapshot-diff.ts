/**
 * What grew between two V8 heap snapshots, by object type and constructor name: count and self
 * size, largest growth first (the bench writes them with --heap-snapshots=DIR).
 *
 *   npx tsx bench/heapsnapshot-diff.ts [--top=30] BEFORE.heapsnapshot AFTER.heapsnapshot
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  readonly snapshot: {
    readonly meta: {
      readonly node_fields: readonly string[];
      readonly node_types: readonly [readonly string[]];
    };
  };
  readonly nodes: readonly number[];
  readonly strings: readonly string[];
}

interface Tally {
  count: number;
  bytes: number;
}

/** Count and self size per `type name` (strings and code lumped together). */
export function tally(snap: Snapshot): Map<string, Tally> {
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const out = new Map<string, Tally>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] ?? 0] ?? '?';
    let name = snap.strings[snap.nodes[i + nameAt] ?? 0] ?? '';
    if (type.includes('string')) name = '(string)';
    else if (type === 'code') name = '(code)';
    const key = `${type} ${name.slice(0, 80)}`;
    const t = out.get(key) ?? { count: 0, bytes: 0 };
    t.count += 1;
    t.bytes += snap.nodes[i + sizeAt] ?? 0;
    out.set(key, t);
  }
  return out;
}

function main(argv: readonly string[]): void {
  const top = Number(argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 30);
  const [before, after] = argv.filter((a) => !a.startsWith('--'));
  if (!before || !after) {
    process.stderr.write('usage: tsx bench/heapsnapshot-diff.ts [--top=30] BEFORE AFTER\n');
    process.exitCode = 2;
    return;
  }
  const a = tally(JSON.parse(readFileSync(before, 'utf8')) as Snapshot);
  const b = tally(JSON.parse(readFileSync(after, 'utf8')) as Snapshot);
  const sum = (m: Map<string, Tally>) => [...m.values()].reduce((n, t) => n + t.bytes, 0);
  console.log(`self size ${sum(a)} -> ${sum(b)} bytes`);
  const rows = [...new Set([...a.keys(), ...b.keys()])].map((key) => ({
    key,
    bytes: (b.get(key)?.bytes ?? 0) - (a.get(key)?.bytes ?? 0),
    count: (b.get(key)?.count ?? 0) - (a.get(key)?.count ?? 0),
  }));
  for (const r of rows.sort((x, y) => y.bytes - x.bytes).slice(0, top)) {
    console.log(`${String(r.bytes).padStart(10)} bytes ${String(r.count).padStart(8)} objects  ${r.key}`);
  }
}

main(process.argv.slice(2));
