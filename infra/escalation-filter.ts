import { FilterCriteria, FilterRule } from 'aws-cdk-lib/aws-lambda';
import { ESCALATION_ATTRIBUTE } from '#shared/table.ts';

/**
 * Lambda event-filter patterns that let a table stream record through to the notify function only when its
 * new image carries the escalation marker (shared/table.ts ESCALATION_ATTRIBUTE). Everything else written
 * to the table — events, replay guards, reviews, TTL deletions (no new image) — never invokes the function.
 *
 * An `exists` rule matches a leaf value, never a map, so the pattern names the marker's `id` string
 * (shared/domain/case.ts `Escalation`), the same leaf shared/adapters/escalation-record.ts reads. Whether the
 * marker is new (old image vs new image) is decided by the function: a filter cannot compare two images.
 */
export const escalationFilters = (): Array<Record<string, unknown>> => [
  FilterCriteria.filter({
    dynamodb: { NewImage: { [ESCALATION_ATTRIBUTE]: { M: { id: { S: FilterRule.exists() } } } } },
  }),
];
