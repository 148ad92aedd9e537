/**
 * `npm run eval [-- files...]`: runs question sets (default: the public dev set) through the engine
 * and prints in-scope accuracy, out-of-scope abstention and every miss. `--json` prints one JSON
 * object per set. Exit code 1 when a set misses the bar the tests hold the dev set to.
 */
import { readFileSync } from 'node:fs';
import { loadPack } from '../data/load.ts';
import { DEFAULT_PACK_DIR } from '../data/packs.ts';
import { createEngine } from '../engine/index.ts';
import { evaluate, parseQuestionSet } from '../eval/questions.ts';
import { runCli } from './run.ts';

const DEFAULT_SETS = ['tests/eval/questions.dev.jsonl'];
const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);

await runCli(() => {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const json = args.includes('--json');
  const files = args.filter((a) => !a.startsWith('--'));
  const engine = createEngine(loadPack(DEFAULT_PACK_DIR));
  let failed = false;
  for (const file of files.length > 0 ? files : DEFAULT_SETS) {
    const report = evaluate(parseQuestionSet(readFileSync(file, 'utf8'), file), engine.answer);
    const accuracy = report.inScope === 0 ? 1 : report.inScopeRight / report.inScope;
    const falseAnswers = report.outOfScope - report.outOfScopeDeclined;
    if (accuracy < 0.95 || falseAnswers > 0) failed = true;
    if (json) {
      process.stdout.write(
        `${JSON.stringify({
          file,
          in_scope: report.inScope,
          in_scope_right: report.inScopeRight,
          accuracy,
          wrong: report.wrong,
          out_of_scope: report.outOfScope,
          declined: report.outOfScopeDeclined,
          misses: report.misses.map((m) => ({ id: m.q.id, q: m.q.q, verdict: m.verdict })),
        })}\n`,
      );
      continue;
    }
    process.stdout.write(`${file}\n`);
    process.stdout.write(
      `  in scope:     ${report.inScopeRight}/${report.inScope} right (${pct(report.inScopeRight, report.inScope)}), ${report.wrong} wrong, ${report.inScope - report.inScopeRight - report.wrong} declined\n`,
    );
    process.stdout.write(
      `  out of scope: ${report.outOfScopeDeclined}/${report.outOfScope} declined (${pct(report.outOfScopeDeclined, report.outOfScope)})\n`,
    );
    for (const m of report.misses) {
      const got =
        m.result.kind === 'answer'
          ? `answered [${m.result.factId}]: ${m.result.text.slice(0, 100)}`
          : `declined (${m.result.reason})`;
      const want = 'expect' in m.q ? ` expected ${JSON.stringify(m.q.expect)}` : '';
      process.stdout.write(`  ${m.verdict.padEnd(12)} ${m.q.id} "${m.q.q}" -> ${got}${want}\n`);
    }
  }
  if (failed) process.exitCode = 1;
});
