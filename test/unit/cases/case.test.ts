import { describe, expect, it } from 'vitest';
import { decisiveFinding, joinCase, type OccurrenceInput, openCase, subjectOf } from '#shared/domain/case.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import { adCopyEvent, assessment, finding, sentimentEvent, spendEvent } from '../../fixtures/events.ts';
import { testPolicy } from '../../fixtures/level-policy.ts';

const now = new Date('2026-11-22T10:00:00Z');

const input = (level: string, event: RiskEvent = spendEvent(), at = now): OccurrenceInput => ({
  event,
  assessment: assessment([finding({ level, ruleId: `rule.${level}` })]),
  riskType: 'budget',
  subject: subjectOf(event),
  now: at,
});

describe('Function: subjectOf', () => {
  it.each([
    [spendEvent(), 'spend|cmp-1|facebook'],
    [sentimentEvent(), 'sentiment|Acme|Serum%20X|weibo'],
    [sentimentEvent({ product: undefined }), 'sentiment|Acme|*|weibo'],
    [adCopyEvent(), 'ad-copy|CN|Acme|c-77'],
  ])('groups %#: %s', (event, key) => {
    expect(subjectOf(event).key).toBe(key);
  });

  it('keeps keys apart when a value contains the separator', () => {
    const a = subjectOf(spendEvent({ campaignId: 'a|b', channel: 'c' }));
    const b = subjectOf(spendEvent({ campaignId: 'a', channel: 'b|c' }));
    expect(a.key).not.toBe(b.key);
  });
});

describe('Function: openCase', () => {
  it('opens a red case with a first escalation', () => {
    const opened = openCase('case-1', input('red'), testPolicy);
    expect(opened).toMatchObject({
      status: 'open',
      level: 'red',
      occurrences: 1,
      version: 1,
      escalationCount: 1,
    });
    expect(opened.escalation).toMatchObject({ id: 'case-1#1', tier: 1, reason: 'opened', level: 'red' });
  });

  it('opens a yellow case without paging anyone', () => {
    const opened = openCase('case-1', input('yellow'), testPolicy);
    expect(opened.escalation).toBeUndefined();
    expect(opened.escalationCount).toBe(0);
  });
});

describe('Function: joinCase', () => {
  it('counts the occurrence and keeps the worst level without escalating again', () => {
    const red = openCase('case-1', input('red'), testPolicy);
    const joined = joinCase(red, input('yellow'), testPolicy);
    expect(joined).toMatchObject({ level: 'red', occurrences: 2, version: 2, escalationCount: 1 });
    expect(joined.escalation?.id).toBe('case-1#1');
  });

  it('escalates when the level rises to red', () => {
    const yellow = openCase('case-1', input('yellow'), testPolicy);
    const joined = joinCase(yellow, input('red'), testPolicy);
    expect(joined.level).toBe('red');
    expect(joined.escalation).toMatchObject({ id: 'case-1#1', reason: 'level-rose' });
  });

  it('moves first and last seen to the earliest and latest occurrence', () => {
    const opened = openCase('case-1', input('yellow'), testPolicy);
    const earlier = { ...spendEvent(), occurredAt: '2026-11-20T00:00:00Z' };
    const joined = joinCase(opened, input('yellow', earlier), testPolicy);
    expect(joined.firstSeenAt).toBe('2026-11-20T00:00:00.000Z');
    expect(joined.lastSeenAt).toBe('2026-11-22T09:00:00.000Z');
  });

  it('reopens a resolved case and pages again when the new occurrence is red', () => {
    const resolved = { ...openCase('case-1', input('red'), testPolicy), status: 'resolved' as const };
    const joined = joinCase(resolved, input('red'), testPolicy);
    expect(joined.status).toBe('open');
    expect(joined.escalation).toMatchObject({ id: 'case-1#2', reason: 'reopened' });
  });

  it('keeps the latest finding of each rule', () => {
    const opened = openCase('case-1', input('yellow'), testPolicy);
    const again = joinCase(opened, input('yellow'), testPolicy);
    expect(again.findings.map((f) => f.ruleId)).toEqual(['rule.yellow']);
  });
});

describe('Function: decisiveFinding', () => {
  it('picks the worst finding', () => {
    const a = assessment(
      [finding({ level: 'yellow', ruleId: 'a' }), finding({ level: 'red', ruleId: 'b' })],
      'red',
    );
    expect(decisiveFinding(a, testPolicy)?.ruleId).toBe('b');
  });

  it('has none for an assessment without findings', () => {
    expect(decisiveFinding(assessment([]), testPolicy)).toBeUndefined();
  });
});
