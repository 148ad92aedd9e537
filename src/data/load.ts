/**
 * Loads a knowledge pack: reads its files, parses each with its zod schema, checks the rules that
 * span files (every quote is in the article, ids resolve, figures agree with their sentences and
 * with each other), computes derived figures and fills the answer templates.
 *
 * A broken pack is refused with one `PackError` naming the file, the fact (or figure) and the field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { type Derived, deriveFigures, templateValues } from './derive.ts';
import type { Concept, Entity, Fact, FactVariant, KnowledgeBase, Quote } from './knowledge.ts';
import {
  EntitiesFileSchema,
  type FactSpec,
  FactsFileSchema,
  type Figures,
  LexiconFileSchema,
  PackFileSchema,
} from './schema.ts';
import {
  apShortDate,
  cleanText,
  normaliseWhitespace,
  numericShortDate,
  parseIsoDate,
  type TextCorrection,
  weekdayOf,
} from './text.ts';

/** The files of a pack, by role. */
export const PACK_FILES = {
  pack: 'pack.json',
  entities: 'entities.json',
  lexicon: 'lexicon.json',
  facts: 'facts.json',
} as const;

/** Raw contents of a pack's files, as read from disk (or built by a test). */
export interface PackSources {
  readonly pack: string;
  readonly entities: string;
  readonly lexicon: string;
  readonly facts: string;
  /** The article text; its file name comes from pack.json's `articleFile`. */
  readonly article: string;
}

/** A pack that cannot be used. `message` names the file, the item and the field. */
export class PackError extends Error {
  readonly file: string;
  readonly item: string | undefined;
  readonly field: string | undefined;

  constructor(file: string, problem: string, item?: string, field?: string) {
    const where = [item, field ? `field "${field}"` : undefined].filter(Boolean).join(', ');
    super(`${file}${where ? `: ${where}` : ''}: ${problem}`);
    this.name = 'PackError';
    this.file = file;
    this.item = item;
    this.field = field;
  }
}

/** Reads a pack folder from disk and builds it. Throws PackError for any problem. */
export function loadPack(dir: string): KnowledgeBase {
  const read = (file: string): string => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch (err) {
      throw new PackError(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  const pack = read(PACK_FILES.pack);
  const articleFile = articleFileOf(pack);
  return parsePack({
    pack,
    entities: read(PACK_FILES.entities),
    lexicon: read(PACK_FILES.lexicon),
    facts: read(PACK_FILES.facts),
    article: read(articleFile),
  });
}

function articleFileOf(packJson: string): string {
  const parsed = parseFile(PACK_FILES.pack, packJson, PackFileSchema);
  return parsed.articleFile;
}

function jsonOf(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PackError(file, `not valid JSON (${(err as Error).message})`);
  }
}

/** Names the item a zod issue path points into, e.g. `fact "margin"` for ["facts", 3, "quotes"]. */
function describePath(raw: unknown, path: readonly PropertyKey[]): { item?: string; field: string } {
  const [top, index, ...rest] = path;
  if (
    (top === 'facts' || top === 'entities') &&
    typeof index === 'number' &&
    typeof raw === 'object' &&
    raw
  ) {
    const list = (raw as Record<string, unknown>)[top];
    const entry = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined) : undefined;
    const label = top === 'facts' ? 'fact' : 'entity';
    const name = typeof entry?.id === 'string' ? `"${entry.id}"` : `#${index + 1}`;
    return { item: `${label} ${name}`, field: rest.map(String).join('.') || '(whole item)' };
  }
  if (top === 'figures' && typeof index === 'string') {
    return { item: `figure "${index}"`, field: rest.map(String).join('.') || '(whole figure)' };
  }
  return { field: path.map(String).join('.') || '(whole file)' };
}

function parseFile<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  const raw = jsonOf(file, text);
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new PackError(file, 'invalid');
  const { item, field } = describePath(raw, issue.path);
  throw new PackError(file, issue.message, item, field);
}

