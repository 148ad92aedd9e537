import { describe, expect, it } from 'vitest';
import { loadPack, PackError, parsePack } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';
import { normaliseWhitespace } from '../../src/data/text.ts';
import { arr, bundledSources, factIn, obj, withEdit } from '../support/pack.ts';

function refusal(run: () => unknown): PackError {
  try {
    run();
  } catch (err) {
    if (err instanceof PackError) return err;
    throw err;
  }
  throw new Error('the pack was accepted');
}

describe('loadPack (the bundled Atlanta 2017 pack)', () => {
  const kb = loadPack(DEFAULT_PACK_DIR);
  const article = normaliseWhitespace(kb.article);

  it('GIVEN the bundled pack THEN every quote of every fact is a sentence of the article', () => {
    const quotes = kb.facts.flatMap((f) => f.quotes);
    expect(quotes.length).toBeGreaterThan(50);
    for (const q of quotes) expect(article).toContain(q.verbatim);
  });

  it('GIVEN the PDF artefacts THEN quotes are shown cleaned and the name and editorial fixes carry a note', () => {
    const aman = kb.factById.get('endorsements-norwood');
    expect(aman?.answer).toContain('Peter Aman');
    expect(aman?.quotes[0]?.verbatim).toContain('Peter A man');
    expect(aman?.quotes[0]?.text).toContain('Peter Aman');
    expect(aman?.quotes[0]?.notes.join(' ')).toMatch(/A man/);
    const vied = kb.factById.get('top-spot');
    expect(vied?.quotes[0]?.verbatim).toContain('Bottoms and Reed vied');
    expect(vied?.quotes[0]?.text).toContain('Bottoms and Norwood vied');
    expect(vied?.quotes[0]?.notes.join(' ')).toMatch(/Norwood was meant/);
    const runTogether =
      kb.factById
        .get('winner')
        ?.quotes.map((q) => q.text)
        .join(' ') ?? '';
    expect(runTogether).toContain('as Atlanta');
    expect(runTogether).not.toContain('asAtlanta');
  });

  it('GIVEN the figures THEN the derived ones are computed from them', () => {
    expect(kb.values.get('runoff.marginPoints')).toBe('0.82');
    expect(kb.derived.recount.eligible).toBe(true);
    expect(kb.values.get('runoff.countDate')).toBe('Dec. 6, 2017');
    expect(kb.values.get('annexation.approvedDate')).toBe('Dec. 4, 2017');
    expect(kb.values.get('provisional.countedDate')).toBe('Dec. 7, 2017');
    expect(kb.values.get('poll.missPoints')).toBe('7.02');
  });

  it('GIVEN a rendered answer THEN no template placeholder is left in it', () => {
    for (const f of kb.facts) {
      expect(f.answer).not.toMatch(/\{[a-zA-Z.]+\}/);
      for (const v of f.variants) expect(`${v.prefix ?? ''} ${v.answer ?? ''}`).not.toMatch(/\{[a-zA-Z.]+\}/);
    }
  });
});

