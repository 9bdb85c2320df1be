/**
 * The single DynamoDB table, described once. The CDK data stack and the local stack both build the table
 * from this description, so keys, indexes and the stream cannot drift between AWS and a laptop.
 * The entities and access patterns are documented in README.md ("Data model").
 */

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** The TTL attribute: epoch seconds after which DynamoDB may delete the item (replay guards, …). */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

/**
 * Overloaded global secondary indexes; every index projects all attributes so a page of cases is one
 * Query. Which entity writes which index key is up to the repositories (see README "Data model").
 */
export const GLOBAL_INDEXES = [
  { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
  { indexName: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk' },
  { indexName: 'gsi7', partitionKey: 'gsi7pk', sortKey: 'gsi7sk' },
  { indexName: 'gsi8', partitionKey: 'gsi8pk', sortKey: 'gsi8sk' },
  { indexName: 'gsi9', partitionKey: 'gsi9pk', sortKey: 'gsi9sk' },
] as const satisfies readonly IndexDefinition[];

export type IndexName = (typeof GLOBAL_INDEXES)[number]['indexName'];

/** Every key attribute is a string. */
export const KEY_ATTRIBUTES: readonly string[] = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...GLOBAL_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
];

/** The stream carries both images so the notify function can tell what changed. */
export const STREAM_VIEW_TYPE = 'NEW_AND_OLD_IMAGES' as const;

/**
 * The attribute whose appearance or change in a stream record means "publish an escalation". Stream
 * filter criteria (AWS) and the local poller both key on it.
 */
export const ESCALATION_ATTRIBUTE = 'escalation';

/**
 * The partition holding the notify function's idempotency records (which escalations were published):
 * the only items that function writes, so its IAM policy can say so.
 */
export const NOTIFY_IDEMPOTENCY_PARTITION = 'idempotency#notify';
