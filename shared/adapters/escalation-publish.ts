import type { PublishCommandInput } from '@aws-sdk/client-sns';
import type { DigestMessage, EscalationMessage } from '#shared/ports.ts';

/** SNS subjects must be ASCII-free of newlines and at most 100 characters. */
const MAX_SUBJECT = 100;
/** One SMS: 160 characters of the GSM alphabet (a Chinese or Vietnamese label makes it fewer, 70). */
const MAX_SMS = 160;

const formatFinding = (finding: EscalationMessage['case']['findings'][number]): string => {
  const numbers = Object.entries(finding.metrics ?? {})
    .map(([name, value]) => `${name}=${Number.isInteger(value) ? value : value.toFixed(3)}`)
    .join(', ');
  return `- [${finding.level}] ${finding.message}${numbers === '' ? '' : ` (${numbers})`}`;
};

type Attributes = NonNullable<PublishCommandInput['MessageAttributes']>;

const attribute = (value: string | undefined): Attributes[string] | undefined =>
  value === undefined || value === '' ? undefined : { DataType: 'String', StringValue: value };

/**
 * The exact SNS Publish input for an escalation: a short subject, a body a manager can act on from a
 * phone, and message attributes subscriptions can filter on. The message is per protocol
 * (`MessageStructure: 'json'`): e-mail and every other protocol get the body (`default`), a phone gets one
 * line (`sms`). Used by the SNS notifier and by the local outbox, so both show the same message.
 */
export const escalationPublishInput = (topicArn: string, message: EscalationMessage): PublishCommandInput => {
  const { case: riskCase, escalation } = message;
  const subject = `[${escalation.level.toUpperCase()}] ${riskCase.riskType} risk: ${riskCase.subject.label}`;
  const body = [
    `${escalation.level.toUpperCase()} ${riskCase.riskType} risk on ${riskCase.subject.label}.`,
    `Matrix cell: probability ${riskCase.probability} x impact ${riskCase.impact}.`,
    `Occurrences: ${riskCase.occurrences} (first ${riskCase.firstSeenAt}, last ${riskCase.lastSeenAt}).`,
    'Findings:',
    ...riskCase.findings.map(formatFinding),
    '',
    `Case ${riskCase.caseId}: GET /v1/cases/${riskCase.caseId}; acknowledge to stop the SLA clock.`,
    `Escalation ${escalation.id} (tier ${escalation.tier}, ${escalation.reason}) at ${escalation.at}.`,
  ].join('\n');
  const sms = `${subject}. Case ${riskCase.caseId}: acknowledge to stop the SLA clock.`;
  const attributes = {
    level: attribute(escalation.level),
    riskType: attribute(riskCase.riskType),
    tier: { DataType: 'Number', StringValue: String(escalation.tier) },
    market: attribute(riskCase.subject.market),
    channel: attribute(riskCase.subject.channel),
    brand: attribute(riskCase.subject.brand),
  };
  return {
    TopicArn: topicArn,
    Subject: subject.replace(/[\r\n]+/g, ' ').slice(0, MAX_SUBJECT),
    MessageStructure: 'json',
    Message: JSON.stringify({ default: body, sms: sms.replace(/\s+/g, ' ').slice(0, MAX_SMS) }),
    MessageAttributes: Object.fromEntries(
      Object.entries(attributes).filter(
        (entry): entry is [string, Attributes[string]] => entry[1] !== undefined,
      ),
    ),
  };
};

/** The daily digest of new yellow cases: one message, one line per case. */
export const digestPublishInput = (topicArn: string, message: DigestMessage): PublishCommandInput => {
  const lines = message.cases.map(
    (riskCase) =>
      `- [${riskCase.level}] ${riskCase.riskType}: ${riskCase.subject.label} (${riskCase.occurrences} occurrence${riskCase.occurrences === 1 ? '' : 's'}) — case ${riskCase.caseId}`,
  );
  return {
    TopicArn: topicArn,
    Subject: `Risk digest: ${message.cases.length} new case${message.cases.length === 1 ? '' : 's'} needing attention`,
    Message: [
      `New cases needing attention between ${message.since} and ${message.until}:`,
      ...lines,
      '',
      'Open each with GET /v1/cases/<case id>; nothing here pages anyone.',
    ].join('\n'),
    MessageAttributes: { kind: { DataType: 'String', StringValue: 'digest' } },
  };
};
