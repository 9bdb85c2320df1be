import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/risk-radar.ts', import.meta.url));

/** The installed command as a shell runs it, with the Node that runs the tests (24, for type stripping). */
const radar = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('Command line: bin/risk-radar.ts', () => {
  it('exits 1 for copy with a banned claim, 0 for clean copy, 2 for a usage error', () => {
    const banned = radar(
      ['check', '--market', 'US', '--lang', 'en', '--category', 'cosmetics'],
      'Cures acne overnight',
    );
    const clean = radar(
      ['check', '-', '--market', 'US', '--lang', 'en', '--category', 'cosmetics'],
      'Feels fresh.',
    );
    const usage = radar(['check', '--lang', 'en'], 'x');

    expect([banned.status, clean.status, usage.status]).toEqual([1, 0, 2]);
    expect(banned.stdout).toMatch(/^stdin: RED — /);
    expect(banned.stdout).toMatch(/\[\[cures acne\]\]/i);
    expect(banned.stderr).toBe('');
    expect(usage.stderr).toMatch(/--market is required/);
  });

  it('starts with a shebang so npm can link it as the risk-radar command', async () => {
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(BIN, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
