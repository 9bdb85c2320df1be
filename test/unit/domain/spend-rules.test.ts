import { describe, expect, it } from 'vitest';
import { InvalidRiskConfigError } from '#shared/domain/config-error.ts';
import { elapsedShare } from '#shared/domain/period.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { gradeSignal } from '#shared/domain/signal.ts';
import { readSpend } from '#shared/domain/spend-model.ts';
import { overrunSignal, spendSignals } from '#shared/domain/spend-rules.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { validateSpendThresholds } from '#shared/domain/threshold-schemas.ts';
import type { Spend } from '#shared/schemas/events.ts';
import { type DailyReport, learnSpend, snapshots, steadyDays } from '../../support/signal-streams.ts';

const spend = (overrides: Partial<Spend> = {}): Spend => ({
  campaignId: 'cmp-1',
  channel: 'facebook',
  currency: 'USD',
  plannedBudget: 10_000,
  actualSpend: 5_000,
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  ...overrides,
});
const periodOver = new Date('2026-12-05T00:00:00Z');

/**
 * Judges the last of these daily reports against the baseline the ones before it built, as ingest does.
 * Returns the graded findings by rule id.
 */
const judgeLast = (days: readonly DailyReport[], options: { plannedBudget?: number } = {}) => {
  const reports = snapshots(days, options);
  const last = reports.at(-1);
  if (last === undefined) throw new Error('no reports');
  const baseline = learnSpend(reports.slice(0, -1));
  const signals = spendSignals(last.spend, DEFAULT_SPEND_THRESHOLDS, { now: new Date(last.at), baseline });
  return new Map(signals.map((signal) => [signal.ruleId, gradeSignal(DEFAULT_MATRIX, signal)]));
};

describe('Function: elapsedShare', () => {
  it.each([
    ['2026-10-20T00:00:00Z', 0],
    ['2026-11-01T00:00:00Z', 0],
    ['2026-11-16T00:00:00Z', 0.5],
    ['2026-12-01T00:00:00Z', 1],
    ['2027-01-01T00:00:00Z', 1],
  ])('at %s is %d of 1–30 November (end date inclusive)', (now, share) => {
    expect(elapsedShare('2026-11-01', '2026-11-30', new Date(now))).toBeCloseTo(share, 10);
  });
});

describe('Function: overrunSignal', () => {
  it.each([
    [5_000, undefined],
    [10_500, undefined],
    // Exactly on the 10 % warning line is still within it: the line reads "more than 10 % over plan".
    [11_000, undefined],
    [11_001, 'yellow'],
    [12_500, 'yellow'],
    [12_501, 'red'],
    // The README's quick start: 30 % over plan is a red case.
    [13_000, 'red'],
  ])('grades %d spent against a plan of 10,000 as %s', (actualSpend, level) => {
    const signal = overrunSignal(spend({ actualSpend }), DEFAULT_SPEND_THRESHOLDS, periodOver);
    expect(signal && gradeSignal(DEFAULT_MATRIX, signal).level).toBe(level);
  });

  it('states the numbers in metrics and in the message', () => {
    const signal = overrunSignal(spend({ actualSpend: 13_000 }), DEFAULT_SPEND_THRESHOLDS, periodOver);
    expect(signal?.metrics).toMatchObject({ plannedBudget: 10_000, actualSpend: 13_000, elapsedShare: 1 });
    expect(signal?.message).toContain('30% over plan');
    expect(signal?.message).toContain('warning line 10%');
  });
});

