import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';
import { normaliseWhitespace } from '../../src/data/text.ts';
import { createEngine, type QaEngine, type QaResult } from '../../src/engine/index.ts';

let engine: QaEngine;
beforeAll(() => {
  engine = createEngine(loadPack(DEFAULT_PACK_DIR));
});

function answered(q: string) {
  const r = engine.answer(q);
  if (r.kind !== 'answer') throw new Error(`expected an answer to "${q}", got an abstention: ${r.message}`);
  return r;
}
function declined(q: string) {
  const r = engine.answer(q);
  if (r.kind !== 'abstention') throw new Error(`expected "${q}" to be declined, got: ${r.text}`);
  return r;
}

describe('answer: facts, with the sentence they rest on', () => {
  it('GIVEN "who won?" THEN names Bottoms with both shares and quotes the article', () => {
    const a = answered('who won?');
    expect(a.text).toContain('Keisha Lance Bottoms');
    expect(a.text).toContain(engine.kb.values.get('runoff.shares.bottoms'));
    expect(a.citation).toContain('50.41 percent of votes');
    expect(a.topic).toBe('results');
  });

  it('GIVEN a margin question in points THEN the computed 0.82 is stated', () => {
    expect(answered('what was the margin in percentage points').text).toContain(
      engine.kb.values.get('runoff.marginPoints'),
    );
  });

  it('GIVEN a misspelt candidate THEN the corrected candidate is answered', () => {
    const a = answered('norwod platform?');
    expect(a.factId).toBe('platform-norwood');
    expect(a.entity).toBe('norwood');
  });

  it('GIVEN nicknames and first names THEN they resolve to the person', () => {
    expect(answered('what % did KLB get').text).toContain('50.41');
    expect(answered('what did mary get').text).toContain('49.59');
    expect(answered('why couldnt kasim run again').text).toMatch(/term limits/);
    expect(answered('who is peter a man').text).toMatch(/chief operating officer/);
  });

  it('GIVEN a yes/no question THEN the answer opens with the verdict', () => {
    expect(answered('Did Norwood win?').text).toMatch(/^No\./);
    expect(answered('Is Bottoms a Democrat?').text).toMatch(/^Yes\./);
    expect(answered('Is Mary Norwood a Republican?').text).toMatch(/^No\..*independent/);
    expect(answered('Is the result close enough for a recount?').text).toMatch(/^Yes\./);
  });

  it('GIVEN a platform question on one issue THEN that part of the platform is given first', () => {
    expect(answered("what is norwood's plan for public safety").text).toMatch(
      /^On public safety, Norwood's platform/,
    );
  });

  it('GIVEN a question carrying mentions THEN it is answered as if they were not there', () => {
    expect(answered('@everyone <@&123> who won').text).toContain('Bottoms');
  });

  it('GIVEN look-alike letters and zero-width characters in a name THEN it is still recognised', () => {
    expect(answered('wh\u200Bat did N\u043Erw\u043E\u043Ed get').text).toContain('49.59');
  });

  it('GIVEN the "Reed vied" artefact THEN the answer says Norwood and notes the correction', () => {
    const a = answered('who went back and forth for the top spot');
    expect(a.text).toContain('Bottoms and Norwood vied');
    expect(a.notes.join(' ')).toMatch(/Norwood was meant/);
  });

  it('GIVEN every answerable fact THEN its citation is made of article sentences', () => {
    const article = normaliseWhitespace(engine.kb.article);
    for (const f of engine.kb.facts.filter((x) => !x.decline)) {
      const a = engine.answerFact(f.id);
      expect(a?.quotes.length).toBeGreaterThan(0);
      for (const q of a?.quotes ?? []) expect(article).toContain(q.verbatim);
    }
  });
});

