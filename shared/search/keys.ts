/**
 * The partition-key prefix of the search index's postings (`SEARCH#<term>`): the only items the indexer
 * writes, so its IAM policy (infra/catalog.ts STREAM_CONSUMERS) and the adapter name them from here.
 */
export const SEARCH_PARTITION_PREFIX = 'SEARCH#';
