import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { brandKey, marketKey } from '#shared/auth/scope.ts';
import type { Escalation, RiskCase } from '#shared/domain/case.ts';
import { actorName } from '#shared/domain/escalation-policy.ts';
import { AUDIENCE_ATTRIBUTES, type Audience, DEFAULT_AUDIENCE } from '#shared/i18n/audiences.ts';
import { localizeFinding } from '#shared/i18n/findings.ts';
import { formatInstant } from '#shared/i18n/formats.ts';
import type { Locale } from '#shared/i18n/locales.ts';
import { notificationText as t } from '#shared/i18n/notifications.ts';
import { fitSms, type SmsParts, withoutDiacritics } from '#shared/i18n/sms.ts';
import { domainWord, metricsLine, subjectText } from '#shared/i18n/vocabulary.ts';
import {
  type CaseNotification,
  type DigestMessage,
  type EscalationMessage,
  type FollowUpMessage,
  isFollowUp,
} from '#shared/ports.ts';

/** SNS subjects must have no line breaks and be less than 100 characters long. */
const MAX_SUBJECT = 99;

/**
 * Locales whose SMS are sent without diacritics: Vietnamese, as Vietnamese SMS usually are ("không dấu"),
 * so a text is GSM-7 (160 a segment) rather than UCS-2 (70), and the escalation fits one segment.
 */
const SMS_WITHOUT_DIACRITICS: ReadonlySet<Locale> = new Set(['vi']);

/** Where messages send people: the web app (`WEB_URL`), whose case page is `/cases/<id>` (web/src). */
export interface Links {
  readonly webUrl: string;
}

/**
 * The case's page in the web app, asking for the reader's language when `lang` is given.
 *
 * @example caseLink({ webUrl: 'https://x.cloudfront.net' }, 'c-1', 'vi') // 'https://x.cloudfront.net/cases/c-1?lang=vi'
 */
export const caseLink = (links: Links, caseId: string, lang?: Locale): string =>
  `${links.webUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(caseId)}${lang === undefined ? '' : `?lang=${lang}`}`;

type Attributes = NonNullable<PublishCommandInput['MessageAttributes']>;

const attribute = (value: string | undefined): Attributes[string] | undefined =>
  value === undefined || value === '' ? undefined : { DataType: 'String', StringValue: value };

/**
 * The message attributes escalations and follow-ups are routed by (infra/subscription-filters.ts builds the
 * subscriptions' filter policies from the same names). `brand` travels case-folded and `market` with UK as
 * GB (shared/auth/scope.ts), so a filter matches however an event spelt them. SNS takes at most 10
 * attributes a message: these 8 and the audience's 2.
 */
export const ROUTING_ATTRIBUTES = {
  level: 'level',
  riskType: 'riskType',
  tier: 'tier',
  market: 'market',
  channel: 'channel',
  brand: 'brand',
  owner: 'owner',
  /** String.Array of the usernames paged; absent when every subscribed manager is (a case with no owner). */
  recipients: 'recipients',
} as const;

/**
 * A crisis drill's messages (shared/domain/drill.ts): the subject, the body and the SMS start with
 * `DRILL_TAG`, and the `drill` attribute carries the drill id, so a mail rule or a subscription can tell a
 * drill at once. To stay within SNS's 10 attributes it takes the place of `channel`, which the message
 * names anyway (filter policies never select on it: infra/subscription-filters.ts).
 */
export const DRILL_TAG = '[DRILL]';
export const DRILL_ATTRIBUTE = 'drill';

/** `text` marked as a drill's when the case is one. */
const drillTagged = (riskCase: RiskCase, text: string): string =>
  riskCase.drill === undefined ? text : `${DRILL_TAG} ${text}`;

