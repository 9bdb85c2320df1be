/**
 * How the plan of record (catalogue.ts `planOfRecord`) reaches the spend detectors: the event is judged
 * with its plan replaced by the catalogue's, and every budget finding says which plan it was judged against.
 */

import type { Assessment } from './assess.ts';
import { type Campaign, type PlanOfRecord, planOfRecord } from './catalogue.ts';
import type { RiskEvent } from './event.ts';

/**
 * The event as the detectors should read it: a spend event with its campaign's plan of record in place of
 * its own figures (the stored event stays as received), and that plan; any other event as it is.
 */
export const withPlanOfRecord = (
  event: RiskEvent,
  campaign: Pick<Campaign, 'plan' | 'planSetAt' | 'planSetBy'> | undefined,
): { readonly event: RiskEvent; readonly plan?: PlanOfRecord } => {
  if (event.type !== 'spend') return { event };
  const plan = planOfRecord(event, campaign);
  if (plan.from === 'event') return { event, plan };
  const { budget, currency, periodStart, periodEnd } = plan.plan;
  return {
    event: { ...event, spend: { ...event.spend, plannedBudget: budget, currency, periodStart, periodEnd } },
    plan,
  };
};

/**
 * The assessment with each budget finding saying it was judged against the catalogue's plan:
 * `metrics.eventPlannedBudget` is the figure the event itself stated, beside `plannedBudget`, then the
 * catalogue's (its presence is the sign). Unchanged when the event's own plan was used.
 */
export const explainPlan = (
  assessment: Assessment,
  plan: PlanOfRecord | undefined,
  said: number,
): Assessment => {
  if (plan?.from !== 'catalogue') return assessment;
  return {
    ...assessment,
    findings: assessment.findings.map((finding) =>
      finding.riskType !== 'budget'
        ? finding
        : { ...finding, metrics: { ...finding.metrics, eventPlannedBudget: said } },
    ),
  };
};
