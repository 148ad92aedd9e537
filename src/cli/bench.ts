/**
 * `npm run bench`: times the Q&A engine against two baselines on the same questions.
 *
 * - engine: `answer()` per question (median, p99 in microseconds; questions per second) over at
 *   least 10,000 questions (every question of the evaluation sets, cycled), after one warm-up pass;
 * - baselines: MiniSearch (BM25) and fuse.js over the article's sentences, answering with the top
 *   sentence (declining when nothing matches);
 * - accuracy of all three on the public dev set (a question is right when an in-scope answer holds
 *   the expected words, or an out-of-scope one is declined);
 * - the knowledge pack's load time (parse, validate, derive, index).
 *
 * `npm run bench -- --json` prints one JSON object.
 */
import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { loadPack } from '../data/load.ts';
import { DEFAULT_PACK_DIR } from '../data/packs.ts';
import { splitSentences } from '../data/sentences.ts';
import { cleanText } from '../data/text.ts';
import { createEngine } from '../engine/index.ts';
import type { QaResult } from '../engine/types.ts';
import { type EvalQuestion, evaluate, parseQuestionSet } from '../eval/questions.ts';
import { percentile } from './bench-http-mix.ts';
import { runCli } from './run.ts';

const SETS = [
  'dev',
  'tune',
  'tune2',
  'blind',
  'blind2',
  'blind3',
  'blind4',
  'blind5',
  'blind6',
  'blind7',
  'blind8',
  'blind9',
  'blind10',
  'blind11',
].map((s) => `tests/eval/questions.${s}.jsonl`);
const MIN_QUESTIONS = 10_000;

interface Timing {
  readonly median_us: number;
  readonly p99_us: number;
  readonly qps: number;
}

interface Row extends Timing {
  readonly accuracy: number;
  readonly in_scope_accuracy: number;
  readonly abstention: number;
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** Times `fn` once per question; one untimed warm-up pass first unless `cold`. */
function time(questions: readonly string[], fn: (q: string) => unknown, cold = false): Timing {
  if (!cold) for (const q of questions.slice(0, Math.min(questions.length, 1000))) fn(q);
  const samples = new Float64Array(questions.length);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < questions.length; i++) {
    const s = process.hrtime.bigint();
    fn(questions[i] ?? '');
    samples[i] = Number(process.hrtime.bigint() - s) / 1000;
  }
  const totalS = Number(process.hrtime.bigint() - t0) / 1e9;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median_us: round(percentile(sorted, 50), 2),
    p99_us: round(percentile(sorted, 99), 2),
    qps: Math.round(questions.length / totalS),
  };
}

function accuracyOf(dev: readonly EvalQuestion[], answer: (q: string) => QaResult) {
  const r = evaluate(dev, answer);
  return {
    accuracy: round((r.inScopeRight + r.outOfScopeDeclined) / (r.inScope + r.outOfScope), 3),
    in_scope_accuracy: round(r.inScopeRight / r.inScope, 3),
    abstention: round(r.outOfScopeDeclined / Math.max(1, r.outOfScope), 3),
  };
}

/** A retrieval baseline as a QaResult: the best sentence is the answer; nothing found declines. */
function sentenceResult(sentence: string | undefined, score: number): QaResult {
  if (sentence === undefined) {
    return {
      kind: 'abstention',
      reason: 'no-match',
      message: '',
      suggestions: [],
      topic: null,
      confidence: 0,
    };
  }
  return {
    kind: 'answer',
    text: sentence,
    quotes: [],
    citation: sentence,
    notes: [],
    topic: 'results',
    confidence: Math.min(1, score),
    entity: null,
    factId: 'sentence',
  };
}

await runCli(() => {
  const json = process.argv.includes('--json');

  const loads: number[] = [];
  let engine = createEngine(loadPack(DEFAULT_PACK_DIR));
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    engine = createEngine(loadPack(DEFAULT_PACK_DIR));
    loads.push(performance.now() - t);
  }
  loads.sort((a, b) => a - b);
  const loadMs = round(percentile(loads, 50), 2);

  const sets = SETS.map((f) => parseQuestionSet(readFileSync(f, 'utf8'), f));
  const dev = sets[0] ?? [];
  const pool = sets.flat().map((q) => q.q);
  const questions: string[] = [];
  while (questions.length < MIN_QUESTIONS) questions.push(...pool);

  const sentences = splitSentences(engine.kb.article).map((s) => cleanText(s, engine.kb.corrections).text);
  const docs = sentences.map((text, id) => ({ id, text }));
  const bm25 = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: ['text'] });
  bm25.addAll(docs);
  const bm25Answer = (q: string): QaResult => {
    const hit = bm25.search(q, { fuzzy: 0.2, prefix: true })[0];
    return sentenceResult(hit ? sentences[hit.id] : undefined, hit ? hit.score / 10 : 0);
  };
  const fuse = new Fuse(docs, { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.6 });
  const fuseAnswer = (q: string): QaResult => {
    const hit = fuse.search(q.slice(0, 200))[0];
    return sentenceResult(hit ? sentences[hit.item.id] : undefined, 1 - (hit?.score ?? 1));
  };

  // Every distinct question once on a fresh engine: no typo-correction memo, no JIT warm-up.
  const coldEngine = createEngine(loadPack(DEFAULT_PACK_DIR));
  const cold = time(pool, coldEngine.answer, true);

  const rows: Record<'engine' | 'bm25' | 'fuse', Row> = {
    engine: { ...time(questions, engine.answer), ...accuracyOf(dev, engine.answer) },
    bm25: { ...time(questions, bm25Answer), ...accuracyOf(dev, bm25Answer) },
    fuse: { ...time(questions, fuseAnswer), ...accuracyOf(dev, fuseAnswer) },
  };

  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        engine: { ...rows.engine, cold_median_us: cold.median_us, cold_p99_us: cold.p99_us },
        baselines: { bm25: rows.bm25, fuse: rows.fuse },
        load_ms: loadMs,
        questions: questions.length,
      })}\n`,
    );
    return;
  }
  const line = (name: string, r: Row) =>
    `${name.padEnd(22)}${String(r.median_us).padStart(10)}${String(r.p99_us).padStart(10)}${String(r.qps).padStart(12)}${`${(r.accuracy * 100).toFixed(1)}%`.padStart(10)}${`${(r.in_scope_accuracy * 100).toFixed(1)}%`.padStart(10)}${`${(r.abstention * 100).toFixed(1)}%`.padStart(10)}`;
  process.stdout.write(
    [
      `${questions.length} questions (every evaluation question, cycled); accuracy on the ${dev.length}-question dev set`,
      `${'method'.padEnd(22)}${'median µs'.padStart(10)}${'p99 µs'.padStart(10)}${'q/s'.padStart(12)}${'dev acc'.padStart(10)}${'in scope'.padStart(10)}${'declined'.padStart(10)}`,
      line('engine', rows.engine),
      line('MiniSearch BM25', rows.bm25),
      line('fuse.js sentences', rows.fuse),
      `engine q/s vs BM25: ${(rows.engine.qps / rows.bm25.qps).toFixed(1)}x`,
      `engine cold (each of ${pool.length} distinct questions once, fresh engine): median ${cold.median_us} µs, p99 ${cold.p99_us} µs`,
      `pack load (parse, validate, derive, index): ${loadMs} ms median of 10`,
      '',
    ].join('\n'),
  );
});
