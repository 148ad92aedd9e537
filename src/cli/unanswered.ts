/**
 * `npm run unanswered`: the questions the bot declined, most frequent first, so a moderator can
 * see what students ask that the knowledge pack does not cover. `--json` prints the raw entries.
 */
import { loadConfig } from '../config.ts';
import { readUnanswered } from '../ops/unanswered.ts';
import { runCli } from './run.ts';

await runCli(() => {
  const config = loadConfig();
  const { entries, skipped } = readUnanswered(config.UNANSWERED_LOG);
  if (process.argv.includes('--json')) {
    for (const e of entries) process.stdout.write(`${JSON.stringify(e)}\n`);
    return;
  }
  if (entries.length === 0) {
    process.stdout.write(`No unanswered questions in ${config.UNANSWERED_LOG}.\n`);
    return;
  }
  const counts = new Map<string, { n: number; last: string; reason: string }>();
  for (const e of entries) {
    const key = e.question.toLowerCase();
    const c = counts.get(key);
    counts.set(key, { n: (c?.n ?? 0) + 1, last: e.at, reason: e.reason });
  }
  const rows = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || b[1].last.localeCompare(a[1].last));
  process.stdout.write(
    `${entries.length} unanswered questions (${rows.length} distinct) in ${config.UNANSWERED_LOG}\n`,
  );
  for (const [q, c] of rows)
    process.stdout.write(`${String(c.n).padStart(4)}  ${c.reason.padEnd(15)} ${q}\n`);
  if (skipped > 0) process.stdout.write(`(${skipped} malformed lines skipped)\n`);
});
