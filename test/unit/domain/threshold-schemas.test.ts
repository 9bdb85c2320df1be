import { describe, expect, it } from 'vitest';
import { MAX_RECENT_WINDOWS } from '#shared/domain/baselines.ts';
import { configIssues } from '#shared/domain/config-error.ts';
import { DEFAULT_SENTIMENT_THRESHOLDS } from '#shared/domain/sentiment-thresholds.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { SentimentThresholdsSchema, SpendThresholdsSchema } from '#shared/domain/threshold-schemas.ts';
import { leafPaths, objectPaths, type Path, withValue } from './fixtures/paths.ts';

const SCHEMAS = [
  ['SpendThresholdsSchema', SpendThresholdsSchema, DEFAULT_SPEND_THRESHOLDS],
  ['SentimentThresholdsSchema', SentimentThresholdsSchema, DEFAULT_SENTIMENT_THRESHOLDS],
] as const;

const issuePaths = (schema: (typeof SCHEMAS)[number][1], value: unknown) =>
  configIssues(schema, value).map((issue) => issue.path);

/** A value of the wrong kind for a leaf: text for a number, a number out of any scale for a text. */
const wrongKind = (leaf: unknown): unknown => (typeof leaf === 'number' ? 'nonsense' : 42);

describe.each(SCHEMAS)('Schema: %s, every field', (_name, schema, defaults) => {
  it('accepts the defaults', () => {
    // Prepare
    const thresholds = structuredClone(defaults);

    // Act
    const result = schema.safeParse(thresholds);

    // Assess
    expect(result.error?.issues).toBeUndefined();
  });

  it.each(leafPaths(defaults).map((path) => [path.join('.'), path] as const))(
    'requires %s, of its kind',
    (_field, path) => {
      // Prepare
      const leaf = path.reduce<unknown>(
        (node, key) => (node as Record<string | number, unknown>)[key],
        defaults,
      );
      const missing = withValue(defaults, path, undefined);
      const wrong = withValue(defaults, path, wrongKind(leaf));

      // Act
      const missingAt = issuePaths(schema, missing);
      const wrongAt = issuePaths(schema, wrong);

      // Assess
      if (typeof path.at(-1) === 'string') expect(missingAt).toEqual([path]);
      expect(wrongAt).toEqual([path]);
    },
  );

  it.each(objectPaths(defaults).map((path) => [path.join('.') || '(top)', path] as const))(
    'refuses an unknown field in %s, at the field',
    (_object, path) => {
      // Prepare
      const node = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], defaults);
      const typo = withValue(defaults, path, { ...(node as object), typo: 1 });

      // Act
      const at = issuePaths(schema, typo);

      // Assess
      expect(at).toEqual([[...path, 'typo']]);
    },
  );
});

type Case = readonly [field: string, path: Path, rejected: readonly unknown[], accepted: readonly unknown[]];

