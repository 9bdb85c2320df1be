import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { AssessmentSchema } from '#shared/schemas/assessment.ts';
import { snippetOf } from '../../cli/check/snippet.ts';
import { runCli } from '../../cli/main.ts';
import { fakeIo } from './fake-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'radar-check-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
/** What the engine itself says about a copy: the report must show all of it. */
const evaluate = (text: string, lang: 'zh' | 'vi' | 'en', market: string) => {
  const now = new Date('2026-11-22T09:00:00.250Z');
  return createRiskEngine().evaluate(
    {
      eventId: 'risk-radar-check',
      type: 'ad-copy',
      occurredAt: now.toISOString(),
      source: 'risk-radar-cli',
      copy: { copyId: 'x', text, lang, market, category: 'cosmetics', brand: 'unspecified' },
    },
    { now },
  );
};

const CN = ['--market', 'CN', '--lang', 'zh', '--category', 'cosmetics'];
const US = ['--market', 'US', '--lang', 'en', '--category', 'cosmetics'];

describe('Function: snippetOf', () => {
  it('locates a phrase by line and column and keeps its line around it', () => {
    // Prepare
    const text = '新品上市\n全网最佳美白精华';

    // Act
    const snippet = snippetOf(text, { text: '最佳', start: 7, end: 9 });

    // Assess
    expect(snippet).toEqual({
      before: '全网',
      phrase: '最佳',
      after: '美白精华',
      position: { line: 2, column: 3 },
    });
  });

  it('clips a long line with ellipses and never cuts a surrogate pair', () => {
    // Prepare: 😀 is two UTF-16 units; the odd 'x' puts the 30-unit cut inside a pair
    const text = `${'😀'.repeat(40)}xcures acne${'x'.repeat(50)}`;
    const start = text.indexOf('cures');

    // Act
    const snippet = snippetOf(text, { text: 'cures', start, end: start + 5 });

    // Assess
    expect(snippet.before.startsWith('…')).toBe(true);
    expect(snippet.before).not.toMatch(/^…[\uDC00-\uDFFF]/);
    expect(snippet.after.endsWith('…')).toBe(true);
    expect(snippet.position).toEqual({ line: 1, column: 42 });
  });
});

