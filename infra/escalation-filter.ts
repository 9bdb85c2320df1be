import { FilterCriteria } from 'aws-cdk-lib/aws-lambda';
import { STREAM_SETTINGS } from '#infra/catalog.ts';

/**
 * The event filter of the notify function's event source mapping: the catalog's pattern
 * (`STREAM_SETTINGS.filter`), which the local poller evaluates too, so both let the same records through.
 */
export const escalationFilters = (): Array<Record<string, unknown>> => [
  FilterCriteria.filter(STREAM_SETTINGS.filter),
];
