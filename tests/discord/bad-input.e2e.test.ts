/**
 * Hostile and odd input through the real front doors: the gateway bot (slash commands, mentions,
 * autocomplete, buttons) and the HTTP-interactions endpoint (signed requests). Each case checks
 * what the user sees: a clear reply, or silence where silence is right; nothing crashes, nothing
 * pings (every message-creating request has `allowed_mentions.parse` empty), and text echoed back
 * (the answer card's title, a name that was not found) cannot format, link or mention.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SampleOption,
  sampleAutocomplete,
  sampleButton,
  sampleCommand,
} from '../../src/http/sample-interactions.ts';
import { type RunningHttpServer, startHttpServer } from '../../src/http/server.ts';
import { TEXT } from '../../src/replies/strings.ts';
import type { CommandOptionInput } from '../emulator/index.ts';
import { captureLogs, engines, httpConfig, signed } from '../http/helpers.ts';
import { GENERAL, type Harness, messageRequests, QUESTIONS, startHarness } from './harness.ts';

let h: Harness;
let http: RunningHttpServer;
let httpId = 9_000;

beforeAll(async () => {
  h = await startHarness({ qaChannelIds: [QUESTIONS], engines: engines() });
  http = await startHttpServer({
    config: httpConfig(),
    engines: engines(),
    logger: captureLogs().logger,
    port: 0,
    host: '127.0.0.1',
  });
});

afterAll(async () => {
  await http?.stop();
  await h?.close();
});

/** What a user sees of an interaction response or a message. */
interface Seen {
  readonly type: number;
  readonly content: string;
  readonly private: boolean;
  readonly title: string;
  readonly description: string;
  readonly buttons: string[];
  readonly choices: { name: string; value: string | number }[];
  readonly allowedMentions: unknown;
}

interface MessageLike {
  content?: string;
  flags?: number;
  embeds?: APIEmbed[];
  components?: readonly unknown[];
  choices?: { name: string; value: string | number }[];
  allowed_mentions?: unknown;
}

function seen(type: number, data: MessageLike | undefined): Seen {
  const embed = data?.embeds?.[0];
  return {
    type,
    content: data?.content ?? '',
    private: ((data?.flags ?? 0) & 64) !== 0,
    title: embed?.title ?? '',
    description: embed?.description ?? '',
    buttons: (JSON.stringify(data?.components ?? []).match(/"custom_id":"[^"]*"/g) ?? []).map((m) =>
      m.slice('"custom_id":"'.length, -1),
    ),
    choices: data?.choices ?? [],
    allowedMentions: data?.allowed_mentions,
  };
}

/** A slash command through the gateway. */
async function viaGateway(name: string, options: CommandOptionInput[]): Promise<Seen> {
  const ix = h.emu.sendSlashCommand({ name, options });
  const response = await h.emu.waitForInteractionResponse(ix.id);
  expect(response.status).toBe(204); // the emulator refuses anything over Discord's limits
  return seen(response.type, response.data);
}

/** A signed interaction through the HTTP endpoint. */
async function viaHttp(payload: (id: string) => Record<string, unknown>): Promise<Seen> {
  httpId += 1;
  const { body, headers } = signed(payload(`80000000000000${httpId}`));
  const res = await fetch(`${http.url}/interactions`, { method: 'POST', headers, body });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { type: number; data?: MessageLike };
  return seen(answer.type, answer.data);
}

/** /ask with a question, through both front doors; both must show the same thing. */
async function ask(question: string): Promise<Seen> {
  const gateway = await viaGateway('ask', [{ name: 'question', value: question }]);
  const overHttp = await viaHttp((id) => sampleCommand(id, 'ask', [{ name: 'question', value: question }]));
  expect(overHttp).toEqual(gateway);
  return gateway;
}

/** A mention of the bot in a channel, and the reply's visible parts. */
async function mention(text: string): Promise<Seen> {
  const { reply } = await h.ask({
    content: `<@${h.emu.botUser.id}> ${text}`,
    channelId: GENERAL,
    mentions: [{ id: h.emu.botUser.id, username: h.emu.botUser.username }],
  });
  h.advanceClock(61_000); // so the next case is not "I answered that a moment ago"
  return seen(0, reply);
}

const WON = /^Keisha Lance Bottoms won the Dec\. 5 runoff/;
const PROMPT = TEXT.emptyQuestion;

