/**
 * Summarises V8 CPU profiles (`node --cpu-prof` writes one .cpuprofile per thread): the functions
 * with the most self time, self time by package or source area, and (with --total) the functions
 * with the most total time (self plus callees).
 *
 *   npx tsx bench/cpuprofile-summary.ts [--top=25] [--total] [--filter=text] FILE.cpuprofile...
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** Where a function lives: an npm package, this project's src/, tests/, bench/, Node's internals, or V8. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') {
    if (functionName.startsWith('(')) return functionName; // (garbage collector), (program), (idle)
    return '(native)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return 'node:internal';
  const own = /\/(src|tests|bench)\/(?:([^/]+)\/)?/.exec(url);
  if (own?.[1]) return own[2] && own[1] !== 'bench' ? `${own[1]}/${own[2]}` : own[1];
  return url;
}

function shortUrl(url: string): string {
  const pkg = url.lastIndexOf('node_modules/');
  if (pkg >= 0) return url.slice(pkg + 'node_modules/'.length);
  const own = /\/((?:src|tests|bench)\/.*)$/.exec(url);
  return own?.[1] ?? url.replace(/^file:\/\//, '');
}

/** Self time (ms) per node id, from the samples and their time deltas. */
function selfTimes(profile: Profile): Map<number, number> {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i];
    // A sample's time is the gap to the next sample.
    const dt = (deltas[i + 1] ?? 0) / 1000;
    if (id !== undefined) self.set(id, (self.get(id) ?? 0) + dt);
  }
  return self;
}

export interface Summary {
  readonly file: string;
  readonly wallMs: number;
  readonly sampledMs: number;
  readonly functions: { key: string; area: string; selfMs: number; totalMs: number }[];
  readonly areas: { area: string; selfMs: number }[];
}

export function summarise(file: string, profile: Profile): Summary {
  const self = selfTimes(profile);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const fnSelf = new Map<string, { area: string; selfMs: number; totalMs: number }>();
  const areaSelf = new Map<string, number>();
  for (const n of profile.nodes) {
    const ms = self.get(n.id) ?? 0;
    const key = keyOf(n);
    const area = areaOf(n.callFrame.url, n.callFrame.functionName);
    const entry = fnSelf.get(key) ?? { area, selfMs: 0, totalMs: 0 };
    entry.selfMs += ms;
    fnSelf.set(key, entry);
    areaSelf.set(area, (areaSelf.get(area) ?? 0) + ms);
    // Total time: charge this node's self time to each distinct function on its stack once.
    if (ms > 0) {
      const seen = new Set<string>();
      for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
        const node = byId.get(id);
        if (!node) break;
        const k = keyOf(node);
        if (seen.has(k)) continue;
        seen.add(k);
        const e = fnSelf.get(k) ?? {
          area: areaOf(node.callFrame.url, node.callFrame.functionName),
          selfMs: 0,
          totalMs: 0,
        };
        e.totalMs += ms;
        fnSelf.set(k, e);
      }
    }
  }
  const sampledMs = [...self.values()].reduce((a, b) => a + b, 0);
  return {
    file,
    wallMs: (profile.endTime - profile.startTime) / 1000,
    sampledMs,
    functions: [...fnSelf.entries()].map(([key, v]) => ({ key, ...v })),
    areas: [...areaSelf.entries()]
      .map(([area, selfMs]) => ({ area, selfMs }))
      .sort((a, b) => b.selfMs - a.selfMs),
  };
}

function main(argv: readonly string[]): void {
  const top = Number(argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
  const filter = argv.find((a) => a.startsWith('--filter='))?.slice(9);
  const withTotal = argv.includes('--total');
  const files = argv.filter((a) => !a.startsWith('--'));
  if (files.length === 0) {
    process.stderr.write(
      'usage: tsx bench/cpuprofile-summary.ts [--top=25] [--total] [--filter=text] FILE...\n',
    );
    process.exitCode = 2;
    return;
  }
  const pct = (ms: number, of: number) => `${((100 * ms) / of).toFixed(1)}%`.padStart(6);
  const fmt = (ms: number) => ms.toFixed(0).padStart(7);
  for (const file of files) {
    const s = summarise(file, JSON.parse(readFileSync(file, 'utf8')) as Profile);
    const busy = s.sampledMs - (s.areas.find((a) => a.area === '(idle)')?.selfMs ?? 0);
    console.log(`\n== ${file}: ${s.wallMs.toFixed(0)} ms wall, ${busy.toFixed(0)} ms busy (not idle)`);
    console.log('\n  self ms  of busy  area');
    for (const a of s.areas.slice(0, 20)) {
      if (a.area === '(idle)') continue;
      console.log(`  ${fmt(a.selfMs)}  ${pct(a.selfMs, busy)}  ${a.area}`);
    }
    const fns = s.functions.filter((f) => f.area !== '(idle)' && (!filter || f.key.includes(filter)));
    console.log('\n  self ms  of busy  function');
    for (const f of [...fns].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) {
      console.log(`  ${fmt(f.selfMs)}  ${pct(f.selfMs, busy)}  ${f.key}`);
    }
    if (withTotal) {
      console.log('\n total ms  of busy  function (self + callees)');
      for (const f of [...fns].sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) {
        console.log(`  ${fmt(f.totalMs)}  ${pct(f.totalMs, busy)}  ${f.key}`);
      }
    }
  }
}

main(process.argv.slice(2));
