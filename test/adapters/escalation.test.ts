import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand, type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { caseToItem } from '#shared/adapters/dynamodb-items.ts';
import {
  digestPublishInput,
  escalationPublishInput,
  escalationSms,
} from '#shared/adapters/escalation-publish.ts';
import { escalationFromRecord } from '#shared/adapters/escalation-record.ts';
import { OutboxFileNotifier } from '#shared/adapters/outbox-file-notifier.ts';
import { SnsNotifier } from '#shared/adapters/sns-notifier.ts';
import { type Escalation, escalateForSla, openCase, type RiskCase, subjectOf } from '#shared/domain/case.ts';
import type { Audience } from '#shared/i18n/audiences.ts';
import { smsLength } from '#shared/i18n/sms.ts';
import { subjectText } from '#shared/i18n/vocabulary.ts';
import type { EscalationMessage } from '#shared/ports.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';

const event = spendEvent();
const redCase = openCase(
  'case-1',
  {
    event,
    assessment: assessment([
      finding({
        metrics: { plannedBudget: 10000, actualSpend: 13000, overrunRatio: 0.3 },
        texts: {
          message: {
            en: 'Spend is 30 % over plan.',
            'zh-CN': '花费超出计划 30%。',
            vi: 'Chi tiêu vượt kế hoạch 30%.',
          },
        },
      }),
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

const ZH: Audience = { lang: 'zh-CN', timeZone: 'Asia/Shanghai' };
const VI: Audience = { lang: 'vi', timeZone: 'Asia/Ho_Chi_Minh' };
/** A CloudFront default domain and a case id as ingest makes them (a UUID): an 80-character link. */
const CLOUDFRONT = { webUrl: 'https://d1a2b3c4d5e6f7.cloudfront.net' };
const CASE_ID = '0b6f2c1e-7d1a-4d3b-9a55-3f1e2d4c5b6a';

/** The red case as ingest opens it, with a real case id and, when given, another campaign id. */
const redMessage = (campaignId = 'cmp-1'): EscalationMessage => {
  const event = spendEvent({ campaignId });
  const riskCase = openCase(
    CASE_ID,
    {
      event,
      assessment: assessment([finding()]),
      riskType: 'budget',
      subject: subjectOf(event),
      now: new Date('2026-11-22T10:00:00Z'),
    },
    testPolicy,
  );
  if (riskCase.escalation === undefined) throw new Error('fixture must escalate');
  return { escalation: riskCase.escalation, case: riskCase };
};

const parts = (input: { Message?: string | undefined }) =>
  JSON.parse(input.Message ?? '{}') as { default: string; sms: string };

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
    expect(parts(second).default).toMatch(/^Tier 2: nobody acknowledged this case since the tier 1 page/);
    expect(second.MessageAttributes?.tier?.StringValue).toBe('2');
  });

  it("writes a Chinese reader's e-mail in Chinese: the subject, the findings, the link, times in Asia/Shanghai", () => {
    // Act
    const input = escalationPublishInput(
      'arn:topic',
      { escalation: redCase.escalation as Escalation, case: redCase },
      { webUrl: 'https://radar.example.com' },
      ZH,
    );
    const { default: body } = parts(input);

    // Assess
    expect(input.Subject).toBe('【红色】预算风险：facebook 投放活动 cmp-1');
    expect(body).toContain('风险矩阵：概率 高 × 影响 严重。');
    expect(body).toContain(
      '- 【红色】花费超出计划 30%。（计划预算：10,000；实际花费：13,000；超支比例：+30%）',
    );
    expect(body).toContain('查看案件：https://radar.example.com/cases/case-1?lang=zh-CN');
    // The escalation at 10:00 UTC is 18:00 in Shanghai.
    expect(body).toMatch(/升级编号 case-1#1（第 1 次，立案），时间 2026年11月22日.*18:00/);
    expect(body).not.toMatch(/Spend is|Open the case|plannedBudget|Planned budget/);
    expect(input.MessageAttributes?.lang).toEqual({ DataType: 'String', StringValue: 'zh-CN' });
    expect(input.MessageAttributes?.timeZone).toEqual({ DataType: 'String', StringValue: 'Asia/Shanghai' });
  });

  it('writes a Vietnamese tier-2 page in Vietnamese with the hours and times in Ho Chi Minh City', () => {
    // Prepare
    const { escalation, previous, riskCase } = tier2();

    // Act
    const input = escalationPublishInput(
      'arn:topic',
      { escalation, previous, case: riskCase },
      CLOUDFRONT,
      VI,
    );
    const { default: body } = parts(input);

    // Assess
    expect(input.Subject).toBe(
      '[ĐỎ] CẢNH BÁO LẦN 2, 4 giờ chưa ai tiếp nhận: Rủi ro ngân sách: chiến dịch cmp-1 trên facebook',
    );
    expect(body).toMatch(
      /^Cảnh báo lần 2: chưa ai tiếp nhận hồ sơ rủi ro này kể từ cảnh báo lần 1 lúc 17:00 GMT\+7/,
    );
    expect(body).toContain(
      '- [ĐỎ] Chi tiêu vượt kế hoạch 30%. (Ngân sách kế hoạch: 10.000; Chi tiêu thực tế: 13.000; Tỷ lệ vượt ngân sách: +30%)',
    );
    expect(body).toContain('quá hạn chưa tiếp nhận');
  });
});

describe('Function: escalationSms', () => {
  it('fits a Chinese escalation in one segment when the link leaves room: the level and the whole link', () => {
    // Act: a short web domain and a UUID case id, a 64-character link.
    const sms = escalationSms(redMessage(), ZH, { webUrl: 'https://radar.acme.cn' });

    // Assess
    expect(sms).toBe(`【红色】 https://radar.acme.cn/cases/${CASE_ID}`);
    expect(smsLength(sms)).toEqual({ encoding: 'UCS-2', units: 69, segments: 1 });
  });

  it('says a Chinese escalation needs two segments behind an 80-character CloudFront link, and uses them whole', () => {
    // Act
    const sms = escalationSms(redMessage(), ZH, CLOUDFRONT);

    // Assess: the level and the link alone are 85 code units, more than one UCS-2 segment holds.
    expect(sms).toBe(`【红色】预算风险：facebook 投放活动 cmp-1 ${CLOUDFRONT.webUrl}/cases/${CASE_ID}`);
    expect(smsLength(sms)).toEqual({ encoding: 'UCS-2', units: 109, segments: 2 });
  });

  it('cuts a long Chinese subject to the segments the link needs, the link kept whole', () => {
    // Act
    const sms = escalationSms(redMessage(`春节大促-${'抖音直播间'.repeat(12)}`), ZH, CLOUDFRONT);

    // Assess
    expect(smsLength(sms).segments).toBe(2);
    expect(sms).toMatch(/^【红色】预算风险：facebook 投放活动 春节大促-抖音直播间.*… https:/);
    expect(sms.endsWith(`${CLOUDFRONT.webUrl}/cases/${CASE_ID}`)).toBe(true);
  });

  it('fits a Vietnamese escalation in one GSM segment, written without diacritics, behind the CloudFront link', () => {
    // Act
    const sms = escalationSms(redMessage(), VI, CLOUDFRONT);

    // Assess
    expect(sms).toBe(
      `[DO] Rui ro ngan sach: chien dich cmp-1 tren facebook ${CLOUDFRONT.webUrl}/cases/${CASE_ID}`,
    );
    expect(smsLength(sms)).toEqual({ encoding: 'GSM-7', units: 136, segments: 1 });
  });

  it('cuts a long subject to one segment, in English and Vietnamese alike', () => {
    for (const audience of [{ lang: 'en', timeZone: 'UTC' }, VI] as const) {
      // Act
      const sms = escalationSms(redMessage(`tet-2027-${'khuyen-mai-'.repeat(12)}`), audience, CLOUDFRONT);

      // Assess
      expect(smsLength(sms)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      expect(sms).toMatch(/tet-2027-khuyen-mai-.*\.\.\. https:/);
      expect(sms.endsWith(`/cases/${CASE_ID}`)).toBe(true);
    }
  });

  it("says tier 2 in a phone's line too", () => {
    // Prepare
    const { escalation, previous, riskCase } = tier2();

    // Act
    const sms = escalationSms({ escalation, previous, case: riskCase }, ZH, { webUrl: 'https://r.cn' });

    // Assess
    expect(sms.startsWith('【红色·第2次·未确认】')).toBe(true);
    expect(smsLength(sms).segments).toBe(1);
  });
});

describe('Function: digestPublishInput', () => {
  it('links every case of the digest to its page in the web app', () => {
    const input = digestPublishInput(
      'arn:digest',
      { level: 'yellow', since: '2026-11-21T08:00:00Z', until: '2026-11-22T08:00:00Z', cases: [redCase] },
      { webUrl: 'http://127.0.0.1:3000' },
    );

    expect(input.Message).toContain('http://127.0.0.1:3000/cases/case-1?lang=en');
    expect(input.Message).not.toContain('/v1/cases');
  });

  it("writes the digest in the audience's language with its period in the audience's zone", () => {
    // Act
    const input = digestPublishInput(
      'arn:digest',
      {
        level: 'yellow',
        since: '2026-11-21T08:00:00Z',
        until: '2026-11-22T08:00:00Z',
        cases: [redCase, redCase],
      },
      { webUrl: 'https://radar.example.com' },
      ZH,
    );

    // Assess
    expect(input.Subject).toBe('风险日报：2 个新案件需要关注');
    expect(input.Message).toMatch(
      /^以下新案件需要关注，记录时间 2026年11月21日.*16:00 至 2026年11月22日.*16:00：/,
    );
    expect(input.Message).toContain(
      '- 【红色】预算：facebook 投放活动 cmp-1（1 次）— https://radar.example.com/cases/case-1?lang=zh-CN',
    );
    expect(input.MessageAttributes?.lang?.StringValue).toBe('zh-CN');
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
    const message = parts(input ?? {});
    expect(message.default).toContain('probability high × impact severe');
    expect(message.default).toContain('(Planned budget: 10,000; Actual spend: 13,000; Overrun: +30%)');
    expect(message.default).toContain('Open the case: https://radar.example.com/cases/case-1?lang=en');
    expect(message.default).not.toContain('/v1/');
    // E-mail (and every protocol but SMS) reads `default`; a phone gets one line that fits one SMS.
    expect(Object.keys(message).sort()).toEqual(['default', 'sms']);
    expect(message.sms).toBe(
      '[RED] budget risk: campaign cmp-1 on facebook https://radar.example.com/cases/case-1',
    );
    expect(smsLength(message.sms).segments).toBe(1);
    expect(input?.MessageAttributes).toEqual({
      level: { DataType: 'String', StringValue: 'red' },
      riskType: { DataType: 'String', StringValue: 'budget' },
      tier: { DataType: 'Number', StringValue: '1' },
      channel: { DataType: 'String', StringValue: 'facebook' },
      lang: { DataType: 'String', StringValue: 'en' },
      timeZone: { DataType: 'String', StringValue: 'UTC' },
    });
  });

  it('publishes one message per audience, each in its language and marked with its lang and timeZone', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const audiences: Audience[] = [{ lang: 'en', timeZone: 'UTC' }, ZH, VI];

    // Act
    await new SnsNotifier(new SNSClient({ region: 'us-east-1' }), 'arn:topic', links, audiences).publish(
      redMessage(),
    );
    await new SnsNotifier(
      new SNSClient({ region: 'us-east-1' }),
      'arn:digest',
      links,
      audiences,
    ).publishDigest({
      level: 'yellow',
      since: '2026-11-21T08:00:00Z',
      until: '2026-11-22T08:00:00Z',
      cases: [redCase],
    });

    // Assess
    const calls = sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
    expect(
      calls.map(
        (input) =>
          `${input.TopicArn} ${input.MessageAttributes?.lang?.StringValue}@${input.MessageAttributes?.timeZone?.StringValue}`,
      ),
    ).toEqual([
      'arn:topic en@UTC',
      'arn:topic zh-CN@Asia/Shanghai',
      'arn:topic vi@Asia/Ho_Chi_Minh',
      'arn:digest en@UTC',
      'arn:digest zh-CN@Asia/Shanghai',
      'arn:digest vi@Asia/Ho_Chi_Minh',
    ]);
    expect(calls.map((input) => input.Subject)).toEqual([
      '[RED] budget risk: campaign cmp-1 on facebook',
      '【红色】预算风险：facebook 投放活动 cmp-1',
      '[ĐỎ] Rủi ro ngân sách: chiến dịch cmp-1 trên facebook',
      'Risk digest: 1 new case needing attention',
      '风险日报：1 个新案件需要关注',
      'Bản tin rủi ro: 1 hồ sơ rủi ro mới cần chú ý',
    ]);
  });

  it('publishes the digest through the same notifier, to its own topic', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'd-1' });

    await new SnsNotifier(new SNSClient({ region: 'us-east-1' }), 'arn:digest', links).publishDigest({
      level: 'yellow',
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

describe('Class: OutboxFileNotifier', () => {
  it('records every per-audience message of an escalation and of a digest, one Publish input a line', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'radar-outbox-'));
    const file = join(dir, 'outbox.jsonl');
    const printed: string[] = [];
    const outbox = new OutboxFileNotifier(file, 'arn:local', links, (line) => printed.push(line), [
      { lang: 'en', timeZone: 'UTC' },
      VI,
    ]);

    // Act
    await outbox.publish(redMessage());
    await outbox.publishDigest({
      level: 'yellow',
      since: '2026-11-21T08:00:00Z',
      until: '2026-11-22T08:00:00Z',
      cases: [redCase],
    });

    // Assess
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const inputs = lines.map((line) => JSON.parse(line) as PublishCommandInput);
    expect(inputs.map((input) => input.MessageAttributes?.lang?.StringValue)).toEqual([
      'en',
      'vi',
      'en',
      'vi',
    ]);
    expect(inputs[1]?.Subject).toBe('[ĐỎ] Rủi ro ngân sách: chiến dịch cmp-1 trên facebook');
    expect(printed[1]).toMatch(/^escalation \(vi@Asia\/Ho_Chi_Minh\) → .*outbox\.jsonl: \[ĐỎ\]/);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('Function: subjectText', () => {
  it.each([
    [
      'zh-CN',
      { key: 'sentiment|acme|serum|douyin', label: 'x', brand: 'ACME', product: 'serum', channel: 'douyin' },
      'douyin 上的 ACME serum',
    ],
    ['vi', { key: 'sentiment|acme|*|zalo', label: 'x', brand: 'ACME', channel: 'zalo' }, 'ACME trên zalo'],
    [
      'vi',
      { key: 'ad-copy|VN|acme|c-9', label: 'x', brand: 'ACME', copyId: 'c-9', market: 'VN' },
      'mẫu quảng cáo c-9 của ACME (VN)',
    ],
    [
      'zh-CN',
      { key: 'ad-copy|CN|acme|c-9', label: 'x', brand: 'ACME', copyId: 'c-9', market: 'CN' },
      'ACME 广告文案 c-9（CN）',
    ],
    ['zh-CN', { key: 'other|thing', label: 'the label as stored' }, 'the label as stored'],
  ] as const)('names the subject in %s from its parts: %j', (lang, subject, expected) => {
    expect(subjectText(lang, subject)).toBe(expected);
  });
});