describe('empty, blank and emoji-only questions', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', '  \n\t  '],
    ['emoji only', '🗳️🎉🤔'],
    ['zero-width characters only', '\u200B\u200D\u2060\uFEFF'],
  ])(
    'GIVEN /ask with an %s question THEN the bot asks for a question and offers some, with buttons',
    async (_what, q) => {
      const s = await ask(q);
      expect(s.content.startsWith(PROMPT)).toBe(true);
      expect(s.buttons[0]).toMatch(/^v1:ask:/);
    },
  );

  it.each([
    ['nothing but the mention', ''],
    ['whitespace only', '   '],
    ['emoji only', '🗳️🎉🤔'],
  ])('GIVEN a mention with %s THEN the same prompt as a reply', async (_what, text) => {
    expect((await mention(text)).content.startsWith(PROMPT)).toBe(true);
  });

  it('GIVEN emoji only in the Q&A channel THEN silence (it is not a question for the bot)', async () => {
    const sent = h.emu.sendMessage({ content: '🎉🎉🎉', channelId: QUESTIONS });
    await mention('who won?'); // handled after the emoji message
    expect(h.repliesTo(sent.id)).toEqual([]);
  });
});

describe('very long input', () => {
  it('GIVEN /ask with 6,000 characters THEN a private message saying the limit (Discord allows 1,000 there)', async () => {
    const s = await ask(`who won? ${'lorem ipsum '.repeat(500)}`.slice(0, 6_000));
    expect(s).toMatchObject({ private: true, content: '/ask: "question" can be at most 1000 characters.' });
  });

  it("GIVEN a 6,000-character mention ending in a question THEN it is answered or declined, within Discord's limits", async () => {
    const long = `${'I keep hearing different things about this election from everyone. '.repeat(90)}Who won?`;
    expect(long.length).toBeGreaterThanOrEqual(6_000);
    const s = await mention(long);
    expect(s.description.match(WON) ?? s.content.startsWith(TEXT.noMatch)).toBeTruthy();
  });

  it('GIVEN 50,000 "a" then "!" (catastrophic backtracking bait) THEN a mention is declined and /ask refuses the length, promptly', async () => {
    const bait = `${'a'.repeat(50_000)}!`;
    expect((await mention(bait)).content.startsWith(TEXT.noMatch)).toBe(true);
    expect((await ask(bait)).content).toBe('/ask: "question" can be at most 1000 characters.');
    expect((await ask(`${'a'.repeat(999)}!`)).content.startsWith(TEXT.noMatch)).toBe(true);
  });
});

describe('invisible characters and look-alike letters', () => {
  it.each([
    ['a zero-width space inside a word', 'who w\u200Bon?'],
    ['a zero-width joiner and a word joiner', 'wh\u200Do w\u2060on?'],
    ['a right-to-left override', '\u202Ewho won?\u202C'],
    ['a left-to-right mark and a BOM', '\u200E\uFEFFwho won?'],
  ])(
    'GIVEN %s THEN answered as if it were not there, and the echoed title holds no invisible character',
    async (_what, q) => {
      const s = await ask(q);
      expect(s.description).toMatch(WON);
      expect(s.title).toBe('who won?');
      expect(await mention(q)).toMatchObject({ description: expect.stringMatching(WON) });
    },
  );

  it('GIVEN "Nоrwood" with a Cyrillic о THEN Norwood\'s answer, by /ask, /platform and a mention', async () => {
    const homoglyph = 'N\u043Erwood';
    expect((await ask(`what did ${homoglyph} promise?`)).description).toContain('sustainability');
    const platform = await viaGateway('platform', [{ name: 'candidate', value: homoglyph }]);
    expect(platform.title).toBe("Mary Norwood's platform");
    expect((await mention(`what did ${homoglyph} promise?`)).description).toContain('sustainability');
  });

  it('GIVEN "Воttoms" with a Cyrillic В and о THEN Bottoms, by /endorsements', async () => {
    const s = await viaGateway('endorsements', [{ name: 'candidate', value: '\u0412\u043Ettoms' }]);
    expect(s.title).toBe('Endorsements of Keisha Lance Bottoms');
  });
});

describe('mentions and markdown echoed back', () => {
  const PINGS =
    '@everyone @here <@&300000000000000099> <@200000000000000005> <@!200000000000000006> who won?';

  it('GIVEN @everyone, @here, a role and users in /ask THEN answered, and the echoed title cannot ping', async () => {
    const s = await ask(PINGS);
    expect(s.description).toMatch(WON);
    expect(s.title).not.toMatch(/@(everyone|here|&|!?\d)/);
    expect(s.title).toContain('@\u200Beveryone');
    expect(s.title).toContain('@\u200Bhere');
    expect(s.allowedMentions).toEqual({ parse: [], replied_user: false });
  });

  it('GIVEN the same in a mention THEN answered, and nothing in the reply repeats a mention', async () => {
    const { request, reply } = await h.ask({
      content: `${PINGS} <@${h.emu.botUser.id}>`,
      channelId: GENERAL,
      mentions: [{ id: h.emu.botUser.id, username: h.emu.botUser.username }],
      mentionEveryone: true,
      mentionRoles: ['300000000000000099'],
    });
    h.advanceClock(61_000);
    expect(reply.embeds[0]?.description).toMatch(WON);
    expect(JSON.stringify(request.body)).not.toMatch(/@everyone|@here|<@[&!]?\d/);
    expect(request.allowedMentions).toEqual({ parse: [], replied_user: false });
  });

  it('GIVEN a masked link, an unclosed code fence, a spoiler and a heading in /ask THEN answered, with every one of them escaped in the title', async () => {
    const s = await ask('[results](https://evil.example) ```who won? ||spoiler||\n# heading');
    expect(s.description).toMatch(WON);
    expect(s.title).toBe(
      '\\[results\\]\\(https://evil.example\\) \\`\\`\\`who won? \\|\\|spoiler\\|\\| \\# heading',
    );
  });

  it('GIVEN a name with a mention and a masked link in /platform THEN a private "don\'t know", the name echoed inert', async () => {
    const s = await viaGateway('platform', [
      { name: 'candidate', value: '@everyone [vote](https://evil.example)' },
    ]);
    expect(s.private).toBe(true);
    expect(s.content).toContain('"@\u200Beveryone \\[vote\\]\\(https://evil.example\\)"');
    expect(s.allowedMentions).toEqual({ parse: [], replied_user: false });
  });
});

