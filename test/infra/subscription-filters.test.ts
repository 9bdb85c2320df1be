import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import {
  digestFilterPolicy,
  escalationFilterPolicy,
  FILTER_POLICY_LIMITS,
  filterPolicyCost,
  type OrFilterPolicy,
  type SubscriptionRouting,
} from '#infra/subscription-filters.ts';
import { escalationPublishInput, followUpPublishInput } from '#shared/adapters/escalation-publish.ts';
import { acknowledgeCase, escalateForSla, openCase, type RiskCase, subjectOf } from '#shared/domain/case.ts';
import type { Subject } from '#shared/domain/subject.ts';
import type { Audience } from '#shared/i18n/audiences.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';

/**
 * SNS's matching of a filter policy against message attributes, as its documentation states it (message
 * filtering, AND/OR logic, attribute key matching): a top-level `$or` matches when one alternative does;
 * an alternative when every one of its attributes does; an attribute when one of its values matches —
 * a string equal to the attribute's value (any value of a String.Array), or `{ exists: false }` when the
 * message lacks the attribute.
 */
const delivers = (policy: OrFilterPolicy, input: PublishCommandInput): boolean => {
  const attributes = input.MessageAttributes ?? {};
  const valuesOf = (name: string): string[] | undefined => {
    const attribute = attributes[name];
    if (attribute === undefined) return undefined;
    return attribute.DataType === 'String.Array'
      ? (JSON.parse(attribute.StringValue ?? '[]') as string[])
      : [attribute.StringValue ?? ''];
  };
  return policy.$or.some((alternative) =>
    Object.entries(alternative).every(([name, allowed]) => {
      const values = valuesOf(name);
      return allowed.some((condition) =>
        typeof condition === 'string'
          ? values?.includes(condition) === true
          : (condition as { exists: boolean }).exists === (values !== undefined),
      );
    }),
  );
};

const links = { webUrl: 'https://radar.example.com' };
const english: Audience = { lang: 'en', timeZone: 'UTC' };
const chinese: Audience = { lang: 'zh-CN', timeZone: 'Asia/Shanghai' };
const event = spendEvent();
const caseOf = (subject: Partial<Subject>, owner?: string): RiskCase =>
  openCase(
    'case-1',
    {
      event,
      assessment: assessment([finding({ level: 'red' })]),
      riskType: 'budget',
      subject: { ...subjectOf(event), ...subject },
      now: new Date('2026-11-22T10:00:00Z'),
      ...(owner === undefined ? {} : { owner }),
    },
    testPolicy,
  );
const page = (riskCase: RiskCase, audience: Audience = english) => {
  if (riskCase.escalation === undefined) throw new Error('the fixture must page');
  return escalationPublishInput(
    'arn:topic',
    { escalation: riskCase.escalation, case: riskCase },
    links,
    audience,
  );
};
const tierTwo = (riskCase: RiskCase, managers: readonly string[]): RiskCase => {
  const result = escalateForSla(riskCase, new Date('2026-11-22T15:00:00Z'), 4, managers);
  if (!result.ok) throw new Error(result.reason);
  return result.next;
};

const ana: SubscriptionRouting = { ...english, username: 'ana', brands: [], markets: [] };
const li: SubscriptionRouting = { ...english, username: 'li', brands: ['ACME'], markets: ['VN'] };
const beta: SubscriptionRouting = { ...english, username: 'bo', brands: ['Beta'], markets: [] };
const mailbox: SubscriptionRouting = { ...english, brands: [], markets: [] };
const receivers = (input: PublishCommandInput, routings: Record<string, SubscriptionRouting>) =>
  Object.entries(routings)
    .filter(([, routing]) => delivers(escalationFilterPolicy(routing), input))
    .map(([name]) => name);

describe('Function: escalationFilterPolicy', () => {
  it("delivers a tier-1 page to the case's owner only", () => {
    const owned = caseOf({ brand: 'Acme', market: 'VN' }, 'ana');

    expect(receivers(page(owned), { ana, li, beta, mailbox })).toEqual(['ana']);
  });

  it("adds the brand's managers at tier 2, and no one else", () => {
    const owned = caseOf({ brand: 'Acme', market: 'VN' }, 'ana');

    expect(receivers(page(tierTwo(owned, ['li'])), { ana, li, beta, mailbox })).toEqual(['ana', 'li']);
  });

  it('delivers an unowned page to whoever watches its brand and market, however the event spelt them', () => {
    const unowned = caseOf({ brand: 'acme ', market: 'vn' });
    const otherMarket = caseOf({ brand: 'Acme', market: 'CN' });

    expect(receivers(page(unowned), { ana, li, beta, mailbox })).toEqual(['ana', 'li', 'mailbox']);
    expect(receivers(page(otherMarket), { ana, li, beta, mailbox })).toEqual(['ana', 'mailbox']);
  });

  it('delivers an unowned page with no brand or market to every watcher: nothing to route it by', () => {
    const bare = caseOf({});

    expect(receivers(page(bare), { ana, li, beta, mailbox })).toEqual(['ana', 'li', 'beta', 'mailbox']);
  });

  it("delivers the follow-up to exactly the page's receivers", () => {
    const paged = tierTwo(caseOf({ brand: 'Acme', market: 'VN' }, 'ana'), ['li']);
    const acknowledged = acknowledgeCase(paged, 'user:li', new Date('2026-11-22T16:00:00Z'));
    if (!acknowledged.ok || acknowledged.next.followUp === undefined) throw new Error('a follow-up is due');

    const followUp = followUpPublishInput(
      'arn:topic',
      { followUp: acknowledged.next.followUp, case: acknowledged.next },
      links,
    );

    expect(receivers(followUp, { ana, li, beta, mailbox })).toEqual(['ana', 'li']);
  });

  it("delivers only the subscription's own audience, and a message older than audiences to all", () => {
    const owned = caseOf({}, 'ana');
    const legacy = page(owned);
    const { lang: _lang, timeZone: _zone, ...withoutAudience } = legacy.MessageAttributes ?? {};

    expect(delivers(escalationFilterPolicy(ana), page(owned, chinese))).toBe(false);
    expect(delivers(escalationFilterPolicy({ ...ana, ...chinese }), page(owned, chinese))).toBe(true);
    expect(delivers(escalationFilterPolicy(ana), { ...legacy, MessageAttributes: withoutAudience })).toBe(
      true,
    );
  });

  it('stays within SNS limits (5 attribute names, 150 combinations) and says so at synth when it would not', () => {
    const wide = {
      ...ana,
      brands: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
      markets: ['CN', 'VN', 'US', 'GB', 'SG', 'TH', 'MY'],
    };

    const cost = filterPolicyCost(escalationFilterPolicy(wide));

    expect(cost).toEqual({ keys: 5, combinations: 2 * (1 + 9 * 8) });
    expect(cost.combinations).toBeLessThanOrEqual(FILTER_POLICY_LIMITS.combinations);
    expect(() => escalationFilterPolicy({ ...wide, brands: [...wide.brands, 'i', 'j'] })).toThrow(
      /SNS allows 5 and 150: give this manager fewer brands or markets/,
    );
  });
});

describe('Function: digestFilterPolicy', () => {
  it("selects the subscription's audience only", () => {
    expect(digestFilterPolicy(chinese)).toEqual({
      $or: [{ lang: ['zh-CN'], timeZone: ['Asia/Shanghai'] }, { lang: [{ exists: false }] }],
    });
  });
});
