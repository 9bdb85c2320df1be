import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE_FORMAT } from '../../cli/check/baseline.ts';
import { runCli } from '../../cli/main.ts';
import { fakeIo } from './fake-io.ts';

/**
 * `risk-radar check` over a repository of copy, as content CI runs it: several files in one run, a
 * baseline of accepted findings, failing only on new ones.
 */

const CN = ['--market', 'CN', '--lang', 'zh', '--category', 'cosmetics'];

/** A repository of copy in its own directory; paths on the command line are relative to it. */
const repository = (files: Record<string, string>) => {
  const root = mkdtempSync(join(tmpdir(), 'radar-check-ci-'));
  const write = (name: string, text: string) => {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), `${text}\n`);
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  const run = async (args: readonly string[]) => {
    const io = fakeIo({ cwd: root });
    const code = await runCli(['check', ...args, ...CN], io);
    return { code, out: io.stdout.text(), err: io.stderr.text() };
  };
  return { root, write, run, read: (name: string) => readFileSync(join(root, name), 'utf8') };
};

const FILES = ['copy/a.txt', 'copy/b.txt', 'copy/c.txt'];

describe('Command: check — several files', () => {
  it('checks each file, names it in its report, and exits 1 when any needs attention', async () => {
    // Prepare
    const repo = repository({
      'copy/a.txt': '全网最佳美白精华',
      'copy/b.txt': '温和洁面，日常使用',
      'copy/c.txt': '温和保湿，适合干性肌肤',
    });

    // Act
    const result = await repo.run(FILES);

    // Assess
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^copy\/a\.txt: YELLOW — 1 finding/m);
    expect(result.out).toMatch(/copy\/a\.txt:1:3/);
    expect(result.out).toMatch(/^copy\/b\.txt: GREEN — no findings/m);
    expect(result.out).toMatch(/^copy\/c\.txt: GREEN — no findings/m);
    expect(result.out).toMatch(/3 copies checked: 1 needs attention/);
    expect(result.out).toMatch(/rules: shipped packs cn@\S+ · matrix matrix-3x3@1\n$/);
  });

  it('exits 0 when none does, and 2 before checking anything when one file is missing', async () => {
    const repo = repository({ 'copy/b.txt': '温和洁面，日常使用', 'copy/c.txt': '温和保湿' });

    expect((await repo.run(['copy/b.txt', 'copy/c.txt'])).code).toBe(0);
    const missing = await repo.run(['copy/b.txt', 'copy/nope.txt']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Cannot read copy\/nope\.txt: no such file/);
    expect(missing.out).toBe('');
  });
});

