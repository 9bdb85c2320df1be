import { describe, expect, it } from 'vitest';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import { applyClaimsOverlay, configInForce, overlayExamples } from '#shared/domain/policies/apply.ts';
import {
  contradictsDecision,
  diffValues,
  regradedLevel,
  regradeFinding,
  verdictOf,
} from '#shared/domain/policies/compare.ts';
import {
  parseClaimsOverlay,
  parseMatrixDocument,
  parseSpendOverlay,
} from '#shared/domain/policies/documents.ts';
import { EMPTY_CLAIMS_OVERLAY } from '#shared/domain/policies/schemas.ts';
import { createRiskEngine, DEFAULT_ENGINE_CONFIG } from '#shared/domain/risk-engine.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { customRule as makeCustomRule } from '../../fixtures/policies.ts';

const customRule = makeCustomRule();

const shippedRule = (id: string) => {
  const rule = DEFAULT_PACKS.flatMap((pack) => pack.rules).find((candidate) => candidate.id === id);
  if (rule === undefined) throw new Error(`no shipped rule ${id}`);
  return rule;
};

const FIVE_AXES = {
  probabilities: ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'],
  impacts: ['negligible', 'minor', 'moderate', 'major', 'severe'],
};
const fiveByFive = (level: (p: number, i: number) => string) => ({
  ...FIVE_AXES,
  levels: DEFAULT_MATRIX.levels.map((level) => ({ ...level })),
  cells: Object.fromEntries(
    FIVE_AXES.probabilities.map((p, pi) => [
      p,
      Object.fromEntries(FIVE_AXES.impacts.map((i, ii) => [i, level(pi, ii)])),
    ]),
  ),
});
const FIVE = fiveByFive((p, i) => (p + i >= 6 ? 'red' : p + i >= 3 ? 'yellow' : 'green'));

const pathsOf = (parsed: { ok: boolean; issues?: { path: string }[] }) =>
  parsed.ok ? [] : (parsed.issues ?? []).map((issue) => issue.path);

describe('Function: parseClaimsOverlay', () => {
  it('accepts an added rule with examples, an extension and a disabled rule', () => {
    // Act
    const parsed = parseClaimsOverlay(
      {
        rules: [customRule],
        extend: {
          'cn.absolute.best': {
            exceptions: ['最佳赏味期'],
            examples: { negative: ['请在最佳赏味期内食用'] },
          },
        },
        disable: { 'cn.absolute.national': { reason: 'Too broad for us' } },
      },
      DEFAULT_PACKS,
    );

    // Assess
    expect(parsed.ok).toBe(true);
  });

  it('fills an empty document with empty parts', () => {
    expect(parseClaimsOverlay({}, DEFAULT_PACKS)).toEqual({ ok: true, value: EMPTY_CLAIMS_OVERLAY });
  });

  it('names every bad path at once: unknown ids, a foreign pack, a shipped id, missing examples', () => {
    // Act
    const parsed = parseClaimsOverlay(
      {
        rules: [
          { ...customRule, id: 'xx.custom.a' },
          { ...customRule, id: 'cn.absolute.best' },
          { ...customRule, id: 'cn.custom.b', languages: ['en'] },
        ],
        extend: {
          'cn.no-such': { patterns: ['x'], examples: { positive: ['x'] } },
          'cn.absolute.zui': { patterns: ['最最最'] },
        },
        disable: { 'cn.also-missing': { reason: 'noise' } },
      },
      DEFAULT_PACKS,
    );

    // Assess
    expect(pathsOf(parsed)).toEqual(
      expect.arrayContaining([
        'document.rules.0.id',
        'document.rules.1.id',
        'document.rules.2.languages',
        'document.extend.cn.no-such',
        'document.extend.cn.absolute.zui.examples.positive',
        'document.disable.cn.also-missing',
      ]),
    );
  });

  it('refuses a rule without examples, or with a typo in a field, at its path', () => {
    const { examples: _examples, ...bare } = customRule;
    expect(pathsOf(parseClaimsOverlay({ rules: [bare] }, DEFAULT_PACKS))).toContain(
      'document.rules.0.examples',
    );
    expect(
      pathsOf(parseClaimsOverlay({ rules: [{ ...customRule, patern: ['x'] }] }, DEFAULT_PACKS)),
    ).toContain('document.rules.0.patern');
  });

  it('refuses a phrase empty after normalisation and an exception that holds no phrase of its rule', () => {
    // Act
    const parsed = parseClaimsOverlay(
      { rules: [{ ...customRule, patterns: ['！！！'], exceptions: ['完全无关'] }] },
      DEFAULT_PACKS,
    );

    // Assess
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.message).join(' | ')).toMatch(
      /empty after normalisation/,
    );
  });
});

