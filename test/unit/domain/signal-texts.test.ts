import { describe, expect, it } from 'vitest';
import type { Finding } from '#shared/domain/finding.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { sentimentSignals } from '#shared/domain/sentiment-rules.ts';
import { DEFAULT_SENTIMENT_THRESHOLDS } from '#shared/domain/sentiment-thresholds.ts';
import { gradeSignal } from '#shared/domain/signal.ts';
import { chanceValues } from '#shared/domain/signal-texts.ts';
import { spendSignals } from '#shared/domain/spend-rules.ts';
import { DEFAULT_SPEND_THRESHOLDS } from '#shared/domain/spend-thresholds.ts';
import { findingText, localizeFinding } from '#shared/i18n/findings.ts';
import { formatCalendarDate, formatMoney, formatNumber, formatPercent } from '#shared/i18n/formats.ts';
import type { Locale } from '#shared/i18n/locales.ts';
import { isTextRef, type TextRef } from '#shared/i18n/texts.ts';
import { FindingSchema } from '#shared/schemas/assessment.ts';
import {
  type DailyReport,
  hourWindow,
  learnSentiment,
  learnSpend,
  snapshots,
  steadyDays,
  steadyHours,
} from '../../support/signal-streams.ts';

/** A campaign in Vietnamese đồng: the detectors' streams at 25,000 VND a US dollar. */
const VND_PER_USD = 25_000;

/** The spend findings of the last of these daily reports, in VND, judged as ingest judges them. */
const judgeSpendVnd = (days: readonly DailyReport[]): Map<string, Finding> => {
  const reports = snapshots(days).map(({ spend, at }) => ({
    at,
    spend: {
      ...spend,
      currency: 'VND',
      plannedBudget: spend.plannedBudget * VND_PER_USD,
      actualSpend: spend.actualSpend * VND_PER_USD,
    },
  }));
  const last = reports.at(-1);
  if (last === undefined) throw new Error('no reports');
  const baseline = learnSpend(reports.slice(0, -1));
  const signals = spendSignals(last.spend, DEFAULT_SPEND_THRESHOLDS, { now: new Date(last.at), baseline });
  return new Map(signals.map((signal) => [signal.ruleId, gradeSignal(DEFAULT_MATRIX, signal)]));
};

type Window = ReturnType<typeof hourWindow>;

/** The sentiment findings of each window, judged against the baseline of everything before it. */
const judgeSentiment = (before: readonly Window[], windows: readonly Window[]): Map<string, Finding>[] =>
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

const refOf = (finding: Finding | undefined, part: 'message' | 'suggestion' = 'message'): TextRef => {
  const text = finding?.texts?.[part];
  if (text === undefined || !isTextRef(text)) throw new Error(`no catalogue ${part} on ${finding?.ruleId}`);
  return text;
};

const numberIn = (ref: TextRef, name: string): number => {
  const value = ref.values?.[name];
  if (typeof value !== 'number') throw new Error(`${ref.id} has no number ${name}`);
  return value;
};

/** Words a reader of zh-CN or vi may see in Latin letters: codes, units and platform terms kept as they are. */
const KEPT = new Set(['usd', 'vnd', 'utc', 'cpa', 'api', 'pixel', 'postback']);

/**
 * The English words of a finding's English sentences, less the names it quotes (campaign, channel, brand,
 * product) and the codes every language keeps: none of them may be left in a translation.
 */
const englishWordsOf = (finding: Finding): string[] => {
  const message = refOf(finding);
  const quoted = Object.values(message.values ?? {})
    .filter((value) => typeof value === 'string')
    .join(' ')
    .toLowerCase();
  const english = `${findingText('en', message)} ${findingText('en', refOf(finding, 'suggestion'))}`;
  const words = new Set(english.toLowerCase().match(/[a-z]{3,}/g) ?? []);
  return [...words].filter((word) => !KEPT.has(word) && !new RegExp(`\\b${word}\\b`).test(quoted));
};

/** Asserts a finding reads in `locale` with none of its English words left, and returns that text. */
const rendered = (finding: Finding | undefined, locale: Exclude<Locale, 'en'>): string => {
  if (finding === undefined) throw new Error('no finding');
  const text = `${findingText(locale, refOf(finding))} ${findingText(locale, refOf(finding, 'suggestion'))}`;
  const english = englishWordsOf(finding);
  expect(english.length, `${finding.ruleId}: English words to look for`).toBeGreaterThan(10);
  const left = english.filter((word) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'iu').test(text),
  );
  expect(left, `${finding.ruleId} in ${locale}: ${text}`).toEqual([]);
  return text;
};