const SPEND_CASES: readonly Case[] = [
  ['a blank version', ['version'], [' ', ''], ['spend@3']],
  ['a negative band line', ['overrunBands', 0, 'above'], [-0.01], [0, 0.2]],
  ['an unknown probability grade', ['overrunBands', 0, 'probability'], ['often', 1.5, -0.1], ['high', 0, 1]],
  ['an unknown impact grade', ['overrunBands', 1, 'impact'], ['huge', 2], ['minor', 0.5]],
  ['a forecast interval outside (0, 1)', ['pacing', 'interval'], [0, 1], [0.5, 0.999]],
  ['a late share outside (0, 1]', ['pacing', 'lateFrom'], [0, 1.01], [1, 0.01]],
  ['an unknown pacing probability', ['pacing', 'probability'], ['sometimes'], ['low']],
  ['an unknown late probability', ['pacing', 'lateProbability'], [2], [0.9]],
  ['a spike line outside (0, 0.5]', ['cpaSpike', 'p'], [0, 0.51], [0.5]],
  ['an overwhelming line outside (0, p]', ['cpaSpike', 'overwhelmingP'], [0, 0.002], [0.001]],
  ['a fractional or zero spike run', ['cpaSpike', 'escalateAfterDays'], [0, 1.5], [1, 10]],
  ['a minimum CPA increase outside [0, 100]', ['cpaSpike', 'minIncrease'], [-0.01, 101], [0, 100]],
  ['a CUSUM shift outside (1, 100]', ['cpaSpike', 'shift'], [1, 100.5], [1.01, 100]],
  ['a dispersion outside [1, 1e6]', ['cpaSpike', 'dispersion'], [0.99, 1e6 + 1], [1, 1e6]],
  ['an unknown escalated grade', ['cpaSpike', 'escalated', 'impact'], ['bad'], ['severe']],
  [
    'expected conversions outside [1, 1e6]',
    ['trackingBroken', 'expectedConversions'],
    [0.5, 1e6 + 1],
    [1, 25],
  ],
  [
    'escalated conversions below the first line',
    ['trackingBroken', 'escalatedExpectedConversions'],
    [7, 1e6 + 1],
    [8, 1e6],
  ],
  ['a stopped share outside (0, 1)', ['deliveryStopped', 'share'], [0, 1], [0.01, 0.99]],
  ['a fractional or zero stopped run', ['deliveryStopped', 'escalateAfterReports'], [0, 2.5], [1]],
  ['a half-life outside [0.5, 365] days', ['learning', 'halfLifeDays'], [0.4, 366], [0.5, 365]],
  ['a fractional or zero learning period', ['learning', 'minDays'], [0, 1.5], [1]],
  ['a pace window outside 2–31 whole days', ['learning', 'paceDays'], [1, 32, 7.5], [2, 31]],
  ['a weekday weight outside (0, 1]', ['learning', 'weekdayAlpha'], [0, 1.1], [1, 0.01]],
  ['a learning line outside (0, 0.5]', ['learning', 'learnP'], [0, 0.6], [0.5]],
  ['a fractional or zero adaptation', ['learning', 'adaptAfterDays'], [0, 2.5], [1]],
  ['a reporting lag outside [0, 0.9]', ['learning', 'reportingLag'], [-0.1, 0.91], [0, 0.9]],
];

const SENTIMENT_CASES: readonly Case[] = [
  ['a blank version', ['version'], ['  '], ['sentiment@3']],
  ['a fractional or zero minimum volume', ['minMentions'], [0, 2.5], [1]],
  ['a band line outside (0, 1]', ['shareBands', 0, 'atLeast'], [0, -0.1], [0.01]],
  ['a top band line over 1', ['shareBands', 1, 'atLeast'], [1.1], [1]],
  ['an unknown band grade', ['shareBands', 0, 'probability'], ['often'], ['medium']],
  ['a credible bound outside (0.5, 1)', ['ceiling', 'confidence'], [0.5, 1], [0.51, 0.99]],
  ['an own-normal line outside (0, 0.5]', ['ceiling', 'ownNormalP'], [0, 0.6], [0.5]],
  ['a spike line outside (0, 0.5]', ['spike', 'p'], [0, 1], [0.5]],
  ['a spike size outside [0, 1]', ['spike', 'minShift'], [-0.01, 1.01], [0, 1]],
  ['a lone-window line outside (0, p]', ['spike', 'aloneP'], [0, 2e-4], [1e-4]],
  ['a support line outside (0, 1]', ['spike', 'supportP'], [0, 1.01], [1]],
  ['a negative-count line outside (0, 0.5]', ['spike', 'volumeP'], [0, 0.6], [0.5]],
  ['a volume dispersion outside [0.1, 1e6]', ['spike', 'volumeDispersion'], [0, 0.05], [0.1, 50]],
  [
    'a pool beyond the windows a baseline keeps',
    ['spike', 'poolWindows'],
    [0, MAX_RECENT_WINDOWS + 2, 2.5],
    [1, MAX_RECENT_WINDOWS + 1],
  ],
  ['an overwhelming line outside (0, p]', ['spike', 'overwhelmingP'], [0, 0.01], [1e-4]],
  ['a fractional or zero spike run', ['spike', 'escalateAfterWindows'], [0, 1.5], [1]],
  ['an unknown spike grade', ['spike', 'grade', 'probability'], ['x'], [0.2]],
  ['a drift time scale outside [1, 720] hours', ['drift', 'timeScaleHours'], [0.5, 721], [1, 720]],
  ['a drift line outside (0, 0.5]', ['drift', 'p'], [0, 0.6], [0.5]],
  ['a drift size outside [0, 1]', ['drift', 'minShift'], [-0.1, 1.1], [0, 1]],
  ['an unknown drift grade', ['drift', 'grade', 'impact'], ['x'], [0.9]],
  ['a half-life outside [1, 8760] hours', ['learning', 'halfLifeHours'], [0.5, 8761], [1, 8760]],
  ['a learning period outside [0, 8760] hours', ['learning', 'minHours'], [-1, 8761], [0, 8760]],
  ['a learning line outside (0, 0.5]', ['learning', 'learnP'], [0, 0.6], [0.5]],
  ['an adaptation outside [1, 8760] hours', ['learning', 'adaptAfterHours'], [0.5, 8761], [1, 8760]],
  ['a seasonal weight outside (0, 1]', ['learning', 'seasonalAlpha'], [0, 1.1], [1]],
  ['a volume-cycle weight outside (0, 1]', ['learning', 'volumeAlpha'], [0, 1.1], [1]],
  ['a volume cap outside [1, 1e6]', ['learning', 'volumeCap'], [0.5, 1e6 + 1], [1, 1e6]],
  ['an initial variation outside (0, 0.5]', ['learning', 'initialRho'], [0, 0.51], [0.5]],
];

