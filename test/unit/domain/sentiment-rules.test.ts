import { describe, expect, it } from 'vitest';
import { InvalidRiskConfigError } from '#shared/domain/config-error.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { readSentiment } from '#shared/domain/sentiment-model.ts';
import { sentimentSignals } from '#shared/domain/sentiment-rules.ts';
import { DEFAULT_SENTIMENT_THRESHOLDS } from '#shared/domain/sentiment-thresholds.ts';
import { gradeSignal } from '#shared/domain/signal.ts';
import { validateSentimentThresholds } from '#shared/domain/threshold-schemas.ts';
import type { Sentiment } from '#shared/schemas/events.ts';
import { hourWindow, learnSentiment, steadyHours } from '../../support/signal-streams.ts';

type Window = { sentiment: Sentiment; at: string };

/** Two days of hourly windows of 200 mentions at the subject's normal share. */
const history = (share: number, mentions = 200) => steadyHours(48, mentions, share);

/** The graded findings for each of `windows`, each judged against the baseline of everything before it. */
const judgeEach = (before: readonly Window[], windows: readonly Window[]) =>
  windows.map((window, k) => {
    const baseline = learnSentiment([...before, ...windows.slice(0, k)]);
    const signals = sentimentSignals(
      window.sentiment,
      DEFAULT_SENTIMENT_THRESHOLDS,
      { baseline },
      Date.parse(window.at),
    );
    return new Map(signals.map((signal) => [signal.ruleId, gradeSignal(DEFAULT_MATRIX, signal)]));
  });

const judge = (before: readonly Window[], window: Window) => judgeEach(before, [window])[0] ?? new Map();

