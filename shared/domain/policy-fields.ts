/**
 * What each number of the matrix and of the spend and sentiment thresholds means, in plain words for the
 * finance or brand manager who edits it, with what raising or lowering it does. The one place this is
 * written: the web forms show it beside each field (`describeField`), the docs point here, and issue #15
 * turns each sentence into a message-catalogue entry (one sentence each, nothing assembled from parts).
 *
 * Why a record beside the schemas rather than zod metadata: the schemas are in every Lambda bundle, and
 * these sentences are needed only by the web app and the docs, so they stay out of the functions; and a
 * record keyed by field path is what a message catalogue is. A test proves every field of the shipped
 * defaults has a sentence and every sentence belongs to a field, so a new field cannot ship without one.
 */

/** The policies whose fields are described. */
export type DescribedPolicy = 'matrix' | 'spend' | 'sentiment';

/** A field's path in its document: `['cpaSpike', 'p']`, `['overrunBands', 0, 'above']`, `['cells', 'high', 'severe']`. */
export type FieldPath = readonly (string | number)[];

/** In a pattern, `*` stands for a list position; `{name}` for any key, such as an axis label of the matrix. */
const matchesStep = (step: string, key: string | number): boolean => {
  if (step === '*') return typeof key === 'number' ? Number.isInteger(key) && key >= 0 : /^\d+$/.test(key);
  if (step.startsWith('{') && step.endsWith('}')) return typeof key === 'string' && key !== '';
  return key === step;
};

const GRADE = {
  grade: 'How a finding of this check is graded when it is first reported.',
  gradeProbability:
    'How likely the risk is taken to be when this check first reports it; a higher grade makes the alert more urgent.',
  gradeImpact:
    'How much harm the problem is taken to do when this check first reports it; a higher grade makes the alert more urgent.',
  escalated:
    'How a finding of this check is graded once the problem persists or the evidence is overwhelming.',
  escalatedProbability:
    'How likely the risk is taken to be once the problem persists or the evidence is overwhelming; a higher grade makes the escalated alert more urgent.',
  escalatedImpact:
    'How much harm the problem is taken to do once it persists or the evidence is overwhelming; a higher grade makes the escalated alert more urgent.',
} as const;

/** The grade fields of detectors that have both grades. */
const gradesOf = (detector: string, escalates: boolean): Record<string, string> => ({
  [`${detector}.grade`]: GRADE.grade,
  [`${detector}.grade.probability`]: GRADE.gradeProbability,
  [`${detector}.grade.impact`]: GRADE.gradeImpact,
  ...(escalates
    ? {
        [`${detector}.escalated`]: GRADE.escalated,
        [`${detector}.escalated.probability`]: GRADE.escalatedProbability,
        [`${detector}.escalated.impact`]: GRADE.escalatedImpact,
      }
    : {}),
});

const MATRIX: Readonly<Record<string, string>> = {
  version:
    'The name of this version of the matrix, recorded on every assessment made with it so each alert can be traced to the matrix in force.',
  probabilities: 'The likelihood scale, from least to most likely; more labels place findings more finely.',
  'probabilities.*':
    'A label on the likelihood scale, which lists the least likely first; every finding lands on one of these labels.',
  impacts: 'The impact scale, from least to most harmful; more labels place findings more finely.',
  'impacts.*':
    'A label on the impact scale, which lists the least harmful first; every finding lands on one of these labels.',
  levels: 'The alert levels, such as green, yellow and red, that the cells of the grid name.',
  'levels.*': 'One alert level of the matrix.',
  'levels.*.id':
    'The short code of this level, used in the grid, in notifications and in reports; keep it stable so reports stay comparable.',
  'levels.*.label': 'The name people see for this level, such as "urgent".',
  'levels.*.rank':
    'How urgent this level is compared with the others: a higher rank is more urgent, and the most urgent finding sets the level of an assessment.',
  cells: 'The grid that gives every combination of likelihood and impact its alert level.',
  'cells.{probability}': 'One row of the grid: the alert levels for one likelihood label, by impact.',
  'cells.{probability}.{impact}':
    'The alert level for this likelihood and impact; it may never be lower than the level of a cell with less likelihood or less impact, and raising it makes such findings more urgent.',
};

