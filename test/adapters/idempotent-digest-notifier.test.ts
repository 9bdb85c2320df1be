import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DeleteItemCommandInput,
  DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { PublishCommand, type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdempotentDigestNotifier } from '#shared/adapters/idempotent-notifier.ts';
import { SnsNotifier } from '#shared/adapters/sns-notifier.ts';
import { openCase, subjectOf } from '#shared/domain/case.ts';
import { type Audience, audienceKey } from '#shared/i18n/audiences.ts';
import type { DigestMessage } from '#shared/ports.ts';
import { NOTIFY_IDEMPOTENCY_PARTITION, TABLE_KEYS } from '#shared/table.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';

/**
 * The digest published at most once per digest (level × window) and audience: SNS and DynamoDB mocked with
 * aws-sdk-client-mock, DynamoDB as a small in-memory table that honours the one condition Powertools puts
 * on a new record (no live record under that key).
 */

const sns = mockClient(SNSClient);
const dynamo = mockClient(DynamoDBClient);

const AUDIENCES: readonly Audience[] = [
  { lang: 'en', timeZone: 'UTC' },
  { lang: 'zh-CN', timeZone: 'Asia/Shanghai' },
  { lang: 'vi', timeZone: 'Asia/Ho_Chi_Minh' },
];
const links = async () => ({ webUrl: 'https://radar.example.com/' });

const event = spendEvent({ campaignId: 'digest-unit' });
const yellowCase = openCase(
  'case-digest-1',
  {
    event,
    assessment: assessment([finding({ level: 'yellow', impact: 'moderate' })]),
    riskType: 'budget',
    subject: subjectOf(event),
    now: new Date('2026-11-30T12:00:00Z'),
  },
  testPolicy,
);

const digest = (overrides: Partial<DigestMessage> = {}): DigestMessage => ({
  level: 'yellow',
  since: '2026-11-30T08:00:00.000Z',
  until: '2026-12-01T08:00:00.000Z',
  cases: [yellowCase],
  ...overrides,
});

/** The table's items by `pk|sk`, as the mocked DynamoDB keeps them (marshalled). */
let items: Map<string, Record<string, AttributeValue>>;
/** The audiences SNS accepted a digest for, in order (`lang@timeZone`). */
let delivered: string[];

const keyOf = (key: Record<string, AttributeValue> | undefined): string => {
  const plain = unmarshall(key ?? {});
  return `${plain[TABLE_KEYS.partitionKey]}|${plain[TABLE_KEYS.sortKey]}`;
};

const plainItems = () => [...items.values()].map((item) => unmarshall(item));

const audienceOf = (input: PublishCommandInput): string =>
  `${input.MessageAttributes?.lang?.StringValue}@${input.MessageAttributes?.timeZone?.StringValue}`;

/** SNS accepts every publish except the first `times` for `failing` (an audience key). */
const snsFailing = (failing?: string, times = 1) => {
  let refused = 0;
  sns.on(PublishCommand).callsFake((input: PublishCommandInput) => {
    if (audienceOf(input) === failing && refused < times) {
      refused += 1;
      throw new Error('Throttling: Rate exceeded');
    }
    delivered.push(audienceOf(input));
    return { MessageId: `m-${delivered.length}` };
  });
};

const notifier = () =>
  new IdempotentDigestNotifier(
    AUDIENCES.map((audience) => ({
      audience,
      notifier: new SnsNotifier(new SNSClient({ region: 'us-east-1' }), 'arn:digest', links, [audience]),
    })),
    { client: new DynamoDBClient({ region: 'us-east-1' }), tableName: 'radar' },
  );

beforeEach(() => {
  items = new Map();
  delivered = [];
  dynamo.on(PutItemCommand).callsFake((input: PutItemCommandInput) => {
    const key = keyOf(input.Item);
    const existing = items.get(key);
    if (existing !== undefined && Number(unmarshall(existing).expiresAt) * 1000 > Date.now()) {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: existing,
      });
    }
    items.set(key, input.Item ?? {});
    return {};
  });
  dynamo.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
    const key = keyOf(input.Key);
    const values = input.ExpressionAttributeValues ?? {};
    const names = input.ExpressionAttributeNames ?? {};
    const updated = { ...items.get(key) };
    for (const [placeholder, name] of Object.entries(names)) {
      const value = values[`:${placeholder.slice(1)}`];
      if (value !== undefined) updated[name] = value;
    }
    items.set(key, updated);
    return {};
  });
  dynamo.on(DeleteItemCommand).callsFake((input: DeleteItemCommandInput) => {
    items.delete(keyOf(input.Key));
    return {};
  });
  dynamo.on(GetItemCommand).callsFake((input: GetItemCommandInput) => {
    const item = items.get(keyOf(input.Key));
    return item === undefined ? {} : { Item: item };
  });
});

afterEach(() => {
  sns.reset();
  dynamo.reset();
});

describe('Class: IdempotentDigestNotifier', () => {
  it('fails when the second audience fails, and the retry sends the second and third only: each audience exactly once', async () => {
    // Prepare: SNS refuses the Chinese digest once.
    snsFailing('zh-CN@Asia/Shanghai');
    const digests = notifier();

    // Act: the run, then the scheduler's retry of the same run (the same digest).
    const first = digests.publishDigest(digest());
    await expect(first).rejects.toThrow('Throttling');
    const afterFailure = [...delivered];
    await digests.publishDigest(digest());

    // Assess
    expect(afterFailure).toEqual(['en@UTC']);
    expect(delivered).toEqual(AUDIENCES.map(audienceKey));
  });

  it('publishes nothing again for a digest every audience already has', async () => {
    // Prepare
    snsFailing();
    await notifier().publishDigest(digest());

    // Act: a retry in a new invocation (a new notifier, the same table).
    await notifier().publishDigest(digest());

    // Assess
    expect(delivered).toEqual(AUDIENCES.map(audienceKey));
  });

  it("sends the next day's window and another level's digest as digests of their own", async () => {
    // Prepare
    snsFailing();
    const digests = notifier();

    // Act
    await digests.publishDigest(digest());
    await digests.publishDigest(
      digest({ since: '2026-12-01T08:00:00.000Z', until: '2026-12-02T08:00:00.000Z' }),
    );
    await digests.publishDigest(digest({ level: 'orange' }));

    // Assess
    expect(delivered).toEqual([
      ...AUDIENCES.map(audienceKey),
      ...AUDIENCES.map(audienceKey),
      ...AUDIENCES.map(audienceKey),
    ]);
  });

  it('remembers each audience as a completed record in the notify idempotency partition, under the notify prefix', async () => {
    // Prepare
    snsFailing();

    // Act
    await notifier().publishDigest(digest());

    // Assess
    const records = plainItems();
    expect(records).toHaveLength(AUDIENCES.length);
    for (const record of records) {
      expect(record[TABLE_KEYS.partitionKey]).toBe(NOTIFY_IDEMPOTENCY_PARTITION);
      expect(String(record[TABLE_KEYS.sortKey])).toMatch(/^notify#/);
      expect(record.status).toBe('COMPLETED');
      expect(Number(record.expiresAt) * 1000).toBeGreaterThan(Date.now());
    }
  });
});
