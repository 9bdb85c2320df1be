import type { Node } from 'constructs';
import { isTimeZone } from '#shared/i18n/audiences.ts';
import { isLocale, LOCALES, type Locale } from '#shared/i18n/locales.ts';

/**
 * One manager's subscription: where to (e-mail, phone or both), in which language and time zone, who the
 * person is (the username cases are owned by and brands name as managers) and which unowned escalations
 * they watch (infra/subscription-filters.ts).
 */
export interface ManagerSubscription {
  /** Subscribed to the escalation and the digest topic. */
  readonly email?: string;
  /** E.164; texted escalations only, never the digest. */
  readonly phone?: string;
  /** The language this manager's messages are written in. */
  readonly lang: Locale;
  /** IANA zone the messages' times are shown in. */
  readonly timeZone: string;
  /**
   * The person's username (as in Cognito and `RiskCase.owner`): escalations naming it among their
   * recipients reach this subscription (the cases it owns at tier 1, its brands' cases at tier 2). Without
   * one, only escalations that page every subscribed manager (cases with no owner) do.
   */
  readonly username?: string;
  /** Unowned escalations of these brands only, plus brand-less ones; empty: every brand. */
  readonly brands: readonly string[];
  /** Unowned escalations of these markets only, plus market-less ones; empty: every market. */
  readonly markets: readonly string[];
}

/**
 * The deploy-time settings of the app, read from CDK context (`-c name=value` on the command line, or
 * `context` in cdk.json / cdk.context.json). Every value is optional: with none, the app still
 * synthesizes and deploys (no pusher keys, no subscriptions), and docs/deploy.md shows how to add them.
 */
