import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RED_ACK_SLA_HOURS, loadConfig, requireSetting } from '#shared/config.ts';
import { ConfigurationError } from '#shared/errors.ts';

describe('Function: loadConfig', () => {
  it('reads every variable through one schema, an empty value as unset, with defaults', () => {
    const config = loadConfig({ TABLE_NAME: 'radar', SNS_ENDPOINT: '', RADAR_CLIENT_ID: 'pusher' });
    expect(config).toMatchObject({
      tableName: 'radar',
      clientId: 'pusher',
      redAckSlaHours: DEFAULT_RED_ACK_SLA_HOURS,
    });
    expect(config.snsEndpoint).toBeUndefined();
    expect(loadConfig({ RED_ACK_SLA_HOURS: '1.5' }).redAckSlaHours).toBe(1.5);
    expect(loadConfig({ NOTIFY_AUDIENCES: 'en@UTC,zh-CN@Asia/Shanghai' }).notifyAudiences).toBe(
      'en@UTC,zh-CN@Asia/Shanghai',
    );
  });

  it.each([
    ['RED_ACK_SLA_HOURS', 'four'],
    ['RED_ACK_SLA_HOURS', '-1'],
    ['DYNAMODB_ENDPOINT', 'localhost 8000'],
    ['ESCALATION_TOPIC_ARN', 'escalations'],
    ['CLIENT_SECRETS_ARN', 'arn:aws:sns:us-east-1:000000000000:not-a-secret'],
    ['NOTIFY_AUDIENCES', 'en@UTC,fr@Europe/Paris'],
    ['NOTIFY_AUDIENCES', 'vi@Asia/Hanoi'],
  ])('fails loudly on a malformed %s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigurationError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});

describe('Function: requireSetting', () => {
  it('names the missing variable', () => {
    expect(() => requireSetting(loadConfig({}), 'tableName')).toThrow(
      'Missing required environment variable TABLE_NAME',
    );
    expect(requireSetting(loadConfig({ TABLE_NAME: 't' }), 'tableName')).toBe('t');
  });
});

describe('Cold start', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('a function without TABLE_NAME fails when it loads, not at its first request', async () => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', '');
    await expect(import('#functions/list-cases.ts')).rejects.toThrow('TABLE_NAME');
  });

  it('a signed function without any pusher secret fails when it loads', async () => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', 'radar-test');
    vi.stubEnv('CLIENT_SECRETS_ARN', '');
    vi.stubEnv('RADAR_CLIENT_ID', '');
    vi.stubEnv('RADAR_CLIENT_SECRET', '');
    await expect(import('#functions/ingest-events.ts')).rejects.toThrow('CLIENT_SECRETS_ARN');
  });

  it('a function with a malformed RED_ACK_SLA_HOURS fails when it loads', async () => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', 'radar-test');
    vi.stubEnv('RED_ACK_SLA_HOURS', 'soon');
    await expect(import('#functions/check-sla.ts')).rejects.toThrow('RED_ACK_SLA_HOURS');
  });
});
