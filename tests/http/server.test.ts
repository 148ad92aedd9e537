import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.ts';
import { loadPack } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';
import { createEngineHolder } from '../../src/engine/holder.ts';
import {
  sampleAutocomplete,
  sampleButton,
  sampleCommand,
  sampleMessageCommand,
  samplePing,
  sampleToken,
} from '../../src/http/sample-interactions.ts';
import { type RunningHttpServer, startHttpServer } from '../../src/http/server.ts';
import { TEXT } from '../../src/replies/strings.ts';
import { captureLogs, engines, eventually, httpConfig, requestLines, signed, wrongKey } from './helpers.ts';

let server: RunningHttpServer;
let logs: ReturnType<typeof captureLogs>;
let nextId = 1000;

/** A fresh interaction id (distinct ids give distinct signed requests, so none is a replay). */
function id(): string {
  nextId += 1;
  return `7000000000000${nextId}`;
}

async function post(payload: unknown, opts: Parameters<typeof signed>[1] = {}, base = server.url) {
  const { body, headers } = signed(payload, opts);
  const res = await fetch(`${base}/interactions`, { method: 'POST', headers, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

interface MessageData {
  content?: string;
  flags?: number;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  components?: { components: { custom_id: string; label: string }[] }[];
  choices?: { name: string; value: string }[];
}

async function answer(payload: unknown): Promise<{ type: number; data: MessageData; text: string }> {
  const res = await post(payload);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json');
  const parsed = JSON.parse(res.text) as { type: number; data: MessageData };
  return { ...parsed, text: res.text };
}

beforeAll(async () => {
  logs = captureLogs();
  server = await startHttpServer({
    config: httpConfig(),
    engines: engines(),
    logger: logs.logger,
    port: 0,
    host: '127.0.0.1',
  });
});

afterAll(async () => {
  await server.stop();
});

describe('POST /interactions over HTTP', () => {
  it('GIVEN a signed PING THEN 200 {"type":1}', async () => {
    const res = await post(samplePing(id()));
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"type":1}');
  });

  /** What a user must see from each command (substrings of the reply's JSON). */
  const EXPECTED: Record<
    string,
    { options?: { name: string; value: string }[]; moderator?: boolean; shows: string[] }
  > = {
    results: { shows: ['Keisha Lance Bottoms', '50.41%', '759 votes'] },
    margin: { shows: ['759', '0.82'] },
    platform: {
      options: [{ name: 'candidate', value: 'Norwood' }],
      shows: ["Mary Norwood's platform", 'gentrification'],
    },
    endorsements: { shows: ['Endorsements', 'Kasim Reed', 'Shirley Franklin'] },
    compare: { shows: ['The platforms side by side', 'All Rise'] },
    poll: { shows: ['Dec. 1, 2017 poll', '51.3'] },
    recount: { shows: ['The recount', '1 percent'] },
    annexation: { shows: ['The Emory annexation', 'ineligible'] },
    timeline: { shows: ['Timeline', '714 votes'] },
    candidate: { options: [{ name: 'name', value: 'Reed' }], shows: ['Kasim Reed', 'term limits'] },
    source: { shows: ['About the source', 'Atlanta Journal-Constitution'] },
    ask: {
      options: [{ name: 'question', value: 'who won?' }],
      shows: ['Keisha Lance Bottoms won', '759 votes'],
    },
    summary: { moderator: true, shows: [TEXT.summaryNotPinned, 'Pinned results summary', '50.41%'] },
    // Replicas must serve the same pack, so HTTP mode refuses to reload one of them.
    reload: { moderator: true, shows: [TEXT.reloadUnavailable] },
    help: { shows: ['/results', '/margin', '/ask'] },
  };

  it('GIVEN the list of commands THEN this test covers every one of them', () => {
    const slash = COMMANDS.filter((c) => !('type' in c.data) || c.data.type === 1).map((c) => c.data.name);
    expect(Object.keys(EXPECTED).sort()).toEqual([...slash].sort());
  });

  it.each(Object.entries(EXPECTED))(
    'GIVEN /%s THEN it is answered inline with its content',
    async (name, spec) => {
      const reply = await answer(
        sampleCommand(id(), name, spec.options ?? [], spec.moderator ? { moderator: true } : {}),
      );
      expect(reply.type).toBe(4);
      for (const s of spec.shows) expect(reply.text).toContain(JSON.stringify(s).slice(1, -1));
      expect(reply.text).toContain('"allowed_mentions":{"parse":[]');
    },
  );

  it('GIVEN the message command "Ask the election bot" on a question THEN answers that question', async () => {
    const reply = await answer(
      sampleMessageCommand(id(), 'Ask the election bot', {
        id: '600000000000000001',
        content: 'How close was it?',
      }),
    );
    expect(reply.type).toBe(4);
    expect(reply.text).toContain('759 votes');
    expect(reply.text).toContain('0.82 percentage points');
  });

  it('GIVEN autocomplete on /candidate with nothing typed THEN at most 25 choices, candidates first', async () => {
    const reply = await answer(sampleAutocomplete(id(), 'candidate', { name: 'name', value: '' }));
    expect(reply.type).toBe(8);
    const choices = reply.data.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]?.name).toBe('Keisha Lance Bottoms');
  });

  it('GIVEN autocomplete on /platform with "nor" typed THEN suggests Mary Norwood', async () => {
    const reply = await answer(sampleAutocomplete(id(), 'platform', { name: 'candidate', value: 'nor' }));
    expect(reply.data.choices).toEqual([{ name: 'Mary Norwood', value: 'norwood' }]);
  });

  it('GIVEN a question the article does not answer, then a click on the "did you mean" margin button THEN the margin is answered', async () => {
    const declined = await answer(
      sampleCommand(id(), 'ask', [{ name: 'question', value: 'what is the capital of france' }]),
    );
    expect(declined.data.content).toContain(TEXT.noMatch);
    const ids = (declined.data.components ?? []).flatMap((row) => row.components.map((b) => b.custom_id));
    expect(ids).toContain('v1:ask:margin');
    const clicked = await answer(sampleButton(id(), 'v1:ask:margin'));
    expect(clicked.type).toBe(4);
    expect(clicked.text).toContain('759 votes');
    expect(clicked.text).toContain('0.82');
  });

  it('GIVEN a forged button id THEN a clear ephemeral message', async () => {
    const reply = await answer(sampleButton(id(), 'v1:ask:../../etc/passwd'));
    expect(reply.data).toMatchObject({ content: TEXT.unknownButton, flags: 64 });
  });
});

