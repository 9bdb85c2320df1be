import { describe, expect, it } from 'vitest';
import { InvalidRiskConfigError } from '#shared/domain/config-error.ts';
import { createRiskEngine, DEFAULT_ENGINE_CONFIG } from '#shared/domain/risk-engine.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import type { AdCopyEvent, SentimentEvent, SpendEvent } from '#shared/schemas/events.ts';
import { MATRIX_5X5 } from './fixtures/matrix-5x5.ts';

const now = new Date('2026-11-22T09:00:00Z');
const envelope = { occurredAt: '2026-11-22T09:00:00Z', source: 'test' };

// A closed period (October) unless a test asks for the running one: pacing needs the period to be running.
const spendEvent = (
  actualSpend: number,
  period = { periodStart: '2026-10-01', periodEnd: '2026-10-31' },
): SpendEvent => ({
  ...envelope,
  eventId: 'e-spend',
  type: 'spend',
  spend: {
    campaignId: 'cmp-1',
    channel: 'facebook',
    currency: 'USD',
    plannedBudget: 10_000,
    actualSpend,
    ...period,
  },
});
const NOVEMBER = { periodStart: '2026-11-01', periodEnd: '2026-11-30' };
const copyEvent = (text: string, category = 'cosmetics'): AdCopyEvent => ({
  ...envelope,
  eventId: 'e-copy',
  type: 'ad-copy',
  copy: { copyId: 'c-1', text, lang: 'zh', market: 'CN', category, brand: 'Acme' },
});
const sentimentEvent = (mentions: number, negative: number): SentimentEvent => ({
  ...envelope,
  eventId: 'e-sentiment',
  type: 'sentiment',
  sentiment: {
    brand: 'Acme',
    channel: 'weibo',
    windowStart: envelope.occurredAt,
    windowEnd: envelope.occurredAt,
    mentions,
    negative,
  },
});

const engine = createRiskEngine();

