/**
 * `npm run ask -- "who won?"` prints the answer with its quoted sentence.
 * `npm run --silent ask -- --json "who won?"` prints one JSON object.
 * With no question argument, questions are read from standard input, one per line, and answered
 * in order (one JSON object per line with --json).
 */
import { createInterface } from 'node:readline';
import { loadPack } from '../data/load.ts';
import { DEFAULT_PACK_DIR } from '../data/packs.ts';
import { createEngine } from '../engine/index.ts';
import { resultJson, resultText } from '../replies/plain-text.ts';
import { runCli } from './run.ts';

await runCli(async () => {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const words = args.filter((a) => a !== '--json' && a !== '--');
  const engine = createEngine(loadPack(DEFAULT_PACK_DIR));
  const reply = (question: string) => {
    const result = engine.answer(question);
    return json ? JSON.stringify(resultJson(question, result)) : resultText(result);
  };

  if (words.length > 0) {
    process.stdout.write(`${reply(words.join(' '))}\n`);
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let first = true;
  for await (const line of lines) {
    if (!json && !first) process.stdout.write('\n');
    first = false;
    process.stdout.write(`${reply(line)}\n`);
  }
});