const SPEND: Readonly<Record<string, string>> = {
  version:
    'The name of this version of the spend thresholds, recorded on every assessment made with them so each alert can be traced to the thresholds in force.',
  overrunBands:
    'The lines of overspend against plan that raise a budget alert, lowest first; the first one is the warning line the forecast is judged against.',
  'overrunBands.*': 'One line of overspend against plan, and how a campaign past it is graded.',
  'overrunBands.*.above':
    'How far over plan spend must be to pass this line, as a share of the plan (0.1 is 10 % over); raise it and fewer campaigns are warned, later.',
  'overrunBands.*.probability':
    'How likely the risk is taken to be once spend is past this line; a higher grade makes the alert more urgent.',
  'overrunBands.*.impact':
    'How much harm the overspend is taken to do once spend is past this line; a higher grade makes the alert more urgent.',
  pacing: 'The forecast that warns before a campaign overspends, from its own pace so far.',
  'pacing.interval':
    'How sure the forecast must be that spend will end over the warning line before it warns (0.9 is 90 %); raise it and warnings come later but are wrong less often.',
  'pacing.probability':
    'How likely an overspend is taken to be when the forecast warns; a higher grade makes forecast warnings more urgent.',
  'pacing.lateFrom':
    'The share of the period after which a forecast overspend is taken as nearly certain (0.8 is the last fifth of the period); lower it and forecast warnings become more urgent earlier.',
  'pacing.lateProbability':
    'How likely an overspend is taken to be when the forecast warns late in the period; a higher grade makes late warnings more urgent.',
  cpaSpike: 'The check that each conversion has suddenly become dearer than the campaign’s own normal.',
  'cpaSpike.p':
    'How unlikely by chance a shortfall of conversions must be to count as a cost spike (0.001 is one chance in a thousand); lower it and fewer, surer spikes are reported.',
  'cpaSpike.overwhelmingP':
    'How unlikely by chance a shortfall of conversions must be to escalate at once, without waiting for more days; lower it and fewer spikes escalate at once.',
  'cpaSpike.escalateAfterDays':
    'How many days in a row a cost spike must last before it is escalated; raise it and escalations come later and less often.',
  'cpaSpike.minIncrease':
    'How much dearer than usual each conversion must be for a spike to matter (0.25 is 25 % dearer); raise it and small cost rises are ignored.',
  'cpaSpike.shift':
    'The cost rise that the check over several days is tuned to find (1.5 is half as costly again); lower it to catch smaller, slower rises, or raise it to react only to large ones.',
  'cpaSpike.dispersion':
    'How steady a campaign’s conversion rate is assumed to be from day to day until it has shown its own variation; raise it and ordinary swings look more unusual, so spikes are reported sooner and more often.',
  ...gradesOf('cpaSpike', true),
  trackingBroken:
    'The check that conversion tracking has broken: the campaign keeps spending but its conversion count stands still.',
  'trackingBroken.expectedConversions':
    'How many conversions the campaign should have brought at its usual rate while the count stood still before an alert is raised; raise it and broken tracking is reported later but more surely.',
  'trackingBroken.escalatedExpectedConversions':
    'How many missing conversions escalate the alert, at least as many as raise it; raise it and escalation comes later.',
  ...gradesOf('trackingBroken', true),
  deliveryStopped: 'The check that a running campaign has stopped spending.',
  'deliveryStopped.share':
    'The share of its usual spend for that weekday below which a campaign counts as stopped (0.1 is a tenth); raise it and more slowdowns are reported as stops.',
  'deliveryStopped.escalateAfterReports':
    'How many reports in a row a stop must last before it is escalated; raise it and escalations come later.',
  ...gradesOf('deliveryStopped', true),
  learning: 'How each campaign’s own normal is learnt from its history.',
  'learning.halfLifeDays':
    'After how many days a day’s weight in the campaign’s normal conversion rate halves; raise it and the normal remembers longer and follows a change more slowly.',
  'learning.minDays':
    'How many days of reports a campaign needs before its costs and delivery are judged; raise it and new campaigns are left alone for longer.',
  'learning.paceDays':
    'How many recent days of spend the pace is taken from, for the forecast and the stopped-delivery check; raise it and the pace is steadier but slower to follow a change.',
  'learning.weekdayAlpha':
    'How quickly the usual differences between weekdays are learnt, from just above 0 to 1; raise it and the weekday pattern follows recent weeks more closely.',
  'learning.learnP':
    'How unusual a day must be to be kept out of the campaign’s normal, so that the normal does not learn the problem; raise it and more days are kept out.',
  'learning.adaptAfterDays':
    'After how many days a lasting change in cost becomes the campaign’s new normal; raise it and a lasting change is reported for longer before it is accepted.',
  'learning.reportingLag':
    'The share of a day’s conversions that the ad platforms report only on later days (0.3 is 30 %); raise it when conversions arrive late, so that a late count is not taken for a cost spike.',
};

