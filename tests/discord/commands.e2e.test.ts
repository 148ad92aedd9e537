/**
 * Every slash command, autocomplete, the context-menu command and button edge cases, end to end:
 * the emulator dispatches INTERACTION_CREATE to the real discord.js Client started by
 * `startGatewayBot`, and the tests read the interaction callback the bot posted.
 */
import { type APIEmbed, GatewayIntentBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.ts';
import { TEXT } from '../../src/replies/strings.ts';
import type { CommandOptionInput, InteractionResponse, SlashCommandOptions } from '../emulator/index.ts';
import { type Harness, isEphemeral, messageRequests, startHarness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

/** Runs a slash command and returns the bot's response. */
async function run(
  name: string,
  options: CommandOptionInput[] = [],
  extra: Partial<SlashCommandOptions> = {},
) {
  const ix = h.emu.sendSlashCommand({ name, options, ...extra });
  return h.emu.waitForInteractionResponse(ix.id);
}

/** All text a user sees in a response: content, embed titles, descriptions, fields, footers. */
function visibleText(response: InteractionResponse): string {
  const data = response.data;
  const embeds: APIEmbed[] = data?.embeds ?? [];
  return [
    data?.content ?? '',
    ...embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text ?? '',
    ]),
  ].join('\n');
}

