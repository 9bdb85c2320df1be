// Parts the spend and sentiment sentences share, with their placeholders.
/** A tail probability: `chance` is impossible (< 1e-12), small (< 0.001, written 2.1E-5) or plain (0.0021). */
const CHANCE =
  '{chance, select, impossible {p < 1E-12 (practically impossible by chance)} small {p = {p, number, ::scientific .#} (about 1 in {oneIn, number})} other {p = {p, number, ::@@} (about 1 in {oneIn, number})}}';
/** A sentiment spike's second probability: the window before, or the negative volume for the hour. */
const SUPPORT_CHANCE =
  '{supportChance, select, impossible {p < 1E-12} small {p = {supportP, number, ::scientific .#} (about 1 in {supportOneIn, number})} other {p = {supportP, number, ::@@} (about 1 in {supportOneIn, number})}}';
/** The hour of day a sentiment normal is for, or none (a long window). */
const SEASON =
  '{season, select, hour {at {hour, number, ::integer-width/*00} h UTC} other {for a window this long}}';
/** What a sentiment baseline rests on. */
const SENTIMENT_BASELINE =
  'its baseline rests on {baselineHours, plural, one {# hour} other {# hours}} and {baselineMentions, plural, one {# weighted mention} other {# weighted mentions}}';
/** Whether a lasting sentiment shift is now the subject's normal. */
const SENTIMENT_ADOPTED =
  "{adopted, select, yes {It has lasted {adaptHours, number} h, so from now on this level is the subject's new normal.} other {The baseline is held where it was; if this lasts {adaptHours, number} h it becomes the new normal.}}";

/**
 * The sentences of spend, sentiment and exception findings, in English: the source catalogue. Each is an
 * ICU MessageFormat string; `zh-CN.ts` and `vi.ts` must have exactly these ids with the same placeholders
 * (test/unit/i18n/catalogues.test.ts). Money and dates arrive already formatted for the locale.
 */
