/**
 * `npm run bench:gateway:dist`: the bot as it is deployed, `npm run start:prod` (`node [V8 flags]
 * dist/main.js`) in a process of its own, against the emulator in this one. What `bench:gateway` cannot show from inside one
 * process: the bot's resident memory as the operating system sees it, with no forced GC and no tsx,
 * and how V8's heap settings change it. Same workload as bench:gateway (bench/workload.ts); the bot's
 * CPU and RSS are read from /proc/<pid> (Linux only).
 *
 * A burst is done when every callback has reached the emulator (latency: dispatch -> callback). A
 * message stream is done when the bot has answered a mention sent after it in another channel: the
 * bot handles gateway events in order, so by then it has handled every message of the stream (a
 * reply to one of them may still wait in its REST queue).
 *
 *   npm run bench:gateway:dist [-- --json] [--rounds=5] [--node-flags="..."] [--bursts=100,500,2000]
 *
 * --node-flags replaces start:prod's V8 flags (--node-flags= runs with V8's defaults).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordedRequest, startEmulator } from '../tests/emulator/index.ts';
import { percentile, round } from './clock.ts';
import { markdown } from './table.ts';
import {
  evalQuestions,
  FAKE_TOKEN,
  interactionMix,
  messageStream,
  QA_CHANNEL_ID,
  students,
} from './workload.ts';

const OTHER_CHANNEL_ID = '300000000000000011';
const CHUNK = 50;

const argv = process.argv.slice(2);
const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const json = argv.includes('--json');
const rounds = Number(value('rounds') ?? 5);
/** The V8 flags of `npm run start:prod` (package.json), unless --node-flags says otherwise. */
function startProdFlags(): string {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.['start:prod'] ?? '';
  const match = /^node\s+(.*?)\s*dist\/main\.js$/.exec(script.trim());
  if (!match) throw new Error(`package.json start:prod is not "node [flags] dist/main.js": ${script}`);
  return match[1] ?? '';
}
const nodeFlags = (value('node-flags') ?? startProdFlags()).split(/\s+/).filter(Boolean);
const bursts = (value('bursts') ?? '100,500,2000').split(',').map(Number);
const messageCount = Number(value('messages') ?? 10_000);

