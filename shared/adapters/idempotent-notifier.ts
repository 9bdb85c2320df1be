import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { type Audience, audienceKey } from '#shared/i18n/audiences.ts';
import {
  type AudienceNotifier,
  type CaseNotification,
  type DigestMessage,
  type DigestNotifier,
  type Notifier,
  notificationId,
} from '#shared/ports.ts';
import { NOTIFY_IDEMPOTENCY_PARTITION, TABLE_KEYS, TTL_ATTRIBUTE } from '#shared/table.ts';

/** Longer than the stream's 24-hour retention, so every redelivery of a record is still recognised. */
const REMEMBER_SECONDS = 7 * 24 * 3600;

/**
 * The prefix of every key, the same in every function: the notify and redrive functions must recognise
 * each other's publishes (Powertools would otherwise prefix the function's own name).
 */
const KEY_PREFIX = 'notify';

interface IdempotencyTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

/** Where every publish is remembered: `pk = idempotency#notify` (the only partition publishers write). */
const notifyPersistence = (options: IdempotencyTable): DynamoDBPersistenceLayer =>
  new DynamoDBPersistenceLayer({
    tableName: options.tableName,
    awsSdkV3Client: options.client,
    keyAttr: TABLE_KEYS.partitionKey,
    sortKeyAttr: TABLE_KEYS.sortKey,
    staticPkValue: NOTIFY_IDEMPOTENCY_PARTITION,
    expiryAttr: TTL_ATTRIBUTE,
  });

/**
 * Publishes each escalation and each follow-up at most once per id and audience, whatever the stream
 * redelivers (a retried batch, a bisected batch, a re-read shard). The audiences (language × time zone) are
 * published in order, each through Powertools Idempotency with the key `<escalation id>|<lang>@<timeZone>`
 * (a follow-up: `<escalation id>#<acknowledged|resolved>|<lang>@<timeZone>`) (items
 * `pk = idempotency#notify`, `sk = notify#<hash>`, expiring through the table's TTL): an audience already
 * published returns at once; one whose publish failed is deleted so the retry publishes it — and only it,
 * when the failure came after other audiences were sent; one in flight when a Lambda died becomes
 * retryable when that invocation's time is up.
 */
export class IdempotentNotifier implements Notifier {
  readonly #config: IdempotencyConfig;
  readonly #audiences: readonly Audience[];
  readonly #publish: (key: string, message: CaseNotification, audience: Audience) => Promise<string>;

  constructor(inner: AudienceNotifier, options: IdempotencyTable) {
    this.#config = new IdempotencyConfig({ expiresAfterSeconds: REMEMBER_SECONDS });
    this.#audiences = inner.audiences;
    const persistenceStore = notifyPersistence(options);
    this.#publish = makeIdempotent(
      async (key: string, message: CaseNotification, audience: Audience) => {
        await inner.publishTo(message, audience);
        return key;
      },
      { persistenceStore, config: this.#config, dataIndexArgument: 0, keyPrefix: KEY_PREFIX },
    );
  }

  /** Lets an in-flight record expire with the invocation that holds it. */
  registerContext(context: Context): void {
    this.#config.registerLambdaContext(context);
  }

  /** Every audience once; a failure stops there and is thrown, the audiences before it stay sent. */
  async publish(message: CaseNotification): Promise<void> {
    for (const audience of this.#audiences) {
      await this.#publish(`${notificationId(message)}|${audienceKey(audience)}`, message, audience);
    }
  }
}

/** The digest's publisher for one audience (a notifier whose audiences are that one). */
export interface AudienceDigestNotifier {
  readonly audience: Audience;
  readonly notifier: DigestNotifier;
}

/**
 * The stable id of one digest: its level and its window, `digest|<level>|<since>/<until>` — the same on every
 * retry of one scheduled run, since the window ends at the schedule's time, not at the retry's.
 */
export const digestKey = (message: DigestMessage): string =>
  `digest|${message.level}|${message.since}/${message.until}`;

/**
 * Publishes each digest at most once per digest window × level × audience, whatever the scheduler retries:
 * the same mechanism as {@link IdempotentNotifier} (Powertools Idempotency, the same partition and key
 * prefix) with the key `digest|<level>|<since>/<until>|<lang>@<timeZone>`. The audiences are published in
 * order; a failure stops there and is thrown, so the invocation fails and is retried, and the retry sends
 * only the audiences not yet sent.
 */
export class IdempotentDigestNotifier implements DigestNotifier {
  readonly #config: IdempotencyConfig;
  readonly #audiences: readonly AudienceDigestNotifier[];
  readonly #publish: (key: string, message: DigestMessage, target: AudienceDigestNotifier) => Promise<string>;

  constructor(audiences: readonly AudienceDigestNotifier[], options: IdempotencyTable) {
    this.#config = new IdempotencyConfig({ expiresAfterSeconds: REMEMBER_SECONDS });
    this.#audiences = audiences;
    this.#publish = makeIdempotent(
      async (key: string, message: DigestMessage, target: AudienceDigestNotifier) => {
        await target.notifier.publishDigest(message);
        return key;
      },
      {
        persistenceStore: notifyPersistence(options),
        config: this.#config,
        dataIndexArgument: 0,
        keyPrefix: KEY_PREFIX,
      },
    );
  }

  /** Lets an in-flight record expire with the invocation that holds it. */
  registerContext(context: Context): void {
    this.#config.registerLambdaContext(context);
  }

  /** Every audience once per digest; a failure stops there and is thrown, the audiences before it stay sent. */
  async publishDigest(message: DigestMessage): Promise<void> {
    for (const target of this.#audiences) {
      await this.#publish(`${digestKey(message)}|${audienceKey(target.audience)}`, message, target);
    }
  }
}
