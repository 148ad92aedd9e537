import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureText } from '../support/log-capture.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function ask(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, DISCORD_TOKEN: '' },
  });
  captureText(r.stdout + r.stderr);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run ask', () => {
  it('GIVEN a question argument THEN prints the answer and the quoted sentence', () => {
    const r = ask(['who won?']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Keisha Lance Bottoms won/);
    expect(r.stdout).toContain('From the article:');
    expect(r.stdout).toContain('> Bottoms, a Democrat, received 50.41 percent of votes');
  });

  it('GIVEN --json and questions on standard input THEN prints one JSON object per line, in order', () => {
    const r = ask(['--json'], 'what percent did norwood get\nHow do I cook pasta?\n');
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      question: 'what percent did norwood get',
      answered: true,
      topic: 'results',
    });
    expect(String(lines[0]?.answer)).toContain('49.59');
    expect(String(lines[0]?.citation)).toContain('49.59 percent');
    expect(lines[1]).toMatchObject({
      question: 'How do I cook pasta?',
      answered: false,
      answer: '',
      citation: null,
    });
    expect(Array.isArray(lines[1]?.suggestions)).toBe(true);
    expect(Object.keys(lines[0] ?? {}).sort()).toEqual(
      ['answer', 'answered', 'citation', 'confidence', 'question', 'suggestions', 'topic'].sort(),
    );
  });
});