export const FINDINGS_EN = {
  'claim.violation': '{quoted}: {message}',
  'claim.advisory': '{quoted}: lawful only with the cited source — verify the source. {message}',
  'claim.missing': '{message}',
  'exception.allowed': 'Allowed by exception {id} until {expiresOn} ({evidence}): {message}',
  'spend.overrun':
    'Campaign {campaign} on {channel} has spent {spent} against a plan of {planned}: {overrun, number, ::percent .#} over plan (warning line {warningLine, number, ::percent .#}).',
  'spend.overrun.suggestion':
    'Review the campaign with finance: pause or cap the channel, or approve a budget change.',
  'spend.pacing':
    'At its usual {dailySpend} a day, campaign {campaign} on {channel} will spend about {projected} by {periodEnd} ({interval, number, ::percent .#} interval {low} – {high}), against a plan of {planned}: even the low end is {lowOverrun, number, ::percent .#} over plan, past the {warningLine, number, ::percent .#} warning line. {elapsedShare, number, ::percent .#} of the period has elapsed and {spent} is spent; the pace rests on the last {reports, plural, one {report} other {# reports}} ({planDays, plural, one {# day} other {# days}} under this plan).',
  'spend.pacing.suggestion':
    'Lower daily caps or bids now, or ask finance to approve the higher spend before the period ends.',
  'spend.cpa-spike': `Campaign {campaign} on {channel} got {conversions, plural, one {# conversion} other {# conversions}} {span, select, run {over the last {days, number, ::.0} days} other {since the last report}} for {spend} of spend, where its own baseline expects about {expected, number} (cost per acquisition {cpa} against the usual {usualCpa}). So few by chance: ${CHANCE}; the baseline rests on {baselineDays, plural, one {# day} other {# days}} of reports. {lowReports, plural, =0 {} =1 {} other {Low for # reports in a row. }}{adopted, select, yes {It has lasted {adaptDays, plural, one {# day} other {# days}} or more, so from now on this cost is the campaign's new normal.} other {Unless it recovers, it becomes the campaign's new normal after {adaptDays, plural, one {# day} other {# days}}.}}`,
  'spend.cpa-spike.suggestion':
    'Check the channel partner’s traffic quality, the landing page and the tracking before spending more.',
  'spend.tracking-broken': `Campaign {campaign} on {channel} has reported {conversions, plural, one {# conversion} other {# conversions}} since {since} ({days, number, ::.0} days) without a single new one, while it spent {spent}; its own conversion rate expects about {expected, number} for that spend. None by chance: ${CHANCE}. Conversion tracking (pixel, postback, conversions API) has probably stopped.`,
  'spend.tracking-broken.suggestion':
    'Check the conversion tracking now; until it is fixed, bidding runs blind and the CPA cannot be judged.',
  'spend.delivery-stopped':
    'Campaign {campaign} on {channel} spent {spent} in the {days, number, ::.0} days since the last report, where it usually spends about {expected}{weekday, select, sunday { on a Sunday} monday { on a Monday} tuesday { on a Tuesday} wednesday { on a Wednesday} thursday { on a Thursday} friday { on a Friday} saturday { on a Saturday} other {}}; {reports, plural, one {# report} other {# reports}} in a row with delivery stopped, {leftShare, number, ::percent .#} of the period and {leftBudget} of the plan left; the usual spend rests on {baselineDays, plural, one {# day} other {# days}} of reports.',
  'spend.delivery-stopped.suggestion':
    'Check the campaign’s status on the platform: paused, ads rejected, billing failed, or an audience that no longer delivers.',
  'sentiment.negative-share': `{share, number, ::percent .#} of {mentions, plural, one {# mention} other {# mentions}} of {subject} are negative ({negative, number}); with {confidence, number, ::percent .#} confidence the share is at least {lowerBound, number, ::percent .#}, at or above the {line, number, ::percent .#} line {settled, select, yes {(its own normal ${SEASON}: {expectedShare, number, ::percent .#}; so many by chance: ${CHANCE}; ${SENTIMENT_BASELINE}).} other {(its own normal is still being learnt: {baselineHours, plural, one {# hour} other {# hours}} so far).}}`,
  'sentiment.negative-share.suggestion':
    'Read the negative mentions, find the common cause and prepare a public response within 24 hours.',
  'sentiment.spike': `{negative, number} of {mentions, plural, one {# mention} other {# mentions}} of {subject} are negative ({share, number, ::percent .#}), where its own normal ${SEASON} is {expectedShare, number, ::percent .#} (about {expectedNegative, number} expected). So many by chance: ${CHANCE}; ${SENTIMENT_BASELINE}.{why, select, overwhelming { Overwhelming on its own.} persistent { {spikeWindows, number} windows in a row.} other {{support, select, previous { The window before was above its normal too (by chance: ${SUPPORT_CHANCE}).} volume { That is far more negative mentions than it usually gets at this hour (about {usualNegative, number} from its usual volume; by chance: ${SUPPORT_CHANCE}).} other {}} One spiking window so far: attention, not yet a page.}} ${SENTIMENT_ADOPTED}`,
  'sentiment.spike.pooled': `Over the last {windows, number} windows ({hours, number} h), {negative, number} of {mentions, plural, one {# mention} other {# mentions}} of {subject} were negative ({share, number, ::percent .#}), where its own normal is {expectedShare, number, ::percent .#} (about {expectedNegative, number} expected); each window alone is too small to prove it. So many by chance: ${CHANCE}; ${SENTIMENT_BASELINE}.{persistent, select, yes { {spikeWindows, number} windows in a row.} other { Attention, not yet a page.}} ${SENTIMENT_ADOPTED}`,
  'sentiment.spike.burst': `Over about the last {hours, number} h, negative mentions of {subject} have run {points, number, ::.0} points above the subject's own normal (this window: {negative, number} of {mentions, number}, {share, number, ::percent .#} against {expectedShare, number, ::percent .#}). So much by chance: ${CHANCE}; ${SENTIMENT_BASELINE}.{persistent, select, yes { {spikeWindows, number} windows in a row.} other { Attention, not yet a page.}} ${SENTIMENT_ADOPTED}`,
  'sentiment.spike.suggestion':
    'Find what changed (a product batch, a post, a price change) and brief the response team.',
  'sentiment.drift': `Over about the last {hours, number} h, negative mentions of {subject} have run {points, number, ::.0} points above the subject's own normal (about {excess, number} extra negative of {mentions, plural, one {# mention} other {# mentions}} per window on average); a drift that size by chance: ${CHANCE}. This window: {share, number, ::percent .#} against {expectedShare, number, ::percent .#}; ${SENTIMENT_BASELINE}. ${SENTIMENT_ADOPTED}`,
  'sentiment.drift.suggestion':
    'Look for a slow-burning cause (a product issue spreading, a competitor campaign, a service change).',
} as const;

export type FindingMessageId = keyof typeof FINDINGS_EN;