describe('Function: spikeSignal (counts as counts, against the subject’s own normal)', () => {
  it('makes a surprising window after an elevated one yellow, with its numbers, and a second in a row red', () => {
    // Prepare: a normal of 10 %, then a window a little above it (30 of 200: unremarkable alone).
    const windows = [hourWindow(49, 200, 30), hourWindow(50, 200, 45), hourWindow(51, 200, 46)];

    // Act
    const [elevated, first, second] = judgeEach(history(0.1), windows);

    // Assess
    expect(elevated?.size).toBe(0);
    expect(first?.get('sentiment.spike')?.level).toBe('yellow');
    expect(first?.get('sentiment.spike')?.metrics).toMatchObject({
      mentions: 200,
      negative: 45,
      spikeWindows: 1,
    });
    expect(first?.get('sentiment.spike')?.metrics?.expectedShare).toBeCloseTo(0.1, 1);
    expect(first?.get('sentiment.spike')?.metrics?.previousPValue).toBeLessThanOrEqual(0.1);
    expect(first?.get('sentiment.spike')?.message).toMatch(
      /45 of 200 mentions .* own normal .* p = .* window before was above its normal too .* not yet a page/,
    );
    expect(second?.get('sentiment.spike')?.level).toBe('red');
  });

  it('does not flag one surprising window after a normal one (the share’s heavy tail) unless it is overwhelming alone', () => {
    // 45 of 200 where 10 % is normal: p ≈ 2e-5, past the spike line but short of the lone-window line (1e-6).
    expect(judge(history(0.1), hourWindow(49, 200, 45)).size).toBe(0);
    // 52 of 200: p ≈ 1e-7, enough on its own on a subject that usually gets 190 mentions an hour.
    const crowded = judge(history(0.1, 190), hourWindow(49, 200, 52)).get('sentiment.spike');
    expect(crowded?.level).toBe('yellow');
    expect(crowded?.metrics?.volumePValue).toBeGreaterThan(DEFAULT_SENTIMENT_THRESHOLDS.spike.volumeP);
  });

  it('does not flag one surprising window of less than the usual volume unless it is beyond doubt', () => {
    // Prepare: a subject that usually gets 250 mentions an hour at 10 %.
    const before = history(0.1, 250);

    // Act: the same 52 of 200 (p ≈ 1e-7: the share's heavy tail, no one drawn in), then 70 of 200.
    const wild = judge(before, hourWindow(49, 200, 52));
    const crisis = judge(before, hourWindow(49, 200, 70)).get('sentiment.spike');

    // Assess: nothing for the first; the second is beyond doubt (p ≤ 1e-9) and red at once.
    expect(wild.size).toBe(0);
    expect(crisis?.metrics?.pValue).toBeLessThanOrEqual(DEFAULT_SENTIMENT_THRESHOLDS.spike.overwhelmingP);
    expect(crisis?.level).toBe('red');
  });

  it('flags one surprising window at once when it also brings far more negative posts than usual for the hour', () => {
    // Prepare: the same window, 45 negative of 200 (p ≈ 2e-5 on the share, short of the lone-window line),
    // on a subject that usually gets 50 mentions an hour (about 5 negative) and on one that gets 200 (20).
    const surge = hourWindow(49, 200, 45);

    // Act
    const quietSubject = judge(history(0.1, 50), surge).get('sentiment.spike');
    const busySubject = judge(history(0.1, 200), surge).get('sentiment.spike');

    // Assess: a surge of complaints is a spike at once (yellow, with the usual volume in its numbers); the
    // same share at the subject's usual volume is the share's heavy tail and waits for a second window.
    expect(quietSubject?.level).toBe('yellow');
    expect(quietSubject?.metrics?.volumePValue).toBeLessThanOrEqual(
      DEFAULT_SENTIMENT_THRESHOLDS.spike.volumeP,
    );
    expect(quietSubject?.metrics?.usualNegative).toBeGreaterThan(3);
    expect(quietSubject?.metrics?.usualNegative).toBeLessThan(8);
    expect(quietSubject?.message).toMatch(/far more negative mentions than it usually gets at this hour/);
    expect(busySubject).toBeUndefined();
  });

  it('catches a small subject’s crisis at night from its last windows added up', () => {
    // Prepare: 12 mentions an hour at 10 %; then three windows of 5 negative of 12, each too small to prove it.
    const crisis = [hourWindow(49, 12, 5), hourWindow(50, 12, 5), hourWindow(51, 12, 5)];

    // Act
    const findings = judgeEach(history(0.1, 12), crisis).map((f) => f.get('sentiment.spike'));

    // Assess: silent on the first two windows, yellow on the third with the pooled counts.
    expect(findings.slice(0, 2)).toEqual([undefined, undefined]);
    expect(findings[2]?.level).toBe('yellow');
    expect(findings[2]?.metrics).toMatchObject({ pooledWindows: 3, pooledMentions: 36 });
    expect(findings[2]?.metrics?.pValue).toBeLessThanOrEqual(DEFAULT_SENTIMENT_THRESHOLDS.spike.p);
    expect(findings[2]?.message).toMatch(
      /last 3 windows \(3 h\), 15 of 36 mentions .* each window alone is too small/,
    );
  });

  it('does not pool one wild window with quiet ones into a burst', () => {
    // Prepare: 12 mentions an hour at 10 %; one window of 9 negative of 12, then two normal ones.
    const windows = [hourWindow(49, 12, 9), hourWindow(50, 12, 2), hourWindow(51, 12, 2)];

    // Act
    const findings = judgeEach(history(0.1, 12), windows).slice(1);

    // Assess
    expect(findings.map((f) => f.get('sentiment.spike'))).toEqual([undefined, undefined]);
  });

  it('pages at once on overwhelming evidence (a crisis within the hour)', () => {
    expect(judge(history(0.1), hourWindow(49, 400, 200)).get('sentiment.spike')?.level).toBe('red');
  });

  it('does not page for one noisy night window of 150 mentions', () => {
    expect(judge(history(0.1), hourWindow(49, 150, 28)).size).toBe(0);
  });

  it('stays silent until the baseline has learnt a day', () => {
    expect(judge(steadyHours(10, 200, 0.1), hourWindow(11, 200, 45)).get('sentiment.spike')).toBeUndefined();
  });
});

