import type { PublishCommandInput } from '@aws-sdk/client-sns';
import type { DigestMessage, EscalationMessage } from '#shared/ports.ts';

/** SNS subjects must be ASCII-free of newlines and at most 100 characters. */
const MAX_SUBJECT = 100;
/** One SMS: 160 characters of the GSM alphabet (a Chinese or Vietnamese label makes it fewer, 70). */
const MAX_SMS = 160;

/** Where messages send people: the web app (`WEB_URL`), whose case page is `/cases/<id>` (web/src). */
export interface Links {
  readonly webUrl: string;
}

/** The case's page in the web app. @example caseLink({ webUrl: 'https://x.cloudfront.net' }, 'c-1') */
export const caseLink = (links: Links, caseId: string): string =>
  `${links.webUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(caseId)}`;

const formatFinding = (finding: EscalationMessage['case']['findings'][number]): string => {
  const numbers = Object.entries(finding.metrics ?? {})
    .map(([name, value]) => `${name}=${Number.isInteger(value) ? value : value.toFixed(3)}`)
    .join(', ');
  return `- [${finding.level}] ${finding.message}${numbers === '' ? '' : ` (${numbers})`}`;
};

type Attributes = NonNullable<PublishCommandInput['MessageAttributes']>;

const attribute = (value: string | undefined): Attributes[string] | undefined =>
  value === undefined || value === '' ? undefined : { DataType: 'String', StringValue: value };

/** Whole hours between two instants, for "unacknowledged after 4 h". */
const hoursBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 3_600_000);

/**
 * What the subject says before the case: the level, and for a repeat page (tier 2 and up) that nobody
 * acknowledged the earlier one, and for how long.
 */
const headline = (message: EscalationMessage): string => {
  const { escalation, previous } = message;
  const level = `[${escalation.level.toUpperCase()}]`;
  if (escalation.tier < 2) return level;
  const since = previous === undefined ? '' : ` after ${hoursBetween(previous.at, escalation.at)} h`;
  return `${level} TIER ${escalation.tier}, unacknowledged${since}:`;
};

/**
 * The exact SNS Publish input for an escalation: a short subject, a body a manager can act on from a
 * phone with a link to the case in the web app, and message attributes subscriptions can filter on. The
 * message is per protocol (`MessageStructure: 'json'`): e-mail and every other protocol get the body
 * (`default`), a phone gets one line (`sms`). Used by the SNS notifier and by the local outbox, so both
 * show the same message.
 */
export const escalationPublishInput = (
  topicArn: string,
  message: EscalationMessage,
  links: Links,
): PublishCommandInput => {
  const { case: riskCase, escalation, previous } = message;
  const subject = `${headline(message)} ${riskCase.riskType} risk: ${riskCase.subject.label}`;
  const link = caseLink(links, riskCase.caseId);
  const body = [
    ...(escalation.tier >= 2
      ? [
          `Tier ${escalation.tier}: nobody acknowledged this case${previous === undefined ? '' : ` since the tier ${previous.tier} page at ${previous.at} (${hoursBetween(previous.at, escalation.at)} h)`}.`,
        ]
      : []),
    `${escalation.level.toUpperCase()} ${riskCase.riskType} risk on ${riskCase.subject.label}.`,
    `Matrix cell: probability ${riskCase.probability} x impact ${riskCase.impact}.`,
    `Occurrences: ${riskCase.occurrences} (first ${riskCase.firstSeenAt}, last ${riskCase.lastSeenAt}).`,
    'Findings:',
    ...riskCase.findings.map(formatFinding),
    '',
    `Open the case: ${link}`,
    'Acknowledge it there to stop the SLA clock.',
    `Escalation ${escalation.id} (tier ${escalation.tier}, ${escalation.reason}) at ${escalation.at}.`,
  ].join('\n');
  const sms = `${subject}. ${link}`;
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
    Message: JSON.stringify({ default: body, sms: fitSms(sms, subject, link) }),
    MessageAttributes: Object.fromEntries(
      Object.entries(attributes).filter(
        (entry): entry is [string, Attributes[string]] => entry[1] !== undefined,
      ),
    ),
  };
};

/** One SMS: the link is kept whole (a cut link is useless); the subject gives way. */
const fitSms = (sms: string, subject: string, link: string): string => {
  const oneLine = sms.replace(/\s+/g, ' ');
  if (oneLine.length <= MAX_SMS) return oneLine;
  const room = MAX_SMS - link.length - 3;
  return room <= 0 ? link.slice(0, MAX_SMS) : `${subject.replace(/\s+/g, ' ').slice(0, room)}. ${link}`;
};

/** The daily digest of new yellow cases: one message, one line per case with its link. */
export const digestPublishInput = (
  topicArn: string,
  message: DigestMessage,
  links: Links,
): PublishCommandInput => {
  const lines = message.cases.map(
    (riskCase) =>
      `- [${riskCase.level}] ${riskCase.riskType}: ${riskCase.subject.label} (${riskCase.occurrences} occurrence${riskCase.occurrences === 1 ? '' : 's'}) — ${caseLink(links, riskCase.caseId)}`,
  );
  return {
    TopicArn: topicArn,
    Subject: `Risk digest: ${message.cases.length} new case${message.cases.length === 1 ? '' : 's'} needing attention`,
    Message: [
      `New cases needing attention, recorded between ${message.since} and ${message.until}:`,
      ...lines,
      '',
      'Nothing here pages anyone.',
    ].join('\n'),
    MessageAttributes: { kind: { DataType: 'String', StringValue: 'digest' } },
  };
};