describe('Function: applyClaimsOverlay', () => {
  it('drops disabled rules, extends shipped ones and adds new ones to the pack their id names', () => {
    // Prepare
    const overlay = {
      rules: [customRule],
      extend: { 'cn.absolute.best': { exceptions: ['最佳赏味期'] } },
      disable: { 'cn.absolute.national': { reason: 'x' } },
    };

    // Act
    const packs = applyClaimsOverlay(DEFAULT_PACKS, overlay);
    const cn = packs.find((pack) => pack.id === 'cn');

    // Assess
    expect(cn?.rules.map((rule) => rule.id)).not.toContain('cn.absolute.national');
    expect(cn?.rules.find((rule) => rule.id === 'cn.custom.secret-formula')).not.toHaveProperty('examples');
    expect(cn?.rules.find((rule) => rule.id === 'cn.absolute.best')?.exceptions).toEqual([
      ...(shippedRule('cn.absolute.best').exceptions ?? []),
      '最佳赏味期',
    ]);
    expect(packs.find((pack) => pack.id === 'en')?.rules).toEqual(
      DEFAULT_PACKS.find((pack) => pack.id === 'en')?.rules,
    );
    expect(
      overlayExamples({ 'cn.absolute.national': { positive: ['a'], negative: ['b'] } }, overlay),
    ).toEqual({
      'cn.custom.secret-formula': customRule.examples,
    });
  });
});

describe('Function: configInForce', () => {
  it('leaves the shipped configuration alone when nothing is published', () => {
    expect(configInForce(DEFAULT_ENGINE_CONFIG, {})).toBe(DEFAULT_ENGINE_CONFIG);
    expect(
      configInForce(DEFAULT_ENGINE_CONFIG, {
        claims: { version: 0, document: { rules: [], extend: {}, disable: {} } },
      }),
    ).toBe(DEFAULT_ENGINE_CONFIG);
  });

  it('builds an engine that flags a custom phrase, ignores a disabled rule and stamps both', () => {
    // Prepare
    const shipped = createRiskEngine();
    const event = (text: string) => ({
      eventId: 'e-1',
      type: 'ad-copy' as const,
      occurredAt: '2026-12-01T00:00:00Z',
      source: 'cms',
      copy: { copyId: 'c-1', text, lang: 'zh' as const, market: 'CN', category: 'general', brand: 'Acme' },
    });
    const national = shipped.evaluate(event('中国第一品牌'), { now: new Date() });
    const disabled = national.findings[0]?.ruleId ?? 'cn.absolute.national';

    // Act
    const engine = createRiskEngine(
      configInForce(DEFAULT_ENGINE_CONFIG, {
        claims: {
          version: 3,
          document: { rules: [customRule], extend: {}, disable: { [disabled]: { reason: 'x' } } },
        },
      }),
    );

    // Assess
    expect(national.findings.map((finding) => finding.ruleId)).toContain(disabled);
    const custom = engine.evaluate(event('本品采用国家级秘方'), { now: new Date() });
    expect(custom.findings.map((finding) => finding.ruleId)).toEqual(['cn.custom.secret-formula']);
    expect(custom.engine.rulesVersion).toBe(`${shipped.version.rulesVersion}+claims-policy@3`);
    expect(
      engine.evaluate(event('中国第一品牌'), { now: new Date() }).findings.map((finding) => finding.ruleId),
    ).not.toContain(disabled);
  });

  it('places findings on a published 5×5 matrix, stamped matrix-policy@<n>', () => {
    // Act
    const engine = createRiskEngine(
      configInForce(DEFAULT_ENGINE_CONFIG, { matrix: { version: 2, document: FIVE } }),
    );

    // Assess
    expect(engine.version.matrixVersion).toBe('matrix-policy@2');
    expect(engine.matrix.probabilities).toEqual(FIVE_AXES.probabilities);
  });

  it('lays a thresholds overlay over the shipped defaults, field by field', () => {
    // Act
    const config = configInForce(DEFAULT_ENGINE_CONFIG, {
      spend: { version: 1, document: { pacing: { interval: 0.77 } } },
    });

    // Assess
    expect(config.spend.pacing).toEqual({ ...DEFAULT_SPEND_THRESHOLDS.pacing, interval: 0.77 });
    expect(config.spend.cpaSpike).toBe(DEFAULT_SPEND_THRESHOLDS.cpaSpike);
    expect(createRiskEngine(config).version.rulesVersion).toMatch(/\+spend-policy@1$/);
  });
});

