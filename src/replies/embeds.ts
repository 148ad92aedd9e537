/**
 * Embeds for the slash commands, built from the knowledge base alone: pure functions, API JSON out.
 * Every figure comes from the pack (stored or derived) and every embed quotes its sentences.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { sortedByShare } from '../data/derive.ts';
import { type Fact, type KnowledgeBase, notesOf, type Quote } from '../data/knowledge.ts';
import { buildTimeline } from '../data/timeline.ts';
import { ANSWER_COLOUR, quoteField, quoteFooter } from './answer.ts';
import { DISCORD_LIMITS as L } from './limits.ts';
import { truncate } from './sanitize.ts';
import { TEXT } from './strings.ts';

const BAR_WIDTH = 20;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar for a percentage, precise to an eighth of a character. */
export function shareBar(percent: number, width = BAR_WIDTH): string {
  const cells = (Math.max(0, Math.min(100, percent)) / 100) * width;
  const full = Math.floor(cells);
  const eighth = Math.round((cells - full) * 8);
  return '█'.repeat(full) + (eighth === 8 ? '█' : (EIGHTHS[eighth] ?? ''));
}

function fact(kb: KnowledgeBase, id: string): Fact {
  const f = kb.factById.get(id);
  if (!f) throw new Error(`the knowledge pack has no fact "${id}"`);
  return f;
}

function uniqueQuotes(facts: readonly Fact[]): Quote[] {
  const seen = new Set<string>();
  const out: Quote[] = [];
  for (const f of facts) {
    for (const q of f.quotes) {
      if (seen.has(q.verbatim)) continue;
      seen.add(q.verbatim);
      out.push(q);
    }
  }
  return out;
}

/** A generic card stating one or more facts, with their quotes. */
export function factsEmbed(title: string, facts: readonly Fact[]): APIEmbed {
  const quotes = uniqueQuotes(facts);
  return {
    color: ANSWER_COLOUR,
    title,
    description: facts.map((f) => f.answer).join('\n\n'),
    fields: [quoteField(quotes)],
    footer: { text: quoteFooter(notesOf(quotes)) },
  };
}

/** The results card: both candidates with bars, margin in votes and points, time, source, recount. */
export function resultsEmbed(kb: KnowledgeBase): APIEmbed {
  const f = kb.figures;
  const v = (k: string) => kb.values.get(k) ?? '';
  const fields: APIEmbedField[] = sortedByShare(kb.figures.runoff.shares).map((id) => {
    const share = f.runoff.shares[id] ?? 0;
    const party = f.candidates[id]?.party ?? '';
    return {
      name: `${kb.entities.get(id)?.name ?? id}${party ? ` (${party})` : ''}`,
      value: `${shareBar(share)} **${share}%**`,
    };
  });
  fields.push(
    {
      name: 'Margin',
      value: `${v('runoff.marginVotes')} votes · ${v('runoff.marginPoints')} percentage points`,
      inline: true,
    },
    { name: 'As of', value: v('runoff.countedAsOf'), inline: true },
    {
      name: 'Recount',
      value: `${kb.entities.get(kb.derived.runoff.runnerUp)?.short ?? 'The runner-up'} called for a recount. Georgia law allows one when the difference is less than ${v('recountRule.thresholdPercent')} percent; this margin is ${v('runoff.marginPoints')} points, ${v('recount.comparison')} that line.`,
    },
  );
  const quotes = uniqueQuotes([fact(kb, 'results'), fact(kb, 'recount-rule')]);
  fields.push(quoteField(quotes));
  return {
    color: ANSWER_COLOUR,
    title: `Atlanta mayoral runoff, ${v('runoff.date')}`,
    description: `**${kb.entities.get(kb.derived.runoff.leader)?.name}** claimed victory as Atlanta's next mayor.`,
    fields,
    footer: {
      text: `Source: ${kb.entities.get(f.runoff.source)?.name ?? f.runoff.source}, via the article. ${quoteFooter(notesOf(quotes))}`,
    },
  };
}

/** The margin card: votes and points, the 1% rule, and 2009. */
export function marginEmbed(kb: KnowledgeBase): APIEmbed {
  return factsEmbed('Margin of the runoff', [
    fact(kb, 'margin'),
    fact(kb, 'recount-eligible'),
    fact(kb, 'precedent-2009'),
  ]);
}

