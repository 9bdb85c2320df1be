import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import type { EscalationMessage, Notifier } from '#shared/ports.ts';
import { NOTIFY_IDEMPOTENCY_PARTITION, TABLE_KEYS, TTL_ATTRIBUTE } from '#shared/table.ts';

/** Longer than the stream's 24-hour retention, so every redelivery of a record is still recognised. */
const REMEMBER_SECONDS = 7 * 24 * 3600;

/**
 * Publishes each escalation at most once per escalation id, whatever the stream redelivers (a retried
 * batch, a bisected batch, a re-read shard). Powertools Idempotency records the publish in the table
 * (items `pk = idempotency#notify`, `sk = <hash>`, expiring through the table's TTL): a record already
 * published returns at once; one whose publish failed is deleted so the retry publishes; one in flight
 * when a Lambda died becomes retryable when that invocation's time is up.
 */
export class IdempotentNotifier implements Notifier {
  readonly #config: IdempotencyConfig;
  readonly #publish: (escalationId: string, message: EscalationMessage) => Promise<string>;

  constructor(inner: Notifier, options: { readonly client: DynamoDBClient; readonly tableName: string }) {
    this.#config = new IdempotencyConfig({ expiresAfterSeconds: REMEMBER_SECONDS });
    const persistenceStore = new DynamoDBPersistenceLayer({
      tableName: options.tableName,
      awsSdkV3Client: options.client,
      keyAttr: TABLE_KEYS.partitionKey,
      sortKeyAttr: TABLE_KEYS.sortKey,
      staticPkValue: NOTIFY_IDEMPOTENCY_PARTITION,
      expiryAttr: TTL_ATTRIBUTE,
    });
    this.#publish = makeIdempotent(
      async (escalationId: string, message: EscalationMessage) => {
        await inner.publish(message);
        return escalationId;
      },
      { persistenceStore, config: this.#config, dataIndexArgument: 0 },
    );
  }

  /** Lets an in-flight record expire with the invocation that holds it. */
  registerContext(context: Context): void {
    this.#config.registerLambdaContext(context);
  }

  async publish(message: EscalationMessage): Promise<void> {
    await this.#publish(message.escalation.id, message);
  }
}