describe('Function: parseMatrixDocument', () => {
  it('accepts a monotonic 5×5 matrix', () => {
    expect(parseMatrixDocument(FIVE)).toEqual({ ok: true, value: FIVE });
  });

  it('refuses a 2×2 matrix, a missing cell and a level that drops, each at its path', () => {
    // Prepare
    const { severe: _dropped, ...rare } = FIVE.cells.rare as Record<string, string>;
    const dropping = fiveByFive((p, i) => (p === 4 && i === 4 ? 'green' : p + i >= 6 ? 'red' : 'yellow'));

    // Act / Assess
    expect(pathsOf(parseMatrixDocument({ ...FIVE, probabilities: ['a', 'b'] }))).toContain(
      'document.probabilities',
    );
    expect(pathsOf(parseMatrixDocument({ ...FIVE, cells: { ...FIVE.cells, rare } }))).toEqual([
      'document.cells.rare.severe',
    ]);
    expect(pathsOf(parseMatrixDocument(dropping))).toContain('document.cells.almost-certain.severe');
  });
});

describe('Function: parseSpendOverlay', () => {
  it('stores only the fields that differ from the shipped defaults', () => {
    // Act
    const parsed = parseSpendOverlay(
      {
        ...DEFAULT_SPEND_THRESHOLDS,
        version: undefined,
        pacing: { ...DEFAULT_SPEND_THRESHOLDS.pacing, interval: 0.77 },
      },
      DEFAULT_SPEND_THRESHOLDS,
    );

    // Assess
    expect(parsed).toEqual({ ok: true, value: { pacing: { interval: 0.77 } } });
  });

  it('refuses an unknown field, the version and an out-of-range value, at their paths', () => {
    expect(pathsOf(parseSpendOverlay({ pacing: { intervall: 0.9 } }, DEFAULT_SPEND_THRESHOLDS))).toEqual([
      'document.pacing.intervall',
    ]);
    expect(pathsOf(parseSpendOverlay({ version: 'spend@9' }, DEFAULT_SPEND_THRESHOLDS))).toEqual([
      'document.version',
    ]);
    expect(pathsOf(parseSpendOverlay({ pacing: { interval: 2 } }, DEFAULT_SPEND_THRESHOLDS))).toEqual([
      'document.pacing.interval',
    ]);
  });
});

describe('Function: diffValues', () => {
  it('lists what was added, removed and changed, by path', () => {
    expect(diffValues({ a: 1, b: { c: 2, e: [1] } }, { b: { c: 3, e: [1] }, d: 4 })).toEqual([
      { path: ['a'], op: 'removed', before: 1 },
      { path: ['b', 'c'], op: 'changed', before: 2, after: 3 },
      { path: ['d'], op: 'added', after: 4 },
    ]);
  });
});

describe('Regrading on another matrix', () => {
  it('places a 3×3 cell on the matching band of a 5×5 matrix', () => {
    // Prepare
    const to = { version: 'x', ...FIVE };

    // Act / Assess
    expect(regradeFinding(DEFAULT_MATRIX, to, { probability: 'high', impact: 'severe' })).toEqual({
      level: 'red',
      probability: 'almost-certain',
      impact: 'severe',
    });
    expect(regradeFinding(DEFAULT_MATRIX, to, { probability: 'low', impact: 'minor' })?.level).toBe('green');
    expect(
      regradeFinding(DEFAULT_MATRIX, to, { probability: 'high', impact: 'severe', outcome: 'advisory' })
        ?.level,
    ).toBe('green');
    expect(regradeFinding(DEFAULT_MATRIX, to, { probability: 'rare', impact: 'severe' })).toBeUndefined();
    expect(
      regradedLevel(DEFAULT_MATRIX, to, [
        { probability: 'medium', impact: 'moderate' },
        { probability: 'high', impact: 'severe' },
      ]),
    ).toBe('red');
  });

  it('names how a level moves and when that contradicts legal', () => {
    const opens = (level: string) => level !== 'green';
    expect(verdictOf('green', 'green', opens)).toBeUndefined();
    expect(verdictOf('green', 'yellow', opens)).toBe('newly-flagged');
    expect(verdictOf('red', 'green', opens)).toBe('newly-cleared');
    expect(verdictOf('yellow', 'red', opens)).toBe('level-changed');
    expect(contradictsDecision('rejected', 'green', opens)).toBe(true);
    expect(contradictsDecision('rejected', 'yellow', opens)).toBe(false);
    expect(contradictsDecision('approved', 'red', opens)).toBe(true);
    expect(contradictsDecision('approved', 'green', opens)).toBe(false);
  });
});
