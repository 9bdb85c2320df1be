import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { caseToItem } from '#shared/adapters/dynamodb-items.ts';
import { digestPublishInput, escalationPublishInput } from '#shared/adapters/escalation-publish.ts';
import { escalationFromRecord } from '#shared/adapters/escalation-record.ts';
import { SnsNotifier } from '#shared/adapters/sns-notifier.ts';
import { type Escalation, escalateForSla, openCase, type RiskCase, subjectOf } from '#shared/domain/case.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';

const event = spendEvent();
const redCase = openCase(
  'case-1',
  {
    event,
    assessment: assessment([
      finding({ metrics: { plannedBudget: 10000, actualSpend: 13000, overrunRatio: 0.3 } }),
    ]),
    riskType: 'budget',
    subject: subjectOf(event),
    now: new Date('2026-11-22T10:00:00Z'),
  },
  testPolicy,
);

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
const image = (item: Record<string, unknown>) =>
  marshall(item, { removeUndefinedValues: true }) as unknown as Image;

const record = (
  eventName: DynamoDBRecord['eventName'],
  next?: Record<string, unknown>,
  previous?: Record<string, unknown>,
): DynamoDBRecord => ({
  eventName,
  dynamodb: {
    SequenceNumber: '1',
    ...(next === undefined ? {} : { NewImage: image(next) }),
    ...(previous === undefined ? {} : { OldImage: image(previous) }),
  },
});

describe('Function: escalationFromRecord', () => {
  it('turns a new escalation marker into a message', () => {
    const message = escalationFromRecord(record('INSERT', caseToItem(redCase)));
    expect(message?.escalation.id).toBe('case-1#1');
    expect(message?.case).toEqual(redCase);
  });

  it.each([
    [
      'an update that keeps the same marker',
      record('MODIFY', caseToItem({ ...redCase, occurrences: 2 }), caseToItem(redCase)),
    ],
    ['a deletion (TTL)', record('REMOVE', undefined, caseToItem(redCase))],
    ['a case without a marker', record('INSERT', caseToItem({ ...redCase, escalation: undefined }))],
    [
      'another entity',
      record('INSERT', { pk: 'EVENT#a#b', sk: 'EVENT', entity: 'event', escalation: { id: 'x' } }),
    ],
  ])('ignores %s', (_name, streamRecord) => {
    expect(escalationFromRecord(streamRecord)).toBeUndefined();
  });

  it('carries the escalation it follows, from the old image (tier 2 after tier 1)', () => {
    const { escalation, previous, riskCase } = tier2();

    const message = escalationFromRecord(record('MODIFY', caseToItem(riskCase), caseToItem(redCase)));

    expect(message?.escalation).toEqual(escalation);
    expect(message?.previous).toEqual(previous);
  });

  it('publishes again when the marker changes', () => {
    const rose = { ...redCase, escalation: { ...redCase.escalation, id: 'case-1#2' } };
    expect(
      escalationFromRecord(record('MODIFY', caseToItem(rose as typeof redCase), caseToItem(redCase)))
        ?.escalation.id,
    ).toBe('case-1#2');
  });
});

const links = async () => ({ webUrl: 'https://radar.example.com/' });

const tier2 = (): { escalation: Escalation; previous: Escalation; riskCase: RiskCase } => {
  const previous = redCase.escalation;
  if (previous === undefined) throw new Error('fixture must escalate');
  const lapsed = escalateForSla(redCase, new Date('2026-11-22T14:05:00Z'), 4);
  if (!lapsed.ok || lapsed.next.escalation === undefined) throw new Error('fixture must lapse');
  return { escalation: lapsed.next.escalation, previous, riskCase: lapsed.next };
};

