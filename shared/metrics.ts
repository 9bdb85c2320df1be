/**
 * The product's custom CloudWatch metrics: what the handlers emit with Powertools Metrics (embedded metric
 * format, namespace `MarketingRiskRadar`, POWERTOOLS_METRICS_NAMESPACE) and what the dashboard
 * (infra/operations.ts) draws; functions/metrics.ts emits them. Powertools adds the `service` dimension (POWERTOOLS_SERVICE_NAME) to every
 * metric, so each metric's dimension set is `service` plus the ones listed here — exactly those: CloudWatch
 * treats another combination as another metric, and the dashboard's SEARCH expressions name the set.
 *
 * Each metric is a Count. A metric whose dimensions differ per item (one per event of a batch) goes
 * through `metrics.singleMetric()`, so dimensions of one item never leak to the next.
 */
/** The CloudWatch namespace of the product metrics. */
export const METRICS_NAMESPACE = 'MarketingRiskRadar';

/** The service name in logs and in the metrics' `service` dimension. */
export const SERVICE_NAME = 'marketing-risk-radar';

export const PRODUCT_METRICS = {
  /** One per stored (non-duplicate) event: ingest-events. */
  eventsIngested: { name: 'EventsIngested', dimensions: ['type', 'level'] },
  /** One per event assessed without storing: evaluate-events. */
  eventsEvaluated: { name: 'EventsEvaluated', dimensions: ['type', 'level'] },
  /** One per case opened (not per occurrence joining an open case): ingest-events. */
  casesOpened: { name: 'CasesOpened', dimensions: ['riskType', 'level'] },
  /** One per case closed with root cause and measures: the resolve function. */
  casesResolved: { name: 'CasesResolved', dimensions: ['riskType'] },
  /** One per escalation published to SNS: notify-escalation (tier 1 first notice, 2+ SLA re-escalations). */
  escalations: { name: 'Escalations', dimensions: ['tier'] },
  /** One per legal decision on a review: the decision function (approved, rejected, changes_requested). */
  reviewDecisions: { name: 'ReviewDecisions', dimensions: ['decision'] },
} as const satisfies Record<string, { readonly name: string; readonly dimensions: readonly string[] }>;

/** The dimension Powertools Metrics adds to every metric. */
export const SERVICE_DIMENSION = 'service';

export type ProductMetric = (typeof PRODUCT_METRICS)[keyof typeof PRODUCT_METRICS];