/** Builds a knowledge base from a pack's sources. Pure apart from throwing PackError. */
export function parsePack(src: PackSources): KnowledgeBase {
  const pack = parseFile(PACK_FILES.pack, src.pack, PackFileSchema);
  const entitiesFile = parseFile(PACK_FILES.entities, src.entities, EntitiesFileSchema);
  const lexicon = parseFile(PACK_FILES.lexicon, src.lexicon, LexiconFileSchema);
  const factsFile = parseFile(PACK_FILES.facts, src.facts, FactsFileSchema);
  const articleName = pack.articleFile;

  const article = src.article;
  const flatArticle = normaliseWhitespace(article);
  if (flatArticle.length === 0) throw new PackError(articleName, 'the article is empty');
  const corrections: TextCorrection[] = pack.corrections;

  // --- corrections
  pack.corrections.forEach((c, i) => {
    if (!flatArticle.includes(normaliseWhitespace(c.find))) {
      throw new PackError(
        PACK_FILES.pack,
        `"${c.find}" does not occur in ${articleName}`,
        `correction #${i + 1}`,
        'find',
      );
    }
    if (c.kind !== 'spacing' && !c.note) {
      throw new PackError(
        PACK_FILES.pack,
        `a ${c.kind} correction needs a note saying why`,
        `correction #${i + 1}`,
        'note',
      );
    }
  });

  // --- entities
  const entities = new Map<string, Entity>();
  const aliasOwner = new Map<string, string>();
  for (const e of entitiesFile.entities) {
    if (entities.has(e.id))
      throw new PackError(PACK_FILES.entities, 'duplicate id', `entity "${e.id}"`, 'id');
    entities.set(e.id, e);
    for (const a of e.aliases) {
      const key = a.toLowerCase();
      const owner = aliasOwner.get(key);
      if (owner && owner !== e.id) {
        throw new PackError(
          PACK_FILES.entities,
          `alias "${a}" is also an alias of "${owner}"`,
          `entity "${e.id}"`,
          'aliases',
        );
      }
      aliasOwner.set(key, e.id);
    }
  }
  const candidates = [...entities.values()].filter((e) => e.kind === 'candidate');
  if (candidates.length < 2) throw new PackError(PACK_FILES.entities, 'a pack needs at least two candidates');

  const concepts = new Map<string, Concept>();
  for (const [cid, c] of Object.entries(lexicon.concepts)) {
    concepts.set(cid, {
      id: cid,
      kind: c.kind,
      penalty: c.penalty,
      demand: c.demand ?? false,
      terms: c.terms,
    });
  }

  // --- quotes
  const quoteCache = new Map<string, Quote>();
  const toQuote = (verbatim: string, file: string, item: string, field: string): Quote => {
    const cached = quoteCache.get(verbatim);
    if (cached) return cached;
    const flat = normaliseWhitespace(verbatim);
    if (!flatArticle.includes(flat)) {
      throw new PackError(file, `quote not found in ${articleName}: "${verbatim.slice(0, 80)}"`, item, field);
    }
    const clean = cleanText(verbatim, corrections);
    const q: Quote = { verbatim: flat, text: clean.text, notes: clean.notes };
    quoteCache.set(verbatim, q);
    return q;
  };

  // --- figures: quotes, references, agreement
  const figureQuotes = checkFigures(pack.figures, entities, toQuote);
  let derived: Derived;
  try {
    derived = deriveFigures(pack.figures);
  } catch (err) {
    throw new PackError(PACK_FILES.pack, (err as Error).message, 'figures');
  }
  checkDerived(pack.figures, derived);
  const values = templateValues(pack.figures, derived, (id) => entities.get(id)?.name ?? id);

  // --- facts
  const known = (term: string) => term === 'POLAR' || concepts.has(term) || entities.has(term);
  const factIds = new Set<string>();
  for (const f of factsFile.facts) {
    if (factIds.has(f.id)) throw new PackError(PACK_FILES.facts, 'duplicate id', `fact "${f.id}"`, 'id');
    factIds.add(f.id);
  }
  const facts = factsFile.facts.map((spec) =>
    buildFact(spec, { known, entities, factIds, values, figureQuotes, toQuote }),
  );

  return {
    id: pack.id,
    title: pack.title,
    article,
    corrections,
    entities,
    candidates,
    concepts,
    figures: pack.figures,
    derived,
    values,
    facts,
    factById: new Map(facts.map((f) => [f.id, f])),
  };
}

type ToQuote = (verbatim: string, file: string, item: string, field: string) => Quote;