describe.each([
  ['SpendThresholdsSchema', SpendThresholdsSchema, DEFAULT_SPEND_THRESHOLDS, SPEND_CASES],
  ['SentimentThresholdsSchema', SentimentThresholdsSchema, DEFAULT_SENTIMENT_THRESHOLDS, SENTIMENT_CASES],
] as const)('Schema: %s, each rule', (_name, schema, defaults, cases) => {
  it.each(cases)('rejects %s at its path, and only there', (_case, path, rejected, accepted) => {
    // Prepare
    const bad = rejected.map((value) => withValue(defaults, path, value));
    const good = accepted.map((value) => withValue(defaults, path, value));

    // Act
    const badAt = bad.map((thresholds) => issuePaths(schema, thresholds));
    const goodAt = good.map((thresholds) => issuePaths(schema, thresholds));

    // Assess
    expect(badAt).toEqual(rejected.map(() => [path]));
    expect(goodAt).toEqual(accepted.map(() => []));
  });
});

describe('Schema: bands', () => {
  it.each([
    ['SpendThresholdsSchema', SpendThresholdsSchema, DEFAULT_SPEND_THRESHOLDS, 'overrunBands'],
    ['SentimentThresholdsSchema', SentimentThresholdsSchema, DEFAULT_SENTIMENT_THRESHOLDS, 'shareBands'],
  ] as const)('%s needs at least one band (the warning line)', (_name, schema, defaults, bands) => {
    // Prepare
    const none = withValue(defaults, [bands], []);

    // Act
    const issues = configIssues(schema, none);

    // Assess
    expect(issues).toEqual([{ path: [bands], message: expect.stringContaining('at least one band') }]);
  });

  it.each([
    ['descending', [0.25, 0.1]],
    ['repeated', [0.1, 0.1]],
  ])('refuses %s bands at the band out of order', (_case, lines) => {
    // Prepare
    const spend = withValue(
      DEFAULT_SPEND_THRESHOLDS,
      ['overrunBands'],
      lines.map((above, k) => ({ ...DEFAULT_SPEND_THRESHOLDS.overrunBands[k], above })),
    );
    const sentiment = withValue(
      DEFAULT_SENTIMENT_THRESHOLDS,
      ['shareBands'],
      lines.map((atLeast, k) => ({ ...DEFAULT_SENTIMENT_THRESHOLDS.shareBands[k], atLeast })),
    );

    // Act
    const spendIssues = configIssues(SpendThresholdsSchema, spend);
    const sentimentIssues = configIssues(SentimentThresholdsSchema, sentiment);

    // Assess
    expect(spendIssues).toEqual([
      { path: ['overrunBands', 1], message: 'must be strictly ascending by "above"' },
    ]);
    expect(sentimentIssues).toEqual([
      { path: ['shareBands', 1], message: 'must be strictly ascending by "atLeast"' },
    ]);
  });

  it('says what a rating may be', () => {
    // Prepare
    const thresholds = withValue(DEFAULT_SPEND_THRESHOLDS, ['pacing', 'probability'], 'often');

    // Act
    const issues = configIssues(SpendThresholdsSchema, thresholds);

    // Assess
    expect(issues).toEqual([
      {
        path: ['pacing', 'probability'],
        message: '"often" is not one of low, medium, high or a score in [0, 1]',
      },
    ]);
  });
});