/** The poll card: sponsor, sample, date, and the poll against the result. */
export function pollEmbed(kb: KnowledgeBase): APIEmbed {
  const f = kb.figures;
  const v = (k: string) => kb.values.get(k) ?? '';
  const sponsors = f.poll.sponsors.map((s) => kb.entities.get(s)?.short ?? s).join(' / ');
  const quotes = uniqueQuotes([fact(kb, 'poll'), fact(kb, 'poll-vs-result')]);
  const rows = sortedByShare(kb.figures.runoff.shares).map((id) => {
    const n = kb.entities.get(id)?.short ?? id;
    return `${n}: poll **${f.poll.shares[id]}%** → result **${f.runoff.shares[id]}%**`;
  });
  return {
    color: ANSWER_COLOUR,
    title: `The ${v('poll.released')} poll`,
    fields: [
      { name: 'Conducted by', value: sponsors, inline: true },
      { name: 'Sample', value: `${v('poll.sample')} likely runoff voters`, inline: true },
      { name: 'Undecided', value: `${v('poll.undecided')}%`, inline: true },
      { name: 'Poll against the result', value: rows.join('\n') },
      { name: 'How far off', value: fact(kb, 'poll-vs-result').answer },
      quoteField(quotes),
    ],
    footer: { text: quoteFooter(notesOf(quotes)) },
  };
}

/** The platforms side by side: equal fields, candidates alphabetical by surname, no ranking. */
export function compareEmbed(kb: KnowledgeBase): APIEmbed {
  const ids = Object.keys(kb.figures.platform).sort((a, b) =>
    (kb.entities.get(a)?.short ?? a).localeCompare(kb.entities.get(b)?.short ?? b),
  );
  const fields: APIEmbedField[] = ids.map((id) => {
    const p = kb.figures.platform[id];
    const name = kb.entities.get(id)?.name ?? id;
    const items = (p?.items ?? []).map((i) => `• ${i.text}`).join('\n');
    return {
      name: p?.name ? `${name} — "${p.name}"` : name,
      value: truncate(items, L.embedFieldValue),
      inline: true,
    };
  });
  const quotes = uniqueQuotes([fact(kb, 'platform-bottoms'), fact(kb, 'platform-norwood')]);
  return {
    color: ANSWER_COLOUR,
    title: 'The platforms side by side',
    description: 'As the article summarises them from the candidates\u2019 campaign websites.',
    fields: [...fields, quoteField(quotes)],
    footer: { text: `${TEXT.neutralOrdering} ${quoteFooter(notesOf(quotes))}` },
  };
}

/** What the article reports about the recount. It reports; it never predicts. */
export function recountEmbed(kb: KnowledgeBase): APIEmbed {
  const e = factsEmbed('The recount', [
    fact(kb, 'recount-call'),
    fact(kb, 'ballots-outstanding'),
    fact(kb, 'recount-eligible'),
    fact(kb, 'precedent-2009'),
  ]);
  return {
    ...e,
    footer: {
      text: `The article was written before any recount; this reports what it says. ${e.footer?.text ?? ''}`,
    },
  };
}

/** The Emory annexation and who could vote. */
export function annexationEmbed(kb: KnowledgeBase): APIEmbed {
  return factsEmbed('The Emory annexation', [
    fact(kb, 'annexation-approved'),
    fact(kb, 'annexation-voters'),
    fact(kb, 'annexation-stance'),
  ]);
}

/** Every dated event, oldest first. */
export function timelineEmbed(kb: KnowledgeBase): APIEmbed {
  const events = buildTimeline(kb);
  return {
    color: ANSWER_COLOUR,
    title: 'Timeline',
    fields: events.map((e) => ({ name: e.when, value: e.what })),
    footer: {
      text: 'Dates computed from the article: "Monday", "Wednesday" and "Thursday" are counted from the Tuesday, Dec. 5 runoff.',
    },
  };
}

/** Where the article's information comes from: reporters, figures, correction. */
export function sourceEmbed(kb: KnowledgeBase): APIEmbed {
  return factsEmbed('About the source', [
    fact(kb, 'reporters'),
    fact(kb, 'source'),
    fact(kb, 'correction'),
    fact(kb, 'article-date'),
  ]);
}