describe('Command: check --baseline', () => {
  it('records the findings on the first run and passes; the same copy passes again with every finding known', async () => {
    // Prepare
    const repo = repository({ 'copy/a.txt': '全网最佳美白精华，三天见效', 'copy/b.txt': '温和洁面' });

    // Act
    const first = await repo.run(['copy/a.txt', 'copy/b.txt', '--baseline', 'radar-baseline.json']);
    const recorded = repo.read('radar-baseline.json');
    const second = await repo.run(['copy/a.txt', 'copy/b.txt', '--baseline', 'radar-baseline.json']);

    // Assess
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/baseline radar-baseline\.json: recorded 2 findings of 2 copies/);
    expect(JSON.parse(recorded)).toMatchObject({
      format: BASELINE_FORMAT,
      version: 1,
      rules: expect.stringMatching(/^cn@/),
      findings: [
        { copy: 'copy/a.txt', rule: 'cn.absolute.best', evidence: '最佳', count: 1, level: 'yellow' },
        { copy: 'copy/a.txt', rule: 'cn.time-bound-efficacy', evidence: '三天见效', count: 1, level: 'red' },
      ],
    });
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/baseline radar-baseline\.json: 0 new · 2 known · 0 fixed/);
    expect(second.out).toMatch(
      /^known {2}RED {2}cn\.time-bound-efficacy {2}copy\/a\.txt:1:10 {2}“三天见效”$/m,
    );
    expect(repo.read('radar-baseline.json')).toBe(recorded);
  });

  it('fails on a new finding only, lists a fixed one, and --update-baseline accepts and prunes', async () => {
    // Prepare
    const repo = repository({ 'copy/a.txt': '全网最佳美白精华，三天见效', 'copy/b.txt': '温和洁面' });
    await repo.run(['copy/a.txt', 'copy/b.txt', '--baseline', 'radar-baseline.json']);
    repo.write('copy/a.txt', '冬季新品！全网最佳美白精华，温和配方');
    repo.write('copy/b.txt', '温和洁面，最佳选择');

    // Act
    const changed = await repo.run(['copy/a.txt', 'copy/b.txt', '--baseline', 'radar-baseline.json']);
    const updated = await repo.run([
      'copy/a.txt',
      'copy/b.txt',
      '--baseline',
      'radar-baseline.json',
      '--update-baseline',
    ]);
    const after = await repo.run(['copy/a.txt', 'copy/b.txt', '--baseline', 'radar-baseline.json']);

    // Assess
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(/baseline radar-baseline\.json: 1 new · 1 known · 1 fixed/);
    expect(changed.out).toMatch(/^ {2}NEW {4}copy\/b\.txt {2}cn\.absolute\.best {2}“最佳”$/m);
    expect(changed.out).toMatch(
      /^ {2}fixed {2}copy\/a\.txt {2}cn\.time-bound-efficacy {2}“三天见效” — no longer found: prune it with --update-baseline$/m,
    );
    expect(changed.out).toMatch(
      /cn\.absolute\.best {2}medium probability × moderate impact {2}NEW\n {2}copy\/b\.txt:1:6/,
    );
    expect(updated.code).toBe(0);
    expect(
      JSON.parse(repo.read('radar-baseline.json')).findings.map((f: { copy: string; evidence: string }) => [
        f.copy,
        f.evidence,
      ]),
    ).toEqual([
      ['copy/a.txt', '最佳'],
      ['copy/b.txt', '最佳'],
    ]);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/0 new · 2 known · 0 fixed/);
  });

  it('says when the baseline was recorded with other rules, and still fails only on new findings', async () => {
    // Prepare
    const repo = repository({ 'copy/a.txt': '全网最佳美白精华' });
    await repo.run(['copy/a.txt', '--baseline', 'b.json']);
    const file = join(repo.root, 'b.json');
    writeFileSync(file, repo.read('b.json').replace(/"rules": "[^"]*"/, '"rules": "cn@1.0.0"'));

    // Act
    const result = await repo.run(['copy/a.txt', '--baseline', 'b.json']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /note: the baseline was recorded with rules cn@1\.0\.0: a finding a rule change added is new/,
    );
  });

  it('counts: the accepted phrase written a second time is one new finding', async () => {
    const repo = repository({ 'copy/a.txt': '全网最佳美白精华' });
    await repo.run(['copy/a.txt', '--baseline', 'b.json']);
    repo.write('copy/a.txt', '全网最佳美白精华，最佳之选');

    const result = await repo.run(['copy/a.txt', '--baseline', 'b.json']);

    expect(result.code).toBe(1);
    expect(result.out).toMatch(/1 new · 1 known · 0 fixed/);
    expect(result.out).toMatch(/NEW \(1 of 2 matches\)/);
  });

  it('names copies relative to the baseline file, so the run may start in any directory', async () => {
    // Prepare
    const repo = repository({ 'copy/a.txt': '全网最佳美白精华' });
    await repo.run(['copy/a.txt', '--baseline', 'b.json']);
    const io = fakeIo({ cwd: join(repo.root, 'copy') });

    // Act
    const code = await runCli(['check', 'a.txt', '--baseline', '../b.json', ...CN], io);

    // Assess
    expect(code).toBe(0);
    expect(io.stdout.text()).toMatch(/0 new · 1 known/);
  });

  it('keeps the entries of copies a run does not check, and does not call them fixed', async () => {
    const repo = repository({ 'copy/a.txt': '全网最佳美白精华', 'copy/b.txt': '三天见效' });
    await repo.run(['copy/a.txt', 'copy/b.txt', '--baseline', 'b.json']);

    const onlyA = await repo.run(['copy/a.txt', '--baseline', 'b.json', '--update-baseline']);

    expect(onlyA.code).toBe(0);
    const findings = JSON.parse(repo.read('b.json')).findings as { copy: string }[];
    expect(findings.map((f) => f.copy)).toEqual(['copy/a.txt', 'copy/b.txt']);
    expect((await repo.run(['copy/a.txt', '--baseline', 'b.json'])).out).toMatch(/0 new · 1 known · 0 fixed/);
  });

  it('names a copy from standard input with --copy-id', async () => {
    const root = mkdtempSync(join(tmpdir(), 'radar-check-ci-'));
    const args = ['check', '-', '--baseline', 'b.json', '--copy-id', 'landing/hero', ...CN];
    await runCli(args, fakeIo({ cwd: root, stdin: '全网最佳美白精华' }));

    const io = fakeIo({ cwd: root, stdin: '全网最佳美白精华，三天见效' });
    const code = await runCli(args, io);

    expect(code).toBe(1);
    expect(io.stdout.text()).toMatch(/^landing\/hero: RED/);
    expect(io.stdout.text()).toMatch(/NEW {4}landing\/hero {2}cn\.time-bound-efficacy {2}“三天见效”/);
  });

  it('prints new, known and fixed with --json', async () => {
    // Prepare
    const repo = repository({ 'copy/a.txt': '全网最佳美白精华，三天见效' });
    await repo.run(['copy/a.txt', '--baseline', 'b.json']);
    repo.write('copy/a.txt', '全网最佳美白精华，最好的选择');

    // Act
    const result = await repo.run(['copy/a.txt', '--baseline', 'b.json', '--json']);

    // Assess
    const json = JSON.parse(result.out);
    expect(result.code).toBe(1);
    expect(json.rules).toMatchObject({ source: 'shipped', rulesVersion: expect.stringMatching(/^cn@/) });
    expect(json.copies).toEqual([
      expect.objectContaining({ copy: 'copy/a.txt', needsAttention: true, assessment: expect.any(Object) }),
    ]);
    expect(json.baseline).toMatchObject({
      path: 'b.json',
      recorded: false,
      new: [{ copy: 'copy/a.txt', rule: 'cn.absolute.best', evidence: '最好', count: 1 }],
      known: [{ copy: 'copy/a.txt', rule: 'cn.absolute.best', evidence: '最佳', count: 1 }],
      fixed: [{ copy: 'copy/a.txt', rule: 'cn.time-bound-efficacy', evidence: '三天见效', count: 1 }],
    });
  });

  it.each([
    ['is not JSON', '{ "format": '],
    ['is another version', JSON.stringify({ format: BASELINE_FORMAT, version: 7, rules: 'x', findings: [] })],
  ])('exits 2 and writes nothing when the baseline %s', async (_case, text) => {
    // Prepare
    const repo = repository({ 'copy/a.txt': '全网最佳美白精华，三天见效' });
    writeFileSync(join(repo.root, 'b.json'), text);

    // Act
    const result = await repo.run(['copy/a.txt', '--baseline', 'b.json']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/risk-radar check: b\.json is (not a valid baseline|a baseline of version 7)/);
    expect(result.out).toBe('');
    expect(repo.read('b.json')).toBe(text);
  });

  it('exits 2 when the baseline path cannot be used', async () => {
    const repo = repository({ 'copy/a.txt': '全网最佳美白精华' });

    const result = await repo.run(['copy/a.txt', '--baseline', 'copy/a.txt/b.json']);

    expect(result.code).toBe(2);
    expect(result.err).toMatch(/risk-radar check: Cannot read the baseline copy\/a\.txt\/b\.json: .*ENOTDIR/);
    expect(result.out).toBe('');
  });

  it('replaces a broken baseline with --update-baseline, saying so', async () => {
    const repo = repository({ 'copy/a.txt': '全网最佳美白精华' });
    writeFileSync(join(repo.root, 'b.json'), 'garbage');

    const result = await repo.run(['copy/a.txt', '--baseline', 'b.json', '--update-baseline']);

    expect(result.code).toBe(0);
    expect(result.err).toMatch(/note: b\.json is not a valid baseline: not JSON .* — replacing it/);
    expect(JSON.parse(repo.read('b.json')).findings).toHaveLength(1);
    expect(existsSync(join(repo.root, `b.json.${process.pid}.tmp`))).toBe(false);
  });
});