const SENTIMENT: Readonly<Record<string, string>> = {
  version:
    'The name of this version of the sentiment thresholds, recorded on every assessment made with them so each alert can be traced to the thresholds in force.',
  minMentions:
    'How many mentions a window needs before it is judged on its own; raise it and small windows are left alone, so alerts are fewer but surer.',
  shareBands:
    'The lines of negative share that raise an alert whatever the subject’s own normal, lowest first.',
  'shareBands.*': 'One line of negative share, and how a window past it is graded.',
  'shareBands.*.atLeast':
    'The share of negative mentions that reaches this line (0.25 is 25 %); raise it and fewer windows reach it.',
  'shareBands.*.probability':
    'How likely the risk is taken to be once a window reaches this line; a higher grade makes the alert more urgent.',
  'shareBands.*.impact':
    'How much harm the negative mentions are taken to do once a window reaches this line; a higher grade makes the alert more urgent.',
  ceiling: 'How sure the check against the fixed lines of negative share must be.',
  'ceiling.confidence':
    'How sure it must be that a window’s negative share really reaches a line and is not chance (0.95 is 95 %); raise it and small windows reach a line less often.',
  'ceiling.ownNormalP':
    'How unusual for this subject a window must also be to be reported below the top line (0.0001 is one chance in ten thousand); lower it and subjects that are often criticised are reported less.',
  spike:
    'The check that a window holds far more negative mentions than the subject’s own normal for that hour and weekday.',
  'spike.p':
    'How unlikely by chance the negative mentions must be to count as a spike (0.0001 is one chance in ten thousand); lower it and fewer, surer spikes are reported.',
  'spike.minShift':
    'How far above the subject’s normal negative share a window must be to count as a spike (0.05 is 5 points); raise it and small rises are ignored.',
  'spike.aloneP':
    'How unlikely by chance a window must be to count as a spike on its own, without the window before it being high too — and it must also bring more mentions than the subject usually gets at that hour (a window of ordinary volume alone must be beyond doubt, at the red line); lower it and single odd windows are reported less often.',
  'spike.supportP':
    'How unusual the window before must be for a spike that is not strong enough alone to count (0.1 is one chance in ten); raise it and more spikes that follow a slightly high window are reported.',
  'spike.volumeP':
    'How unusual the number of negative mentions must be, against what the subject usually gets at that hour of day, for a spike that is not strong enough alone to count (0.001 is one chance in a thousand); raise it and more spikes that come with a surge of complaints are reported at once.',
  'spike.volumeDispersion':
    'How much the number of mentions in a window usually varies beyond chance (4 allows about ±50 %); lower it and a surge of negative mentions must be larger to count.',
  'spike.poolWindows':
    'How many recent windows, the current one included, may be added together to show a crisis that no single small window proves; raise it to catch slower crises on small subjects.',
  'spike.overwhelmingP':
    'How unlikely by chance a spike must be to escalate at once; lower it and fewer spikes escalate at once.',
  'spike.escalateAfterWindows':
    'How many spiking windows in a row escalate the alert; raise it and escalations come later.',
  ...gradesOf('spike', true),
  drift:
    'The check that the negative share has crept up over about a day although no single window stands out.',
  'drift.timeScaleHours':
    'Over about how many hours the drift check weighs recent windows; raise it to catch slower drifts, reported later.',
  'drift.p':
    'How unlikely by chance the drift must be to be reported (0.0001 is one chance in ten thousand); lower it and fewer, surer drifts are reported.',
  'drift.minShift':
    'How far above the subject’s normal negative share the drift must run (0.02 is 2 points); raise it and small drifts are ignored.',
  ...gradesOf('drift', false),
  learning: 'How each subject’s own normal negative share is learnt from its history.',
  'learning.halfLifeHours':
    'After how many hours a window’s weight in the subject’s normal share halves; raise it and the normal follows a change more slowly, so a drift over a few days is seen before it is absorbed.',
  'learning.minHours':
    'How many hours of windows a subject needs before it is judged against its own normal; raise it and new subjects are judged only against the fixed lines for longer.',
  'learning.learnP':
    'How unusual a window must be to be kept out of the subject’s normal, so that the normal does not learn the problem; raise it and more windows are kept out.',
  'learning.driftHoldP':
    'How unusual a drift building over the last day must be to hold the subject’s normal where it is (for at most the hours after which a shift is accepted), so that a slow drift is not absorbed before it is seen; raise it and the normal is held more often.',
  'learning.adaptAfterHours':
    'After how many hours a lasting shift becomes the subject’s new normal; raise it and a lasting shift is reported for longer before it is accepted.',
  'learning.seasonalAlpha':
    'How quickly the usual rhythm of the day and week, and the usual variation between windows, are learnt, from just above 0 to 1; raise it and they follow recent days more closely.',
  'learning.volumeAlpha':
    'How quickly the usual volume at each hour of the day (quiet nights, busy evenings) is learnt, from just above 0 to 1; raise it and it follows recent days more closely.',
  'learning.volumeCap':
    'How many times its usual volume a single window may weigh in the normal, so that a viral storm does not rewrite what the usual audience thinks; lower it and storms teach the normal less.',
  'learning.initialRho':
    'How much a new subject’s negative share is assumed to vary from window to window until its own variation is learnt; raise it and new subjects raise fewer alerts.',
};

