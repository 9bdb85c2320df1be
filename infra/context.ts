import type { Node } from 'constructs';

/**
 * The deploy-time settings of the app, read from CDK context (`-c name=value` on the command line, or
 * `context` in cdk.json / cdk.context.json). Every value is optional: with none, the app still
 * synthesizes and deploys (no pusher keys, no subscriptions), and docs/deploy.md shows how to add them.
 */
export interface RadarContext {
  /** `pusherClients=cms,meta-ads`: one API key (and usage-plan membership) per pushing client. */
  readonly pusherClients: readonly string[];
  /** `managerEmails=a@x.com,b@y.com`: e-mail subscriptions to the escalation and digest topics. */
  readonly managerEmails: readonly string[];
  /**
   * `managerMarkets=CN,VN`: managers' escalation subscriptions receive only escalations whose `market`
   * message attribute is one of these, plus every escalation that has no market (spend, sentiment).
   */
  readonly managerMarkets: readonly string[];
  /**
   * `managerPhones=+8613800000000,+84901234567`: SMS subscriptions (E.164 numbers) to the escalation topic
   * only, with the same market filter; the text is one line that fits a single SMS. The digest is never
   * texted.
   */
  readonly managerPhones: readonly string[];
  /** `opsEmails=oncall@x.com`: e-mail subscriptions to the operations (alarm) topic. */
  readonly opsEmails: readonly string[];
  /** `scheduleTimeZone=Asia/Shanghai`: the IANA zone cron schedules run in. @default UTC */
  readonly scheduleTimeZone: string | undefined;
}

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
// Deliberately simple: SNS validates the address; this only catches a list pasted with the wrong separator.
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const MARKET = /^[A-Z]{2}$/;
// E.164: a plus, a country code and at most 15 digits in all; no spaces or dashes (SNS refuses them).
const PHONE = /^\+[1-9]\d{6,14}$/;
const TIME_ZONE = /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/;

/** A comma-separated string (command line) or an array (cdk.json), trimmed, blanks dropped. */
const listOf = (node: Node, name: string): string[] => {
  const value: unknown = node.tryGetContext(name);
  const items =
    typeof value === 'string'
      ? value.split(',')
      : Array.isArray(value)
        ? value.map((item) => String(item))
        : [];
  return items.map((item) => item.trim()).filter((item) => item !== '');
};

const validated = (name: string, items: string[], pattern: RegExp, expected: string): string[] => {
  const invalid = items.filter((item) => !pattern.test(item));
  if (invalid.length > 0) {
    throw new Error(`Context ${name}: invalid value(s) ${invalid.join(', ')} (${expected})`);
  }
  return [...new Set(items)];
};

/**
 * Reads and validates the app's context; a malformed value fails synthesis with the name of the setting.
 *
 * @example
 * // cdk synth -c managerEmails=a@x.com -c managerMarkets=CN,VN
 * radarContext(app.node).managerMarkets // ['CN', 'VN']
 */
export const radarContext = (node: Node): RadarContext => {
  const timeZone = listOf(node, 'scheduleTimeZone');
  return {
    pusherClients: validated(
      'pusherClients',
      listOf(node, 'pusherClients'),
      CLIENT_ID,
      'letters, digits, - and _',
    ),
    managerEmails: validated('managerEmails', listOf(node, 'managerEmails'), EMAIL, 'e-mail addresses'),
    managerMarkets: validated(
      'managerMarkets',
      listOf(node, 'managerMarkets').map((market) => market.toUpperCase()),
      MARKET,
      'ISO 3166-1 alpha-2 codes such as CN, VN',
    ),
    managerPhones: validated(
      'managerPhones',
      listOf(node, 'managerPhones'),
      PHONE,
      'E.164 numbers such as +8613800000000',
    ),
    opsEmails: validated('opsEmails', listOf(node, 'opsEmails'), EMAIL, 'e-mail addresses'),
    scheduleTimeZone: validated(
      'scheduleTimeZone',
      timeZone,
      TIME_ZONE,
      'an IANA zone such as Asia/Shanghai',
    )[0],
  };
};