describe('Command: check', () => {
  it('exits 1 and shows every finding the engine makes: phrase in context, rule, level, basis, suggestion', async () => {
    // Prepare
    const copy = '全网最佳美白精华，三天见效';
    const path = file('launch.txt', `${copy}\n`);
    const expected = evaluate(copy, 'zh', 'CN');
    const io = fakeIo();

    // Act
    const code = await runCli(['check', path, ...CN], io);

    // Assess
    const out = io.stdout.text();
    expect(code).toBe(1);
    expect(expected.level).toBe('red');
    expect(out).toMatch(new RegExp(`launch\\.txt: RED — ${expected.findings.length} findings`));
    for (const finding of expected.findings) {
      expect(out).toContain(
        `${finding.level.toUpperCase()}  ${finding.ruleId}  ${finding.probability} probability × ${finding.impact} impact`,
      );
      expect(out).toContain(`basis      ${finding.basis}`);
      expect(out).toContain(`suggestion ${finding.suggestion}`);
      for (const evidence of finding.evidence ?? []) {
        expect(out).toContain(
          `${copy.slice(0, evidence.start)}[[${evidence.text}]]${copy.slice(evidence.end)}`,
        );
        expect(out).toContain(`${path}:1:${evidence.start + 1}`);
      }
    }
    // Most urgent first, and no colour codes in a pipe.
    expect(out.indexOf('\nRED ')).toBeLessThan(out.indexOf('\nYELLOW '));
    expect(out).not.toContain('\u001b[');
  });

  it('exits 1 for a yellow finding alone', async () => {
    const io = fakeIo({ stdin: 'Clinically proven hydration for dry skin' });
    expect(await runCli(['check', '-', ...US], io)).toBe(1);
    expect(io.stdout.text()).toMatch(/stdin: YELLOW — 1 finding /);
  });

  it('exits 0 for compliant copy read from standard input', async () => {
    // Prepare
    const io = fakeIo({ stdin: 'A gentle cleanser for everyday use.\n' });

    // Act
    const code = await runCli(['check', ...US], io);

    // Assess
    expect(code).toBe(0);
    expect(io.stdout.text()).toMatch(/^stdin: GREEN — no findings/);
  });

  it('prints the assessment as JSON with --json, with the same exit code', async () => {
    // Prepare
    const io = fakeIo({ stdin: 'Kem dưỡng tốt nhất' });

    // Act
    const code = await runCli(
      ['check', '--json', '--market', 'vn', '--lang', 'vi', '--category', 'cosmetics'],
      io,
    );

    // Assess
    const assessment = AssessmentSchema.parse(JSON.parse(io.stdout.text()));
    expect(code).toBe(1);
    expect(assessment).toEqual(evaluate('Kem dưỡng tốt nhất', 'vi', 'VN'));
    expect(assessment.findings[0]).toMatchObject({
      ruleId: expect.stringMatching(/^vn\./),
      evidence: [{ text: 'tốt nhất', start: 10, end: 18 }],
    });
  });

  it('highlights in colour at a terminal, and not when NO_COLOR is set', async () => {
    const path = file('cure.txt', 'This cures acne');
    const tty = fakeIo({ tty: true });
    await runCli(['check', path, ...US], tty);
    expect(tty.stdout.text()).toContain('\u001b[4m');
    expect(tty.stdout.text()).not.toContain('[[');

    const noColor = fakeIo({ tty: true, env: { NO_COLOR: '1' } });
    await runCli(['check', path, ...US], noColor);
    expect(noColor.stdout.text()).not.toContain('\u001b[');
    expect(noColor.stdout.text()).toMatch(/This \[\[cures[^\]]*\]\]/);
  });

  it.each([
    ['a missing file', ['check', join(dir, 'nope.txt'), ...CN], /Cannot read .*nope\.txt: no such file/],
    ['a missing --market', ['check', '-', '--lang', 'zh', '--category', 'cosmetics'], /--market is required/],
    ['an unknown language', ['check', '-', '--market', 'CN', '--lang', 'fr', '--category', 'x'], /--lang: /],
    [
      'a bad market',
      ['check', '-', '--market', 'China', '--lang', 'zh', '--category', 'x'],
      /--market: market must be an ISO 3166-1/,
    ],
    ['an unknown option', ['check', '-', ...CN, '--strict'], /Unknown option '--strict'/],
    [
      'standard input among files',
      ['check', '-', 'b.txt', ...CN],
      /Standard input \(-\) cannot be checked together with files/,
    ],
    [
      '--update-baseline alone',
      ['check', '-', ...CN, '--update-baseline'],
      /--update-baseline needs --baseline/,
    ],
    [
      'standard input with a baseline but no --copy-id',
      ['check', '-', ...CN, '--baseline', join(dir, 'b.json')],
      /Give --copy-id to name the copy read from standard input/,
    ],
    [
      '--secret without a server',
      ['check', '-', ...CN, '--secret', 's'],
      /--client and --secret are for a server/,
    ],
    ['empty copy', ['check', '-', ...CN], /the copy: text must not be empty/],
  ])('exits 2 with a clear message for %s', async (_case, argv, message) => {
    // Prepare
    const io = fakeIo({ stdin: '  \n' });

    // Act
    const code = await runCli(argv, io);

    // Assess
    expect(code).toBe(2);
    expect(io.stderr.text()).toMatch(message);
    expect(io.stdout.text()).toBe('');
  });

  it('asks for a file rather than waiting on a terminal', async () => {
    const io = fakeIo({ stdinIsTTY: true });
    expect(await runCli(['check', ...CN], io)).toBe(2);
    expect(io.stderr.text()).toMatch(/Give the ad copy as a file name, or pipe it in/);
  });
});

describe('Function: runCli', () => {
  it('lists the commands for --help and exits 2 for an unknown one', async () => {
    const help = fakeIo();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.stdout.text()).toMatch(/check .*\n.*push .*\n.*demo /);

    const unknown = fakeIo();
    expect(await runCli(['publish'], unknown)).toBe(2);
    expect(unknown.stderr.text()).toMatch(/unknown command "publish"/);
  });
});

describe('Command: check — outcomes', () => {
  it('exits 1 for copy no pack covers, and 0 with --allow-uncovered', async () => {
    // Prepare
    const args = ['check', '-', '--market', 'BR', '--lang', 'en', '--category', 'cosmetics'];

    // Act
    const strict = fakeIo({ stdin: 'A gentle cleanser for everyday use.' });
    const relaxed = fakeIo({ stdin: 'A gentle cleanser for everyday use.' });

    // Assess
    expect(await runCli(args, strict)).toBe(1);
    expect(strict.stdout.text()).toMatch(/NOT CHECKED — no rule pack covers this market and language/);
    expect(await runCli([...args, '--allow-uncovered'], relaxed)).toBe(0);
  });

  it('shows an advisory as green, asking to verify the source, and exits 0', async () => {
    const io = fakeIo({ stdin: '2025年天猫面霜类目销量第一（数据来源：天猫2025年度榜单）' });

    expect(await runCli(['check', '-', ...CN], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/GREEN ADVISORY — verify the source/);
  });
});