describe('Function: pacingSignal (forecast with an interval)', () => {
  it('warns early, with days to act, when the whole interval is over the warning line', () => {
    // Prepare: plan 30,000 for November, i.e. 1,000 a day; the campaign spends 1,250 a day.
    const findings = judgeLast(steadyDays(8, 50, 1_250));

    // Assess: on 8 November the forecast's low end is already past 33,000.
    const pacing = findings.get('spend.pacing');
    expect(pacing?.level).toBe('yellow');
    expect(pacing?.metrics?.projectedLow).toBeGreaterThan(33_000);
    expect(pacing?.metrics?.projectedSpend).toBeCloseTo(37_500, -3);
    expect(pacing?.message).toMatch(/90% interval .* even the low end is .* over plan/);
  });

  it.each([
    ['on plan', 1_000],
    ['8 % over: the interval still reaches under the line', 1_080],
  ])('stays silent for a campaign %s', (_case, daily) => {
    expect(judgeLast(steadyDays(8, 50, daily)).get('spend.pacing')).toBeUndefined();
  });

  it('does not warn on the old pace the day finance cuts the plan: the pace restarts under the new one', () => {
    // Prepare: 10 days at 1,000 a day under a 30,000 plan, then the plan is cut to 15,000 and the team
    // lowers the caps: 400 a day from then on.
    const before = snapshots(steadyDays(10, 50, 1_000));
    const after = snapshots([...steadyDays(10, 50, 1_000), ...steadyDays(6, 20, 400)], {
      plannedBudget: 15_000,
    }).slice(10);
    const judge = (k: number) => {
      const reports = [...before, ...after.slice(0, k + 1)];
      const last = reports.at(-1);
      if (last === undefined) throw new Error('no reports');
      const baseline = learnSpend(reports.slice(0, -1));
      return spendSignals(last.spend, DEFAULT_SPEND_THRESHOLDS, { now: new Date(last.at), baseline });
    };

    // Act: the old pace (1,000 a day over 20 days left) would end near 30,000, twice the new plan.
    const pacing = [0, 1, 2, 3, 4, 5].map((k) => judge(k).find((s) => s.ruleId === 'spend.pacing'));

    // Assess: no warning from the old pace; the new pace (ending near 17,000, +13 %) is judged once it
    // rests on enough days under the new plan.
    expect(pacing.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('takes a pace that rose steadily for a trend, not for noise: the interval stays narrow', () => {
    // Prepare: after a week at 1,000 a day the campaign's delivery grows by 60 a day for a week.
    const week = steadyDays(7, 50, 1_000);
    const growing = Array.from({ length: 7 }, (_, k) => ({ spend: 1_060 + 60 * k, conversions: 50 }));

    // Act
    const pacing = judgeLast([...week, ...growing]).get('spend.pacing');

    // Assess: day to day it moves by 60 (about 5 %), so the low end is within 3 % of the forecast (taking
    // the week's spread around its mean for noise put it about 4 % below).
    const projected = Number(pacing?.metrics?.projectedSpend);
    expect(pacing?.level).toBe('yellow');
    expect((projected - Number(pacing?.metrics?.projectedLow)) / projected).toBeLessThan(0.03);
  });

  it('keeps warning through a one-day delivery dip: the dip does not widen the forecast for a week', () => {
    // Prepare: plan 30,000 (1,000 a day); the campaign delivers 1,200–1,300 a day (about 25 % over),
    // except on 11 November, when a creative in review delivers 450.
    const daily = (k: number) => (k === 10 ? 450 : k % 2 === 0 ? 1_200 : 1_300);
    const days = Array.from({ length: 14 }, (_, k) => ({ spend: daily(k), conversions: 50 }));

    // Act: judged on 14 November, with the dip inside the pace's last week.
    const pacing = judgeLast(days).get('spend.pacing');

    // Assess: still warned, the interval as narrow as the campaign's ±4 % days make it (the dip's two big
    // changes, counted as noise, put the low end under 33,000 for a week).
    expect(pacing?.level).toBe('yellow');
    expect(pacing?.metrics?.projectedLow).toBeGreaterThan(33_000);
  });

  it("does not take a campaign's first weekend for a dip: before a week of days a low day is noise", () => {
    // Prepare: plan 30,000; five days at about 1,250 a day, the first a weekend day at 600 (its weekday
    // factor not learnt yet).
    const days = [600, 1_250, 1_150, 1_300, 1_200].map((s) => ({ spend: s, conversions: 50 }));

    // Act
    const reading = readSpend(
      snapshots(days).at(-1)?.spend ?? spend(),
      Date.parse(snapshots(days).at(-1)?.at ?? ''),
      learnSpend(snapshots(days).slice(0, -1)),
      DEFAULT_SPEND_THRESHOLDS,
    );

    // Assess: the low first day still counts in the pace's variation (about ±19 % a day; taken for a dip
    // and left out, the other days' ±7 % would make the first forecasts far too sure).
    expect(Math.sqrt(reading.level.variance)).toBeGreaterThan(0.15);
  });

  it('does not forecast from a launch ramp before the pace has settled', () => {
    const ramp = [100, 300, 600, 1_200].map((s) => ({ spend: s, conversions: 5 }));
    expect(judgeLast(ramp).get('spend.pacing')).toBeUndefined();
  });
});

describe('Function: cpaSpikeSignal (counts as counts)', () => {
  it('flags a day whose conversions are far fewer than the spend should buy, with the numbers', () => {
    // Prepare: 10 days at ~100 conversions for 1,000 USD; then 1,000 USD buys only 40.
    const findings = judgeLast([...steadyDays(10, 100), { spend: 1_000, conversions: 40 }]);

    // Assess
    const spike = findings.get('spend.cpa-spike');
    expect(spike?.level).toBe('yellow');
    expect(spike?.riskType).toBe('channel');
    expect(spike?.metrics?.conversions).toBe(40);
    expect(spike?.metrics?.expectedConversions).toBeGreaterThan(90);
    expect(spike?.metrics?.pValue).toBeLessThan(1e-3);
    expect(spike?.message).toMatch(
      /got 40 conversions since the last report .* expects about [\d.,]+ \(cost per acquisition USD\s25\.00 .* p = /,
    );
  });

  it('does not page on the same ratio at low volume: 3 conversions where 5 were due is noise', () => {
    const findings = judgeLast([...steadyDays(10, 5), { spend: 1_000, conversions: 3 }]);
    expect(findings.get('spend.cpa-spike')).toBeUndefined();
  });

  it("judges a day against the campaign's own day-to-day variation, learnt", () => {
    // Prepare: two campaigns at 100 conversions a day on average, one steady, one swinging 70–130.
    const steady = steadyDays(14, 100);
    const swinging = steady.map((day, k) => ({ ...day, conversions: k % 2 === 0 ? 70 : 130 }));
    const low = { spend: 1_000, conversions: 45 };

    // Act
    const steadyFinding = judgeLast([...steady, low]).get('spend.cpa-spike');
    const swingingFinding = judgeLast([...swinging, low]).get('spend.cpa-spike');

    // Assess: 45 where 100 were due is a spike for the steady campaign, an ordinary day for the other.
    expect(steadyFinding?.level).toBe('yellow');
    expect(swingingFinding).toBeUndefined();
  });

  it('catches a low-volume spike once the run of low days adds up', () => {
    // 10 a day, then 4 a day for six days: no single day is conclusive, the run is. (The first low days
    // are ordinary enough to widen the variation the campaign is judged against, so the run needs six.)
    const low = Array.from({ length: 6 }, () => ({ spend: 1_000, conversions: 4 }));
    const levels = low.map(
      (_, k) => judgeLast([...steadyDays(10, 10), ...low.slice(0, k + 1)]).get('spend.cpa-spike')?.level,
    );
    expect(levels[0]).toBeUndefined();
    expect(levels.at(-1)).toBeDefined();
  });

  it("judges a day against its weekday factor's uncertainty: a first Sunday is less certain than a known one", () => {
    // Prepare: the same low Sunday (55 conversions where ~100 are usual; 1 November 2026 is a Sunday),
    // once as the campaign's first Sunday (reports from Monday 2 November) and once after three Sundays
    // that converted like the other days.
    const low = { spend: 1_000, conversions: 55 };
    const pOf = (days: number) => {
      const reports = snapshots([...steadyDays(days, 100), low], { firstDay: 2 });
      const last = reports.at(-1);
      if (last === undefined) throw new Error('no reports');
      const reading = readSpend(
        last.spend,
        Date.parse(last.at),
        learnSpend(reports.slice(0, -1)),
        DEFAULT_SPEND_THRESHOLDS,
      );
      return {
        weekday: reading.slice?.weekday,
        expected: reading.conversion?.expected ?? 0,
        p: reading.conversion?.pDay ?? 0,
      };
    };

    // Act
    const first = pOf(13);
    const known = pOf(27);

    // Assess: both judge a Sunday expecting about 100; the unlearnt factor's uncertainty makes the same
    // shortfall less surprising on the first Sunday (though it expects a little more there).
    expect([first.weekday, known.weekday]).toEqual([0, 0]);
    expect(first.expected).toBeGreaterThanOrEqual(known.expected);
    expect(first.p).toBeGreaterThan(1.3 * known.p);
  });

  it('escalates to red when the spike persists for three days', () => {
    const bad = { spend: 1_000, conversions: 50 };
    const levels = [1, 2, 3].map(
      (n) =>
        judgeLast([...steadyDays(10, 100), ...Array<DailyReport>(n).fill(bad)]).get('spend.cpa-spike')?.level,
    );
    expect(levels).toEqual(['yellow', 'yellow', 'red']);
  });

  it('says when a lasting shift becomes the new normal, and then stops flagging it', () => {
    const bad = Array<DailyReport>(9).fill({ spend: 1_000, conversions: 60 });
    const messages = [7, 8, 9].map(
      (n) => judgeLast([...steadyDays(10, 100), ...bad.slice(0, n)]).get('spend.cpa-spike')?.message,
    );
    expect(messages.some((m) => m?.includes("from now on this cost is the campaign's new normal"))).toBe(
      true,
    );
    expect(messages.at(-1)).toBeUndefined();
  });
});

describe('Function: trackingBrokenSignal', () => {
  it('flags conversions standing still while the campaign spends, red once overwhelming', () => {
    const frozen = (n: number) => Array<DailyReport>(n).fill({ spend: 1_000, conversions: 0 });
    const first = judgeLast([...steadyDays(10, 10), ...frozen(1)]).get('spend.tracking-broken');
    const third = judgeLast([...steadyDays(10, 10), ...frozen(3)]).get('spend.tracking-broken');

    expect(first?.level).toBe('yellow');
    expect(first?.metrics).toMatchObject({ newConversions: 0, spendSinceLastConversion: 1_000 });
    expect(third?.level).toBe('red');
    expect(third?.metrics?.expectedConversions).toBeGreaterThan(25);
    expect(third?.message).toContain('without a single new one');
  });

  it('stays silent for a low-volume product whose quiet day is normal', () => {
    expect(
      judgeLast([...steadyDays(10, 2), { spend: 1_000, conversions: 0 }]).get('spend.tracking-broken'),
    ).toBeUndefined();
  });

  it('catches a low-volume product whose tracking broke: the frozen days do not teach the rate zero', () => {
    // Prepare: 2 conversions a day, then a week of spend with none (each day alone a normal quiet day).
    const frozen = Array<DailyReport>(7).fill({ spend: 1_000, conversions: 0 });

    // Act
    const finding = judgeLast([...steadyDays(10, 2), ...frozen]).get('spend.tracking-broken');

    // Assess: the week was due about 14 conversions at the campaign's rate, not a rate learnt from the zeros.
    expect(finding?.level).toBe('yellow');
    expect(finding?.metrics?.expectedConversions).toBeGreaterThan(12);
  });

  it('does not report a stretch it flagged again as a CPA spike once conversions move', () => {
    // Prepare: 2 conversions a day, ten days with none (tracking broken, flagged), then one a day.
    const frozen = Array<DailyReport>(10).fill({ spend: 1_000, conversions: 0 });
    const resumed = Array<DailyReport>(3).fill({ spend: 1_000, conversions: 1 });

    // Act
    const levels = [1, 2, 3].map(
      (n) =>
        judgeLast([...steadyDays(10, 2), ...frozen, ...resumed.slice(0, n)]).get('spend.cpa-spike')?.level,
    );

    // Assess: the stretch was the tracking-broken finding's; the days after it are judged on their own.
    expect(judgeLast([...steadyDays(10, 2), ...frozen]).get('spend.tracking-broken')).toBeDefined();
    expect(levels).toEqual([undefined, undefined, undefined]);
  });

  it('learns a quiet spell the detector did not flag once conversions move again, so the rate stays true', () => {
    // Prepare: a small campaign whose conversions come every other day (4, 0, 4, 0, …: 2 a day on average).
    const alternating = Array.from({ length: 20 }, (_, k) => ({
      spend: 1_000,
      conversions: k % 2 === 0 ? 4 : 0,
    }));

    // Act
    const baseline = learnSpend(snapshots(alternating));

    // Assess: about 2 conversions per 1,000 spent, not the 4 of the days with conversions alone.
    const perThousand = ((baseline?.rateConversions ?? 0) / (baseline?.rateSpend ?? 1)) * 1_000;
    expect(perThousand).toBeGreaterThan(1.6);
    expect(perThousand).toBeLessThan(2.5);
  });
});

describe('Function: deliveryStoppedSignal', () => {
  const stopped = (n: number) => Array<DailyReport>(n).fill({ spend: 0, conversions: 0 });

  it('flags a campaign that stops spending mid-flight, red on the second day', () => {
    const first = judgeLast([...steadyDays(10, 50), ...stopped(1)]).get('spend.delivery-stopped');
    const second = judgeLast([...steadyDays(10, 50), ...stopped(2)]).get('spend.delivery-stopped');
    expect(first?.level).toBe('yellow');
    expect(first?.metrics?.expectedSpend).toBeGreaterThan(800);
    expect(second?.level).toBe('red');
  });

  it('stays silent for a weekend dip and for a campaign that has spent its plan', () => {
    expect(
      judgeLast([...steadyDays(10, 50), { spend: 450, conversions: 20 }]).get('spend.delivery-stopped'),
    ).toBeUndefined();
    expect(
      judgeLast([...steadyDays(10, 50), ...stopped(1)], { plannedBudget: 10_000 }).get(
        'spend.delivery-stopped',
      ),
    ).toBeUndefined();
  });
});

describe('Function: spendSignals', () => {
  it('reports nothing for a steady campaign on plan', () => {
    expect(judgeLast(steadyDays(20, 80)).size).toBe(0);
  });
});

describe('Function: validateSpendThresholds', () => {
  it.each([
    ['no bands', { overrunBands: [] }, 'at least one band'],
    [
      'descending bands',
      { overrunBands: [DEFAULT_SPEND_THRESHOLDS.overrunBands[1], DEFAULT_SPEND_THRESHOLDS.overrunBands[0]] },
      'strictly ascending',
    ],
    [
      'an unknown grade',
      { overrunBands: [{ above: 0.1, probability: 'often', impact: 'moderate' }] },
      'overrunBands[0].probability',
    ],
    ['an interval of 1', { pacing: { ...DEFAULT_SPEND_THRESHOLDS.pacing, interval: 1 } }, 'pacing.interval'],
    ['a p-value line of 0', { cpaSpike: { ...DEFAULT_SPEND_THRESHOLDS.cpaSpike, p: 0 } }, 'cpaSpike.p'],
    ['a missing detector', { trackingBroken: undefined }, 'trackingBroken: is missing'],
    ['a misspelt field', { pacingg: {} }, 'pacingg: unknown field; check its spelling'],
  ])('rejects %s', (_case, override, message) => {
    const thresholds = {
      ...DEFAULT_SPEND_THRESHOLDS,
      ...override,
    } as unknown as typeof DEFAULT_SPEND_THRESHOLDS;
    expect(() => validateSpendThresholds(thresholds)).toThrow(InvalidRiskConfigError);
    expect(() => validateSpendThresholds(thresholds)).toThrow(message);
  });

  it('lists every issue, each with its path and what it must be', () => {
    // Prepare
    const thresholds = {
      ...DEFAULT_SPEND_THRESHOLDS,
      pacing: { ...DEFAULT_SPEND_THRESHOLDS.pacing, interval: 1 },
      learning: { ...DEFAULT_SPEND_THRESHOLDS.learning, paceDays: 40 },
    };

    // Act
    const thrown = (() => {
      try {
        return validateSpendThresholds(thresholds);
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(thrown).toBeInstanceOf(InvalidRiskConfigError);
    expect((thrown as InvalidRiskConfigError).issues).toEqual([
      'pacing.interval: must be in (0, 1)',
      'learning.paceDays: must be a whole number in [2, 31]',
    ]);
  });

  it('accepts the defaults', () => {
    expect(validateSpendThresholds(DEFAULT_SPEND_THRESHOLDS)).toBe(DEFAULT_SPEND_THRESHOLDS);
  });
});