/** `fitSms` with a drill's tag at the head of every variant, so the tag counts in the segments. */
const fitDrillSms = (riskCase: RiskCase, variants: readonly [SmsParts, ...SmsParts[]]): string =>
  fitSms(
    riskCase.drill === undefined
      ? variants
      : (variants.map((variant) => ({ ...variant, head: `${DRILL_TAG} ${variant.head}` })) as [
          SmsParts,
          ...SmsParts[],
        ]),
  );

/** The routing attributes of a page (an escalation) or of its follow-up: the escalation's tier and recipients. */
const routingAttributes = (riskCase: RiskCase, escalation: Escalation): Attributes => {
  const { subject } = riskCase;
  const drill = riskCase.drill;
  const attributes = {
    ...(drill === undefined ? {} : { [DRILL_ATTRIBUTE]: attribute(drill.drillId) }),
    [ROUTING_ATTRIBUTES.level]: attribute(escalation.level),
    [ROUTING_ATTRIBUTES.riskType]: attribute(riskCase.riskType),
    [ROUTING_ATTRIBUTES.tier]: { DataType: 'Number', StringValue: String(escalation.tier) },
    [ROUTING_ATTRIBUTES.market]: attribute(
      subject.market === undefined ? undefined : marketKey(subject.market),
    ),
    [ROUTING_ATTRIBUTES.channel]: drill === undefined ? attribute(subject.channel) : undefined,
    [ROUTING_ATTRIBUTES.brand]: attribute(subject.brand === undefined ? undefined : brandKey(subject.brand)),
    [ROUTING_ATTRIBUTES.owner]: attribute(riskCase.owner),
    [ROUTING_ATTRIBUTES.recipients]:
      escalation.recipients === undefined || escalation.recipients.length === 0
        ? undefined
        : { DataType: 'String.Array', StringValue: JSON.stringify(escalation.recipients) },
  };
  return Object.fromEntries(
    Object.entries(attributes).filter(
      (entry): entry is [string, Attributes[string]] => entry[1] !== undefined,
    ),
  );
};

/** The message attributes of an audience, which each subscription's filter policy selects on. */
const audienceAttributes = (audience: Audience): Attributes => ({
  [AUDIENCE_ATTRIBUTES.lang]: { DataType: 'String', StringValue: audience.lang },
  [AUDIENCE_ATTRIBUTES.timeZone]: { DataType: 'String', StringValue: audience.timeZone },
});

/** A level as a message shows it: the domain's word, upper-cased (`RED`, `ĐỎ`, `红色`). */
const levelWord = (lang: Locale, level: string): string =>
  domainWord(lang, 'level', level).toLocaleUpperCase(lang);

/** A risk type or a matrix label inside a sentence: the domain's word, lower-cased where the script has case. */
const inSentence = (lang: Locale, kind: 'riskType' | 'grade', word: string): string =>
  domainWord(lang, kind, word).toLocaleLowerCase(lang);

/** Whole hours between two instants, for "unacknowledged after 4 h". */
const hoursBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 3_600_000);

/** One line, at most `max` characters, never cutting a character in two. */
const oneLine = (text: string, max: number): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  const characters = Array.from(line);
  return characters.length <= max ? line : `${characters.slice(0, max - 1).join('')}…`;
};

/** The words of one escalation in one audience's language and time zone. */
const wordsOf = (message: EscalationMessage, audience: Audience) => {
  const { lang, timeZone } = audience;
  const { case: riskCase, escalation, previous } = message;
  const level = levelWord(lang, escalation.level);
  const hours = previous === undefined ? undefined : hoursBetween(previous.at, escalation.at);
  return {
    level,
    riskType: inSentence(lang, 'riskType', riskCase.riskType),
    subject: subjectText(lang, riskCase.subject),
    hours,
    at: (iso: string) => formatInstant(lang, iso, timeZone),
    headline:
      escalation.tier < 2
        ? t(lang, 'headline.first', { level })
        : hours === undefined
          ? t(lang, 'headline.repeat', { level, tier: escalation.tier })
          : t(lang, 'headline.repeatAfter', { level, tier: escalation.tier, hours }),
  };
};

