import { describe, expect, it } from 'vitest';
import {
  FINDING_BUDGET_BYTES,
  FINDINGS_BUDGET_BYTES,
  fitAssessment,
  fitFinding,
  jsonBytes,
  MAX_FINDINGS,
} from '#shared/domain/finding-budget.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import type { Finding } from '#shared/schemas/assessment.ts';
import { assessment, finding } from '../../fixtures/events.ts';

/** The worst a finding of a valid copy can be: 20 spans of a whole 20,000-character copy, long prose. */
const hostile = (ruleId = 'cn.absolute-terms'): Finding =>
  finding({
    ruleId,
    riskType: 'compliance',
    message: '最'.repeat(20_000),
    suggestion: '用客观描述'.repeat(4_000),
    basis: '《广告法》第九条'.repeat(2_000),
    evidence: Array.from({ length: 20 }, (_, i) => ({
      text: '最'.repeat(20_000),
      start: i,
      end: i + 20_000,
    })),
    moreEvidence: 19_980,
  });

describe('Function: fitFinding', () => {
  it('leaves a finding that fits untouched', () => {
    const small = finding();
    expect(fitFinding(small)).toBe(small);
  });

  it('brings the worst finding within its budget, keeping rule and grades, counting dropped spans', () => {
    const fitted = fitFinding(hostile());
    expect(jsonBytes(fitted)).toBeLessThanOrEqual(FINDING_BUDGET_BYTES);
    expect(fitted).toMatchObject({ ruleId: 'cn.absolute-terms', level: 'red', probability: 'high' });
    expect((fitted.evidence?.length ?? 0) + (fitted.moreEvidence ?? 0)).toBe(20 + 19_980);
    expect(fitted.message.endsWith('…')).toBe(true);
  });

  it('keeps the spans that fit and drops the rest from the end', () => {
    const spans = Array.from({ length: 20 }, (_, i) => ({
      text: '最佳'.repeat(40),
      start: i * 80,
      end: i * 80 + 80,
    }));
    const fitted = fitFinding(finding({ evidence: spans }), 2_048);
    expect(fitted.evidence).toEqual(spans.slice(0, fitted.evidence?.length));
    expect(fitted.moreEvidence).toBe(20 - (fitted.evidence?.length ?? 0));
    expect(jsonBytes(fitted)).toBeLessThanOrEqual(2_048);
  });

  it('never cuts a surrogate pair in half', () => {
    const fitted = fitFinding(finding({ message: '😀'.repeat(10_000) }), 1_024);
    expect(fitted.message.isWellFormed()).toBe(true);
  });
});

describe('Function: fitAssessment', () => {
  it('returns a small assessment as it is', () => {
    const small = assessment([finding()]);
    expect(fitAssessment(DEFAULT_MATRIX, small)).toBe(small);
  });

  it('bounds 1,000 hostile findings: the worst kept, in order, within the budget', () => {
    const many = Array.from({ length: 1_000 }, (_, i) =>
      i === 999 ? hostile('the-worst') : { ...hostile(`rule-${i}`), level: 'yellow', probability: 'medium' },
    );
    const fitted = fitAssessment(DEFAULT_MATRIX, assessment(many, 'red'));
    expect(fitted.findings).toHaveLength(MAX_FINDINGS);
    expect(fitted.findings.at(-1)?.ruleId).toBe('the-worst');
    expect(jsonBytes(fitted.findings)).toBeLessThanOrEqual(FINDINGS_BUDGET_BYTES * 1.1);
    expect(fitted.level).toBe('red');
  });
});