describe('forged and stale interactions', () => {
  it('GIVEN an option the command does not define (a forged interaction) THEN a private message naming it, on both front doors', async () => {
    const options: SampleOption[] = [{ name: 'colour', value: 'red' }];
    const gateway = await viaGateway('margin', [{ name: 'colour', value: 'red' }]);
    const overHttp = await viaHttp((id) => sampleCommand(id, 'margin', options));
    for (const s of [gateway, overHttp]) {
      expect(s).toMatchObject({ private: true, content: '/margin has no option "colour".' });
    }
  });

  it('GIVEN a forged option name carrying markdown and a mention THEN it is echoed inert', async () => {
    const s = await viaGateway('margin', [{ name: '@everyone**x**', value: 'y' }]);
    expect(s.content).toBe('/margin has no option "@\u200Beveryone\\*\\*x\\*\\*".');
  });

  it.each([
    ['platform', 'candidate', 'zzqxv'],
    ['platform', 'candidate', '@everyone [x](https://evil.example)'],
    ['candidate', 'name', 'a'.repeat(100)],
    ['endorsements', 'candidate', '🗳️'],
  ])(
    'GIVEN autocomplete on /%s %s for an unknown candidate "%s" THEN at most 25 sensible choices (or none)',
    async (command, option, value) => {
      const ix = h.emu.sendAutocomplete({ name: command, options: [{ name: option, value, focused: true }] });
      const response = await h.emu.waitForInteractionResponse(ix.id);
      expect(response).toMatchObject({ type: 8, status: 204 });
      const choices = response.data?.choices ?? [];
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) expect(c.name).toMatch(/^[A-Z][A-Za-z .'-]{1,99}$/);
      const overHttp = await viaHttp((id) => sampleAutocomplete(id, command, { name: option, value }));
      expect(overHttp.choices).toEqual(choices);
    },
  );

  it('GIVEN autocomplete for a command the bot does not have, or an option without autocomplete THEN no choices', async () => {
    for (const [name, option] of [
      ['weather', 'city'],
      ['ask', 'question'],
    ] as const) {
      const ix = h.emu.sendAutocomplete({ name, options: [{ name: option, value: 'x', focused: true }] });
      expect((await h.emu.waitForInteractionResponse(ix.id)).data?.choices).toEqual([]);
    }
  });

  it.each([
    ['from an older version', 'v0:ask:results', TEXT.staleButton],
    ['from another version', 'v2:fb:up:margin', TEXT.staleButton],
    ['with a path in it', 'v1:ask:../../etc/passwd', TEXT.unknownButton],
    ['with a mention in it', 'v1:del:<@&300000000000000099>', TEXT.unknownButton],
    ['of 100 characters of junk', 'x'.repeat(100), TEXT.unknownButton],
    ['of emoji', '💥💥', TEXT.unknownButton],
    ['with extra parts', 'v1:fb:up:margin:extra', TEXT.unknownButton],
  ])(
    'GIVEN a button %s THEN a clear private message, on both front doors',
    async (_what, customId, expected) => {
      const ix = h.emu.sendButton({ customId });
      const response = await h.emu.waitForInteractionResponse(ix.id);
      const overHttp = await viaHttp((id) => sampleButton(id, customId));
      for (const s of [seen(response.type, response.data), overHttp]) {
        expect(s).toMatchObject({ type: 4, private: true, content: expected });
      }
    },
  );
});

describe('after all of it', () => {
  it('THEN every message the bot created or edited blocked every mention, Discord accepted them all, and no handler crashed', () => {
    const requests = messageRequests(h.emu);
    expect(requests.length).toBeGreaterThan(30);
    for (const r of requests) expect(r.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(h.emu.requests.filter((r) => r.status >= 400)).toEqual([]);
    expect(h.logs.filter((l) => l.event === 'handler-crashed' || l.level === 50)).toEqual([]);
  });
});