/**
 * Who this page reached, so a manager paged at tier 2 sees they were added to the owner: the usernames,
 * the owner marked, or every subscribed manager (shared/domain/escalation-policy.ts).
 */
const pagedLine = (
  lang: Locale,
  owner: string | undefined,
  recipients: readonly string[] | undefined,
): string =>
  recipients === undefined || recipients.length === 0
    ? t(lang, 'escalation.pagedEveryone')
    : t(lang, 'escalation.paged', {
        names: new Intl.ListFormat(lang, { type: 'conjunction' }).format(
          recipients.map((name) => (name === owner ? t(lang, 'escalation.ownerName', { name }) : name)),
        ),
      });

/** The e-mail body: what happened, the matrix cell, who was paged, the findings in the reader's language, the link. */
const escalationBody = (message: EscalationMessage, audience: Audience, link: string): string => {
  const { lang } = audience;
  const { case: riskCase, escalation, previous } = message;
  const words = wordsOf(message, audience);
  const repeat =
    escalation.tier < 2
      ? []
      : [
          previous === undefined
            ? t(lang, 'escalation.repeat', { tier: escalation.tier })
            : t(lang, 'escalation.repeatSince', {
                tier: escalation.tier,
                previousTier: previous.tier,
                previousAt: words.at(previous.at),
                hours: words.hours ?? 0,
              }),
        ];
  const findings = riskCase.findings.map((finding) => {
    const level = levelWord(lang, finding.level);
    const text = localizeFinding(finding, lang).message;
    // Each number named in the reader's language and written as the web app writes it.
    const numbers = metricsLine(lang, finding.metrics ?? {});
    return numbers === ''
      ? t(lang, 'escalation.finding', { level, message: text })
      : t(lang, 'escalation.findingNumbers', { level, message: text, numbers });
  });
  return [
    ...repeat,
    t(lang, 'escalation.what', { level: words.level, riskType: words.riskType, subject: words.subject }),
    t(lang, 'escalation.matrix', {
      probability: inSentence(lang, 'grade', riskCase.probability),
      impact: inSentence(lang, 'grade', riskCase.impact),
    }),
    t(lang, 'escalation.occurrences', {
      count: riskCase.occurrences,
      first: words.at(riskCase.firstSeenAt),
      last: words.at(riskCase.lastSeenAt),
    }),
    pagedLine(lang, riskCase.owner, escalation.recipients),
    t(lang, 'escalation.findings'),
    ...findings,
    '',
    t(lang, 'escalation.open', { link }),
    t(lang, 'escalation.acknowledge'),
    t(lang, 'escalation.reference', {
      id: escalation.id,
      tier: escalation.tier,
      // ICU select keys are identifiers: `level-rose` is asked as `level_rose`.
      reason: t(lang, 'reason', { reason: escalation.reason.replaceAll('-', '_') }),
      at: words.at(escalation.at),
    }),
  ].join('\n');
};

/**
 * The one-line text a phone gets: the level (and the tier of a repeat page), the risk type and the
 * subject, then the link to the case kept whole. It takes the fewest segments the level and the link
 * allow (shared/i18n/sms.ts): the subject is cut first, then the risk type goes. The link carries no
 * `?lang=`, which would cost a Chinese text its subject; the web app opens in the phone's language.
 */
