import { describe, expect, it } from 'vitest';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { UsageError } from '#shared/errors.ts';
import type { Finding } from '#shared/schemas/assessment.ts';
import {
  BASELINE_FORMAT,
  BASELINE_VERSION,
  type BaselineEntry,
  compareToBaseline,
  evidenceKey,
  hitsOf,
  parseBaseline,
  renderBaseline,
  UNLISTED,
  updatedBaseline,
} from '../../cli/check/baseline.ts';

const finding = (ruleId: string, phrases: readonly string[], more = 0, level = 'yellow'): Finding => ({
  ruleId,
  riskType: 'compliance',
  outcome: 'violation',
  level,
  probability: 'medium',
  impact: 'moderate',
  message: 'm',
  evidence: phrases.map((text, index) => ({ text, start: index * 10, end: index * 10 + text.length })),
  ...(more > 0 ? { moreEvidence: more } : {}),
});

const entry = (copy: string, rule: string, evidence: string, count = 1): BaselineEntry => ({
  copy,
  rule,
  evidence,
  count,
  level: 'yellow',
});

/** The findings the shipped engine makes on a Chinese cosmetics copy, as the check records them. */
const engine = createRiskEngine();
const findingsOf = (text: string): readonly Finding[] =>
  engine.evaluate(
    {
      eventId: 'e',
      type: 'ad-copy',
      occurredAt: '2026-11-22T09:00:00Z',
      source: 'test',
      copy: { copyId: 'c', text, lang: 'zh', market: 'CN', category: 'cosmetics', brand: 'unspecified' },
    },
    { now: new Date('2026-11-22T09:00:00Z') },
  ).findings;

describe('Function: evidenceKey', () => {
  it.each([
    ['full-width letters and case', 'ＣＵＲＥＳ Acne', 'cures acne'],
    ['spaces and line breaks', '  cures\n   acne ', 'cures acne'],
    ['CJK unchanged', '最佳', '最佳'],
  ])('folds %s', (_case, text, key) => {
    expect(evidenceKey(text)).toBe(key);
  });

  it('cannot produce the unlisted marker', () => {
    expect(evidenceKey(UNLISTED)).not.toBe(UNLISTED);
  });
});

describe('Function: hitsOf', () => {
  it('counts the same phrase twice, keeps a finding without evidence, and counts unlisted matches', () => {
    // Prepare
    const findings = [
      finding('cn.absolute.best', ['最佳', '最佳', '最好']),
      { ...finding('coverage.no-pack', []), evidence: undefined },
      finding('en.cure', ['cures'], 3),
    ];

    // Act
    const hits = hitsOf('copy/a.txt', findings);

    // Assess
    expect(hits.map(({ rule, evidence, count }) => [rule, evidence, count])).toEqual([
      ['cn.absolute.best', '最佳', 2],
      ['cn.absolute.best', '最好', 1],
      ['coverage.no-pack', '', 1],
      ['en.cure', 'cures', 1],
      ['en.cure', UNLISTED, 3],
    ]);
  });
});

