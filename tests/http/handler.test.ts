import { describe, expect, it, vi } from 'vitest';
import { createInteractionHandler, type InteractionHttpRequest } from '../../src/http/handler.ts';
import { createReplayGuard } from '../../src/http/replay.ts';
import {
  SAMPLE_IDS,
  sampleAutocomplete,
  sampleButton,
  sampleCommand,
  samplePing,
  sampleToken,
} from '../../src/http/sample-interactions.ts';
import { publicKeyFromHex } from '../../src/http/signature.ts';
import { routeInteraction } from '../../src/interactions/router.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { ENGINE_FAILURE, switchableEngines } from '../support/engines.ts';
import { engines, keys, nowSeconds, signed, wrongKey } from './helpers.ts';

const publicKey = publicKeyFromHex(keys.publicKeyHex);

function handler(opts: { restAvailable?: boolean; replays?: boolean } = {}) {
  const route = vi.fn(routeInteraction);
  const handle = createInteractionHandler({
    publicKey,
    engines: engines(),
    restAvailable: opts.restAvailable ?? false,
    ...(opts.replays === false ? {} : { replays: createReplayGuard() }),
    route,
  });
  return { handle, route };
}

function request(payload: unknown, opts: Parameters<typeof signed>[1] = {}): InteractionHttpRequest {
  const { body, headers } = signed(payload, opts);
  return { headers, body, now: Date.now() };
}

function bodyOf(res: { body: string }): Record<string, unknown> {
  return JSON.parse(res.body) as Record<string, unknown>;
}