export const escalationSms = (message: EscalationMessage, audience: Audience, links: Links): string => {
  const { lang } = audience;
  const { case: riskCase, escalation } = message;
  const plain = (text: string): string =>
    (SMS_WITHOUT_DIACRITICS.has(lang) ? withoutDiacritics(text) : text).replace(/\s+/g, ' ');
  const level = levelWord(lang, escalation.level);
  const riskType = inSentence(lang, 'riskType', riskCase.riskType);
  const headline =
    escalation.tier < 2
      ? t(lang, 'sms.headline.first', { level })
      : t(lang, 'sms.headline.repeat', { level, tier: escalation.tier });
  const tail = ` ${caseLink(links, riskCase.caseId)}`;
  return fitDrillSms(riskCase, [
    {
      head: plain(t(lang, 'sms.escalation', { headline, riskType })),
      cuttable: plain(subjectText(lang, riskCase.subject)).trim(),
      tail,
    },
    { head: plain(t(lang, 'sms.escalationShort', { headline, riskType })), cuttable: '', tail },
    { head: plain(headline), cuttable: '', tail },
  ]);
};

/**
 * The exact SNS Publish input for an escalation, written for one audience: a short subject, a body a
 * manager can act on from a phone with a link to the case in the web app, in the audience's language with
 * times in its zone, and message attributes subscriptions filter on (`lang` and `timeZone` select the
 * audience; `recipients`, `brand` and `market` the people, ROUTING_ATTRIBUTES the rest). The message is per
 * protocol (`MessageStructure: 'json'`): e-mail and every other protocol get the body (`default`), a phone
 * gets one line (`sms`). Used by the SNS notifier and by the local outbox, so both show the same message.
 */
export const escalationPublishInput = (
  topicArn: string,
  message: EscalationMessage,
  links: Links,
  audience: Audience = DEFAULT_AUDIENCE,
): PublishCommandInput => {
  const { lang } = audience;
  const { case: riskCase, escalation } = message;
  const words = wordsOf(message, audience);
  const subject = t(lang, 'escalation.subject', {
    headline: words.headline,
    riskType: words.riskType,
    subject: words.subject,
  });
  const body = escalationBody(message, audience, caseLink(links, riskCase.caseId, lang));
  return {
    TopicArn: topicArn,
    Subject: oneLine(drillTagged(riskCase, subject), MAX_SUBJECT),
    MessageStructure: 'json',
    Message: JSON.stringify({
      default: drillTagged(riskCase, body),
      sms: escalationSms(message, audience, links),
    }),
    MessageAttributes: { ...routingAttributes(riskCase, escalation), ...audienceAttributes(audience) },
  };
};

/** The words of a follow-up: who acted, the case as the page named it, the headline with the level. */
const followUpWords = (message: FollowUpMessage, audience: Audience) => {
  const { lang } = audience;
  const { case: riskCase, followUp } = message;
  const level = levelWord(lang, riskCase.level);
  const name = actorName(followUp.by, followUp.byName);
  return {
    level,
    name,
    riskType: inSentence(lang, 'riskType', riskCase.riskType),
    subject: subjectText(lang, riskCase.subject),
    headline:
      followUp.kind === 'acknowledged'
        ? t(lang, 'followUp.headline.acknowledged', { level, name })
        : t(lang, 'followUp.headline.resolved', { level, name }),
  };
};

/**
 * The one-line follow-up a phone gets: the level, who acknowledged or resolved, a resolution's root cause
 * (cut first), then the link kept whole, in the fewest segments (as `escalationSms`).
 */
export const followUpSms = (message: FollowUpMessage, audience: Audience, links: Links): string => {
  const { lang } = audience;
  const { case: riskCase, followUp } = message;
  const plain = (text: string): string =>
    (SMS_WITHOUT_DIACRITICS.has(lang) ? withoutDiacritics(text) : text).replace(/\s+/g, ' ');
  const words = followUpWords(message, audience);
  const tail = ` ${caseLink(links, riskCase.caseId)}`;
  const head = plain(words.headline);
  const floor: SmsParts = { head, cuttable: '', tail };
  if (followUp.rootCause === undefined) return fitDrillSms(riskCase, [floor]);
  const withRootCause: SmsParts = {
    head: plain(t(lang, 'sms.followUp.rootCause', { headline: words.headline })),
    cuttable: plain(followUp.rootCause).trim(),
    tail,
  };
  return fitDrillSms(riskCase, [withRootCause, floor]);
};

