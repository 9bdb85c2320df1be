import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRadarApp, type RadarApp } from '#infra/radar-app.ts';

/**
 * cdk-nag over the whole app, with every context value set so that every optional resource (API keys,
 * e-mail subscriptions, filter policies) exists. Bundling is skipped (`aws:cdk:bundling-stacks`): the
 * rules read templates, not code.
 */
let radar: RadarApp;

beforeAll(() => {
  radar = createRadarApp({
    context: {
      'aws:cdk:bundling-stacks': [],
      nag: 'false',
      pusherClients: 'cms,meta-ads',
      managerEmails: 'ana@example.com',
      managerPhones: '+8613800000000',
      managerMarkets: 'CN',
      opsEmails: 'oncall@example.com',
      scheduleTimeZone: 'Asia/Shanghai',
    },
  });
  radar.app.synth();
}, 60_000);

/** Every acknowledgement in the app: where it is, which finding, and why. */
const acknowledgements = (scope: IConstruct): Array<{ path: string; id: string; reason: string }> =>
  scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

describe('cdk-nag', () => {
  it.each<[string, () => NagPack]>([
    ['AwsSolutionsChecks', () => new AwsSolutionsChecks()],
    ['ServerlessChecks', () => new ServerlessChecks()],
  ])('finds no unacknowledged violation of %s', (_name, pack) => {
    const report = pack().validateScope(radar.app);

    expect(
      report.violations.map(
        (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
      ),
    ).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges each finding on a CloudFormation resource, never on a stack or the app, with a reason', () => {
    const all = acknowledgements(radar.app);

    expect(all.length).toBeGreaterThan(0);
    for (const { path, id, reason } of all) {
      expect(path.split('/').length, `${id} at ${path}`).toBeGreaterThan(2);
      expect(path.endsWith('/Resource'), `${id} at ${path}`).toBe(true);
      // One rule per acknowledgement; wildcard findings name the exact resource or action.
      expect(id).toMatch(/^(AwsSolutions|Serverless)-[A-Za-z]+\d*(\[[^\]]+\])?$/);
      expect(id.startsWith('AwsSolutions-IAM5') ? id.includes('[') : true).toBe(true);
      expect(reason.length, `${id} at ${path}`).toBeGreaterThan(60);
    }
  });

  it('says, where signed routes have no authorizer, that the function verifies the HMAC signature on the raw body', () => {
    const signed = acknowledgements(radar.app).filter(
      ({ path, id }) => id === 'AwsSolutions-APIG4' && /\/v1\/(events|evaluate)\/POST\//.test(path),
    );

    expect(signed.length).toBe(2);
    for (const { reason } of signed) expect(reason).toMatch(/HMAC.*raw request body/);
  });
});
