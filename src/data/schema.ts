/**
 * The shape of a knowledge pack, as zod schemas. A pack is a folder holding the article (verbatim)
 * and four JSON files; each file is parsed with its schema, then the cross-file rules in
 * `load.ts` run. Objects are strict so a misspelt field is refused rather than ignored.
 */
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id of lowercase letters, digits and dashes');
const conceptId = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a concept id in UPPER_SNAKE_CASE');
/** A concept (UPPER_CASE) or an entity id (lowercase) or the POLAR question marker. */
const matchTerm = z.string().regex(/^([A-Z][A-Z0-9_]*|[a-z0-9][a-z0-9-]*)$/, 'a concept or entity id');
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const percent = z.number().min(0).max(100);
/** A verbatim sentence of the article, or `@figure[.key][.index]` naming the quotes of a figure. */
const quoteRef = nonEmpty;

export const EntityKindSchema = z.enum(['candidate', 'person', 'organisation', 'group', 'body', 'place']);

export const EntitiesFileSchema = z.strictObject({
  entities: z
    .array(
      z.strictObject({
        id,
        kind: EntityKindSchema,
        name: nonEmpty,
        short: nonEmpty,
        aliases: z.array(nonEmpty).min(1),
      }),
    )
    .min(1),
});

export const LexiconFileSchema = z.strictObject({
  concepts: z.record(
    conceptId,
    z.strictObject({
      kind: z.enum(['question', 'generic', 'specific']),
      /** Penalty when a question says it and the fact does not use it (default by kind). */
      penalty: z.number().min(0).max(5).optional(),
      /** A question led by this (e.g. "how many") is only answered by facts that cue it. */
      demand: z.boolean().optional(),
      terms: z.array(nonEmpty).min(1),
    }),
  ),
});

const quotes = z.array(quoteRef).min(1);
const shares = z.record(id, percent);

export const PlatformSchema = z.strictObject({
  name: nonEmpty.optional(),
  source: nonEmpty,
  items: z.array(z.strictObject({ issue: conceptId, text: nonEmpty })).min(1),
  quotes,
});

export const FiguresSchema = z.strictObject({
  runoff: z.strictObject({
    date: isoDate,
    weekday: nonEmpty,
    countedAsOf: z.strictObject({ time: nonEmpty, weekday: nonEmpty }),
    shares,
    winner: id,
    marginVotes: z.number().int().positive(),
    source: id,
    quotes,
  }),
  general: z.strictObject({ date: isoDate, shares, source: id, quotes }),
  poll: z.strictObject({
    sponsors: z.array(id).min(1),
    sample: z.number().int().positive(),
    released: isoDate,
    shares,
    undecided: percent,
    quotes,
  }),
  recountRule: z.strictObject({ thresholdPercent: z.number().positive().max(100), quotes }),
  precedent: z.strictObject({
    year: z.number().int(),
    winner: id,
    loser: id,
    marginVotes: z.number().int().positive(),
    quotes,
  }),
  annexation: z.strictObject({ approvedWeekday: nonEmpty, quotes }),
  provisional: z.strictObject({ countedWeekday: nonEmpty, quotes }),
  outgoingMayor: z.strictObject({ entity: id, since: z.number().int(), quotes }),
  endorsementDate: z.strictObject({ date: isoDate, quotes }),
  correction: z.strictObject({ date: isoDate, time: nonEmpty, quotes }),
  platform: z.record(id, PlatformSchema),
  /** Each candidate's party and office, as the article gives them. */
  candidates: z.record(id, z.strictObject({ party: nonEmpty, office: nonEmpty, quotes })),
  alumna: z.strictObject({
    entity: id,
    school: id,
    notation: nonEmpty,
    classYear: z.number().int(),
    quotes,
  }),
});

export const PackFileSchema = z.strictObject({
  id,
  title: nonEmpty,
  articleFile: nonEmpty,
  corrections: z.array(
    z.strictObject({
      find: nonEmpty,
      replace: nonEmpty,
      kind: z.enum(['spacing', 'name', 'editorial']),
      note: nonEmpty.optional(),
    }),
  ),
  figures: FiguresSchema,
});

export const TopicSchema = z.enum([
  'results',
  'margin',
  'recount',
  'candidates',
  'people',
  'speech',
  'campaign',
  'general-election',
  'poll',
  'endorsements',
  'platforms',
  'annexation',
  'student-groups',
  'source',
  'history',
  'opinion',
  'prediction',
]);

const VariantSchema = z
  .strictObject({
    /** Every listed concept or entity must be in the question (POLAR: a yes/no question). */
    when: z.array(matchTerm).min(1),
    prefix: nonEmpty.optional(),
    answer: nonEmpty.optional(),
    /** The article does not answer this reading of the question: decline with `answer` as the reason. */
    decline: z.boolean().optional(),
  })
  .refine((v) => v.prefix !== undefined || v.answer !== undefined, 'a variant needs a prefix or an answer');

export const FactSchema = z.strictObject({
  id,
  topic: TopicSchema,
  about: z.array(id),
  /** The question this fact answers, in plain words: shown as a suggestion and a button label. */
  question: nonEmpty.max(80),
  /** The answer text, a template: `{figure.path}` is replaced by a figure or a derived value. */
  answer: nonEmpty,
  quotes: z.array(quoteRef),
  /** Groups of concepts or entities; the question must contain one of each group. */
  need: z.array(z.array(matchTerm).min(1)).min(1),
  /** Weights of the concepts that make this fact a better match. */
  cues: z.record(matchTerm, z.number().positive().max(5)),
  variants: z.array(VariantSchema).optional(),
  /** A question the article cannot answer: the bot declines with `answer` as the reason. */
  decline: z.boolean().optional(),
  /** Facts to suggest when declining. */
  suggest: z.array(id).optional(),
  /** Refuse the match when the question carries words this fact does not explain. */
  strict: z.boolean().optional(),
});

export const FactsFileSchema = z.strictObject({ facts: z.array(FactSchema).min(1) });

export type EntitiesFile = z.infer<typeof EntitiesFileSchema>;
export type LexiconFile = z.infer<typeof LexiconFileSchema>;
export type PackFile = z.infer<typeof PackFileSchema>;
export type Figures = z.infer<typeof FiguresSchema>;
export type FactSpec = z.infer<typeof FactSchema>;
export type Topic = z.infer<typeof TopicSchema>;
export type EntityKind = z.infer<typeof EntityKindSchema>;
