import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { radarContext } from '#infra/context.ts';

const contextOf = (context: Record<string, unknown>) => radarContext(new App({ context }).node);

describe('Function: radarContext', () => {
  it('reads comma-separated lists from the command line and arrays from cdk.json, trimmed and deduplicated', () => {
    const fromCli = contextOf({ managerEmails: ' a@x.com, b@y.com ,a@x.com,', managerMarkets: 'cn,VN' });
    const fromJson = contextOf({ pusherClients: ['cms', 'meta-ads'], opsEmails: ['ops@x.com'] });

    expect(fromCli.managers).toEqual([
      { email: 'a@x.com', lang: 'en', timeZone: 'UTC', brands: [], markets: ['CN', 'VN'] },
      { email: 'b@y.com', lang: 'en', timeZone: 'UTC', brands: [], markets: ['CN', 'VN'] },
    ]);
    expect(fromJson.pusherClients).toEqual(['cms', 'meta-ads']);
    expect(fromJson.opsEmails).toEqual(['ops@x.com']);
    expect(contextOf({ managerPhones: '+8613800000000, +84901234567' }).managers).toEqual([
      { phone: '+8613800000000', lang: 'en', timeZone: 'UTC', brands: [], markets: [] },
      { phone: '+84901234567', lang: 'en', timeZone: 'UTC', brands: [], markets: [] },
    ]);
  });

  it('reads managers with their language, time zone and markets from JSON (command line) or an array (cdk.json)', () => {
    // Prepare
    const managers = [
      { email: 'li@x.cn', lang: 'zh-CN', timeZone: 'Asia/Shanghai', brands: [], markets: ['cn'] },
      { phone: '+84901234567', lang: 'vi', timeZone: 'Asia/Ho_Chi_Minh' },
      { email: 'ana@x.com' },
    ];

    // Act
    const fromCli = contextOf({ managers: JSON.stringify(managers), managerMarkets: 'VN' });
    const fromJson = contextOf({ managers, managerMarkets: 'VN', managerEmails: 'bo@x.com' });

    // Assess
    expect(fromCli.managers).toEqual([
      { email: 'li@x.cn', lang: 'zh-CN', timeZone: 'Asia/Shanghai', brands: [], markets: ['CN'] },
      { phone: '+84901234567', lang: 'vi', timeZone: 'Asia/Ho_Chi_Minh', brands: [], markets: ['VN'] },
      { email: 'ana@x.com', lang: 'en', timeZone: 'UTC', brands: [], markets: ['VN'] },
    ]);
    expect(fromJson.managers).toEqual([
      ...fromCli.managers,
      { email: 'bo@x.com', lang: 'en', timeZone: 'UTC', brands: [], markets: ['VN'] },
    ]);
  });

  it("reads a manager's username and brands, the routing of owner-first pages (infra/subscription-filters.ts)", () => {
    // Prepare
    const managers = [
      {
        email: 'li@x.cn',
        username: 'li',
        lang: 'zh-CN',
        brands: ['Acme', ' Lumière ', 'Acme'],
        markets: 'cn,uk',
      },
      { phone: '+84901234567', username: 'lan', brands: 'Acme, Beta' },
    ];

    // Act
    const read = contextOf({ managers: JSON.stringify(managers) }).managers;

    // Assess
    expect(read).toEqual([
      {
        email: 'li@x.cn',
        username: 'li',
        lang: 'zh-CN',
        timeZone: 'UTC',
        brands: ['Acme', 'Lumière'],
        markets: ['CN', 'UK'],
      },
      {
        phone: '+84901234567',
        username: 'lan',
        lang: 'en',
        timeZone: 'UTC',
        brands: ['Acme', 'Beta'],
        markets: [],
      },
    ]);
  });

  it('counts an address listed twice with the same settings once, and refuses it with different ones', () => {
    expect(contextOf({ managers: [{ email: 'a@x.com' }], managerEmails: 'a@x.com' }).managers).toHaveLength(
      1,
    );
    expect(() =>
      contextOf({ managers: [{ email: 'a@x.com', lang: 'vi' }], managerEmails: 'a@x.com' }),
    ).toThrow(/Context managers: a@x.com is listed twice/);
    expect(() =>
      contextOf({
        managers: [
          { email: 'a@x.com', username: 'ana' },
          { email: 'a@x.com', username: 'bo' },
        ],
      }),
    ).toThrow(/Context managers: a@x.com is listed twice with different username/);
  });

  it('defaults to nothing: no keys, no subscriptions, UTC schedules', () => {
    expect(contextOf({})).toEqual({
      pusherClients: [],
      managers: [],
      opsEmails: [],
      scheduleTimeZone: undefined,
    });
  });

  it.each([
    ['pusherClients', 'cms,bad id'],
    ['managerEmails', 'a@x.com;b@y.com'],
    ['managerPhones', '13800000000'],
    ['managerPhones', '+86 138 0000 0000'],
    ['managerMarkets', 'China'],
    ['opsEmails', 'oncall'],
    ['scheduleTimeZone', 'Asia/Shanghai; rm'],
  ])('refuses a malformed %s, naming the setting', (name, value) => {
    expect(() => contextOf({ [name]: value })).toThrow(new RegExp(`Context ${name}`));
  });

  it.each([
    [
      'a language it does not speak',
      [{ email: 'a@x.com', lang: 'fr' }],
      /Context managers\[0\]\.lang: invalid value fr/,
    ],
    [
      'an unknown time zone',
      [{ phone: '+84901234567', timeZone: 'Asia/Hanoi' }],
      /Context managers\[0\]\.timeZone: invalid value Asia\/Hanoi/,
    ],
    [
      'a misspelt field',
      [{ email: 'a@x.com', timezone: 'UTC' }],
      /Context managers\[0\]: unknown field\(s\) timezone/,
    ],
    ['an entry without an address', [{ lang: 'vi' }], /Context managers\[0\]: needs an email or a phone/],
    ['a malformed phone', [{ phone: '0901234567' }], /Context managers\[0\]\.phone/],
    ['a malformed market', [{ email: 'a@x.com', markets: ['Vietnam'] }], /Context managers\[0\]\.markets/],
    [
      'a username with a space',
      [{ email: 'a@x.com', username: 'ana lee' }],
      /Context managers\[0\]\.username/,
    ],
    ['a username with a quote', [{ email: 'a@x.com', username: 'ana"' }], /Context managers\[0\]\.username/],
    ['a brand with a backslash', [{ email: 'a@x.com', brands: ['Ac\\me'] }], /Context managers\[0\]\.brands/],
    ['text that is not JSON', '[{email: a@x.com}]', /Context managers: not JSON/],
  ])('refuses managers with %s, naming the setting', (_name, managers, message) => {
    expect(() => contextOf({ managers })).toThrow(message);
  });
});
