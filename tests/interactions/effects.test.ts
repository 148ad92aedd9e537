import { REST } from '@discordjs/rest';
import { describe, expect, it } from 'vitest';
import { isDiscordApiError } from '../../src/discord/api-errors.ts';
import { explainLoginError } from '../../src/discord/explain.ts';
import type { EngineHolder } from '../../src/engine/holder.ts';
import {
  type EffectTarget,
  feedbackQuestion,
  initialResponse,
  runEffect,
} from '../../src/interactions/effects.ts';
import type { RoutedInteraction } from '../../src/interactions/router.ts';
import { createLogger } from '../../src/log.ts';
import { finalizeMessage, NO_MENTIONS } from '../../src/replies/message.ts';
import { packReloadRefused, TEXT } from '../../src/replies/strings.ts';
import { loadTestEngine } from '../support/bot.ts';
import { captureSink } from '../support/log-capture.ts';

const reply: RoutedInteraction['response'] = { type: 4, data: finalizeMessage({ content: 'ok', flags: 64 }) };

describe('initialResponse', () => {
  it('GIVEN a pin-summary effect THEN a private deferred response (type 5, flags 64)', () => {
    const routed: RoutedInteraction = {
      response: reply,
      effect: { kind: 'pin-summary', message: finalizeMessage({ content: 'summary' }) },
      summary: { kind: 'command', name: 'summary' },
    };
    expect(initialResponse(routed)).toEqual({ type: 5, data: { flags: 64 } });
  });

  it('GIVEN any other outcome THEN the routed response as it is', () => {
    const routed: RoutedInteraction = {
      response: reply,
      effect: { kind: 'delete-message' },
      summary: { kind: 'button', name: 'v1:del' },
    };
    expect(initialResponse(routed)).toBe(reply);
  });
});

describe('runEffect', () => {
  const target: EffectTarget = {
    applicationId: '2',
    token: 'tok',
    channelId: '6',
    userId: '200000000000000001',
    message: { id: '5', channel_id: '6', embeds: [{ title: 'how close was it?' }] },
  };

  /** A REST client that records what it would send and answers 200 (nothing leaves the process). */
  function recordingRest() {
    const sent: { method: string; url: string; body: unknown }[] = [];
    const rest = new REST({
      api: 'http://discord.invalid/api',
      makeRequest: async (url, init) => {
        sent.push({
          method: init.method ?? 'GET',
          url,
          body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
        });
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    return { rest, sent };
  }

  function context(reload: EngineHolder['reload'] = () => ({ ok: true })) {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      level: 'info',
      sink: captureSink({ write: (l) => lines.push(JSON.parse(l)) }),
    });
    const engine = loadTestEngine();
    const engines = { current: () => engine, reload };
    const { rest, sent } = recordingRest();
    return { lines, sent, ctx: { rest, logger, engines, botUserId: '2' } };
  }

  it('GIVEN feedback THEN one structured log line with the fact, the user and the question', async () => {
    const { lines, ctx } = context();
    await runEffect(ctx, target, { kind: 'feedback', helpful: true, factId: 'margin' });
    expect(lines).toEqual([
      expect.objectContaining({
        event: 'feedback',
        helpful: true,
        factId: 'margin',
        userId: '200000000000000001',
        question: 'how close was it?',
      }),
    ]);
  });

  it('GIVEN reload-pack THEN the pack is reloaded and the deferred answer says so; a refused reload is logged and told with its reason', async () => {
    const ok = context();
    await runEffect(ok.ctx, target, { kind: 'reload-pack' });
    expect(ok.lines[0]).toMatchObject({ event: 'pack-reloaded', pack: 'atlanta-2017-runoff' });
    expect(ok.sent).toEqual([
      {
        method: 'PATCH',
        url: 'http://discord.invalid/api/v10/webhooks/2/tok/messages/%40original',
        body: {
          content: expect.stringContaining('Reloaded the knowledge pack'),
          allowed_mentions: NO_MENTIONS,
        },
      },
    ]);
    const refused = context(() => ({ ok: false, error: 'facts.json: bad' }));
    await runEffect(refused.ctx, target, { kind: 'reload-pack' });
    expect(refused.lines[0]).toMatchObject({ event: 'pack-reload-refused', error: 'facts.json: bad' });
    expect(refused.sent[0]?.body).toMatchObject({ content: packReloadRefused('facts.json: bad') });
  });

  it('GIVEN the engine holder throws while reloading THEN the failure is logged and the deferred answer apologises', async () => {
    const broken = context(() => {
      throw new Error('disk on fire');
    });
    await runEffect(broken.ctx, target, { kind: 'reload-pack' });
    expect(broken.lines[0]).toMatchObject({ event: 'effect-failed', effect: 'reload-pack' });
    expect(broken.sent[0]?.body).toMatchObject({ content: TEXT.genericError });
  });
});

describe('feedbackQuestion', () => {
  it('GIVEN an answer card with a title THEN the title', () => {
    expect(feedbackQuestion({ embeds: [{ title: 'who won?' }] })).toBe('who won?');
  });

  it('GIVEN a reply to a question THEN the question, tidied and cut to 300 characters', () => {
    const referenced = { content: `  who\nwon? ${'x'.repeat(400)}` };
    const q = feedbackQuestion({ embeds: [], referenced_message: referenced });
    expect(q?.startsWith('who won? x')).toBe(true);
    expect(q?.length).toBe(300);
  });

  it('GIVEN neither THEN undefined', () => {
    expect(feedbackQuestion({ embeds: [] })).toBeUndefined();
    expect(feedbackQuestion(undefined)).toBeUndefined();
  });
});

describe('explainLoginError', () => {
  it('GIVEN TokenInvalid or a 4004 close THEN one line about DISCORD_TOKEN', () => {
    const invalid = Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' });
    expect(explainLoginError(invalid)).toMatch(/^Discord refused DISCORD_TOKEN/);
    expect(explainLoginError(new Error('Authentication failed'))).toMatch(/DISCORD_TOKEN/);
  });

  it('GIVEN disallowed intents THEN how to turn on Message Content', () => {
    expect(explainLoginError(new Error('Used disallowed intents'))).toContain('Message Content Intent');
  });

  it('GIVEN the API base refuses connections THEN one line naming it and DISCORD_API_BASE', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(explainLoginError(refused, 'http://127.0.0.1:9/api')).toBe(
      "Could not reach Discord's API at http://127.0.0.1:9/api (ECONNREFUSED). Check the network connection, or DISCORD_API_BASE.",
    );
    const wrapped = new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    expect(explainLoginError(wrapped)).toContain('(ENOTFOUND)');
  });

  it('GIVEN anything else THEN undefined (it is not a configuration problem)', () => {
    expect(explainLoginError(new Error('socket hang up'))).toBeUndefined();
    expect(explainLoginError('weird')).toBeUndefined();
  });
});

describe('isDiscordApiError', () => {
  it('GIVEN an error shaped like DiscordAPIError (either build) THEN true; a plain error THEN false', () => {
    const apiError = Object.assign(new Error('Missing Permissions'), {
      rawError: {},
      code: 50013,
      status: 403,
    });
    expect(isDiscordApiError(apiError)).toBe(true);
    expect(isDiscordApiError(new Error('nope'))).toBe(false);
    expect(isDiscordApiError({ rawError: {}, code: 1, status: 400 })).toBe(false);
  });
});
