import { describe, expect, it } from 'vitest';
import { copySignals, EVIDENCE_CAP } from '#shared/domain/claims/evaluate-copy.ts';
import type { WorkMeter } from '#shared/domain/claims/matcher.ts';
import { compileMatcher } from '#shared/domain/claims/matcher.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';

const matcher = compileMatcher(DEFAULT_PACKS);
const copy = (text: string) => ({ text, lang: 'zh' as const, market: 'CN', category: 'cosmetics' });

const stepsFor = (text: string): number => {
  const meter: WorkMeter = { steps: 0 };
  copySignals(copy(text), matcher, meter);
  return meter.steps;
};

describe('Function: copySignals', () => {
  describe('on hostile input (issue #10: 20,000 × 最)', () => {
    it('caps the evidence of a finding and says how many more spans there were', () => {
      // Act
      const signals = copySignals(copy('最'.repeat(20_000)), matcher);

      // Assess
      const zui = signals.find((signal) => signal.ruleId === 'cn.absolute.zui');
      expect(zui?.evidence).toHaveLength(EVIDENCE_CAP);
      expect(zui?.moreEvidence).toBe(20_000 - EVIDENCE_CAP);
      expect(JSON.stringify(signals).length).toBeLessThan(20_000);
    });

    it.each([
      ['one phrase repeated', '最'],
      ['a phrase inside its exception, repeated', '最近最佳'],
      ['predicates and objects, repeated', '治疗失眠'],
      ['a mix with negation and quotes', '不是最好的，“最佳”'],
    ])('does work linear in the length of the copy: %s', (_case, unit) => {
      // Prepare: the same copy at two lengths
      const short = stepsFor(unit.repeat(1_000));
      const long = stepsFor(unit.repeat(4_000));

      // Assess: four times the text, at most a little over four times the steps (a quadratic pass is 16×)
      expect(short).toBeGreaterThan(0);
      expect(long).toBeLessThanOrEqual(short * 4.5);
    });
  });

  it('finds every evidence span as the exact submitted substring', () => {
    const text = '<b>最</b>佳 ｃｕｒｅ 第壹 zui佳';
    for (const signal of copySignals(copy(text), matcher)) {
      for (const span of signal.evidence ?? []) expect(text.slice(span.start, span.end)).toBe(span.text);
    }
  });
});
