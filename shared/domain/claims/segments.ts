import type { Finding } from '../finding.ts';

/**
 * Where a copy's evidence lies, as both the web app (in-place highlights) and the evidence-pack PDF show it.
 */

/** A run of the copy text and the findings (by index) whose evidence covers it. */
export interface Segment {
  readonly text: string;
  readonly start: number;
  readonly findings: readonly number[];
}

/**
 * Cuts `text` at every evidence boundary so each span can be highlighted in place, overlapping spans
 * included. Offsets are UTF-16 code units, as the API gives them and as `String.prototype.slice` counts, so a
 * span after an emoji or a CJK extension character still lands on the right characters. Spans out of range
 * are clamped rather than trusted.
 *
 * @example segmentsOf('全网最佳', [{ evidence: [{ text: '最佳', start: 2, end: 4 }] }])
 * // [{ text: '全网', start: 0, findings: [] }, { text: '最佳', start: 2, findings: [0] }]
 */
export const segmentsOf = (text: string, findings: readonly Pick<Finding, 'evidence'>[]): Segment[] => {
  const spans = findings.flatMap((finding, index) =>
    (finding.evidence ?? [])
      .map((evidence) => ({
        start: Math.max(0, Math.min(text.length, evidence.start)),
        end: Math.max(0, Math.min(text.length, evidence.end)),
        index,
      }))
      .filter((span) => span.end > span.start),
  );
  const cuts = [...new Set([0, text.length, ...spans.flatMap((span) => [span.start, span.end])])].sort(
    (a, b) => a - b,
  );
  const segments: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i += 1) {
    const start = cuts[i] ?? 0;
    const end = cuts[i + 1] ?? text.length;
    const covering = [
      ...new Set(spans.filter((span) => span.start <= start && span.end >= end).map((span) => span.index)),
    ];
    segments.push({ text: text.slice(start, end), start, findings: covering });
  }
  return segments;
};