/** Quotes of each figure by name, for `@figure` references in facts. */
type FigureQuotes = ReadonlyMap<string, readonly Quote[]>;

function numberAppears(n: number, text: string): boolean {
  // "50.41" must not match inside "150.41" or "50.415".
  const s = String(n).replace('.', '\\.');
  return new RegExp(`(^|[^0-9.])${s}(?![0-9])`).test(text);
}

function checkFigures(f: Figures, entities: ReadonlyMap<string, Entity>, toQuote: ToQuote): FigureQuotes {
  const file = PACK_FILES.pack;
  const out = new Map<string, readonly Quote[]>();
  const quotesOf = (name: string, list: readonly string[]) => {
    const qs = list.map((q, i) => toQuote(q, file, `figure "${name}"`, `quotes.${i}`));
    out.set(name, qs);
    return qs.map((q) => q.text).join(' ');
  };
  const requireEntity = (figure: string, field: string, id: string, kind?: string) => {
    const e = entities.get(id);
    if (!e) throw new PackError(file, `unknown entity "${id}"`, `figure "${figure}"`, field);
    if (kind && e.kind !== kind)
      throw new PackError(file, `"${id}" is not a ${kind}`, `figure "${figure}"`, field);
  };
  const requireNumber = (figure: string, field: string, n: number, text: string) => {
    if (!numberAppears(n, text)) {
      throw new PackError(
        file,
        `${n} does not appear in the figure's quoted sentences`,
        `figure "${figure}"`,
        field,
      );
    }
  };
  const requireText = (figure: string, field: string, value: string, text: string, ignoreCase = false) => {
    const found = ignoreCase ? text.toLowerCase().includes(value.toLowerCase()) : text.includes(value);
    if (!found)
      throw new PackError(file, `"${value}" is not in the quoted sentences`, `figure "${figure}"`, field);
  };
  const requireDateIn = (figure: string, field: string, iso: string, text: string) => {
    const d = parseIsoDate(iso);
    if (!d) throw new PackError(file, `${iso} is not a calendar date`, `figure "${figure}"`, field);
    if (!text.includes(apShortDate(d)) && !text.includes(numericShortDate(d))) {
      throw new PackError(
        file,
        `${apShortDate(d)} does not appear in the figure's quoted sentences`,
        `figure "${figure}"`,
        field,
      );
    }
  };
  const requireCandidateShares = (figure: string, shares: Record<string, number>, text: string) => {
    for (const [c, v] of Object.entries(shares)) {
      requireEntity(figure, `shares.${c}`, c, 'candidate');
      requireNumber(figure, `shares.${c}`, v, text);
    }
  };

  const runoffText = quotesOf('runoff', f.runoff.quotes);
  requireCandidateShares('runoff', f.runoff.shares, runoffText);
  requireEntity('runoff', 'winner', f.runoff.winner, 'candidate');
  requireEntity('runoff', 'source', f.runoff.source);
  requireNumber('runoff', 'marginVotes', f.runoff.marginVotes, runoffText);
  requireDateIn('runoff', 'date', f.runoff.date, runoffText);

  const generalText = quotesOf('general', f.general.quotes);
  requireCandidateShares('general', f.general.shares, generalText);
  requireEntity('general', 'source', f.general.source);
  requireDateIn('general', 'date', f.general.date, generalText);

  const pollText = quotesOf('poll', f.poll.quotes);
  requireCandidateShares('poll', f.poll.shares, pollText);
  f.poll.sponsors.forEach((s, i) => {
    requireEntity('poll', `sponsors.${i}`, s);
  });
  requireNumber('poll', 'sample', f.poll.sample, pollText);
  requireNumber('poll', 'undecided', f.poll.undecided, pollText);
  requireDateIn('poll', 'released', f.poll.released, pollText);

  requireNumber(
    'recountRule',
    'thresholdPercent',
    f.recountRule.thresholdPercent,
    quotesOf('recountRule', f.recountRule.quotes),
  );

  const precedentText = quotesOf('precedent', f.precedent.quotes);
  requireEntity('precedent', 'winner', f.precedent.winner);
  requireEntity('precedent', 'loser', f.precedent.loser);
  requireNumber('precedent', 'year', f.precedent.year, precedentText);
  requireNumber('precedent', 'marginVotes', f.precedent.marginVotes, precedentText);

  requireText(
    'annexation',
    'approvedWeekday',
    f.annexation.approvedWeekday,
    quotesOf('annexation', f.annexation.quotes),
  );
  requireText(
    'provisional',
    'countedWeekday',
    f.provisional.countedWeekday,
    quotesOf('provisional', f.provisional.quotes),
  );
  const mayorText = quotesOf('outgoingMayor', f.outgoingMayor.quotes);
  requireEntity('outgoingMayor', 'entity', f.outgoingMayor.entity);
  requireNumber('outgoingMayor', 'since', f.outgoingMayor.since, mayorText);
  requireDateIn(
    'endorsementDate',
    'date',
    f.endorsementDate.date,
    quotesOf('endorsementDate', f.endorsementDate.quotes),
  );
  requireDateIn('correction', 'date', f.correction.date, quotesOf('correction', f.correction.quotes));

  for (const [cand, platform] of Object.entries(f.platform)) {
    requireEntity('platform', cand, cand, 'candidate');
    const text = quotesOf(`platform.${cand}`, platform.quotes);
    platform.items.forEach((item, i) => {
      requireText(`platform.${cand}`, `items.${i}.text`, item.text, text);
    });
    if (platform.name) requireText(`platform.${cand}`, 'name', platform.name, text);
  }

  for (const [cand, c] of Object.entries(f.candidates)) {
    requireEntity('candidates', cand, cand, 'candidate');
    const text = quotesOf(`candidates.${cand}`, c.quotes);
    requireText(`candidates.${cand}`, 'party', c.party, text, true);
    requireText(`candidates.${cand}`, 'office', c.office, text, true);
  }
  for (const e of entities.values()) {
    if (e.kind === 'candidate' && !f.candidates[e.id]) {
      throw new PackError(file, `candidate "${e.id}" has no entry`, 'figure "candidates"', e.id);
    }
  }

  const alumnaText = quotesOf('alumna', f.alumna.quotes);
  requireEntity('alumna', 'entity', f.alumna.entity);
  requireEntity('alumna', 'school', f.alumna.school);
  requireText('alumna', 'notation', `(${f.alumna.notation})`, alumnaText);
  if (!f.alumna.notation.startsWith(String(f.alumna.classYear).slice(-2))) {
    throw new PackError(
      file,
      `class year ${f.alumna.classYear} disagrees with "${f.alumna.notation}"`,
      'figure "alumna"',
      'classYear',
    );
  }
  return out;
}

