import { describe, expect, it } from 'vitest';
import { assess, compareSeverity, worstOf } from '#shared/domain/assess.ts';
import { joinCase, type OccurrenceInput, openCase, subjectOf } from '#shared/domain/case.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import type { Finding } from '#shared/schemas/assessment.ts';
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
    // Act and assess
    expect(subjectOf(event).key).toBe(key);
  });

  it('keeps keys apart when a value contains the separator', () => {
    // Act
    const a = subjectOf(spendEvent({ campaignId: 'a|b', channel: 'c' }));
    const b = subjectOf(spendEvent({ campaignId: 'a', channel: 'b|c' }));

    // Assess
    expect(a.key).not.toBe(b.key);
  });
});

describe('Function: openCase', () => {
  it('opens a red case with a first escalation', () => {
    // Act
    const opened = openCase('case-1', input('red'), testPolicy);

    // Assess
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
    // Act
    const opened = openCase('case-1', input('yellow'), testPolicy);

    // Assess
    expect(opened.escalation).toBeUndefined();
    expect(opened.escalationCount).toBe(0);
  });
});

describe('Function: joinCase', () => {
  it('counts the occurrence and keeps the worst level without escalating again', () => {
    // Prepare
    const red = openCase('case-1', input('red'), testPolicy);

    // Act
    const joined = joinCase(red, input('yellow'), testPolicy);

    // Assess
    expect(joined).toMatchObject({ level: 'red', occurrences: 2, version: 2, escalationCount: 1 });
    expect(joined.escalation?.id).toBe('case-1#1');
  });

  it('escalates when the level rises to red', () => {
    // Prepare
    const yellow = openCase('case-1', input('yellow'), testPolicy);

    // Act
    const joined = joinCase(yellow, input('red'), testPolicy);

    // Assess
    expect(joined.level).toBe('red');
    expect(joined.escalation).toMatchObject({ id: 'case-1#1', reason: 'level-rose' });
  });

  it('moves first and last seen to the earliest and latest occurrence', () => {
    // Prepare
    const opened = openCase('case-1', input('yellow'), testPolicy);
    const earlier = { ...spendEvent(), occurredAt: '2026-11-20T00:00:00Z' };

    // Act
    const joined = joinCase(opened, input('yellow', earlier), testPolicy);

    // Assess
    expect(joined.firstSeenAt).toBe('2026-11-20T00:00:00.000Z');
    expect(joined.lastSeenAt).toBe('2026-11-22T09:00:00.000Z');
  });

  it('reopens a resolved case and pages again when the new occurrence is red', () => {
    // Prepare
    const resolved = { ...openCase('case-1', input('red'), testPolicy), status: 'resolved' as const };

    // Act
    const joined = joinCase(resolved, input('red'), testPolicy);

    // Assess
    expect(joined.status).toBe('open');
    expect(joined.escalation).toMatchObject({ id: 'case-1#2', reason: 'reopened' });
  });

  it('keeps the latest finding of each rule', () => {
    // Prepare
    const opened = openCase('case-1', input('yellow'), testPolicy);

    // Act
    const again = joinCase(opened, input('yellow'), testPolicy);

    // Assess
    expect(again.findings.map((f) => f.ruleId)).toEqual(['rule.yellow']);
  });
});

describe('Function: worstOf', () => {
  const order = compareSeverity(DEFAULT_MATRIX);

  it.each([
    [
      'the higher level',
      [finding({ level: 'yellow', ruleId: 'a' }), finding({ level: 'red', ruleId: 'b' })],
      'b',
    ],
    [
      'the larger impact at the same level',
      [
        finding({ ruleId: 'a', probability: 'high', impact: 'moderate' }),
        finding({ ruleId: 'b', probability: 'medium', impact: 'severe' }),
      ],
      'b',
    ],
    [
      'the larger probability at the same level and impact',
      [
        finding({ ruleId: 'a', level: 'yellow', probability: 'low', impact: 'severe' }),
        finding({ ruleId: 'b', level: 'yellow', probability: 'high', impact: 'severe' }),
      ],
      'b',
    ],
    ['the first of equals', [finding({ ruleId: 'a' }), finding({ ruleId: 'b' })], 'a'],
  ])('picks %s', (_rule, findings: Finding[], expected) => {
    // Act and assess
    expect(worstOf(order, findings)?.ruleId).toBe(expected);
  });

  it('has none for no findings', () => {
    // Act and assess
    expect(worstOf(order, [])).toBeUndefined();
  });

  it('is the finding that grades the assessment, so risk type and cell come from one finding', () => {
    // Prepare
    const findings = [
      finding({ ruleId: 'pacing', riskType: 'budget', probability: 'high', impact: 'moderate' }),
      finding({ ruleId: 'cpa', riskType: 'channel', probability: 'medium', impact: 'severe' }),
    ];
    const graded = assess(DEFAULT_MATRIX, findings, { rulesVersion: 'r', matrixVersion: 'm' });

    // Act
    const worst = worstOf(testPolicy.compare, findings);

    // Assess
    expect(worst?.riskType).toBe('channel');
    expect([graded.probability, graded.impact]).toEqual([worst?.probability, worst?.impact]);
  });
});