describe('Function: negativeShareSignal (the ceiling, a guard for the extreme)', () => {
  // 28 % of 1,000: surely above the 25 % line (the one-sided 95 % bound is ~25.7 %).
  const window = hourWindow(49, 1_000, 280);

  it('judges a complaint-prone subject against its own normal (24 %), not the 25 % line', () => {
    expect(judge(history(0.24), window).size).toBe(0);
  });

  it('flags the same window for a subject whose normal is 5 %', () => {
    const findings = judge(history(0.05), window);
    expect(findings.get('sentiment.negative-share')?.level).toBe('yellow');
    expect(findings.get('sentiment.negative-share')?.metrics?.lowerBoundShare).toBeGreaterThan(0.25);
    expect(findings.get('sentiment.spike')?.level).toBe('red');
  });

  it('pages for the truly extreme whatever the subject’s normal', () => {
    expect(judge(history(0.24), hourWindow(49, 500, 300)).get('sentiment.negative-share')?.level).toBe('red');
  });

  it('grades the top band on one window alone as the band below: red needs persistence or overwhelming evidence', () => {
    // Prepare: a complaint-prone subject at 22 %, then one quiet hour of 15 negatives in 24 mentions
    // (62 %: surely above the 40 % line, yet within a heavy-tailed hour's reach for that subject).
    const window = hourWindow(49, 24, 15);

    // Act
    const finding = judge(history(0.22), window).get('sentiment.negative-share');

    // Assess: the top band is reached, but one window makes yellow, not red.
    expect(finding?.metrics?.lowerBoundShare).toBeGreaterThan(0.4);
    expect(finding?.metrics?.pValue).toBeGreaterThan(DEFAULT_SENTIMENT_THRESHOLDS.spike.overwhelmingP);
    expect(finding?.level).toBe('yellow');
  });

  it('pages red when the window before was unusual for the subject too', () => {
    // Prepare: the same subject, two such hours in a row.
    const windows = [hourWindow(49, 24, 15), hourWindow(50, 24, 15)];

    // Act
    const [first, second] = judgeEach(history(0.22), windows);

    // Assess: the first is yellow, the second — a problem that lasts — red.
    expect(first?.get('sentiment.negative-share')?.level).toBe('yellow');
    expect(second?.get('sentiment.negative-share')?.level).toBe('red');
  });

  it('leaves a complaint-prone subject at its usual 30 % unflagged while its normal is still being learnt', () => {
    // Prepare: its first 10 hours, all at 30 % of 300 mentions (surely above the 25 % line).
    const first = steadyHours(10, 300, 0.3);

    // Act: the tenth window, judged against the nine before (less than the 24 hours a normal needs).
    const findings = judgeEach(first.slice(0, 9), first.slice(9))[0];

    // Assess: only the top band speaks before the subject's own normal is known.
    expect(findings?.size).toBe(0);
  });

  it('does not take 3 angry posts out of 5 for a 60 % share', () => {
    expect(judge([], hourWindow(1, 5, 3)).size).toBe(0);
  });
});

describe('Function: driftSignal', () => {
  it('catches a slow drift no single window shows, as yellow', () => {
    // +7 points for a day: each window is within noise, the day is not.
    const drifting = steadyHours(24, 200, 0.17, 49);
    const levels = judgeEach(history(0.1), drifting).map(
      (findings) => findings.get('sentiment.drift')?.level,
    );
    expect(levels).toContain('yellow');
    expect(levels).not.toContain('red');
    expect(levels.slice(0, 3).every((level) => level === undefined)).toBe(true);
  });
});

describe('Function: driftSignal after a crisis', () => {
  it('does not report a small subject’s crisis again as a drift once it has ended', () => {
    // Prepare: 12 mentions an hour at 10 %; a crisis of 12 hours at 5 of 12 (a burst, each window too
    // small to judge alone), then a day back at normal.
    const crisis = Array.from({ length: 12 }, (_, k) => hourWindow(49 + k, 12, 5));
    const after = steadyHours(24, 12, 0.1, 61);

    // Act
    const findings = judgeEach([...history(0.1, 12), ...crisis], after);

    // Assess: the spike spoke during the crisis; afterwards nothing, drift included.
    expect(judgeEach(history(0.1, 12), crisis).some((f) => f.has('sentiment.spike'))).toBe(true);
    expect(findings.filter((f) => f.has('sentiment.drift'))).toEqual([]);
  });
});