/** Rules between figures: shares add up, the named winner leads, weekdays match the calendar. */
function checkDerived(f: Figures, d: Derived): void {
  const file = PACK_FILES.pack;
  if (Math.abs(d.runoff.sharesTotal - 100) > 0.02) {
    throw new PackError(
      file,
      `the shares add to ${d.runoff.sharesTotal.toFixed(2)}, not 100`,
      'figure "runoff"',
      'shares',
    );
  }
  if (d.runoff.leader !== f.runoff.winner) {
    throw new PackError(
      file,
      `"${f.runoff.winner}" is named winner but "${d.runoff.leader}" has the larger share`,
      'figure "runoff"',
      'winner',
    );
  }
  const generalTotal = Object.values(f.general.shares).reduce((a, b) => a + b, 0);
  if (generalTotal > 100.02)
    throw new PackError(file, `the shares add to ${generalTotal}, over 100`, 'figure "general"', 'shares');
  if (Math.abs(d.poll.totalWithUndecided - 100) > 0.15) {
    throw new PackError(
      file,
      `shares and undecided add to ${d.poll.totalWithUndecided.toFixed(1)}, not 100`,
      'figure "poll"',
      'undecided',
    );
  }
  const weekday = weekdayOf(d.runoff.date);
  if (weekday !== f.runoff.weekday) {
    throw new PackError(
      file,
      `${f.runoff.date} is a ${weekday}, not a ${f.runoff.weekday}`,
      'figure "runoff"',
      'weekday',
    );
  }
  if (d.runoff.marginPoints <= 0)
    throw new PackError(file, 'the winner has no margin', 'figure "runoff"', 'shares');
}

interface FactContext {
  readonly known: (term: string) => boolean;
  readonly entities: ReadonlyMap<string, Entity>;
  readonly factIds: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly figureQuotes: FigureQuotes;
  readonly toQuote: ToQuote;
}

