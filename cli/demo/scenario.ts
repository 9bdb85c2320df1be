import type { AdCopyEvent, RiskEvent, SentimentEvent, SpendEvent } from '#shared/schemas/events.ts';

/** One part of the story the demo tells, with the events that tell it. */
export interface ScenarioPart {
  readonly title: string;
  readonly events: readonly RiskEvent[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const BRAND = 'Lumière';

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
/** 09:00 UTC of the day `days` from `now`: spend exports arrive once a day. */
const morningOf = (now: Date, days: number): string =>
  `${isoDate(new Date(now.getTime() + days * DAY_MS))}T09:00:00Z`;

/** Cumulative spend of a 30-day campaign exported every three days, ending 28 % over a 20,000 plan. */
const driftingCampaign = (now: Date, id: (name: string) => string): SpendEvent[] => {
  const plan = 20_000;
  const exports = [
    { day: -15, spend: 6_000, conversions: 150 },
    { day: -12, spend: 10_500, conversions: 240 },
    { day: -9, spend: 15_000, conversions: 310 },
    { day: -6, spend: 19_800, conversions: 360 },
    { day: -3, spend: 22_900, conversions: 390 },
    { day: 0, spend: 25_600, conversions: 405 },
  ];
  return exports.map(({ day, spend, conversions }, index) => ({
    eventId: id(`spend-spring-${index + 1}`),
    type: 'spend',
    occurredAt: morningOf(now, day),
    source: 'tiktok-ads-export',
    spend: {
      campaignId: 'cmp-demo-spring-launch',
      // The export names the brand, so the budget case is the brand's like its copies and its sentiment.
      brand: BRAND,
      channel: 'tiktok',
      currency: 'USD',
      plannedBudget: plan,
      actualSpend: spend,
      conversions,
      periodStart: isoDate(new Date(now.getTime() - 20 * DAY_MS)),
      periodEnd: isoDate(new Date(now.getTime() + 9 * DAY_MS)),
    },
  }));
};

/** A campaign on plan, for contrast: green, no case. */
const steadyCampaign = (now: Date, id: (name: string) => string): SpendEvent => ({
  eventId: id('spend-evergreen-1'),
  type: 'spend',
  occurredAt: morningOf(now, 0),
  source: 'google-ads-export',
  spend: {
    campaignId: 'cmp-demo-evergreen',
    brand: BRAND,
    channel: 'google-search',
    currency: 'USD',
    plannedBudget: 10_000,
    actualSpend: 6_400,
    conversions: 210,
    periodStart: isoDate(new Date(now.getTime() - 20 * DAY_MS)),
    periodEnd: isoDate(new Date(now.getTime() + 9 * DAY_MS)),
  },
});

/**
 * Six-hour windows of social listening: a calm day and more (enough for the subject's baseline to judge: the
 * sentiment thresholds' `learning.minHours`), then a complaint about the serum goes viral.
 */
const complaintSpike = (now: Date, id: (name: string) => string): SentimentEvent[] => {
  const windows = [
    { mentions: 395, negative: 40, positive: 192 },
    { mentions: 360, negative: 31, positive: 181 },
    { mentions: 380, negative: 34, positive: 190 },
    { mentions: 420, negative: 38, positive: 205 },
    { mentions: 400, negative: 41, positive: 188 },
    { mentions: 580, negative: 125, positive: 160 },
    { mentions: 930, negative: 402, positive: 120 },
  ];
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return windows.map((window, index) => {
    const windowEnd = new Date(end - (windows.length - 1 - index) * 6 * HOUR_MS);
    return {
      eventId: id(`sentiment-${index + 1}`),
      type: 'sentiment',
      occurredAt: windowEnd.toISOString(),
      source: 'social-listening',
      sentiment: {
        brand: BRAND,
        product: 'Glow Serum',
        channel: 'weibo',
        windowStart: new Date(windowEnd.getTime() - 6 * HOUR_MS).toISOString(),
        windowEnd: windowEnd.toISOString(),
        mentions: window.mentions,
        negative: window.negative,
        positive: window.positive,
        neutral: window.mentions - window.negative - window.positive,
      },
    };
  });
};

const COPIES = [
  { copyId: 'demo-zh-1', lang: 'zh', market: 'CN', text: '全网最佳美白精华，三天见效！' },
  { copyId: 'demo-zh-2', lang: 'zh', market: 'CN', text: '销量第一的保湿面霜，敏感肌也能用。' },
  { copyId: 'demo-zh-3', lang: 'zh', market: 'CN', text: '温和配方，适合敏感肌日常使用。' },
  { copyId: 'demo-vi-1', lang: 'vi', market: 'VN', text: 'Kem dưỡng trắng da tốt nhất cho làn da của bạn.' },
  { copyId: 'demo-vi-2', lang: 'vi', market: 'VN', text: 'Sữa rửa mặt dịu nhẹ, phù hợp cho da nhạy cảm.' },
  { copyId: 'demo-en-1', lang: 'en', market: 'US', text: 'Clinically proven serum that cures acne.' },
  { copyId: 'demo-en-2', lang: 'en', market: 'US', text: 'Clinically proven hydration for dry winter skin.' },
  { copyId: 'demo-en-3', lang: 'en', market: 'US', text: 'A gentle cleanser for everyday use.' },
] as const;

const copyBatch = (now: Date, id: (name: string) => string): AdCopyEvent[] =>
  COPIES.map((copy) => ({
    eventId: id(`copy-${copy.copyId}`),
    type: 'ad-copy',
    occurredAt: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
    source: 'cms',
    copy: { ...copy, category: 'cosmetics', brand: BRAND, campaignId: 'cmp-demo-spring-launch' },
  }));

/**
 * The demo's story, dated around `now`: a campaign drifting over budget, a sentiment spike after a
 * product complaint, and ad copy in Chinese, Vietnamese and English, some of it breaking advertising law.
 * Event ids carry `runId`, so each run adds new occurrences to the same cases.
 */
export const demoScenario = (now: Date, runId: string): ScenarioPart[] => {
  const id = (name: string): string => `demo-${runId}-${name}`;
  return [
    {
      title: 'A spring launch on TikTok drifting over its USD 20,000 budget (one on plan for contrast)',
      events: [...driftingCampaign(now, id), steadyCampaign(now, id)],
    },
    {
      title: `Social listening on ${BRAND} Glow Serum after a product complaint goes viral`,
      events: complaintSpike(now, id),
    },
    { title: 'Ad copy from the CMS in Chinese, Vietnamese and English', events: copyBatch(now, id) },
  ];
};