describe('Function: escalationPublishInput', () => {
  it('says tier 2 and how long the case went unacknowledged, unlike the tier-1 subject', () => {
    // Prepare
    const { escalation, previous, riskCase } = tier2();

    // Act
    const first = escalationPublishInput(
      'arn:topic',
      { escalation: previous, case: redCase },
      { webUrl: 'https://w' },
    );
    const second = escalationPublishInput(
      'arn:topic',
      { escalation, previous, case: riskCase },
      { webUrl: 'https://w' },
    );

    // Assess
    expect(second.Subject).toBe(
      '[RED] TIER 2, unacknowledged after 4 h: budget risk: campaign cmp-1 on facebook',
    );
    expect(second.Subject).not.toBe(first.Subject);
    expect(JSON.parse(second.Message ?? '{}').default).toMatch(
      /^Tier 2: nobody acknowledged this case since the tier 1 page/,
    );
    expect(second.MessageAttributes?.tier?.StringValue).toBe('2');
  });

  it('links every case of the digest to its page in the web app', () => {
    const input = digestPublishInput(
      'arn:digest',
      { since: '2026-11-21T08:00:00Z', until: '2026-11-22T08:00:00Z', cases: [redCase] },
      { webUrl: 'http://127.0.0.1:3000' },
    );

    expect(input.Message).toContain('http://127.0.0.1:3000/cases/case-1');
    expect(input.Message).not.toContain('/v1/cases');
  });
});

describe('Class: SnsNotifier', () => {
  const sns = mockClient(SNSClient);
  afterEach(() => {
    sns.reset();
  });

  it('publishes a subject, a body with the numbers, one line for a phone, and filterable attributes', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const escalation = redCase.escalation;
    if (escalation === undefined) throw new Error('fixture must escalate');
    await new SnsNotifier(
      new SNSClient({ region: 'us-east-1' }),
      'arn:aws:sns:us-east-1:123:escalations',
      links,
    ).publish({ escalation, case: redCase });
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBe('arn:aws:sns:us-east-1:123:escalations');
    expect(input?.Subject).toBe('[RED] budget risk: campaign cmp-1 on facebook');
    expect(input?.MessageStructure).toBe('json');
    const message = JSON.parse(input?.Message ?? '{}') as { default: string; sms: string };
    expect(message.default).toContain('probability high x impact severe');
    expect(message.default).toContain('actualSpend=13000');
    expect(message.default).toContain('Open the case: https://radar.example.com/cases/case-1');
    expect(message.default).not.toContain('/v1/');
    // E-mail (and every protocol but SMS) reads `default`; a phone gets one line that fits one SMS.
    expect(Object.keys(message).sort()).toEqual(['default', 'sms']);
    expect(message.sms).toBe(
      '[RED] budget risk: campaign cmp-1 on facebook. https://radar.example.com/cases/case-1',
    );
    expect(message.sms.length).toBeLessThanOrEqual(160);
    expect(input?.MessageAttributes).toEqual({
      level: { DataType: 'String', StringValue: 'red' },
      riskType: { DataType: 'String', StringValue: 'budget' },
      tier: { DataType: 'Number', StringValue: '1' },
      channel: { DataType: 'String', StringValue: 'facebook' },
    });
  });

  it('publishes the digest through the same notifier, to its own topic', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'd-1' });

    await new SnsNotifier(new SNSClient({ region: 'us-east-1' }), 'arn:digest', links).publishDigest({
      since: '2026-11-21T08:00:00Z',
      until: '2026-11-22T08:00:00Z',
      cases: [redCase],
    });

    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBe('arn:digest');
    expect(input?.Message).toContain('https://radar.example.com/cases/case-1');
  });

  it('lets a publish failure propagate so the stream retries the record', async () => {
    sns.on(PublishCommand).rejects(new Error('Throttled'));
    const escalation = redCase.escalation;
    if (escalation === undefined) throw new Error('fixture must escalate');
    const notifier = new SnsNotifier(new SNSClient({ region: 'us-east-1' }), 'arn:topic', links);
    await expect(notifier.publish({ escalation, case: redCase })).rejects.toThrow('Throttled');
  });
});
