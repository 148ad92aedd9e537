import { Readable, Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_MARKER } from '../../src/commands/summary.ts';
import { CONSOLE_BANNER, createConsoleSession, runConsole } from '../../src/console/session.ts';
import { loadPack } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';
import { createEngineHolder, type EngineHolder } from '../../src/engine/holder.ts';
import { TEXT, unknownCandidate } from '../../src/replies/strings.ts';
import { ENGINE_FAILURE, switchableEngines } from '../support/engines.ts';

let engines: EngineHolder;
beforeAll(() => {
  engines = createEngineHolder(() => loadPack(DEFAULT_PACK_DIR));
});

const value = (key: string): string => engines.current().kb.values.get(key) ?? `<no ${key}>`;
const winnerName = (): string => {
  const kb = engines.current().kb;
  return kb.entities.get(kb.figures.runoff.winner)?.name ?? '?';
};

/** Runs lines through one session and returns what each printed. */
function session(...lines: string[]): (string | null)[] {
  const s = createConsoleSession(engines);
  return lines.map((l) => s.handleLine(l));
}

/** A writable stream that keeps everything written to it. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createConsoleSession().handleLine', () => {
  it('GIVEN /margin THEN prints the margin card as text: 759 votes', () => {
    const [out] = session('/margin');
    expect(out).toContain('## Margin of the runoff');
    expect(out).toContain(`${value('runoff.marginVotes')} votes`);
  });

  it('GIVEN /results THEN shares read without Discord markdown', () => {
    const [out] = session('/results');
    expect(out).toContain(`${value('runoff.shares.bottoms')}%`);
    expect(out).not.toContain('**');
  });

  it('GIVEN a question THEN the answer and numbered buttons', () => {
    const [out] = session('who won?');
    expect(out).toContain(winnerName());
    expect(out).toContain(`[1] ${TEXT.helpful}`);
    expect(out).toContain(`[3] ${TEXT.delete}`);
  });

  it('GIVEN "1" after an answer THEN presses its first button (helpful)', () => {
    const [, out] = session('who won?', '1');
    expect(out).toBe(TEXT.feedbackThanks);
  });

  it('GIVEN the delete button THEN says the answer would be deleted', () => {
    const [, out] = session('who won?', '3');
    expect(out).toContain(TEXT.deleted);
    expect(out).toContain('(In Discord the answer would now be deleted.)');
  });

  it('GIVEN a suggestion pressed after an off-topic question THEN answers the suggested question', () => {
    const [first, second] = session('tell me about pizza', '1');
    expect(first).toContain(TEXT.didYouMean);
    const suggestion = engines.current().answer('tell me about pizza');
    if (suggestion.kind !== 'abstention') throw new Error('expected an abstention');
    const fact = engines.current().kb.factById.get(suggestion.suggestions[0]?.factId ?? '');
    expect(second).toContain(fact?.answer);
  });

  it('GIVEN a button number with no buttons on screen THEN says there is no such button', () => {
    expect(session('5')).toEqual(['There is no button 5 on the last reply.']);
    expect(session('who won?', '9')[1]).toBe('There is no button 9 on the last reply.');
  });

  it.each(['/quit', '/exit'])('GIVEN %s THEN the session ends', (line) => {
    expect(session(line)).toEqual([null]);
  });

  it('GIVEN an unknown command THEN says so and points to /help', () => {
    expect(session('/nope')).toEqual(['There is no /nope command. Try /help.']);
  });

  it('GIVEN /ask without the option name THEN the text is the question', () => {
    const [out] = session('/ask who won');
    expect(out).toContain(winnerName());
  });

  it("GIVEN /platform with a misspelt name and no option name THEN Norwood's platform", () => {
    const [out] = session('/platform norwod');
    expect(out).toContain("## Mary Norwood's platform");
  });

  it('GIVEN a user error THEN prints its message', () => {
    const kb = engines.current().kb;
    const [out] = session('/platform candidate:xyz');
    expect(out).toBe(
      unknownCandidate(
        'xyz',
        kb.candidates.map((c) => c.name),
      ),
    );
  });

  it('GIVEN "word:" that is not one of the command\'s options THEN it stays part of the text', () => {
    const [out] = session('/ask what did reed say: loser?');
    expect(out).toContain('loser');
    expect(out).not.toContain('has no option');
  });

  it('GIVEN /summary THEN shows the summary it would pin, since the console is a moderator', () => {
    const [out] = session('/summary');
    expect(out).toContain(TEXT.summaryPinned);
    expect(out).toContain('here it is shown instead');
    expect(out).toContain(`[${SUMMARY_MARKER}]`);
  });

  it.each([
    ['current', ['who won?', '/margin', '/platform norwood']],
    ['kb', ['who won?', '/margin', '/platform norwood']],
    ['answer', ['who won?', '/ask how close was it?']],
  ] as const)(
    'GIVEN the engine holder throws from %s THEN each line it breaks prints an apology and the session goes on',
    (part, lines) => {
      const broken = switchableEngines(engines);
      const s = createConsoleSession(broken);
      broken.breakNext(part);
      for (const line of lines) {
        expect(s.handleLine(line)).toBe(`${TEXT.genericError} (${ENGINE_FAILURE})`);
      }
      broken.breakNext(false);
      expect(s.handleLine('who won?')).toContain('Keisha Lance Bottoms won');
    },
  );

  it('GIVEN a blank line THEN prints nothing', () => {
    expect(session('   ')).toEqual(['']);
  });
});

describe('runConsole', () => {
  it('GIVEN piped input THEN prints the banner, echoes each line with its answer, and ends at end of input', async () => {
    const out = collector();
    await runConsole(engines, Readable.from(['/margin\n', 'who won?\n']), out.stream);
    const text = out.text();
    expect(text.startsWith(CONSOLE_BANNER)).toBe(true);
    expect(text).toContain('> /margin\n');
    expect(text).toContain(`${value('runoff.marginVotes')} votes`);
    expect(text).toContain('> who won?\n');
    expect(text).toContain(winnerName());
    expect(text.indexOf('> /margin')).toBeLessThan(text.indexOf('> who won?'));
  });

  it('GIVEN /quit in the input THEN stops there', async () => {
    const out = collector();
    await runConsole(engines, Readable.from(['/quit\n/margin\n']), out.stream);
    expect(out.text()).toContain('> /quit');
    expect(out.text()).not.toContain('Margin of the runoff');
  });

  it('GIVEN empty input THEN prints only the banner', async () => {
    const out = collector();
    await runConsole(engines, Readable.from([]), out.stream);
    expect(out.text()).toBe(`${CONSOLE_BANNER}\n\n`);
  });
});