describe('answer: declining what the article does not say', () => {
  it.each([
    'Who won the 2020 presidential election?',
    'How old is Kasim Reed?',
    'who is bottoms married to',
    'Who won the 2021 Atlanta mayoral race?',
    'what is the capital of france',
    'How many votes did Bottoms get?',
    'what was the turnout',
    'What did Kamala Harris say at the event?',
  ])('GIVEN "%s" THEN it abstains', (q) => {
    const r = declined(q);
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('GIVEN a request for an opinion THEN it stays neutral and points to both platforms', () => {
    const r = declined('Who should I vote for?');
    expect(r.reason).toBe('opinion');
    expect(r.suggestions.map((s) => s.factId)).toEqual(['platform-bottoms', 'platform-norwood', 'platforms']);
  });

  it('GIVEN a question about how the recount turned out THEN it says the article predates it', () => {
    const r = declined('who won the recount');
    expect(r.reason).toBe('not-in-article');
    expect(r.message).toMatch(/does not say how any recount turned out/);
  });

  it('GIVEN a question about a candidate the fact is not about THEN it says what the article does say', () => {
    expect(declined('Did Bottoms go to Emory?').message).toMatch(
      /does not say where Keisha Lance Bottoms studied/,
    );
  });

  it.each(['', '   ', '🎉🎉', '<@123>', '???'])(
    'GIVEN nothing to match ("%s") THEN it asks for a question',
    (q) => {
      expect(declined(q).reason).toBe('empty');
    },
  );

  it('GIVEN an unmatched question THEN suggestions are real questions the bot can answer', () => {
    const r = declined('how do I cook pasta');
    expect(r.suggestions.length).toBe(3);
    for (const s of r.suggestions) expect(engine.answer(s.question).kind).toBe('answer');
  });
});

describe('answer: question shapes', () => {
  it('GIVEN a choice between the candidates THEN the one the fact is about is named', () => {
    expect(answered('soooo who actually went to Emory, Bottoms or Norwood?').text).toMatch(
      /^Mary Norwood is an Emory alumna/,
    );
  });

  it('GIVEN a majority question THEN the yes/no is computed from the share', () => {
    expect(answered('Did Bottoms get a majority of the votes?').text).toMatch(/^Yes\..*50\.41/);
    expect(answered('did norwood win a majority').text).toMatch(/^No\./);
  });

  it('GIVEN a question led by "how many" THEN only a fact giving a count answers it', () => {
    declined('how many provisional ballots are left to count');
    expect(answered('how many people were polled').text).toContain('500');
  });

  it('GIVEN "where" about a place the article does not give THEN it declines, saying so', () => {
    expect(declined('where was bottoms watch party').message).toMatch(/does not say where/);
  });
});

describe('answer: long messages', () => {
  it('GIVEN a long message that ends with the question THEN that question is answered', () => {
    const a = answered(
      'I was reading about the election for my poli sci class last night and honestly got confused by all the numbers and names. So who won the runoff?',
    );
    expect(a.factId).toBe('winner');
  });

  it('GIVEN a long message with no question the article answers THEN it still declines', () => {
    declined(
      'I was reading about pasta recipes for my cooking class last night. How long should I boil spaghetti?',
    );
  });
});

describe('answer: robustness', () => {
  it('GIVEN 50,000 "a" then "!" THEN it returns (no backtracking regex on user input)', () => {
    expect(engine.answer(`${'a'.repeat(50_000)}!`).kind).toBe('abstention');
  });

  it('GIVEN 6,000 characters of text THEN it returns a result', () => {
    expect(['answer', 'abstention']).toContain(engine.answer('who won? '.repeat(700)).kind);
  });

  it('GIVEN arbitrary unicode, markdown and mentions THEN it never throws and confidence stays in [0, 1]', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(
        '<@123>',
        '@everyone',
        '**',
        '```',
        '||',
        '[x](https://e.x)',
        'Norwood',
        'recount',
        '50.41',
        '\u202E',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const r: QaResult = engine.answer(parts.join(' '));
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
