import { PublishCommand, type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { caseToItem } from '#shared/adapters/dynamodb-items.ts';
import {
  caseLink,
  digestPublishInput,
  escalationPublishInput,
  followUpPublishInput,
  followUpSms,
} from '#shared/adapters/escalation-publish.ts';
import { followUpFromRecord, notificationsFromRecord } from '#shared/adapters/escalation-record.ts';
import { SnsNotifier } from '#shared/adapters/sns-notifier.ts';
import {
  acknowledgeCase,
  type Escalation,
  escalateForSla,
  openCase,
  type RiskCase,
  resolveCase,
  subjectOf,
} from '#shared/domain/case.ts';
import type { Audience } from '#shared/i18n/audiences.ts';
import { smsLength } from '#shared/i18n/sms.ts';
import type { FollowUpMessage } from '#shared/ports.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';

const links = { webUrl: 'https://radar.example.com' };
const english: Audience = { lang: 'en', timeZone: 'UTC' };
const chinese: Audience = { lang: 'zh-CN', timeZone: 'Asia/Shanghai' };
const vietnamese: Audience = { lang: 'vi', timeZone: 'Asia/Ho_Chi_Minh' };
const event = spendEvent();
const must = <T>(result: { ok: true; next: T } | { ok: false; reason: string }): T => {
  if (!result.ok) throw new Error(result.reason);
  return result.next;
};

/** A spend case of Acme in Vietnam owned by ana, paged at tier 1 then at tier 2 to ana and li. */
const paged: RiskCase = must(
  escalateForSla(
    openCase(
      'case-1',
      {
        event,
        assessment: assessment([finding({ level: 'red' })]),
        riskType: 'budget',
        subject: { ...subjectOf(event), brand: 'Acme', market: 'UK' },
        now: new Date('2026-11-22T10:00:00Z'),
        owner: 'ana',
      },
      testPolicy,
    ),
    new Date('2026-11-22T14:00:00Z'),
    4,
    ['li'],
  ),
);
const acknowledged = must(acknowledgeCase(paged, 'user:li', new Date('2026-11-22T14:30:00Z')));
const resolved = must(
  resolveCase(
    acknowledged,
    {
      whys: ['The bid cap was removed', 'Nobody reviews caps before a launch'],
      measures: ['Cap restored'],
      improvementPlan: 'Cap review in the launch checklist',
    },
    'user:ana',
    new Date('2026-11-22T16:00:00Z'),
  ),
);
const followUp = (riskCase: RiskCase): FollowUpMessage => {
  if (riskCase.followUp === undefined) throw new Error('the fixture must follow up');
  return { followUp: riskCase.followUp, case: riskCase };
};
const parts = (input: PublishCommandInput) => JSON.parse(input.Message ?? '{}') as Record<string, string>;

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
const image = (item: Record<string, unknown>) =>
  marshall(item, { removeUndefinedValues: true }) as unknown as Image;
const modify = (next: RiskCase, previous: RiskCase): DynamoDBRecord => ({
  eventName: 'MODIFY',
  dynamodb: { SequenceNumber: '1', NewImage: image(caseToItem(next)), OldImage: image(caseToItem(previous)) },
});

describe('Function: followUpFromRecord', () => {
  it('turns a new follow-up marker into a message, and an unchanged one into nothing', () => {
    expect(followUpFromRecord(modify(acknowledged, paged))?.followUp.id).toBe('case-1#2#acknowledged');
    expect(followUpFromRecord(modify(resolved, acknowledged))?.followUp.id).toBe('case-1#2#resolved');
    expect(followUpFromRecord(modify({ ...resolved, occurrences: 9 }, resolved))).toBeUndefined();
  });

  it('asks for no new page on an acknowledgement: the escalation marker did not change', () => {
    expect(
      notificationsFromRecord(modify(acknowledged, paged)).map((message) => Object.keys(message)),
    ).toEqual([['followUp', 'case']]);
  });
});

describe('Function: followUpPublishInput', () => {
  it.each([
    [
      english,
      '[RED] Acknowledged by li: budget risk: campaign cmp-1 on facebook',
      [
        'Acknowledged by li at ',
        'https://radar.example.com/cases/case-1?lang=en',
        'Follow-up to escalation case-1#2 (tier 2)',
      ],
    ],
    [
      chinese,
      '【红色】li 已确认：预算风险：',
      ['li 已于 2026', 'https://radar.example.com/cases/case-1?lang=zh-CN', '升级通知 case-1#2（第 2 次）'],
    ],
    [
      vietnamese,
      '[ĐỎ] li đã tiếp nhận: Rủi ro ngân sách: ',
      [
        'li đã tiếp nhận hồ sơ rủi ro này lúc ',
        'https://radar.example.com/cases/case-1?lang=vi',
        'cảnh báo case-1#2 (lần 2)',
      ],
    ],
  ])('writes an acknowledgement in %o: who, when, the case, its link', (audience, subject, lines) => {
    const input = followUpPublishInput('arn:topic', followUp(acknowledged), links, audience);

    expect(input.Subject?.startsWith(subject)).toBe(true);
    for (const line of lines) expect(parts(input).default).toContain(line);
  });

  it.each([
    [english, 'Resolved by ana at ', 'Root cause: Nobody reviews caps before a launch'],
    [chinese, 'ana 已于 2026', '根本原因：Nobody reviews caps before a launch'],
    [
      vietnamese,
      'ana đã xử lý xong hồ sơ rủi ro này lúc ',
      'Nguyên nhân gốc: Nobody reviews caps before a launch',
    ],
  ])('writes a resolution in %o with the root cause, the last why', (audience, who, rootCause) => {
    const body = parts(followUpPublishInput('arn:topic', followUp(resolved), links, audience)).default;

    expect(body).toContain(who);
    expect(body).toContain(rootCause);
    expect(body).not.toContain('The bid cap was removed');
  });

  it('shows times in the audience zone: 14:30 UTC is 22:30 in Shanghai', () => {
    const body = parts(followUpPublishInput('arn:topic', followUp(acknowledged), links, chinese)).default;

    expect(body).toContain('22:30');
  });

  it('travels with the routing of the page it follows: its tier and recipients, the brand and market', () => {
    const input = followUpPublishInput('arn:topic', followUp(resolved), links, vietnamese);

    expect(input.MessageAttributes).toEqual({
      level: { DataType: 'String', StringValue: 'red' },
      riskType: { DataType: 'String', StringValue: 'budget' },
      tier: { DataType: 'Number', StringValue: '2' },
      market: { DataType: 'String', StringValue: 'GB' },
      channel: { DataType: 'String', StringValue: 'facebook' },
      brand: { DataType: 'String', StringValue: 'acme' },
      owner: { DataType: 'String', StringValue: 'ana' },
      recipients: { DataType: 'String.Array', StringValue: '["ana","li"]' },
      lang: { DataType: 'String', StringValue: 'vi' },
      timeZone: { DataType: 'String', StringValue: 'Asia/Ho_Chi_Minh' },
    });
    // SNS takes at most 10 message attributes.
    expect(Object.keys(input.MessageAttributes ?? {}).length).toBeLessThanOrEqual(10);
  });
});

describe('Who the follow-up names', () => {
  it('calls the person by their name when the transition knows it, by username otherwise', () => {
    const named = must(
      acknowledgeCase(paged, 'user:li', new Date('2026-11-22T14:30:00Z'), undefined, 'Li Na'),
    );

    expect(followUpPublishInput('arn:topic', followUp(named), links).Subject).toBe(
      '[RED] Acknowledged by Li Na: budget risk: campaign cmp-1 on facebook',
    );
    expect(followUpPublishInput('arn:topic', followUp(acknowledged), links).Subject).toBe(
      '[RED] Acknowledged by li: budget risk: campaign cmp-1 on facebook',
    );
  });
});

describe('Function: followUpSms', () => {
  it('says who acknowledged, with the whole link, in one segment', () => {
    const sms = followUpSms(followUp(acknowledged), english, links);

    expect(sms).toBe('[RED] Acknowledged by li https://radar.example.com/cases/case-1');
    expect(smsLength(sms).segments).toBe(1);
  });

  it('cuts a long root cause to the segments the level and the link need, in Vietnamese without diacritics', () => {
    const long = {
      ...followUp(resolved),
      followUp: {
        ...followUp(resolved).followUp,
        rootCause: 'Không ai kiểm tra giới hạn giá thầu '.repeat(8),
      },
    };

    const sms = followUpSms(long, vietnamese, links);

    expect(sms.startsWith('[DO] ana da xu ly xong, nguyen nhan goc: Khong ai kiem tra')).toBe(true);
    expect(sms.endsWith(' https://radar.example.com/cases/case-1')).toBe(true);
    expect(smsLength(sms)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });
});

describe('Function: escalationPublishInput (who was paged)', () => {
  it.each([
    [english, 'Paged: ana (owner) and li.'],
    [chinese, '通知对象：ana（负责人）和li。'],
    [vietnamese, 'Đã báo cho: ana (người phụ trách) và li.'],
  ])('names the people a tier-2 page reached in %o, the owner marked', (audience, line) => {
    const escalation = paged.escalation;
    if (escalation === undefined) throw new Error('the fixture pages');

    const body = parts(
      escalationPublishInput('arn:topic', { escalation, case: paged }, links, audience),
    ).default;

    expect(body?.split('\n')).toContain(line);
  });

  it('says every subscribed manager was paged when the case has no owner', () => {
    const unowned = {
      ...paged,
      owner: undefined,
      escalation: { ...(paged.escalation as Escalation), recipients: undefined },
    };

    const body = parts(
      escalationPublishInput('arn:topic', { escalation: unowned.escalation, case: unowned }, links),
    ).default;

    expect(body?.split('\n')).toContain('Paged: every subscribed manager.');
  });
});

describe('Links: every notification names its case in the web app', () => {
  it('links the escalation, the follow-up and each digest line to the case page', () => {
    const link = caseLink(links, 'case-1', 'en');
    const escalation = paged.escalation;
    if (escalation === undefined) throw new Error('the fixture pages');

    const page = parts(escalationPublishInput('arn:topic', { escalation, case: paged }, links)).default;
    const after = parts(followUpPublishInput('arn:topic', followUp(acknowledged), links)).default;
    const digest = digestPublishInput(
      'arn:topic',
      { level: 'yellow', since: '2026-11-21T08:00:00Z', until: '2026-11-22T08:00:00Z', cases: [paged] },
      links,
    ).Message;

    expect(page).toContain(link);
    expect(after).toContain(link);
    expect(digest).toContain(link);
  });
});

describe('Class: SnsNotifier', () => {
  const sns = mockClient(SNSClient);
  afterEach(() => {
    sns.reset();
  });

  it('publishes a follow-up once per audience, each in its language', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const notifier = new SnsNotifier(
      new SNSClient({ region: 'us-east-1' }),
      'arn:aws:sns:us-east-1:123:escalations',
      async () => links,
      [english, chinese],
    );

    // Act
    await notifier.publish(followUp(acknowledged));

    // Assess
    const inputs = sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
    expect(inputs.map((input) => input.MessageAttributes?.lang?.StringValue)).toEqual(['en', 'zh-CN']);
    expect(inputs.map((input) => input.Subject)).toEqual([
      '[RED] Acknowledged by li: budget risk: campaign cmp-1 on facebook',
      expect.stringMatching(/^【红色】li 已确认：/),
    ]);
  });
});