/** Asserts a finding stored as JSON and read back reads in Vietnamese, message and suggestion. */
const expectVietnameseAfterStorage = (finding: Finding | undefined): void => {
  if (finding === undefined) throw new Error('no finding');
  const stored = FindingSchema.parse(JSON.parse(JSON.stringify(finding))) as Finding;
  const read = localizeFinding(stored, 'vi');
  expect(read.message).toBe(findingText('vi', refOf(finding)));
  expect(read.message).not.toBe(finding.message);
  expect(read.suggestion).toBe(findingText('vi', refOf(finding, 'suggestion')));
  expect(`${read.message} ${read.suggestion}`).toMatch(/chiến dịch|chuyển đổi|đề cập|chi tiêu|tiêu cực/i);
};

describe('Spend findings in the reader’s language', () => {
  it('states an overrun with VND amounts as each locale writes them (no decimals, vi groups with dots)', () => {
    // Prepare: a plan of 750,000,000 VND for November, 25 days at 1,450 USD-equivalent a day (36,250).
    const findings = judgeSpendVnd(steadyDays(25, 50, 1_450));
    const overrun = findings.get('spend.overrun');
    const spent = overrun?.metrics?.actualSpend ?? Number.NaN;

    // Act
    const vi = rendered(overrun, 'vi');
    const zh = rendered(overrun, 'zh-CN');

    // Assess
    expect(vi).toMatch(/ngân sách kế hoạch 750\.000\.000\sVND/);
    expect(vi).toContain(formatMoney('vi', spent, 'VND'));
    expect(vi).not.toMatch(/\d,\d{3}/);
    expect(zh).toContain(formatMoney('zh-CN', 750_000_000, 'VND'));
    expect(zh).toContain('计划预算');
    expect(vi).toContain(`vượt kế hoạch ${formatPercent('vi', overrun?.metrics?.overrunRatio ?? 0)}`);
    expectVietnameseAfterStorage(overrun);
  });

  it('states a pacing forecast with its money, percentages and end date per locale', () => {
    // Prepare: a plan of 30,000 USD-equivalent for November, spent at 1,250 a day.
    const pacing = judgeSpendVnd(steadyDays(8, 50, 1_250)).get('spend.pacing');
    const metrics = pacing?.metrics ?? {};

    // Act
    const vi = rendered(pacing, 'vi');
    const zh = rendered(pacing, 'zh-CN');

    // Assess
    for (const [locale, text] of [
      ['vi', vi],
      ['zh-CN', zh],
    ] as const) {
      expect(text).toContain(formatMoney(locale, Math.round(metrics.projectedSpend ?? 0), 'VND'));
      expect(text).toContain(formatPercent(locale, metrics.projectedLowOverrunRatio ?? 0));
      expect(text).toContain(formatCalendarDate(locale, '2026-11-30'));
    }
    expect(vi).toContain('ngân sách kế hoạch');
    expect(zh).toContain('2026年11月30日');
    expectVietnameseAfterStorage(pacing);
  });

  it('states a CPA spike with its counts, costs and probability per locale', () => {
    // Prepare: ~100 conversions a day, then a day whose spend buys only 40.
    const spike = judgeSpendVnd([...steadyDays(10, 100), { spend: 1_000, conversions: 40 }]).get(
      'spend.cpa-spike',
    );
    const ref = refOf(spike);

    // Act
    const vi = rendered(spike, 'vi');
    const zh = rendered(spike, 'zh-CN');

    // Assess: the cost per acquisition of 25 USD is 625,000 VND.
    expect(vi).toMatch(/\(CPA\) 625\.000\sVND/);
    expect(vi).toContain(`khoảng 1 trên ${formatNumber('vi', numberIn(ref, 'oneIn'))}`);
    expect(vi).toContain('chi phí mỗi chuyển đổi (CPA)');
    expect(zh).toContain(`约 ${formatNumber('zh-CN', numberIn(ref, 'oneIn'))} 分之一`);
    expect(zh).toContain('单次转化成本');
    expectVietnameseAfterStorage(spike);
  });

  it('states the run of low days and the new normal in every locale', () => {
    // Prepare: a lasting drop to 60 conversions a day, until it is adopted.
    const bad = Array<DailyReport>(8).fill({ spend: 1_000, conversions: 60 });
    const spikes = [3, 7, 8].map((n) =>
      judgeSpendVnd([...steadyDays(10, 100), ...bad.slice(0, n)]).get('spend.cpa-spike'),
    );
    const adopted = spikes.find((s) => refOf(s).values?.adopted === 'yes');
    const running = spikes.find((s) => numberIn(refOf(s), 'lowReports') > 1);

    // Act
    const vi = [rendered(running, 'vi'), rendered(adopted, 'vi')];
    const zh = [rendered(running, 'zh-CN'), rendered(adopted, 'zh-CN')];

    // Assess
    const low = numberIn(refOf(running), 'lowReports');
    expect(vi[0]).toContain(`Đã thấp trong ${low} báo cáo liên tiếp.`);
    expect(zh[0]).toContain(`已连续 ${low} 份报告偏低。`);
    expect(vi[1]).toContain('từ nay mức chi phí này được coi là mức bình thường mới');
    expect(zh[1]).toContain('此后这一成本将被视为该广告活动的新常态');
  });

  it('states broken tracking with its dates and spend per locale', () => {
    // Prepare: 10 conversions a day, then three days of spend without a new one.
    const frozen = Array<DailyReport>(3).fill({ spend: 1_000, conversions: 0 });
    const broken = judgeSpendVnd([...steadyDays(10, 10), ...frozen]).get('spend.tracking-broken');
    const since = refOf(broken).values?.since as { date: string };

    // Act
    const vi = rendered(broken, 'vi');
    const zh = rendered(broken, 'zh-CN');

    // Assess: 3,000 USD-equivalent spent since the last conversion.
    expect(vi).toContain(formatCalendarDate('vi', since.date));
    expect(zh).toContain(formatCalendarDate('zh-CN', since.date));
    expect(vi).toContain(formatMoney('vi', broken?.metrics?.spendSinceLastConversion ?? 0, 'VND'));
    expect(vi).toMatch(/đã chi \d+\.\d{3}\.\d{3}\sVND/);
    expect(zh).toContain('转化追踪');
    expectVietnameseAfterStorage(broken);
  });

  it('states stopped delivery with its weekday per locale', () => {
    // Prepare: 50 conversions a day for ten days, then a day without spend (Wednesday 11 November).
    const stopped = judgeSpendVnd([...steadyDays(10, 50), { spend: 0, conversions: 0 }]).get(
      'spend.delivery-stopped',
    );

    // Act
    const vi = rendered(stopped, 'vi');
    const zh = rendered(stopped, 'zh-CN');

    // Assess
    expect(refOf(stopped).values?.weekday).toBe('wednesday');
    expect(vi).toContain('vào thứ Tư');
    expect(zh).toContain('在周三');
    expect(vi).toContain(
      `thường chi khoảng ${formatMoney('vi', stopped?.metrics?.expectedSpend ?? 0, 'VND')}`,
    );
    expect(zh).toMatch(/投放已?停止/);
    expectVietnameseAfterStorage(stopped);
  });
});