describe('parsePack refuses a broken pack with one message naming file, item and field', () => {
  it('GIVEN the bundled sources THEN it builds the same knowledge base as loadPack', () => {
    expect(parsePack(bundledSources()).facts.length).toBe(loadPack(DEFAULT_PACK_DIR).facts.length);
  });

  it('GIVEN a fact without its answer THEN names facts.json, the fact and the field', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('facts', (j) => {
          delete factIn(j, 'margin').answer;
        }),
      ),
    );
    expect(err.message).toMatch(/^facts\.json: fact "margin", field "answer": /);
  });

  it('GIVEN a fact about an unknown candidate THEN names the entity', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('facts', (j) => {
          factIn(j, 'platform-bottoms').about = ['smith'];
        }),
      ),
    );
    expect(err.message).toBe('facts.json: fact "platform-bottoms", field "about.0": unknown entity "smith"');
  });

  it('GIVEN shares for a candidate the pack does not know THEN the figure is refused', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('pack', (j) => {
          const shares = obj(obj(obj(j.figures).runoff).shares);
          shares.smith = 1;
        }),
      ),
    );
    expect(err.message).toMatch(
      /^pack\.json: figure "runoff", field "shares\.smith": unknown entity "smith"/,
    );
  });

  it('GIVEN a quote that is not in the article THEN names the fact and the quote', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('facts', (j) => {
          factIn(j, 'reporters').quotes = ['Alex Klugerman wrote this story alone.'];
        }),
      ),
    );
    expect(err.message).toMatch(
      /^facts\.json: fact "reporters", field "quotes\.0": quote not found in article\.txt/,
    );
  });

  it('GIVEN a share that disagrees with its sentence THEN the figure is refused', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('pack', (j) => {
          obj(obj(obj(j.figures).runoff).shares).bottoms = 50.42;
        }),
      ),
    );
    expect(err.message).toMatch(/figure "runoff", field "shares\.bottoms": 50\.42 does not appear/);
  });

  it('GIVEN shares that do not add to 100 THEN the figures are refused', () => {
    // Change Norwood's 49.59 to 48.59 everywhere, article included, so only the sum is wrong.
    const src = bundledSources();
    const r = (text: string) => text.replaceAll('49.59', '48.59');
    const edited = {
      pack: r(src.pack),
      entities: r(src.entities),
      lexicon: r(src.lexicon),
      facts: r(src.facts),
      article: r(src.article),
    };
    const err = refusal(() => parsePack(edited));
    expect(err.message).toBe('pack.json: figure "runoff", field "shares": the shares add to 99.00, not 100');
  });

  it('GIVEN a winner who does not lead THEN the figure is refused', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('pack', (j) => {
          obj(obj(j.figures).runoff).winner = 'norwood';
        }),
      ),
    );
    expect(err.message).toMatch(
      /field "winner": "norwood" is named winner but "bottoms" has the larger share/,
    );
  });

  it('GIVEN a weekday that does not match the date THEN the figure is refused', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('pack', (j) => {
          obj(obj(j.figures).runoff).weekday = 'Monday';
        }),
      ),
    );
    expect(err.message).toMatch(/2017-12-05 is a Tuesday, not a Monday/);
  });

  it('GIVEN an answer stating a number its quotes do not hold THEN the fact is refused', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('facts', (j) => {
          factIn(j, 'margin').answer = 'Bottoms won by 760 votes.';
        }),
      ),
    );
    expect(err.message).toMatch(
      /fact "margin", field "answer": the number 760 is in the answer but not in its quotes/,
    );
  });

  it('GIVEN a matcher term the lexicon does not define THEN the fact is refused', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('facts', (j) => {
          factIn(j, 'margin').need = [['MARGN']];
        }),
      ),
    );
    expect(err.message).toBe(
      'facts.json: fact "margin", field "need.0.0": unknown concept or entity "MARGN"',
    );
  });

  it('GIVEN two facts with one id THEN the duplicate is named', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('facts', (j) => {
          factIn(j, 'poll').id = 'margin';
        }),
      ),
    );
    expect(err.message).toMatch(/fact "margin", field "id": duplicate id/);
  });

  it('GIVEN a misspelt field THEN the strict schema refuses it rather than ignoring it', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('facts', (j) => {
          const f = factIn(j, 'margin');
          f.qoutes = f.quotes;
        }),
      ),
    );
    expect(err.message).toMatch(/^facts\.json: fact "margin"/);
    expect(err.message).toMatch(/qoutes/);
  });

  it('GIVEN a file that is not JSON THEN names the file', () => {
    const err = refusal(() => parsePack({ ...bundledSources(), entities: '{ "entities": [' }));
    expect(err.message).toMatch(/^entities\.json: not valid JSON/);
  });

  it('GIVEN an empty article THEN the article file is named', () => {
    const err = refusal(() => parsePack({ ...bundledSources(), article: '   ' }));
    expect(err.message).toBe('article.txt: the article is empty');
  });

  it('GIVEN a correction for text the article does not contain THEN it is refused', () => {
    const err = refusal(() =>
      parsePack(
        withEdit('pack', (j) => {
          arr(j.corrections).push({ find: 'Bottomz', replace: 'Bottoms', kind: 'spacing' });
        }),
      ),
    );
    expect(err.message).toMatch(/field "find": "Bottomz" does not occur in article\.txt/);
  });
});