describe('slash commands through the gateway', () => {
  it('GIVEN /results THEN one public embed shows both shares with bars, the margin, the time, the source and the recount', async () => {
    const response = await run('results');
    expect(response.status).toBe(204);
    expect(response.type).toBe(4);
    expect(isEphemeral(response)).toBe(false);
    const embed = response.data?.embeds?.[0];
    const fields = embed?.fields ?? [];
    expect(fields[0]?.name).toBe('Keisha Lance Bottoms (Democrat)');
    expect(fields[0]?.value).toMatch(/█+.* \*\*50\.41%\*\*/);
    expect(fields[1]?.name).toBe('Mary Norwood (independent)');
    expect(fields[1]?.value).toContain('**49.59%**');
    const text = visibleText(response);
    expect(text).toContain('759 votes');
    expect(text).toContain('0.82 percentage points');
    expect(text).toContain('12:40 a.m.');
    expect(text).toContain('Dec. 6, 2017');
    expect(embed?.footer?.text).toContain('Source: The Atlanta Journal-Constitution');
    expect(text).toContain('called for a recount');
  });

  it('GIVEN /margin THEN it shows 759 votes, 0.82 points, the 1% rule and the 2009 comparison', async () => {
    const text = visibleText(await run('margin'));
    expect(text).toContain('759');
    expect(text).toContain('0.82');
    expect(text).toContain('1 percent');
    expect(text).toContain('2009');
    expect(text).toContain('714 votes');
  });

  it('GIVEN /platform with the typo "norwod" THEN it shows Norwood\'s platform', async () => {
    const response = await run('platform', [{ name: 'candidate', value: 'norwod' }]);
    expect(response.data?.embeds?.[0]?.title).toBe("Mary Norwood's platform");
    expect(visibleText(response)).toContain('sustainability initiatives');
  });

  it('GIVEN /platform with an unknown candidate THEN only the user sees a clear message naming the candidates', async () => {
    const response = await run('platform', [{ name: 'candidate', value: 'Zzyzx Qwerty' }]);
    expect(response.type).toBe(4);
    expect(isEphemeral(response)).toBe(true);
    expect(response.data?.content).toBe(
      'I don\'t know a candidate called "Zzyzx Qwerty". The runoff candidates are Keisha Lance Bottoms and Mary Norwood.',
    );
  });

  it('GIVEN /endorsements with and without a candidate THEN it lists who backed whom', async () => {
    const all = visibleText(await run('endorsements'));
    expect(all).toContain('Kasim Reed');
    expect(all).toContain('Shirley Franklin');
    const bottoms = await run('endorsements', [{ name: 'candidate', value: 'bottoms' }]);
    expect(bottoms.data?.embeds?.[0]?.title).toBe('Endorsements of Keisha Lance Bottoms');
    expect(visibleText(bottoms)).toContain('Cory Booker');
  });

  it('GIVEN /compare THEN both platforms are two equal fields in alphabetical order by surname', async () => {
    const response = await run('compare');
    const fields = response.data?.embeds?.[0]?.fields ?? [];
    const platforms = fields.filter((f) => f.inline === true);
    expect(platforms).toHaveLength(2);
    expect(platforms[0]?.name).toMatch(/^Keisha Lance Bottoms/);
    expect(platforms[1]?.name).toMatch(/^Mary Norwood/);
    for (const f of platforms) expect(f.value.split('\n').every((line) => line.startsWith('• '))).toBe(true);
    expect(response.data?.embeds?.[0]?.footer?.text).toContain('alphabetically');
  });

  it('GIVEN /poll THEN it shows the sponsor, sample, undecided and the poll against the result', async () => {
    const text = visibleText(await run('poll'));
    expect(text).toContain('WSBTV');
    expect(text).toContain('500 likely runoff voters');
    expect(text).toContain('3.6%');
    expect(text).toContain('poll **51.3%** → result **49.59%**');
  });

  it('GIVEN /recount THEN it reports the call, the outstanding ballots, the rule and 2009, and says it does not predict', async () => {
    const response = await run('recount');
    const text = visibleText(response);
    expect(text).toContain('called for a recount');
    expect(text).toContain('provisional votes');
    expect(text).toContain('1 percent');
    expect(text).toContain('2009');
    expect(response.data?.embeds?.[0]?.footer?.text).toContain('written before any recount');
  });

  it('GIVEN /annexation THEN it says what was approved, when, and who could not vote', async () => {
    const text = visibleText(await run('annexation'));
    expect(text).toContain('Dec. 4, 2017');
    expect(text).toContain('ineligible');
    expect(text).toContain('Both candidates declared support');
  });

  it('GIVEN /timeline THEN the events are in date order, from 2009 to Dec. 7', async () => {
    const fields = (await run('timeline')).data?.embeds?.[0]?.fields ?? [];
    const names = fields.map((f) => f.name);
    expect(names[0]).toBe('2009');
    expect(names.at(-1)).toBe('Thursday, Dec. 7, 2017');
    expect(names.indexOf('Tuesday, Dec. 5, 2017')).toBeLessThan(
      names.indexOf('12:40 a.m. Wednesday, Dec. 6, 2017'),
    );
  });

  it('GIVEN /candidate name:reed THEN it profiles Kasim Reed', async () => {
    const response = await run('candidate', [{ name: 'name', value: 'reed' }]);
    expect(response.data?.embeds?.[0]?.title).toBe('Kasim Reed');
    expect(visibleText(response)).toContain('term limits');
  });

  it('GIVEN /source THEN it names the reporters, the data source and the correction', async () => {
    const text = visibleText(await run('source'));
    expect(text).toContain('Alex Klugerman and Richard Chess');
    expect(text).toContain('Atlanta Journal-Constitution');
    expect(text).toContain('CORRECTION');
  });

  it('GIVEN /help THEN only the user sees every slash command listed', async () => {
    const response = await run('help');
    expect(isEphemeral(response)).toBe(true);
    const text = visibleText(response);
    for (const c of COMMANDS)
      if ('description' in c.data && c.data.description) expect(text).toContain(`/${c.data.name}`);
  });

  it('GIVEN /ask "how close was the race?" THEN an answer card with the quote and feedback and delete buttons', async () => {
    const response = await run('ask', [{ name: 'question', value: 'how close was the race?' }]);
    const embed = response.data?.embeds?.[0];
    expect(embed?.title).toBe('how close was the race?');
    expect(embed?.description).toContain('759 votes');
    expect(embed?.fields?.[0]?.value).toMatch(/^> Bottoms, a Democrat, received 50\.41 percent/);
    const ids = JSON.stringify(response.data?.components);
    expect(ids).toContain('v1:fb:up:margin');
    expect(ids).toContain('v1:fb:down:margin');
    expect(ids).toContain('v1:del:200000000000000001');
  });

  it('GIVEN /ask with @everyone and a role mention THEN the echo cannot ping and allowed_mentions parse nothing', async () => {
    const response = await run('ask', [
      { name: 'question', value: '@everyone <@&300000000000000099> who won?' },
    ]);
    const title = response.data?.embeds?.[0]?.title ?? '';
    expect(title).not.toContain('@everyone');
    expect(title).toContain('@\u200Beveryone');
    expect(response.data?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(response.data?.embeds?.[0]?.description).toContain('Keisha Lance Bottoms won');
  });

  it('GIVEN /ask in a DM (a user, no member) THEN it is answered the same way', async () => {
    const response = await run('ask', [{ name: 'question', value: 'who won?' }], { inDm: true });
    expect(response.status).toBe(204);
    expect(response.data?.embeds?.[0]?.description).toContain('Keisha Lance Bottoms won');
    expect(JSON.stringify(response.data?.components)).toContain('v1:del:200000000000000001');
  });

  it('GIVEN a command the bot no longer has THEN a private message points to /help', async () => {
    const response = await run('weather');
    expect(isEphemeral(response)).toBe(true);
    expect(response.data?.content).toContain('/help');
  });

  it('GIVEN the context-menu command on a message asking who won THEN the answer to that message', async () => {
    const ix = h.emu.sendMessageContextMenu({
      name: 'Ask the election bot',
      targetMessage: {
        id: '400000000000000001',
        content: 'who won the atlanta runoff?',
        author: { id: '200000000000000005', username: 'classmate' },
      },
    });
    const response = await h.emu.waitForInteractionResponse(ix.id);
    expect(response.type).toBe(4);
    expect(response.data?.embeds?.[0]?.title).toBe('who won the atlanta runoff?');
    expect(response.data?.embeds?.[0]?.description).toContain('50.41 percent');
  });

  it('GIVEN the context-menu command on a message with no text THEN a private message says so', async () => {
    const ix = h.emu.sendMessageContextMenu({
      name: 'Ask the election bot',
      targetMessage: {
        id: '400000000000000002',
        content: '',
        author: { id: '200000000000000005', username: 'classmate' },
      },
    });
    const response = await h.emu.waitForInteractionResponse(ix.id);
    expect(isEphemeral(response)).toBe(true);
    expect(response.data?.content).toBe(TEXT.contextMenuEmpty);
  });

  it("GIVEN the context-menu command on a 3,000-character message THEN a sensible reply within Discord's limits", async () => {
    const rambling = `${'I have been reading a lot about local politics this week and honestly it is confusing. '.repeat(35)}So who won the runoff?`;
    expect(rambling.length).toBeGreaterThan(3000);
    const ix = h.emu.sendMessageContextMenu({
      name: 'Ask the election bot',
      targetMessage: {
        id: '400000000000000003',
        content: rambling,
        author: { id: '200000000000000005', username: 'classmate' },
      },
    });
    const response = await h.emu.waitForInteractionResponse(ix.id);
    // The emulator refuses anything over Discord's limits, so 204 means the reply fit.
    expect(response.status).toBe(204);
    expect((response.data?.content ?? '').length).toBeLessThanOrEqual(2000);
    // The wall of text as a whole matches nothing; its last sentence is the question, and is answered.
    expect(response.data?.embeds?.[0]?.description).toMatch(/^Keisha Lance Bottoms won/);
  });
});

describe('autocomplete through the gateway', () => {
  async function complete(name: string, option: string, value: string) {
    const ix = h.emu.sendAutocomplete({ name, options: [{ name: option, value, focused: true }] });
    const response = await h.emu.waitForInteractionResponse(ix.id);
    expect(response.type).toBe(8);
    expect(response.status).toBe(204);
    const choices = response.data?.choices ?? [];
    expect(choices.length).toBeLessThanOrEqual(25);
    return choices;
  }

  it('GIVEN "norw" for /platform THEN Norwood comes first', async () => {
    const choices = await complete('platform', 'candidate', 'norw');
    expect(choices[0]).toEqual({ name: 'Mary Norwood', value: 'norwood' });
  });

  it('GIVEN the typo "botoms" for /endorsements THEN Bottoms comes first', async () => {
    const choices = await complete('endorsements', 'candidate', 'botoms');
    expect(choices[0]).toEqual({ name: 'Keisha Lance Bottoms', value: 'bottoms' });
  });

  it('GIVEN nothing typed for /candidate THEN at most 25 people, candidates first', async () => {
    const choices = await complete('candidate', 'name', '');
    expect(choices.length).toBeGreaterThan(2);
    expect(choices.slice(0, 2).map((c) => c.value)).toEqual(['bottoms', 'norwood']);
  });

  it('GIVEN the misspelled "frankln" for /candidate THEN Shirley Franklin is offered', async () => {
    const choices = await complete('candidate', 'name', 'frankln');
    expect(choices.map((c) => c.value)).toContain('franklin');
  });
});

describe('buttons that are not ours', () => {
  it('GIVEN a button from an older version of the bot THEN a private "ask again"', async () => {
    const ix = h.emu.sendButton({ customId: 'v0:ask:results' });
    const response = await h.emu.waitForInteractionResponse(ix.id);
    expect(isEphemeral(response)).toBe(true);
    expect(response.data?.content).toBe(TEXT.staleButton);
  });

  it('GIVEN a forged button id THEN a private "I don\'t recognise that button"', async () => {
    const ix = h.emu.sendButton({ customId: 'v1:del:../../etc' });
    const response = await h.emu.waitForInteractionResponse(ix.id);
    expect(isEphemeral(response)).toBe(true);
    expect(response.data?.content).toBe(TEXT.unknownButton);
  });

  it('GIVEN a "did you mean" button for a fact that does not exist THEN a private "ask again"', async () => {
    const ix = h.emu.sendButton({ customId: 'v1:ask:no-such-fact' });
    const response = await h.emu.waitForInteractionResponse(ix.id);
    expect(isEphemeral(response)).toBe(true);
    expect(response.data?.content).toBe(TEXT.staleButton);
  });
});

describe('the gateway connection', () => {
  it('GIVEN no Q&A channels THEN the bot identifies with Guilds, GuildMessages and DirectMessages, without Message Content', async () => {
    const identify = await h.emu.waitForGatewayFrame((f) => f.op === 2);
    const intents = Number((identify.d as { intents: number }).intents);
    const expected =
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages;
    expect(intents).toBe(expected);
  });
});

describe('everything the bot sent in this file', () => {
  it('THEN every message it created or edited blocks all mentions, and Discord accepted every request', () => {
    const requests = messageRequests(h.emu);
    expect(requests.length).toBeGreaterThan(20);
    for (const r of requests) expect(r.allowedMentions).toEqual({ parse: [], replied_user: false });
    expect(h.emu.requests.filter((r) => r.status >= 400)).toEqual([]);
  });
});
