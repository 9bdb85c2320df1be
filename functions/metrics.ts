import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, type ProductMetric, SERVICE_NAME } from '#shared/metrics.ts';

/**
 * The product metrics (shared/metrics.ts) as CloudWatch embedded metric format, through Powertools.
 * Counts are aggregated per dimension set within an invocation and written once per set, so a batch of
 * 100 events costs a handful of log lines, not a hundred.
 */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

type Dimensions = Readonly<Record<string, string>>;

/** Counts `metric` once per item, grouped by the item's dimensions (named as the metric declares them). */
export const countBy = <T>(
  metric: ProductMetric,
  items: readonly T[],
  dimensionsOf: (item: T) => Dimensions,
): void => {
  const counts = new Map<string, { dimensions: Dimensions; count: number }>();
  for (const item of items) {
    const dimensions = dimensionsOf(item);
    const key = metric.dimensions.map((name) => dimensions[name] ?? '').join('\u0000');
    const entry = counts.get(key) ?? { dimensions, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  for (const { dimensions, count } of counts.values()) {
    const single = metrics.singleMetric();
    for (const name of metric.dimensions) single.addDimension(name, dimensions[name] ?? 'none');
    single.addMetric(metric.name, MetricUnit.Count, count);
  }
};
