import { describe, expect, it } from 'vitest';
import { segmentsOf } from '#shared/domain/claims/segments.ts';

const at = (text: string, start: number, end: number) => ({ text: text.slice(start, end), start, end });

describe('Function: segmentsOf (the highlights of the review queue and the evidence pack)', () => {
  it('cuts the copy at every evidence boundary, overlapping spans included', () => {
    // Prepare
    const text = '全网最佳美白精华';
    const findings = [{ evidence: [at(text, 2, 4)] }, { evidence: [at(text, 0, 4)] }];

    // Act
    const segments = segmentsOf(text, findings);

    // Assess
    expect(segments.map((segment) => [segment.text, segment.findings])).toEqual([
      ['全网', [1]],
      ['最佳', [0, 1]],
      ['美白精华', []],
    ]);
  });

  it('counts offsets in UTF-16 code units, so a span after an emoji lands on its characters', () => {
    // Prepare
    const text = '🍼 Sữa tốt nhất';
    const start = text.indexOf('tốt nhất');

    // Act
    const segments = segmentsOf(text, [{ evidence: [at(text, start, text.length)] }]);

    // Assess
    expect(segments.find((segment) => segment.findings.length > 0)?.text).toBe('tốt nhất');
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
  });

  it('clamps spans outside the text instead of trusting them', () => {
    // Act
    const segments = segmentsOf('abc', [{ evidence: [{ text: 'x', start: 2, end: 99 }] }]);

    // Assess
    expect(segments.map((segment) => [segment.text, segment.findings])).toEqual([
      ['ab', []],
      ['c', [0]],
    ]);
  });
});
