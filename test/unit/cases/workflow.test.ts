import { describe, expect, it } from 'vitest';
import {
  acknowledgeCase,
  escalateForSla,
  occurrenceAudit,
  openCase,
  type RiskCase,
  resolveCase,
  slaLapsed,
  subjectOf,
} from '#shared/domain/case.ts';
import { assessment, finding, spendEvent } from '../../fixtures/events.ts';
import { testPolicy } from '../../fixtures/level-policy.ts';

const openedAt = new Date('2026-11-22T10:00:00Z');
const hours = (n: number) => new Date(openedAt.getTime() + n * 3_600_000);
const event = spendEvent();
const open = (level = 'red'): RiskCase =>
  openCase(
    'case-1',
    {
      event,
      assessment: assessment([finding({ level })]),
      riskType: 'budget',
      subject: subjectOf(event),
      now: openedAt,
    },
    testPolicy,
  );
const resolution = {
  whys: ['Bid cap removed', 'No pacing alert'],
  measures: ['Paused campaign'],
  improvementPlan: 'Daily pacing check',
};

describe('Function: acknowledgeCase', () => {
  it('moves an open case to acknowledged, recording who and when', () => {
    // Prepare
    const existing = open();

    // Act
    const result = acknowledgeCase(existing, 'user:mia', hours(1), 'on it');

    // Assess
    expect(result.ok && result.next).toMatchObject({
      status: 'acknowledged',
      acknowledgement: { by: 'user:mia', note: 'on it' },
      version: 2,
    });
    expect(result.ok && result.audit).toMatchObject({
      action: 'acknowledged',
      actor: 'user:mia',
      from: 'open',
      to: 'acknowledged',
    });
  });

  it.each(['acknowledged', 'resolved'] as const)('refuses an %s case with its current state', (status) => {
    // Prepare
    const existing: RiskCase = { ...open(), status };

    // Act
    const result = acknowledgeCase(existing, 'user:mia', hours(1));

    // Assess
    expect(result).toMatchObject({ ok: false, current: { status, version: 1 } });
  });
});

describe('Function: resolveCase', () => {
  it.each(['open', 'acknowledged'] as const)('resolves an %s case with the risk-library fields', (status) => {
    // Prepare
    const existing: RiskCase = { ...open(), status };

    // Act
    const result = resolveCase(existing, resolution, 'user:mia', hours(2));

    // Assess
    expect(result.ok && result.next.resolution).toEqual({
      ...resolution,
      by: 'user:mia',
      at: hours(2).toISOString(),
    });
    expect(result.ok && result.audit).toMatchObject({ action: 'resolved', from: status, to: 'resolved' });
  });

  it('refuses a resolved case', () => {
    // Prepare
    const existing: RiskCase = { ...open(), status: 'resolved' };

    // Act
    const result = resolveCase(existing, resolution, 'user:mia', hours(2));

    // Assess
    expect(result.ok).toBe(false);
  });
});

describe('Function: slaLapsed', () => {
  it.each([
    ['an open red case past the SLA', open(), 4, true],
    ['an open red case within the SLA', open(), 3.9, false],
    ['an acknowledged red case', { ...open(), status: 'acknowledged' as const }, 10, false],
    ['a yellow case', open('yellow'), 10, false],
  ])('is %s → %s', (_name, riskCase, after, lapsed) => {
    // Prepare: the case and the hours since it opened are the table's.

    // Act
    const result = slaLapsed(riskCase, testPolicy, hours(after), 4);

    // Assess
    expect(result).toBe(lapsed);
  });

  it('pages once at tier 2, then never again for the same case', () => {
    // Prepare
    const existing = open();

    // Act
    const result = escalateForSla(existing, hours(5), 4);

    // Assess
    if (!result.ok) throw new Error('expected an escalation');
    expect(result.next.escalation).toMatchObject({ id: 'case-1#2', tier: 2, reason: 'sla-lapsed' });
    expect(result.audit).toMatchObject({ action: 'escalated', actor: 'system:sla' });
    expect(slaLapsed(result.next, testPolicy, hours(50), 4)).toBe(false);
  });
});

describe('Function: occurrenceAudit', () => {
  it('records opening, a level rise and a reopening, and nothing for a plain repeat', () => {
    // Prepare
    const yellow = open('yellow');

    // Act
    const opened = occurrenceAudit(undefined, yellow, 'client:a');
    const rose = occurrenceAudit(yellow, { ...yellow, level: 'red' }, 'client:a');
    const reopened = occurrenceAudit({ ...yellow, status: 'resolved' }, yellow, 'client:a');
    const repeated = occurrenceAudit(yellow, { ...yellow, occurrences: 2 }, 'client:a');

    // Assess
    expect(opened).toMatchObject({ action: 'opened', to: 'yellow' });
    expect(rose).toMatchObject({
      action: 'level-rose',
      from: 'yellow',
      to: 'red',
    });
    expect(reopened).toMatchObject({
      action: 'reopened',
    });
    expect(repeated).toBeUndefined();
  });
});
