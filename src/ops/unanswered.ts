/**
 * Questions the bot could not answer, kept so a moderator can read them back (`npm run unanswered`)
 * and turn real questions into new phrasings for the knowledge pack. One JSON object per line,
 * appended; the question is stored as text only (no user ids), capped in length.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { normaliseWhitespace } from '../data/text.ts';
import type { Abstention } from '../engine/types.ts';

/** Longest question text kept in the log. */
export const MAX_LOGGED_QUESTION = 500;

export interface UnansweredEntry {
  readonly at: string;
  readonly question: string;
  readonly reason: Abstention['reason'];
  readonly topic: string | null;
  readonly suggestions: readonly string[];
  /** Where it was asked: gateway, http or console. */
  readonly via: string;
}

/** Where unanswered questions go. */
export interface UnansweredLog {
  record(question: string, result: Abstention, via: string): void;
}

/** The log entry for a declined question (pure). */
export function unansweredEntry(
  question: string,
  result: Abstention,
  via: string,
  now: Date,
): UnansweredEntry {
  return {
    at: now.toISOString(),
    question: normaliseWhitespace(question).slice(0, MAX_LOGGED_QUESTION),
    reason: result.reason,
    topic: result.topic,
    suggestions: result.suggestions.map((s) => s.question),
    via,
  };
}

/**
 * A JSON-lines file log. Writing never throws into a request: a failure is reported once through
 * `onError` and the question is dropped from the log (the user still got their reply).
 */
export function fileUnansweredLog(path: string, onError: (err: unknown) => void = () => {}): UnansweredLog {
  let dirReady = false;
  return {
    record(question, result, via) {
      if (result.reason === 'empty') return;
      try {
        if (!dirReady) {
          mkdirSync(dirname(path), { recursive: true });
          dirReady = true;
        }
        appendFileSync(path, `${JSON.stringify(unansweredEntry(question, result, via, new Date()))}\n`);
      } catch (err) {
        onError(err);
      }
    },
  };
}

/** A log that keeps nothing (tests, benchmarks). */
export const noUnansweredLog: UnansweredLog = { record: () => {} };

const EntrySchema = z.object({
  at: z.string(),
  question: z.string(),
  reason: z.enum(['empty', 'no-match', 'not-in-article', 'opinion', 'prediction']),
  topic: z.string().nullable(),
  suggestions: z.array(z.string()),
  via: z.string(),
});

/** Reads a log back; malformed lines are skipped and counted. */
export function readUnanswered(path: string): { entries: UnansweredEntry[]; skipped: number } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { entries: [], skipped: 0 };
  }
  const entries: UnansweredEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = EntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { entries, skipped };
}