describe('Function: createRiskEngine', () => {
  it('stamps the rules and matrix versions on the engine and on every assessment', () => {
    // Prepare
    const version = {
      rulesVersion: `cn@3.8.0+en@3.8.0+vn@3.8.0+${DEFAULT_ENGINE_CONFIG.spend.version}+${DEFAULT_ENGINE_CONFIG.sentiment.version}`,
      matrixVersion: 'matrix-3x3@1',
    };

    // Act
    const assessments = [spendEvent(5_000), copyEvent('温和配方'), sentimentEvent(5, 3)].map((event) =>
      engine.evaluate(event, { now }),
    );

    // Assess
    expect(engine.version).toEqual(version);
    for (const assessment of assessments) expect(assessment.engine).toEqual(version);
  });

  it.each([
    ['spend 30 % over plan (README quick start)', 'red', ['spend.overrun'], spendEvent(13_000)],
    ['spend 15 % over plan', 'yellow', ['spend.overrun'], spendEvent(11_500)],
    ['spend 5 % over plan', 'green', [], spendEvent(10_500)],
    ['plan spent with 27 % of the period left', 'red', ['spend.pacing'], spendEvent(10_000, NOVEMBER)],
    ['copy with an absolute term', 'yellow', ['cn.absolute.best'], copyEvent('全网最佳面霜')],
    [
      'copy promising whitening in 3 days',
      'red',
      ['cn.time-bound-efficacy', 'cn.absolute.best'],
      copyEvent('美白三天见效，效果最佳'),
    ],
    ['innocent copy', 'green', [], copyEvent('第一次使用请先做皮肤测试')],
    ['3 angry posts out of 5', 'green', [], sentimentEvent(5, 3)],
    ['45 % negative of 400 mentions', 'red', ['sentiment.negative-share'], sentimentEvent(400, 180)],
  ])('assesses %s as %s', (_case, level, ruleIds, event) => {
    // Act
    const assessment = engine.evaluate(event, { now });

    // Assess
    expect(assessment.level).toBe(level);
    expect(assessment.findings.map((finding) => finding.ruleId).sort()).toEqual([...ruleIds].sort());
  });

  it('states the numbers behind a finding without float noise (README quick start: 30 %, not 0.30000000000000004)', () => {
    const [finding] = engine.evaluate(spendEvent(13_000), { now }).findings;

    expect(finding?.metrics).toMatchObject({ plannedBudget: 10_000, actualSpend: 13_000, overrunRatio: 0.3 });
  });

  it('judges the pacing of a backfilled spend report at the time it was measured, not when it arrived', () => {
    // 10,000 of 10,000 spent on 22 November (73 % of the period), pushed after the period closed.
    const backfilled = spendEvent(10_000, NOVEMBER);
    const inDecember = new Date('2026-12-05T09:00:00Z');

    const assessment = engine.evaluate(backfilled, { now: inDecember });

    expect(assessment.findings.map((finding) => finding.ruleId)).toEqual(['spend.pacing']);
    expect(assessment.findings[0]?.metrics?.elapsedShare).toBeCloseTo(21.375 / 30, 6);
  });

  it('judges a spend report stamped in the future (a wrong client clock) now', () => {
    const early = spendEvent(5_000, NOVEMBER);
    const fromTheFuture = { ...early, occurredAt: '2026-11-29T09:00:00Z' };

    const assessment = engine.evaluate(fromTheFuture, { now: new Date('2026-11-08T00:00:00Z') });

    // 5,000 spent a quarter into the period heads for 200 % of plan: judged at 29 November it would not.
    expect(assessment.findings.map((finding) => finding.ruleId)).toEqual(['spend.pacing']);
    expect(assessment.findings[0]?.metrics?.elapsedShare).toBeCloseTo(7 / 30, 6);
  });

  it('takes level, probability and impact of an assessment from its worst finding', () => {
    // Act
    const assessment = engine.evaluate(copyEvent('全网最佳，无副作用'), { now });

    // Assess
    expect(assessment).toMatchObject({ level: 'red', probability: 'high', impact: 'severe' });
    expect(assessment.findings.map((f) => f.level).sort()).toEqual(['red', 'yellow']);
  });

  it('places an event without findings in the lowest cell', () => {
    expect(engine.evaluate(spendEvent(1_000), { now })).toMatchObject({
      level: 'green',
      probability: 'low',
      impact: 'minor',
      findings: [],
    });
  });

  it('grades the same rules on a 5×5 matrix', () => {
    // Prepare
    const fiveByFive = createRiskEngine({ matrix: MATRIX_5X5 });

    // Act
    const assessment = fiveByFive.evaluate(spendEvent(13_000), { now });

    // Assess
    expect(assessment).toMatchObject({
      level: 'extreme',
      probability: 'almost-certain',
      impact: 'catastrophic',
    });
    expect(assessment.engine.matrixVersion).toBe('matrix-5x5@test');
  });

  it('exposes the configuration it was built from', () => {
    expect(engine.matrix).toBe(DEFAULT_MATRIX);
    expect(engine.config.packs).toBe(DEFAULT_ENGINE_CONFIG.packs);
  });

  it.each([
    [
      'a non-monotonic matrix',
      {
        matrix: {
          ...DEFAULT_MATRIX,
          cells: { ...DEFAULT_MATRIX.cells, high: { minor: 'green', moderate: 'green', severe: 'green' } },
        },
      },
    ],
    [
      'spend thresholds without a warning line',
      { spend: { ...DEFAULT_ENGINE_CONFIG.spend, overrunBands: [] } },
    ],
    [
      'sentiment thresholds without a minimum volume',
      { sentiment: { ...DEFAULT_ENGINE_CONFIG.sentiment, minMentions: 0 } },
    ],
    ['a broken pack', { packs: [{ ...DEFAULT_ENGINE_CONFIG.packs[0], version: '' } as never] }],
  ])('refuses to start with %s', (_case, overrides) => {
    expect(() => createRiskEngine(overrides)).toThrow(InvalidRiskConfigError);
  });

  it('compiles the claim packs on the first ad-copy evaluation, not for spend and sentiment', () => {
    // A pack whose only flaw shows once its phrases are normalised: structurally it is sound.
    const [pack] = DEFAULT_ENGINE_CONFIG.packs;
    const [rule] = pack?.rules ?? [];
    if (pack === undefined || rule === undefined) throw new Error('Expected a default pack with rules');
    const flawed = { ...pack, rules: [{ ...rule, patterns: [' - '] }], required: [] };
    const lazy = createRiskEngine({ packs: [flawed] });

    expect(lazy.evaluate(spendEvent(13_000), { now }).level).toBe('red');
    expect(lazy.evaluate(sentimentEvent(400, 180), { now }).level).toBe('red');
    expect(() => lazy.evaluate(copyEvent('全网最佳面霜'), { now })).toThrow(InvalidRiskConfigError);
    expect(() => lazy.evaluate(copyEvent('全网最佳面霜'), { now })).toThrow(
      `rule ${rule.id}: " - " is empty after normalisation`,
    );
  });

  describe('ad-copy outcomes', () => {
    const copyEvent = (
      text: string,
      lang: 'zh' | 'vi' | 'en',
      market: string,
      category = 'general',
    ): AdCopyEvent => ({
      eventId: 'e-outcome',
      type: 'ad-copy',
      occurredAt: '2026-11-22T09:00:00Z',
      source: 'cms',
      copy: { copyId: 'c-1', text, lang, market, category, brand: 'Acme' },
    });
    const now = new Date('2026-11-22T10:00:00Z');

    it('never leaves a matched rule green, even when its grades land in a green cell', () => {
      // Prepare: cn.patent is rated medium × minor, a green cell of the default matrix
      const assessment = engine.evaluate(copyEvent('专利产品，值得信赖', 'zh', 'CN'), { now });

      // Assess
      expect(assessment.findings.map((f) => [f.ruleId, f.outcome])).toEqual([['cn.patent', 'violation']]);
      expect(assessment.level).toBe('yellow');
    });

    it('keeps a claim whose source legal must verify green, as an advisory', () => {
      const assessment = engine.evaluate(
        copyEvent('2025年天猫面霜类目销量第一（数据来源：天猫2025年度榜单）', 'zh', 'CN', 'cosmetics'),
        { now },
      );

      expect(assessment.findings.map((f) => f.outcome)).toContain('advisory');
      expect(assessment.findings.every((f) => f.outcome === 'advisory')).toBe(true);
      expect(assessment.level).toBe('green');
    });

    it.each([
      ['a market no pack covers', copyEvent('Best serum ever', 'en', 'BR')],
      ['a language no pack covers for the market', copyEvent('全网最低价', 'zh', 'VN')],
    ])('says when no pack covers %s, and rates it for review by hand', (_case, event) => {
      const assessment = engine.evaluate(event, { now });

      expect(assessment.findings.map((f) => f.outcome)).toContain('coverage');
      expect(assessment.level).toBe('yellow');
    });

    it('treats UK and GB as one market', () => {
      expect(engine.evaluate(copyEvent('Nice tea for the afternoon', 'en', 'UK'), { now }).findings).toEqual(
        [],
      );
      expect(engine.evaluate(copyEvent('Nice tea for the afternoon', 'en', 'GB'), { now }).findings).toEqual(
        [],
      );
    });
  });
});