describe('Case cell and findings', () => {
  const graded = (
    ruleId: string,
    probability: string,
    impact: string,
    occurredAt: string,
    metrics?: Record<string, number>,
  ): OccurrenceInput => {
    const event = { ...spendEvent(), occurredAt };
    const level = DEFAULT_MATRIX.cells[probability as 'high']?.[impact as 'severe'] ?? 'green';
    return {
      event,
      assessment: assessment([
        finding({ ruleId, level, probability, impact, ...(metrics ? { metrics } : {}) }),
      ]),
      riskType: 'budget',
      subject: subjectOf(event),
      now,
    };
  };

  it('moves the cell to a later occurrence that is worse on impact at the same level', () => {
    // Prepare
    const opened = openCase(
      'case-1',
      graded('pacing', 'high', 'moderate', '2026-11-20T00:00:00Z'),
      testPolicy,
    );

    // Act
    const joined = joinCase(opened, graded('overrun', 'high', 'severe', '2026-11-21T00:00:00Z'), testPolicy);

    // Assess
    expect([joined.level, joined.probability, joined.impact]).toEqual(['red', 'high', 'severe']);
    expect(joined.escalationCount).toBe(1);
  });

  it('keeps the worse cell when a later occurrence is milder at the same level', () => {
    // Prepare
    const opened = openCase(
      'case-1',
      graded('overrun', 'high', 'severe', '2026-11-20T00:00:00Z'),
      testPolicy,
    );

    // Act
    const joined = joinCase(opened, graded('pacing', 'high', 'moderate', '2026-11-21T00:00:00Z'), testPolicy);

    // Assess
    expect([joined.probability, joined.impact]).toEqual(['high', 'severe']);
  });

  it('dates each finding and lists the worst first, then the latest', () => {
    // Prepare
    let current = openCase(
      'case-1',
      graded('pacing', 'high', 'moderate', '2026-11-20T00:00:00Z', { actual: 19_800 }),
      testPolicy,
    );
    current = joinCase(
      current,
      graded('overrun', 'high', 'severe', '2026-11-21T00:00:00Z', { actual: 25_600 }),
      testPolicy,
    );

    // Act
    current = joinCase(current, graded('cpa', 'medium', 'moderate', '2026-11-22T00:00:00Z'), testPolicy);

    // Assess
    expect(current.findings.map((f) => [f.ruleId, f.seenAt])).toEqual([
      ['overrun', '2026-11-21T00:00:00.000Z'],
      ['pacing', '2026-11-20T00:00:00.000Z'],
      ['cpa', '2026-11-22T00:00:00.000Z'],
    ]);
    expect(current.findings[0]?.metrics).toEqual({ actual: 25_600 });
  });

  it('does not let a late-arriving older occurrence replace a newer finding of the same rule', () => {
    // Prepare
    const opened = openCase(
      'case-1',
      graded('overrun', 'high', 'severe', '2026-11-22T00:00:00Z', { actual: 25_600 }),
      testPolicy,
    );

    // Act
    const late = joinCase(
      opened,
      graded('overrun', 'high', 'severe', '2026-11-20T00:00:00Z', { actual: 19_800 }),
      testPolicy,
    );

    // Assess
    expect(late.findings.map((f) => f.metrics)).toEqual([{ actual: 25_600 }]);
  });
});