describe('Baseline: robust, seasonal, adopting a lasting shift', () => {
  const normalAfter = (windows: readonly Window[], next: Window) =>
    readSentiment(next.sentiment, Date.parse(next.at), learnSentiment(windows), DEFAULT_SENTIMENT_THRESHOLDS)
      .expectedShare;

  it('does not learn a spiking window', () => {
    const next = hourWindow(50, 200, 20);
    expect(normalAfter([...history(0.1), hourWindow(49, 400, 200)], next)).toBeCloseTo(
      normalAfter(history(0.1), next),
      3,
    );
  });

  it('does not let a viral storm of positive mentions drag the normal down, however long it lasts', () => {
    // Prepare: a 10 % normal, then ten hours of a viral post: 5,000 mentions an hour at 3 % negative.
    const next = hourWindow(60, 200, 20);
    const storm = Array.from({ length: 10 }, (_, k) => hourWindow(49 + k, 5_000, 150));

    // Act
    const findings = judgeEach(history(0.1), storm);

    // Assess: no finding, and the normal the next usual window meets is still the subject's 10 %.
    expect(findings.every((f) => f.size === 0)).toBe(true);
    expect(normalAfter([...history(0.1), ...storm], next)).toBeCloseTo(normalAfter(history(0.1), next), 3);
  });

  it('learns a quiet subject’s real normal, not one its tiny windows inflate', () => {
    // Prepare: 4 mentions an hour for 300 hours, one negative every third hour (8.3 %).
    const quiet = Array.from({ length: 300 }, (_, k) => hourWindow(k + 1, 4, k % 3 === 0 ? 1 : 0));

    // Act
    const baseline = learnSentiment(quiet);

    // Assess: the learnt normal is the subject's 8.3 % (a half-count per window in its log-odds taught 17 %).
    expect((baseline?.negative ?? 0) / (baseline?.mentions ?? 1)).toBeCloseTo(1 / 12, 2);
  });

  it('learns a subject first heard at night from its days too, not taking its first window for certain', () => {
    // Prepare: six-hourly windows at about 6 % negative (81 of 1,331 after the first), quiet nights and
    // busy days; the first window heard is a night with no negative mention at all.
    const counts = [
      [45, 0],
      [140, 9],
      [161, 21],
      [47, 1],
      [90, 5],
      [134, 10],
      [154, 4],
      [28, 4],
      [59, 4],
      [150, 2],
      [88, 5],
      [35, 4],
      [145, 12],
      [150, 9],
      [160, 10],
      [40, 3],
    ] as const;
    const windows = counts.map(([mentions, negative], k) => {
      const end = Date.UTC(2026, 10, 9, 6) + k * 6 * 3_600_000;
      return {
        at: new Date(end).toISOString(),
        sentiment: {
          ...hourWindow(0, mentions, negative).sentiment,
          windowStart: new Date(end - 6 * 3_600_000).toISOString(),
          windowEnd: new Date(end).toISOString(),
        },
      };
    });

    // Act
    const baseline = learnSentiment(windows);

    // Assess: the normal is the subject's 6 %, not the 1 % of its first night (the daytime windows were
    // storms against the night's volume, and every later window too surprising against a certain 1 %).
    expect((baseline?.negative ?? 0) / (baseline?.mentions ?? 1)).toBeGreaterThan(0.045);
    expect((baseline?.negative ?? 0) / (baseline?.mentions ?? 1)).toBeLessThan(0.075);
  });

  it('weighs a tiny window in the charts by the chance of its counts', () => {
    // Prepare: 40 mentions an hour at 10 %, then three hours of a single mention each, each one negative:
    // a 1-in-10 event three times, about 1 in 1,000 together.
    const history40 = learnSentiment(Array.from({ length: 200 }, (_, k) => hourWindow(k + 1, 40, 4)));
    const lone = [hourWindow(201, 1, 1), hourWindow(202, 1, 1), hourWindow(203, 1, 1)];

    // Act
    const last = lone.reduce<{ baseline: typeof history40; p: number }>(
      ({ baseline }, window) => ({
        baseline: learnSentiment([window], DEFAULT_SENTIMENT_THRESHOLDS, baseline),
        p: readSentiment(window.sentiment, Date.parse(window.at), baseline, DEFAULT_SENTIMENT_THRESHOLDS)
          .burst.p,
      }),
      { baseline: history40, p: 1 },
    );

    // Assess: the burst chart is no surer than the counts allow (3.4 standard deviations a window made it 1e-5).
    expect(last.p).toBeGreaterThan(1e-3);
  });

  it('adopts a shift that lasts 72 hours and says so', () => {
    const shifted = steadyHours(80, 200, 0.3, 49);
    const findings = judgeEach(history(0.1), shifted);
    const messages = findings.flatMap((f) => [...f.values()].map((finding) => finding.message));
    expect(messages.some((m) => m.includes("so from now on this level is the subject's new normal"))).toBe(
      true,
    );
    expect(findings.at(-1)?.size).toBe(0);
  });
});

describe('Function: validateSentimentThresholds', () => {
  it.each([
    ['no bands', { shareBands: [] }, 'at least one band'],
    ['a spike line of 1', { spike: { ...DEFAULT_SENTIMENT_THRESHOLDS.spike, p: 1 } }, 'spike.p'],
    ['a zero minimum volume', { minMentions: 0 }, 'minMentions'],
    ['a missing drift chart', { drift: undefined }, 'drift: is missing'],
    [
      'a lone-window line less strict than the spike line',
      { spike: { ...DEFAULT_SENTIMENT_THRESHOLDS.spike, aloneP: 0.01 } },
      'spike.aloneP: must not exceed p',
    ],
  ])('rejects %s', (_case, override, message) => {
    const thresholds = {
      ...DEFAULT_SENTIMENT_THRESHOLDS,
      ...override,
    } as unknown as typeof DEFAULT_SENTIMENT_THRESHOLDS;
    expect(() => validateSentimentThresholds(thresholds)).toThrow(InvalidRiskConfigError);
    expect(() => validateSentimentThresholds(thresholds)).toThrow(message);
  });

  it('accepts the defaults', () => {
    expect(validateSentimentThresholds(DEFAULT_SENTIMENT_THRESHOLDS)).toBe(DEFAULT_SENTIMENT_THRESHOLDS);
  });
});
