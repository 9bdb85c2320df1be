import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { radarContext } from '#infra/context.ts';

const contextOf = (context: Record<string, unknown>) => radarContext(new App({ context }).node);

describe('Function: radarContext', () => {
  it('reads comma-separated lists from the command line and arrays from cdk.json, trimmed and deduplicated', () => {
    const fromCli = contextOf({ managerEmails: ' a@x.com, b@y.com ,a@x.com,', managerMarkets: 'cn,VN' });
    const fromJson = contextOf({ pusherClients: ['cms', 'meta-ads'], opsEmails: ['ops@x.com'] });

    expect(fromCli.managerEmails).toEqual(['a@x.com', 'b@y.com']);
    expect(fromCli.managerMarkets).toEqual(['CN', 'VN']);
    expect(fromJson.pusherClients).toEqual(['cms', 'meta-ads']);
    expect(fromJson.opsEmails).toEqual(['ops@x.com']);
    expect(contextOf({ managerPhones: '+8613800000000, +84901234567' }).managerPhones).toEqual([
      '+8613800000000',
      '+84901234567',
    ]);
  });

  it('defaults to nothing: no keys, no subscriptions, UTC schedules', () => {
    expect(contextOf({})).toEqual({
      pusherClients: [],
      managerEmails: [],
      managerPhones: [],
      managerMarkets: [],
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
});