/**
 * Every description by policy, keyed by field pattern: the path's keys joined with dots, `*` for any list
 * position, `{probability}` and `{impact}` for the matrix's axis labels in `cells`. The keys are what a
 * message catalogue keys on.
 */
export const FIELD_DESCRIPTIONS: Readonly<Record<DescribedPolicy, Readonly<Record<string, string>>>> = {
  matrix: MATRIX,
  spend: SPEND,
  sentiment: SENTIMENT,
};

interface Pattern {
  readonly key: string;
  readonly steps: readonly string[];
}
const patternsOf = (descriptions: Readonly<Record<string, string>>): readonly Pattern[] =>
  Object.keys(descriptions).map((key) => ({ key, steps: key.split('.') }));
const PATTERNS: Readonly<Record<DescribedPolicy, readonly Pattern[]>> = {
  matrix: patternsOf(MATRIX),
  spend: patternsOf(SPEND),
  sentiment: patternsOf(SENTIMENT),
};

/**
 * The pattern (catalogue key) that describes a field, or undefined when the policy has no such field.
 *
 * @example
 * fieldPattern('spend', ['overrunBands', 1, 'above']); // 'overrunBands.*.above'
 */
export const fieldPattern = (policy: DescribedPolicy, path: FieldPath): string | undefined =>
  PATTERNS[policy]?.find(
    ({ steps }) => steps.length === path.length && steps.every((step, k) => matchesStep(step, path[k] ?? '')),
  )?.key;

/**
 * What a field of a policy means and what raising or lowering it does, in one plain sentence; undefined
 * for a path the policy does not have. Any list position, and any axis label in the matrix's cells, will do.
 *
 * @example
 * describeField('spend', ['overrunBands', 0, 'above']);
 * // 'How far over plan spend must be to pass this line, as a share of the plan (0.1 is 10 % over); raise it …'
 * describeField('matrix', ['cells', 'high', 'severe']); // 'The alert level for this likelihood and impact; …'
 */
export const describeField = (policy: DescribedPolicy, path: FieldPath): string | undefined => {
  const key = fieldPattern(policy, path);
  return key === undefined ? undefined : FIELD_DESCRIPTIONS[policy][key];
};