export interface RadarContext {
  /** `pusherClients=cms,meta-ads`: one API key (and usage-plan membership) per pushing client. */
  readonly pusherClients: readonly string[];
  /**
   * Every manager subscription, from `managers` (JSON: `[{"email":"a@x.cn","username":"li","lang":"zh-CN",
   * "timeZone":"Asia/Shanghai","brands":["Acme"],"markets":["CN"]},{"phone":"+84901234567","lang":"vi",
   * "timeZone":"Asia/Ho_Chi_Minh"}]`, `lang` default en, `timeZone` default UTC, `brands` default none (every
   * brand), `markets` default `managerMarkets`) and from the older lists `managerEmails=a@x.com,b@y.com` and
   * `managerPhones=+8613800000000`, which read as English and UTC, without a username, with the markets of
   * `managerMarkets=CN,VN`. A subscription receives the escalations naming its username, and the ones naming
   * nobody (unowned cases) of its brands and markets, plus those with no brand or no market.
   */
  readonly managers: readonly ManagerSubscription[];
  /** `opsEmails=oncall@x.com`: e-mail subscriptions to the operations (alarm) topic. */
  readonly opsEmails: readonly string[];
  /** `scheduleTimeZone=Asia/Shanghai`: the IANA zone cron schedules run in. @default UTC */
  readonly scheduleTimeZone: string | undefined;
  /**
   * `automationWebhookUrl=https://automation.example.com/radar`: the customer's endpoint guarded actions are
   * POSTed to (README "Guarded actions"). @default none: approved actions fail, naming the missing setting
   */
  readonly automationWebhookUrl?: string;
}

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
// Deliberately simple: SNS validates the address; this only catches a list pasted with the wrong separator.
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const MARKET = /^[A-Z]{2}$/;
// E.164: a plus, a country code and at most 15 digits in all; no spaces or dashes (SNS refuses them).
const PHONE = /^\+[1-9]\d{6,14}$/;
const TIME_ZONE = /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/;
// Cognito usernames are printable without spaces; quotes and backslashes would need escaping twice in an
// SNS filter policy, commas would split the older lists.
const USERNAME = /^[^\s"\\,]{1,128}$/u;
const BRAND = /^[^"\\,]{1,100}$/u;

const MANAGER_KEYS = new Set(['email', 'phone', 'username', 'lang', 'timeZone', 'brands', 'markets']);

/** `managers`: a JSON array (command line or cdk.json string) or an array (cdk.json), each entry checked. */
const managersOf = (node: Node, defaultMarkets: readonly string[]): ManagerSubscription[] => {
  const value: unknown = node.tryGetContext('managers');
  if (value === undefined || value === null || value === '') return [];
  let entries: unknown = value;
  if (typeof value === 'string') {
    try {
      entries = JSON.parse(value);
    } catch (error) {
      throw new Error(`Context managers: not JSON (${(error as Error).message})`);
    }
  }
  if (!Array.isArray(entries)) throw new Error('Context managers: expected a JSON array of subscriptions');
  return entries.map((entry: unknown, index): ManagerSubscription => {
    const where = `managers[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new Error(`Context ${where}: expected an object such as {"email":"a@x.cn","lang":"zh-CN"}`);
    }
    const fields = entry as Record<string, unknown>;
    const unknown = Object.keys(fields).filter((key) => !MANAGER_KEYS.has(key));
    if (unknown.length > 0) {
      throw new Error(
        `Context ${where}: unknown field(s) ${unknown.join(', ')} (${[...MANAGER_KEYS].join(', ')})`,
      );
    }
    const text = (key: string): string | undefined => {
      const field = fields[key];
      if (field === undefined) return undefined;
      if (typeof field !== 'string') throw new Error(`Context ${where}.${key}: expected a string`);
      return field.trim();
    };
    const email = text('email');
    const phone = text('phone');
    if (email === undefined && phone === undefined)
      throw new Error(`Context ${where}: needs an email or a phone`);
    if (email !== undefined) validated(`${where}.email`, [email], EMAIL, 'an e-mail address');
    if (phone !== undefined)
      validated(`${where}.phone`, [phone], PHONE, 'an E.164 number such as +84901234567');
    const lang = text('lang') ?? 'en';
    if (!isLocale(lang))
      throw new Error(`Context ${where}.lang: invalid value ${lang} (one of ${LOCALES.join(', ')})`);
    const timeZone = text('timeZone') ?? 'UTC';
    if (!isTimeZone(timeZone)) {
      throw new Error(
        `Context ${where}.timeZone: invalid value ${timeZone} (an IANA zone such as Asia/Ho_Chi_Minh)`,
      );
    }
    const username = text('username');
    if (username !== undefined)
      validated(
        `${where}.username`,
        [username],
        USERNAME,
        'a username without spaces, quotes, backslashes or commas',
      );
    const rawBrands = fields.brands;
    const brands =
      rawBrands === undefined
        ? []
        : validated(
            `${where}.brands`,
            (Array.isArray(rawBrands) ? rawBrands.map(String) : String(rawBrands).split(','))
              .map((brand) => brand.trim())
              .filter((brand) => brand !== ''),
            BRAND,
            'brand names without quotes, backslashes or commas',
          );
    const rawMarkets = fields.markets;
    const markets =
      rawMarkets === undefined
        ? [...defaultMarkets]
        : validated(
            `${where}.markets`,
            (Array.isArray(rawMarkets) ? rawMarkets.map(String) : String(rawMarkets).split(','))
              .map((market) => market.trim().toUpperCase())
              .filter((market) => market !== ''),
            MARKET,
            'ISO 3166-1 alpha-2 codes such as CN, VN',
          );
    return {
      ...(email === undefined ? {} : { email }),
      ...(phone === undefined ? {} : { phone }),
      ...(username === undefined ? {} : { username }),
      lang,
      timeZone,
      brands,
      markets,
    };
  });
};

/**
 * One subscription per address and per number: the same one listed twice with the same settings counts
 * once; with different settings (a language, a zone, markets) it is refused, naming it.
 */
const distinctManagers = (managers: readonly ManagerSubscription[]): ManagerSubscription[] => {
  const seen = new Map<string, string>();
  const kept: ManagerSubscription[] = [];
  for (const manager of managers) {
    const settings = JSON.stringify([
      manager.username ?? null,
      manager.lang,
      manager.timeZone,
      [...manager.brands].sort(),
      [...manager.markets].sort(),
    ]);
    const endpoints = [manager.email, manager.phone].filter((endpoint) => endpoint !== undefined);
    const repeats = endpoints.filter((endpoint) => seen.has(endpoint));
    for (const endpoint of repeats) {
      if (seen.get(endpoint) !== settings) {
        throw new Error(
          `Context managers: ${endpoint} is listed twice with different username, language, time zone, brands or markets`,
        );
      }
    }
    for (const endpoint of endpoints) seen.set(endpoint, settings);
    const fresh = endpoints.filter((endpoint) => !repeats.includes(endpoint));
    if (fresh.length === 0) continue;
    const email = manager.email !== undefined && fresh.includes(manager.email) ? manager.email : undefined;
    const phone = manager.phone !== undefined && fresh.includes(manager.phone) ? manager.phone : undefined;
    kept.push({
      ...(email === undefined ? {} : { email }),
      ...(phone === undefined ? {} : { phone }),
      ...(manager.username === undefined ? {} : { username: manager.username }),
      lang: manager.lang,
      timeZone: manager.timeZone,
      brands: manager.brands,
      markets: manager.markets,
    });
  }
  return kept;
};

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
 * radarContext(app.node).managers // [{ email: 'a@x.com', lang: 'en', timeZone: 'UTC', brands: [], markets: ['CN', 'VN'] }]
 */
export const radarContext = (node: Node): RadarContext => {
  const timeZone = listOf(node, 'scheduleTimeZone');
  const managerMarkets = validated(
    'managerMarkets',
    listOf(node, 'managerMarkets').map((market) => market.toUpperCase()),
    MARKET,
    'ISO 3166-1 alpha-2 codes such as CN, VN',
  );
  const english = { lang: 'en', timeZone: 'UTC', brands: [], markets: managerMarkets } as const;
  const managers = distinctManagers([
    ...managersOf(node, managerMarkets),
    ...validated('managerEmails', listOf(node, 'managerEmails'), EMAIL, 'e-mail addresses').map((email) => ({
      email,
      ...english,
    })),
    ...validated(
      'managerPhones',
      listOf(node, 'managerPhones'),
      PHONE,
      'E.164 numbers such as +8613800000000',
    ).map((phone) => ({ phone, ...english })),
  ]);
  return {
    pusherClients: validated(
      'pusherClients',
      listOf(node, 'pusherClients'),
      CLIENT_ID,
      'letters, digits, - and _',
    ),
    managers,
    opsEmails: validated('opsEmails', listOf(node, 'opsEmails'), EMAIL, 'e-mail addresses'),
    scheduleTimeZone: validated(
      'scheduleTimeZone',
      timeZone,
      TIME_ZONE,
      'an IANA zone such as Asia/Shanghai',
    )[0],
    ...automationOf(node),
  };
};

/** `automationWebhookUrl`: an https URL (the webhook carries signed instructions to act on campaigns). */
const automationOf = (node: Node): { readonly automationWebhookUrl?: string } => {
  const value: unknown = node.tryGetContext('automationWebhookUrl');
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'string' || !URL.canParse(value) || new URL(value).protocol !== 'https:')
    throw new Error(`Context automationWebhookUrl: expected an https URL, got ${JSON.stringify(value)}`);
  return { automationWebhookUrl: value };
};