describe('POST /interactions refusals over HTTP', () => {
  it('GIVEN a request signed with the wrong key THEN 401, and the log shows no command ran', async () => {
    const interactionId = id();
    const res = await post(sampleCommand(interactionId, 'results'), { key: wrongKey });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toEqual({ error: 'invalid request signature' });
    const line = requestLines(logs.lines).at(-1);
    expect(line).toMatchObject({ status: 401, problem: 'invalid request signature' });
    expect(line).not.toHaveProperty('command');
    expect(line).not.toHaveProperty('interactionId');
  });

  it('GIVEN a signed body that is not JSON THEN 400', async () => {
    const res = await post('this is not json');
    expect(res.status).toBe(400);
  });

  it('GIVEN a valid signature over an unknown interaction type THEN 400', async () => {
    const res = await post({ ...samplePing(id()), type: 42 });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ error: 'unsupported interaction type 42' });
  });

  it('GIVEN no signature headers THEN 401', async () => {
    const res = await fetch(`${server.url}/interactions`, { method: 'POST', body: '{"type":1}' });
    expect(res.status).toBe(401);
  });

  it('GIVEN a 1 MiB body announced by Content-Length THEN 413 before the body is sent', async () => {
    const result = await new Promise<{ status: number; connection: string | undefined }>(
      (resolve, reject) => {
        const req = httpRequest(`${server.url}/interactions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(1024 * 1024) },
        });
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
          req.destroy();
        });
        req.on('error', reject);
        // Only the headers and 1 KiB are sent: the answer must not wait for the other 1023 KiB.
        req.write(Buffer.alloc(1024, 0x20));
      },
    );
    expect(result).toEqual({ status: 413, connection: 'close' });
    expect(requestLines(logs.lines).at(-1)).toMatchObject({ status: 413, bytesRead: 0 });
  });

  it('GIVEN a 1 MiB chunked body without Content-Length THEN 413 after reading little more than 64 KiB', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (err) =>
        String(err).includes('ECONNRESET') || String(err).includes('EPIPE') ? undefined : reject(err),
      );
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    const line = requestLines(logs.lines).at(-1);
    expect(line).toMatchObject({ status: 413 });
    expect(Number(line?.bytesRead)).toBeLessThan(1024 * 1024);
  });
});

describe('other routes', () => {
  it('GIVEN GET /healthz THEN 200 with status ok and the pack id', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', pack: 'atlanta-2017-runoff' });
  });

  it('GIVEN an unknown path THEN 404', async () => {
    expect((await fetch(`${server.url}/admin`)).status).toBe(404);
  });

  it('GIVEN GET /interactions or POST /healthz THEN 405 with Allow', async () => {
    const get = await fetch(`${server.url}/interactions`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const post = await fetch(`${server.url}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('request logs', () => {
  it('GIVEN answered interactions THEN one line each with method, path, status, type, command and time, never a token', async () => {
    const interactionId = id();
    await answer(sampleCommand(interactionId, 'margin'));
    const lines = requestLines(logs.lines).filter((l) => l.interactionId === interactionId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      method: 'POST',
      path: '/interactions',
      status: 200,
      interactionType: 'command',
      command: 'margin',
    });
    expect(typeof lines[0]?.ms).toBe('number');
    expect(logs.text()).not.toContain(sampleToken(interactionId));
    expect(logs.text()).not.toContain('aW50ZXJhY3Rpb24');
  });
});

describe('two replicas', () => {
  it('GIVEN the same signed requests sent to two servers THEN both answer byte for byte the same', async () => {
    // The second replica loads its own copy of the pack, as a separate process would.
    const second = await startHttpServer({
      config: httpConfig(),
      engines: createEngineHolder(() => loadPack(DEFAULT_PACK_DIR)),
      logger: captureLogs().logger,
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const requests = [
        samplePing(id()),
        sampleCommand(id(), 'results'),
        sampleCommand(id(), 'ask', [{ name: 'question', value: 'what did Norwood promise?' }]),
        sampleCommand(id(), 'ask', [{ name: 'question', value: 'is the moon made of cheese' }]),
        sampleCommand(id(), 'summary', [], { moderator: true }),
        sampleAutocomplete(id(), 'candidate', { name: 'name', value: 'fr' }),
        sampleButton(id(), 'v1:ask:winner'),
        sampleMessageCommand(id(), 'Ask the election bot', {
          id: '600000000000000002',
          content: 'who endorsed Bottoms?',
        }),
        { ...samplePing(id()), type: 77 },
      ];
      for (const payload of requests) {
        const { body, headers } = signed(payload);
        const [a, b] = await Promise.all(
          [server.url, second.url].map(async (base) => {
            const res = await fetch(`${base}/interactions`, { method: 'POST', headers, body });
            return `${res.status} ${await res.text()}`;
          }),
        );
        expect(a).toBe(b);
      }
    } finally {
      await second.stop();
    }
  });
});

describe('stopping', () => {
  it('GIVEN a request in flight WHEN the server stops THEN that request is still answered, and stop resolves after it', async () => {
    const srv = await startHttpServer({
      config: httpConfig(),
      engines: engines(),
      logger: captureLogs().logger,
      port: 0,
      host: '127.0.0.1',
    });
    const { body, headers } = signed(samplePing(id()));
    let stopped = false;
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${srv.url}/interactions`, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(body.length) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          text += d.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 5));
      setTimeout(() => {
        const stopping = srv.stop().then(() => {
          stopped = true;
        });
        setTimeout(() => {
          expect(stopped).toBe(false);
          req.end(body.subarray(5));
        }, 50);
        void stopping;
      }, 20);
    });
    expect(await response).toEqual({ status: 200, text: '{"type":1}' });
    await eventually(() => stopped);
    await expect(fetch(`${srv.url}/healthz`)).rejects.toThrow();
  });
});

describe('unanswered questions', () => {
  it('GIVEN /ask with a question the article does not answer THEN it is recorded as declined, via http', async () => {
    const recorded: { question: string; via: string }[] = [];
    const srv = await startHttpServer({
      config: httpConfig(),
      engines: engines(),
      logger: captureLogs().logger,
      port: 0,
      host: '127.0.0.1',
      unanswered: { record: (question, _result, via) => recorded.push({ question, via }) },
    });
    try {
      for (const question of ['who won?', 'what is the capital of france']) {
        const { body, headers } = signed(sampleCommand(id(), 'ask', [{ name: 'question', value: question }]));
        expect((await fetch(`${srv.url}/interactions`, { method: 'POST', headers, body })).status).toBe(200);
      }
      expect(recorded).toEqual([{ question: 'what is the capital of france', via: 'http' }]);
    } finally {
      await srv.stop();
    }
  });
});