const PLACEHOLDER = /\{([a-zA-Z][\w.]*)\}/g;
const NUMBER_LITERAL = /\d+(?:[.:/]\d+)*/g;

function buildFact(spec: FactSpec, ctx: FactContext): Fact {
  const file = PACK_FILES.facts;
  const item = `fact "${spec.id}"`;
  const fail = (field: string, problem: string): never => {
    throw new PackError(file, problem, item, field);
  };

  spec.about.forEach((e, i) => {
    if (!ctx.entities.has(e)) fail(`about.${i}`, `unknown entity "${e}"`);
  });
  spec.need.forEach((group, g) => {
    group.forEach((t, i) => {
      if (!ctx.known(t)) fail(`need.${g}.${i}`, `unknown concept or entity "${t}"`);
    });
  });
  for (const t of Object.keys(spec.cues))
    if (!ctx.known(t)) fail(`cues.${t}`, `unknown concept or entity "${t}"`);
  (spec.suggest ?? []).forEach((s, i) => {
    if (!ctx.factIds.has(s)) fail(`suggest.${i}`, `unknown fact "${s}"`);
  });

  const quotes: Quote[] = [];
  spec.quotes.forEach((ref, i) => {
    if (ref.startsWith('@')) {
      const [name, index] = splitRef(ref.slice(1), ctx.figureQuotes);
      const qs = ctx.figureQuotes.get(name) ?? fail(`quotes.${i}`, `unknown figure "${name}" in "${ref}"`);
      if (index === undefined) quotes.push(...qs);
      else if (qs[index]) quotes.push(qs[index]);
      else fail(`quotes.${i}`, `figure "${name}" has no quote #${index}`);
    } else {
      quotes.push(ctx.toQuote(ref, file, item, `quotes.${i}`));
    }
  });
  if (quotes.length === 0 && !spec.decline) fail('quotes', 'a fact the bot states needs at least one quote');
  const quoteText = quotes.map((q) => q.text).join(' ');

  const render = (template: string, field: string): string => {
    const withoutPlaceholders = template.replace(PLACEHOLDER, ' ');
    for (const n of withoutPlaceholders.match(NUMBER_LITERAL) ?? []) {
      if (!quoteText.includes(n))
        fail(field, `the number ${n} is in the answer but not in its quotes; use a figure`);
    }
    return template.replace(PLACEHOLDER, (_m, key: string) => {
      const v = ctx.values.get(key);
      if (v === undefined) return fail(field, `unknown figure {${key}}`);
      return v;
    });
  };

  const answer = render(spec.answer, 'answer');
  const variants: FactVariant[] = (spec.variants ?? []).map((v, i) => {
    v.when.forEach((t, j) => {
      if (!ctx.known(t)) fail(`variants.${i}.when.${j}`, `unknown concept or entity "${t}"`);
    });
    return {
      when: v.when,
      prefix: v.prefix === undefined ? undefined : render(v.prefix, `variants.${i}.prefix`),
      answer: v.answer === undefined ? undefined : render(v.answer, `variants.${i}.answer`),
      decline: v.decline ?? false,
    };
  });

  const texts = [answer, ...variants.map((v) => v.answer ?? '')].join(' ').toLowerCase();
  const mentions = [...ctx.entities.values()]
    .filter((e) => e.aliases.some((a) => a.length > 3 && texts.includes(a)))
    .map((e) => e.id);

  return {
    id: spec.id,
    topic: spec.topic,
    about: spec.about,
    question: spec.question,
    answer,
    quotes,
    need: spec.need,
    cues: spec.cues,
    variants,
    decline: spec.decline ?? false,
    suggest: spec.suggest ?? [],
    strict: spec.strict ?? false,
    mentions,
  };
}

/** "runoff.1" -> ["runoff", 1]; "platform.bottoms" -> ["platform.bottoms", undefined]. */
function splitRef(ref: string, figures: FigureQuotes): [string, number | undefined] {
  if (figures.has(ref)) return [ref, undefined];
  const dot = ref.lastIndexOf('.');
  if (dot > 0 && /^\d+$/.test(ref.slice(dot + 1))) return [ref.slice(0, dot), Number(ref.slice(dot + 1))];
  return [ref, undefined];
}