/** CPU ms and RSS MB of a process, from /proc. */
function usage(pid: number): { cpuMs: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
    rssMb: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024,
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isReplyTo(r: RecordedRequest, messageId: string): boolean {
  const body = r.body as { message_reference?: { message_id?: string } } | undefined;
  return r.method === 'POST' && body?.message_reference?.message_id === messageId;
}

interface Row {
  round: number;
  phase: string;
  events: number;
  handled: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  missed: number | null;
  perSecond: number;
  replies: number | null;
  botCpuUsPerEvent: number;
  botRssMb: number;
}

const emu = await startEmulator();
// Declined questions go to a temporary log, not the repository's logs/.
const scratch = mkdtempSync(join(tmpdir(), 'bench-dist-'));
const bot = spawn(process.execPath, [...nodeFlags, 'dist/main.js'], {
  env: {
    ...process.env,
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_BASE: emu.apiBase,
    QA_CHANNEL_IDS: QA_CHANNEL_ID,
    LOG_LEVEL: 'info',
    UNANSWERED_LOG: join(scratch, 'unanswered.jsonl'),
  },
  // The bot logs to stdout as in production; the lines go to /dev/null.
  stdio: ['ignore', 'ignore', 'inherit'],
});
// Never leave the bot running behind a failed bench.
process.on('exit', () => bot.kill());
const pid = bot.pid;
if (pid === undefined) throw new Error('could not start node dist/main.js (run npm run build first)');
await emu.waitForReady(15_000);
await sleep(1000);

const questions = evalQuestions();
const users = students(500);
const rows: Row[] = [];
const restRss = usage(pid).rssMb;
const progress = (line: string) => {
  if (!json) process.stderr.write(`${line}\n`);
};
progress(
  `bot pid ${pid}, node ${nodeFlags.join(' ') || '(default V8 settings)'} dist/main.js; RSS at rest ${round(restRss)} MB`,
);

for (let r = 1; r <= rounds; r++) {
  for (const n of bursts) {
    const before = usage(pid);
    const sent: { id: string; at: number }[] = [];
    for (const [i, spec] of interactionMix(n, r * 7919 + n, questions, users).entries()) {
      if (i > 0 && i % CHUNK === 0) await turn();
      const origin = { name: spec.name, options: [...spec.options], user: spec.user };
      const at = Date.now();
      const ix = spec.kind === 'command' ? emu.sendSlashCommand(origin) : emu.sendAutocomplete(origin);
      sent.push({ id: ix.id, at });
    }
    const answers = await Promise.all(
      sent.map((s) => emu.waitForInteractionResponse(s.id, 20_000).catch(() => null)),
    );
    const after = usage(pid);
    const lat = answers
      .map((a, i) => (a ? a.request.at - (sent[i]?.at ?? 0) : Number.NaN))
      .filter((x) => !Number.isNaN(x))
      .sort((a, b) => a - b);
    const last = Math.max(...answers.map((a) => a?.request.at ?? 0));
    rows.push({
      round: r,
      phase: `burst ${n}`,
      events: n,
      handled: answers.filter((a) => a && a.status < 300).length,
      p50: percentile(lat, 50),
      p99: percentile(lat, 99),
      max: lat.at(-1) ?? null,
      missed: answers.filter((a) => !a || a.status >= 400).length,
      perSecond: Math.round((n / Math.max(1, last - (sent[0]?.at ?? last))) * 1000),
      replies: null,
      botCpuUsPerEvent: Math.round(((after.cpuMs - before.cpuMs) * 1000) / n),
      botRssMb: round(after.rssMb),
    });
    emu.forgetHistory();
  }
  const before = usage(pid);
  const botUser = { id: emu.botUser.id, username: emu.botUser.username };
  const t0 = Date.now();
  const ids = new Set<string>();
  for (const [i, m] of messageStream(messageCount, r * 104_729, questions, users).entries()) {
    if (i > 0 && i % CHUNK === 0) await turn();
    const mentions = [...(m.mentionsBot ? [botUser] : []), ...(m.mentionsUser ? [m.mentionsUser] : [])];
    const content = m.mentionsBot ? `<@${botUser.id}> ${m.content}` : m.content;
    ids.add(emu.sendMessage({ content, channelId: QA_CHANNEL_ID, author: m.author, mentions }).id);
  }
  // In another channel: the Q&A channel's reply slots may be full (ReplyGate), and this one must be answered.
  const sentinel = emu.sendMessage({
    content: `<@${botUser.id}> who won the runoff?`,
    channelId: OTHER_CHANNEL_ID,
    mentions: [botUser],
  });
  const done = await emu
    .waitForRequest((q) => isReplyTo(q, sentinel.id), 60_000)
    .catch((err: unknown) => {
      progress(`no reply to the closing mention: ${String(err).slice(0, 300)}`);
      return null;
    });
  const after = usage(pid);
  const replies = emu.requests.filter((q) => {
    const ref = (q.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference;
    return q.method === 'POST' && ids.has(ref?.message_id ?? '');
  }).length;
  rows.push({
    round: r,
    phase: 'messages, flood',
    events: messageCount,
    handled: done ? messageCount : 0,
    p50: null,
    p99: null,
    max: null,
    missed: null,
    perSecond: done ? Math.round((messageCount / Math.max(1, done.at - t0)) * 1000) : 0,
    replies,
    botCpuUsPerEvent: Math.round(((after.cpuMs - before.cpuMs) * 1000) / messageCount),
    botRssMb: round(after.rssMb),
  });
  emu.forgetHistory();
  progress(`round ${r}: bot RSS ${round(after.rssMb)} MB`);
}

bot.kill();
await emu.close();
rmSync(scratch, { recursive: true, force: true });

const report = {
  machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cpus: cpus().length },
  bot: `node ${[...nodeFlags, 'dist/main.js'].join(' ')}`,
  restRssMb: round(restRss),
  rows,
};
if (json) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const header = [
    'round',
    'phase',
    'events',
    'handled',
    'p50 ms',
    'p99 ms',
    'max ms',
    'missed 3 s',
    'per s',
    'replies',
    'bot CPU µs/event',
    'bot RSS MB',
  ];
  const cells = rows.map((x) =>
    [
      x.round,
      x.phase,
      x.events,
      x.handled,
      x.p50,
      x.p99,
      x.max,
      x.missed,
      x.perSecond,
      x.replies,
      x.botCpuUsPerEvent,
      x.botRssMb,
    ].map((c) => (c === null ? '' : String(c))),
  );
  process.stdout.write(
    [
      `${report.bot}: ${report.machine.cpus} × ${report.machine.cpu}, Node ${report.machine.node}; bot RSS at rest ${report.restRssMb} MB (no forced GC)`,
      '',
      ...markdown([header, ...cells]),
      '',
    ].join('\n'),
  );
}