describe('Function: compareToBaseline', () => {
  it('sorts hits into new, known and fixed', () => {
    // Prepare
    const recorded = [entry('a', 'r1', 'x'), entry('a', 'r2', 'y')];
    const current = [entry('a', 'r1', 'x'), entry('a', 'r3', 'z')];

    // Act
    const result = compareToBaseline(current, recorded, new Set(['a']));

    // Assess
    expect(result.known).toEqual([entry('a', 'r1', 'x')]);
    expect(result.new).toEqual([entry('a', 'r3', 'z')]);
    expect(result.fixed).toEqual([entry('a', 'r2', 'y')]);
  });

  it('is count-aware: the phrase twice where the baseline had it once is one new hit', () => {
    const result = compareToBaseline([entry('a', 'r', 'x', 2)], [entry('a', 'r', 'x', 1)], new Set(['a']));

    expect(result.known).toEqual([entry('a', 'r', 'x', 1)]);
    expect(result.new).toEqual([entry('a', 'r', 'x', 1)]);
    expect(result.fixed).toEqual([]);
  });

  it('tells the same phrase in another copy or under another rule apart', () => {
    const result = compareToBaseline(
      [entry('b', 'r', 'x'), entry('a', 'q', 'x')],
      [entry('a', 'r', 'x')],
      new Set(['a', 'b']),
    );

    expect(result.new).toEqual([entry('a', 'q', 'x'), entry('b', 'r', 'x')]);
    expect(result.fixed).toEqual([entry('a', 'r', 'x')]);
  });

  it('leaves the baseline entries of copies not checked in this run alone', () => {
    const result = compareToBaseline(
      [entry('a', 'r', 'x')],
      [entry('a', 'r', 'x'), entry('b', 'r', 'y')],
      new Set(['a']),
    );

    expect(result).toEqual({ new: [], known: [entry('a', 'r', 'x')], fixed: [] });
  });

  it('pairs matches beyond the listed evidence with leftovers of the same rule, both ways', () => {
    // Prepare: a hit listed before slid into the unlisted tail, and a recorded unlisted one is now listed
    const recorded = [entry('a', 'r', 'x', 3), entry('a', 'r', UNLISTED, 1)];
    const current = [entry('a', 'r', 'x', 2), entry('a', 'r', 'w', 1), entry('a', 'r', UNLISTED, 1)];

    // Act
    const result = compareToBaseline(current, recorded, new Set(['a']));

    // Assess: 4 recorded, 4 found, all accounted for
    expect(result.new).toEqual([]);
    expect(result.fixed).toEqual([]);
    expect(result.known.reduce((sum, item) => sum + item.count, 0)).toBe(4);
  });

  it('keeps every hit known when unrelated text around the copy is edited', () => {
    // Prepare: the same claims, moved by new text before, between and after them
    const before = '全网最佳美白精华，三天见效';
    const after = '冬季新品上市！\n我们的全网最佳美白精华，温和配方，三天见效。欢迎选购';
    const recorded = hitsOf('copy/a.txt', findingsOf(before));

    // Act
    const result = compareToBaseline(
      hitsOf('copy/a.txt', findingsOf(after)),
      recorded,
      new Set(['copy/a.txt']),
    );

    // Assess
    expect(recorded.length).toBeGreaterThanOrEqual(2);
    expect(result.new).toEqual([]);
    expect(result.fixed).toEqual([]);
    expect(result.known.map((item) => [item.rule, item.evidence, item.count])).toEqual(
      recorded.map((item) => [item.rule, item.evidence, item.count]),
    );
  });

  it('finds the claim added by an edit as the one new hit', () => {
    const recorded = hitsOf('a', findingsOf('全网最佳美白精华'));

    const result = compareToBaseline(
      hitsOf('a', findingsOf('全网最佳美白精华，三天见效')),
      recorded,
      new Set(['a']),
    );

    expect(result.new.map((item) => item.evidence)).toEqual(['三天见效']);
    expect(result.known.map((item) => item.evidence)).toEqual(['最佳']);
  });
});

describe('Function: updatedBaseline', () => {
  it("replaces the checked copies' hits and keeps every other copy's", () => {
    const previous = { rules: 'old', findings: [entry('a', 'r', 'x'), entry('b', 'r', 'y')] };

    const next = updatedBaseline(previous, [entry('a', 'q', 'z')], new Set(['a']), 'new');

    expect(next).toEqual({ rules: 'new', findings: [entry('a', 'q', 'z'), entry('b', 'r', 'y')] });
  });
});

describe('Baseline file', () => {
  it('is versioned JSON, one finding per line in a stable order, that reads back the same', () => {
    // Prepare
    const baseline = { rules: 'cn@3.2.0', findings: [entry('b', 'r', 'y'), entry('a', 'r', '最佳', 2)] };

    // Act
    const text = renderBaseline(baseline);
    const read = parseBaseline(text, 'base.json');

    // Assess
    expect(JSON.parse(text)).toMatchObject({
      format: BASELINE_FORMAT,
      version: BASELINE_VERSION,
      rules: 'cn@3.2.0',
    });
    expect(text.split('\n').filter((line) => line.includes('"copy"'))).toEqual([
      '    {"copy":"a","rule":"r","evidence":"最佳","count":2,"level":"yellow"},',
      '    {"copy":"b","rule":"r","evidence":"y","count":1,"level":"yellow"}',
    ]);
    expect(read).toEqual({ rules: 'cn@3.2.0', findings: [entry('a', 'r', '最佳', 2), entry('b', 'r', 'y')] });
    expect(renderBaseline(read)).toBe(text);
  });

  it.each([
    ['not JSON', '{"format": ', /base\.json is not a valid baseline: not JSON/],
    ['another kind of file', '{"name": "package"}', /base\.json is not a risk-radar check baseline/],
    [
      'another version',
      JSON.stringify({ format: BASELINE_FORMAT, version: 99, rules: 'x', findings: [] }),
      /base\.json is a baseline of version 99; this risk-radar reads version 1: record it again with --update-baseline/,
    ],
    [
      'a bad count',
      JSON.stringify({
        format: BASELINE_FORMAT,
        version: BASELINE_VERSION,
        rules: 'x',
        findings: [{ copy: 'a', rule: 'r', evidence: 'x', count: 0, level: 'red' }],
      }),
      /findings\.0\.count: count must be a whole number of at least 1/,
    ],
    [
      'a missing rule',
      JSON.stringify({
        format: BASELINE_FORMAT,
        version: BASELINE_VERSION,
        rules: 'x',
        findings: [{ copy: 'a', evidence: 'x', count: 1, level: 'red' }],
      }),
      /findings\.0\.rule: /,
    ],
  ])('refuses %s with a usage error naming the file', (_case, text, message) => {
    expect(() => parseBaseline(text, 'base.json')).toThrow(UsageError);
    expect(() => parseBaseline(text, 'base.json')).toThrow(message);
  });
});