describe('Sentiment findings in the reader’s language', () => {
  const history = (share: number, mentions = 200) => steadyHours(48, mentions, share);

  it('states the ceiling with its counts and shares per locale', () => {
    // Prepare: 280 of 1,000 mentions negative where 5 % is normal.
    const [findings] = judgeSentiment(history(0.05), [hourWindow(49, 1_000, 280)]);
    const share = findings?.get('sentiment.negative-share');

    // Act
    const vi = rendered(share, 'vi');
    const zh = rendered(share, 'zh-CN');

    // Assess
    expect(vi).toContain('28% trong số 1.000 lượt đề cập');
    expect(vi).toContain('tỷ lệ đề cập tiêu cực');
    expect(zh).toContain('1,000 条提及中有 28% 为负面');
    expect(zh).toContain('负面声量占比');
    expect(vi).toContain('lúc 00 giờ UTC');
    expectVietnameseAfterStorage(share);
  });

  it('states a window spike with the window before as support, per locale', () => {
    // Prepare: a 10 % normal, then 30 of 200, then 45 of 200.
    const [, first] = judgeSentiment(history(0.1), [hourWindow(49, 200, 30), hourWindow(50, 200, 45)]);
    const spike = first?.get('sentiment.spike');
    const ref = refOf(spike);

    // Act
    const vi = rendered(spike, 'vi');
    const zh = rendered(spike, 'zh-CN');

    // Assess
    expect(ref.id).toBe('sentiment.spike');
    expect(ref.values?.support).toBe('previous');
    expect(vi).toContain('45 trong số 200 lượt đề cập');
    expect(vi).toContain('22,5%');
    expect(vi).toContain('Khung trước đó cũng cao hơn mức bình thường');
    expect(vi).toContain(`khoảng 1 trên ${formatNumber('vi', numberIn(ref, 'supportOneIn'))}`);
    expect(zh).toContain('200 条提及中有 45 条为负面（22.5%）');
    expect(zh).toContain('前一个窗口同样高于常态');
    expectVietnameseAfterStorage(spike);
  });

  it('states a spike at once on a surge of complaints for the hour, per locale', () => {
    // Prepare: a subject of 50 mentions an hour at 10 %, then 45 of 200.
    const [findings] = judgeSentiment(history(0.1, 50), [hourWindow(49, 200, 45)]);
    const spike = findings?.get('sentiment.spike');

    // Act
    const vi = rendered(spike, 'vi');
    const zh = rendered(spike, 'zh-CN');

    // Assess
    expect(refOf(spike).values?.support).toBe('volume');
    expect(vi).toContain('cao hơn nhiều so với thường lệ vào giờ này');
    expect(zh).toContain('远超该时段的通常水平');
    expect(vi).toContain('chưa cần báo động khẩn');
  });

  it('states a small subject’s crisis from its windows added up, per locale', () => {
    // Prepare: 12 mentions an hour at 10 %; then three windows of 5 of 12.
    const crisis = [hourWindow(49, 12, 5), hourWindow(50, 12, 5), hourWindow(51, 12, 5)];
    const spike = judgeSentiment(history(0.1, 12), crisis)[2]?.get('sentiment.spike');

    // Act
    const vi = rendered(spike, 'vi');
    const zh = rendered(spike, 'zh-CN');

    // Assess
    expect(refOf(spike).id).toBe('sentiment.spike.pooled');
    expect(vi).toContain('Trong 3 khung gần nhất (3 giờ), 15 trong số 36 lượt đề cập');
    expect(zh).toContain('最近 3 个窗口（3 小时）内');
    const pooled = spike?.metrics ?? {};
    expect(vi).toContain(formatPercent('vi', (pooled.pooledNegative ?? 0) / (pooled.pooledMentions ?? 1)));
    expectVietnameseAfterStorage(spike);
  });

  it('states a burst over the last hours against the normal, per locale', () => {
    // Prepare: 40 mentions an hour at 10 %, then twelve hours at a little over 20 %, no window proving it.
    const burst = Array.from({ length: 12 }, (_, k) => hourWindow(49 + k, 40, k % 2 === 0 ? 8 : 9));
    const spike = judgeSentiment(history(0.1, 40), burst)
      .map((f) => f.get('sentiment.spike'))
      .find((f) => f !== undefined && refOf(f).id === 'sentiment.spike.burst');

    // Act
    const vi = rendered(spike, 'vi');
    const zh = rendered(spike, 'zh-CN');

    // Assess
    const points = numberIn(refOf(spike), 'points');
    expect(vi).toContain(`${formatNumber('vi', points, 1).replace(/^(\d+)$/, '$1,0')} điểm phần trăm`);
    expect(zh).toContain('个百分点');
    expectVietnameseAfterStorage(spike);
  });

  it('states a slow drift per locale', () => {
    // Prepare: a 10 % normal, then a day at 17 %.
    const drift = judgeSentiment(history(0.1), steadyHours(24, 200, 0.17, 49))
      .map((f) => f.get('sentiment.drift'))
      .find((f) => f !== undefined);

    // Act
    const vi = rendered(drift, 'vi');
    const zh = rendered(drift, 'zh-CN');

    // Assess
    expect(vi).toContain('tỷ lệ đề cập tiêu cực về Acme / Serum X / weibo');
    expect(zh).toContain('Acme / Serum X / weibo 的负面提及比其自身常态高出');
    expect(vi).toContain(formatPercent('vi', drift?.metrics?.negativeShare ?? 0));
    expectVietnameseAfterStorage(drift);
  });

  it('states that a lasting shift became the subject’s new normal, per locale', () => {
    // Prepare: a shift to 30 % that lasts 80 hours.
    const findings = judgeSentiment(history(0.1), steadyHours(80, 200, 0.3, 49));
    const adopted = findings.flatMap((f) => [...f.values()]).find((f) => refOf(f).values?.adopted === 'yes');

    // Act
    const vi = rendered(adopted, 'vi');
    const zh = rendered(adopted, 'zh-CN');

    // Assess
    expect(vi).toContain('từ nay đây được coi là mức bình thường mới');
    expect(zh).toContain('此后这一水平将被视为该监测对象的新常态');
  });
});

describe('Function: chanceValues', () => {
  it.each([
    [0.0021, { chance: 'plain', p: 0.0021, oneIn: 480 }],
    [2.13e-5, { chance: 'small', p: 2.1e-5, oneIn: 47_000 }],
    [1e-15, { chance: 'impossible', p: 1e-12, oneIn: 0 }],
    [0, { chance: 'impossible', p: 1e-12, oneIn: 0 }],
  ])('gives %d as %o', (p, values) => {
    expect(chanceValues(p)).toEqual(values);
  });

  it('names the values of a second probability with its prefix', () => {
    expect(chanceValues(0.05, 'support')).toEqual({
      supportChance: 'plain',
      supportP: 0.05,
      supportOneIn: 20,
    });
  });
});