/**
 * The exact SNS Publish input for a follow-up (a case that paged people was acknowledged or resolved),
 * for one audience: who did it and when, a resolution's root cause (its last why), the link to the case.
 * It travels with the routing attributes of the escalation it follows — its tier and recipients — so the
 * subscriptions that received the page receive the follow-up, and no one else.
 */
export const followUpPublishInput = (
  topicArn: string,
  message: FollowUpMessage,
  links: Links,
  audience: Audience = DEFAULT_AUDIENCE,
): PublishCommandInput => {
  const { lang, timeZone } = audience;
  const { case: riskCase, followUp } = message;
  const words = followUpWords(message, audience);
  const at = formatInstant(lang, followUp.at, timeZone);
  const body = [
    followUp.kind === 'acknowledged'
      ? t(lang, 'followUp.acknowledged', { name: words.name, at })
      : t(lang, 'followUp.resolved', { name: words.name, at }),
    ...(followUp.rootCause === undefined
      ? []
      : [t(lang, 'followUp.rootCause', { rootCause: followUp.rootCause })]),
    t(lang, 'escalation.what', { level: words.level, riskType: words.riskType, subject: words.subject }),
    '',
    t(lang, 'escalation.open', { link: caseLink(links, riskCase.caseId, lang) }),
    t(lang, 'followUp.reference', {
      id: followUp.escalation.id,
      tier: followUp.escalation.tier,
      at: formatInstant(lang, followUp.escalation.at, timeZone),
    }),
  ].join('\n');
  return {
    TopicArn: topicArn,
    Subject: oneLine(
      drillTagged(
        riskCase,
        t(lang, 'followUp.subject', {
          headline: words.headline,
          riskType: words.riskType,
          subject: words.subject,
        }),
      ),
      MAX_SUBJECT,
    ),
    MessageStructure: 'json',
    Message: JSON.stringify({
      default: drillTagged(riskCase, body),
      sms: followUpSms(message, audience, links),
    }),
    MessageAttributes: {
      ...routingAttributes(riskCase, followUp.escalation),
      ...audienceAttributes(audience),
    },
  };
};

/** The Publish input of whatever the outbox carries: an escalation or a follow-up. */
export const notificationPublishInput = (
  topicArn: string,
  message: CaseNotification,
  links: Links,
  audience: Audience = DEFAULT_AUDIENCE,
): PublishCommandInput =>
  isFollowUp(message)
    ? followUpPublishInput(topicArn, message, links, audience)
    : escalationPublishInput(topicArn, message, links, audience);

/**
 * The daily digest of new cases needing attention, for one audience: one line per case with its link,
 * the period in the audience's zone. Only e-mail subscribes to the digest topic.
 */
export const digestPublishInput = (
  topicArn: string,
  message: DigestMessage,
  links: Links,
  audience: Audience = DEFAULT_AUDIENCE,
): PublishCommandInput => {
  const { lang, timeZone } = audience;
  const lines = message.cases.map((riskCase) =>
    t(lang, 'digest.case', {
      level: levelWord(lang, riskCase.level),
      riskType: inSentence(lang, 'riskType', riskCase.riskType),
      subject: subjectText(lang, riskCase.subject),
      count: riskCase.occurrences,
      link: caseLink(links, riskCase.caseId, lang),
    }),
  );
  return {
    TopicArn: topicArn,
    Subject: oneLine(t(lang, 'digest.subject', { count: message.cases.length }), MAX_SUBJECT),
    Message: [
      t(lang, 'digest.intro', {
        since: formatInstant(lang, message.since, timeZone),
        until: formatInstant(lang, message.until, timeZone),
      }),
      ...lines,
      '',
      t(lang, 'digest.quiet'),
    ].join('\n'),
    MessageAttributes: {
      kind: { DataType: 'String', StringValue: 'digest' },
      ...audienceAttributes(audience),
    },
  };
};
