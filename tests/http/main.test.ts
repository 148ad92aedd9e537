/** `npm start -- --http` as a real process: configuration errors, serving, and a clean stop on SIGTERM. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureChild } from '../support/log-capture.ts';
import { eventually, keys } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function start(env: Record<string, string>): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--http'], {
    cwd: ROOT,
    // Set (even empty) variables win over a developer's .env, so the test sees only what it passes.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'info',
      DISCORD_PUBLIC_KEY: '',
      DISCORD_TOKEN: '',
      DISCORD_APPLICATION_ID: '',
      MODE: '',
      UNANSWERED_LOG: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  captureChild(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Waits for the child process's output: it may take seconds to start; looked at every 25 ms. */
const waitFor = (check: () => boolean) => eventually(check, 15_000, 25);

describe('npm start -- --http', () => {
  it('GIVEN no DISCORD_PUBLIC_KEY THEN one configuration error line and exit code 2', async () => {
    const run = start({});
    expect(await run.exit).toBe(2);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: DISCORD_PUBLIC_KEY is required in HTTP mode/);
  });

  it('GIVEN a public key THEN serves /healthz, refuses a SIGHUP reload, and on SIGTERM stops cleanly with exit code 0', async () => {
    const port = await freePort();
    const run = start({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, PORT: String(port) });
    try {
      await waitFor(() => run.stdout().includes('HTTP interactions endpoint listening'));
      expect(run.stdout()).toContain(`http://localhost:${port}/interactions`);
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await res.json()).toEqual({ status: 'ok', pack: 'atlanta-2017-runoff' });
      // Reloading one replica's pack would make replicas answer differently: SIGHUP is refused,
      // logged, and does not kill the process.
      run.child.kill('SIGHUP');
      await waitFor(() => run.stdout().includes('"event":"pack-reload-refused"'));
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);
      expect(run.stdout()).toContain('"msg":"stopped"');
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });
});