describe('handleInteractionRequest: refusals happen before any command runs', () => {
  it('GIVEN a PING signed with the application key THEN answers {"type":1}', () => {
    const { handle } = handler();
    const res = handle(request(samplePing('1')));
    expect(res.status).toBe(200);
    expect(res.body).toBe('{"type":1}');
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('GIVEN a command signed with the wrong key THEN 401 and the router is never called', () => {
    const { handle, route } = handler();
    const res = handle(request(sampleCommand('2', 'results'), { key: wrongKey }));
    expect(res.status).toBe(401);
    expect(bodyOf(res)).toEqual({ error: 'invalid request signature' });
    expect(route).not.toHaveBeenCalled();
  });

  it('GIVEN one flipped byte in a signed body THEN 401 and no command runs', () => {
    const { handle, route } = handler();
    const req = request(sampleCommand('3', 'results'));
    const body = Buffer.from(req.body);
    body[body.length - 2] = (body[body.length - 2] ?? 0) ^ 0x20;
    expect(handle({ ...req, body }).status).toBe(401);
    expect(route).not.toHaveBeenCalled();
  });

  it('GIVEN a timestamp six minutes old THEN 401 even though the signature is valid', () => {
    const { handle, route } = handler();
    const res = handle(request(sampleCommand('4', 'results'), { timestamp: nowSeconds() - 360 }));
    expect(res.status).toBe(401);
    expect(res.log.problem).toBe('timestamp outside the window');
    expect(route).not.toHaveBeenCalled();
  });

  it('GIVEN a timestamp six minutes in the future THEN 401', () => {
    const { handle } = handler();
    const res = handle(request(sampleCommand('5', 'results'), { timestamp: nowSeconds() + 360 }));
    expect(res.status).toBe(401);
  });

  it.each([
    ['no headers', {}],
    ['only the timestamp', { 'x-signature-timestamp': String(nowSeconds()) }],
  ])('GIVEN %s THEN 401', (_, headers) => {
    const { handle, route } = handler();
    const res = handle({ headers, body: Buffer.from('{"type":1}'), now: Date.now() });
    expect(res.status).toBe(401);
    expect(bodyOf(res)).toEqual({ error: 'missing signature headers' });
    expect(route).not.toHaveBeenCalled();
  });

  it('GIVEN a malformed signature header THEN 401', () => {
    const { handle } = handler();
    const req = request(samplePing('6'));
    const res = handle({ ...req, headers: { ...req.headers, 'x-signature-ed25519': 'not-hex' } });
    expect(res.status).toBe(401);
    expect(bodyOf(res)).toEqual({ error: 'malformed signature headers' });
  });

  it('GIVEN the exact same signed request twice THEN the replay is refused with 401', () => {
    const { handle, route } = handler();
    const req = request(sampleCommand('7', 'results'));
    expect(handle(req).status).toBe(200);
    const replay = handle(req);
    expect(replay.status).toBe(401);
    expect(bodyOf(replay)).toEqual({ error: 'replayed request' });
    expect(route).toHaveBeenCalledTimes(1);
  });

  it('GIVEN a signed body that is not JSON THEN 400', () => {
    const { handle, route } = handler();
    const res = handle(request('{"type": 2, oops'));
    expect(res.status).toBe(400);
    expect(bodyOf(res)).toEqual({ error: 'body is not JSON' });
    expect(route).not.toHaveBeenCalled();
  });

  it.each([
    ['an array', [1, 2]],
    ['a number', 42],
    ['an object without a type', { id: '1', token: 't' }],
    ['a command without data', { id: '1', token: 't', type: 2 }],
  ])('GIVEN signed JSON that is %s THEN 400 (never 500)', (_, payload) => {
    const { handle } = handler();
    const res = handle(request(payload));
    expect(res.status).toBe(400);
    expect(bodyOf(res)).toEqual({ error: 'body is not an interaction' });
  });

  it('GIVEN a valid signature over an unknown interaction type THEN 400 naming the type', () => {
    const { handle } = handler();
    const res = handle(request({ ...samplePing('8'), type: 99 }));
    expect(res.status).toBe(400);
    expect(bodyOf(res)).toEqual({ error: 'unsupported interaction type 99' });
  });

  it('GIVEN a body over 64 KiB THEN 413 before the signature is even looked at', () => {
    const { handle, route } = handler();
    const res = handle({ headers: {}, body: Buffer.alloc(64 * 1024 + 1), now: Date.now() });
    expect(res.status).toBe(413);
    expect(route).not.toHaveBeenCalled();
  });
});

describe('handleInteractionRequest: follow-up work in HTTP mode', () => {
  const summary = sampleCommand('10', 'summary', [], { moderator: true });

  it('GIVEN /summary without a bot token THEN an ephemeral reply saying pinning is not available, with the summary embed', () => {
    const { handle } = handler({ restAvailable: false });
    const res = handle(request(summary));
    const data = bodyOf(res).data as { content: string; flags: number; embeds: { title: string }[] };
    expect(res.status).toBe(200);
    expect(data.content).toBe(TEXT.summaryNotPinned);
    expect(data.content).toContain('not available in this mode');
    expect(data.flags).toBe(64);
    expect(data.embeds[0]?.title).toContain('Atlanta mayoral runoff');
    expect(res.effect).toBeUndefined();
  });

  it('GIVEN /summary with a bot token THEN a deferred ephemeral answer and a pin to do afterwards', () => {
    const { handle } = handler({ restAvailable: true });
    const res = handle(request(summary));
    expect(bodyOf(res)).toEqual({ type: 5, data: { flags: 64 } });
    expect(res.effect?.effect.kind).toBe('pin-summary');
    expect(res.effect?.target).toMatchObject({ token: sampleToken('10'), channelId: SAMPLE_IDS.channel });
  });

  it('GIVEN /summary from someone who is not a moderator THEN refused, nothing to pin', () => {
    const { handle } = handler({ restAvailable: true });
    const res = handle(request(sampleCommand('11', 'summary')));
    expect((bodyOf(res).data as { content: string }).content).toBe(TEXT.needModerator);
    expect(res.effect).toBeUndefined();
  });

  it('GIVEN the asker clicks Delete without a bot token THEN says deleting is not available in this mode', () => {
    const { handle } = handler({ restAvailable: false });
    const res = handle(request(sampleButton('12', 'v1:del:200000000000000001')));
    expect((bodyOf(res).data as { content: string }).content).toBe(TEXT.deleteUnavailable);
    expect(res.effect).toBeUndefined();
  });

  it('GIVEN the asker clicks Delete with a bot token THEN answers Deleted. and plans the deletion of that message', () => {
    const { handle } = handler({ restAvailable: true });
    const res = handle(request(sampleButton('13', 'v1:del:200000000000000001', '500000000000000042')));
    expect((bodyOf(res).data as { content: string }).content).toBe(TEXT.deleted);
    expect(res.effect?.effect.kind).toBe('delete-message');
    expect(res.effect?.target.message?.id).toBe('500000000000000042');
  });

  it('GIVEN a pack reload effect THEN it is refused in HTTP mode, so replicas keep answering alike', () => {
    const reload = vi.fn(
      (): ReturnType<typeof routeInteraction> => ({
        response: { type: 4, data: { content: 'Reloading.' } },
        effect: { kind: 'reload-pack' },
        summary: { kind: 'command', name: 'reload' },
      }),
    );
    const handle = createInteractionHandler({
      publicKey,
      engines: engines(),
      restAvailable: true,
      route: reload,
    });
    const res = handle(request(sampleCommand('16', 'reload', [], { moderator: true })));
    expect((bodyOf(res).data as { content: string }).content).toBe(TEXT.reloadUnavailable);
    expect(res.effect).toBeUndefined();
  });

  it('GIVEN a Helpful click THEN thanks inline and plans one feedback log line', () => {
    const { handle } = handler();
    const res = handle(request(sampleButton('14', 'v1:fb:up:margin')));
    expect((bodyOf(res).data as { content: string }).content).toBe(TEXT.feedbackThanks);
    expect(res.effect?.effect).toEqual({ kind: 'feedback', helpful: true, factId: 'margin' });
  });

  it.each([
    ['current', 'a command', () => sampleCommand('17', 'ask', [{ name: 'question', value: 'who won?' }])],
    ['answer', 'a command', () => sampleCommand('18', 'ask', [{ name: 'question', value: 'who won?' }])],
    ['answerFact', 'a button', () => sampleButton('19', 'v1:ask:margin')],
  ] as const)(
    'GIVEN the engine holder throws from %s on %s THEN 200 with a private apology, and the error for the log',
    (part, _what, payload) => {
      const broken = switchableEngines(engines());
      broken.breakNext(part);
      const handle = createInteractionHandler({ publicKey, engines: broken, restAvailable: false });
      const res = handle(request(payload()));
      expect(res.status).toBe(200);
      expect(bodyOf(res)).toMatchObject({ type: 4, data: { content: TEXT.genericError, flags: 64 } });
      expect(String(res.log.error)).toContain(ENGINE_FAILURE);
    },
  );

  it('GIVEN the engine holder throws during autocomplete THEN 200 with no choices', () => {
    const broken = switchableEngines(engines());
    broken.breakNext('current');
    const handle = createInteractionHandler({ publicKey, engines: broken, restAvailable: false });
    const res = handle(request(sampleAutocomplete('20', 'platform', { name: 'candidate', value: 'nor' })));
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toEqual({ type: 8, data: { choices: [] } });
  });

  it('GIVEN any answered interaction THEN the log fields carry its id and command, never its token', () => {
    const { handle } = handler();
    const res = handle(request(sampleCommand('15', 'margin')));
    expect(res.log).toEqual({ interactionId: '15', interactionType: 'command', command: 'margin' });
    expect(JSON.stringify(res.log)).not.toContain(sampleToken('15'));
  });
});
