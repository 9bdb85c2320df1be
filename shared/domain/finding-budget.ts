import type { Assessment } from './assess.ts';
import { compareSeverity } from './assess.ts';
import type { Finding } from './finding.ts';
import type { RiskMatrix } from './risk-matrix.ts';

/**
 * Size bounds on findings, so that every item ingest writes fits DynamoDB's 400 KB item limit by
 * construction, whatever a valid event holds:
 *
 * - an event item holds the event (its copy is at most 20,000 UTF-16 units, so at most 60,000 bytes of
 *   UTF-8, plus short ids) and its assessment, whose findings take at most FINDINGS_BUDGET_BYTES;
 * - a review holds the copy and the same findings;
 * - a case holds at most 50 findings (MAX_FINDINGS_PER_CASE in case.ts), each at most
 *   FINDING_BUDGET_BYTES plus its date;
 * - an occurrence holds one rule id per finding, at most MAX_FINDINGS of them.
 *
 * Sizes are measured as UTF-8 JSON, which is never smaller than DynamoDB's own count for the same value
 * (names and strings count alike; JSON adds quotes, braces and commas where DynamoDB adds a byte or three).
 * A finding over its budget keeps its rule and grades; its prose is clipped first, then evidence
 * spans are dropped from the end and counted in `moreEvidence`.
 */

/** What one finding may take. */
export const FINDING_BUDGET_BYTES = 4_096;
/** What an assessment's findings may take together. */
export const FINDINGS_BUDGET_BYTES = 192 * 1024;
/** A finding squeezed to its smallest (no evidence, one-line message) fits in this. */
const FINDING_FLOOR_BYTES = 1_024;
/** The most findings an assessment keeps (the worst ones): FINDINGS_BUDGET_BYTES / FINDING_FLOOR_BYTES. */
export const MAX_FINDINGS = Math.floor(FINDINGS_BUDGET_BYTES / FINDING_FLOOR_BYTES);

const encoder = new TextEncoder();

/** UTF-8 bytes of a value as JSON. */
export const jsonBytes = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

/** At most `max` UTF-16 units, never ending inside a surrogate pair, with an ellipsis when cut. */
const clip = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  return `${last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut}…`;
};

const clipProse = (finding: Finding, max: number, suggestionMax = max): Finding => ({
  ...finding,
  message: clip(finding.message, max),
  ...(finding.suggestion === undefined ? {} : { suggestion: clip(finding.suggestion, suggestionMax) }),
  ...(finding.basis === undefined ? {} : { basis: clip(finding.basis, max) }),
});

/** Drops evidence spans from the end, counting them in `moreEvidence`, until the finding fits. */
const dropEvidence = (finding: Finding, maxBytes: number): Finding => {
  const all = finding.evidence ?? [];
  // Spans whose text alone would not fit go at once (a UTF-16 unit is at most 3 bytes), so the measuring
  // below only ever handles a finding of about `maxBytes`.
  let budget = maxBytes;
  let affordable = 0;
  while (affordable < all.length) {
    budget -= 3 * (all[affordable]?.text.length ?? 0) + 40;
    if (budget < 0) break;
    affordable += 1;
  }
  const evidence = all.slice(0, affordable);
  let more = (finding.moreEvidence ?? 0) + (all.length - affordable);
  const withEvidence = (): Finding => {
    const { evidence: _all, moreEvidence: _more, ...rest } = finding;
    return {
      ...rest,
      ...(finding.evidence === undefined ? {} : { evidence: [...evidence] }),
      ...(more === 0 ? {} : { moreEvidence: more }),
    };
  };
  while (evidence.length > 0 && jsonBytes(withEvidence()) > maxBytes) {
    evidence.pop();
    more += 1;
  }
  return withEvidence();
};

/** The characters of a finding's text fields: more than `maxBytes` of them cannot fit `maxBytes`. */
const textLength = (finding: Finding): number =>
  finding.message.length +
  (finding.suggestion?.length ?? 0) +
  (finding.basis?.length ?? 0) +
  (finding.evidence ?? []).reduce((sum, span) => sum + span.text.length, 0);

/**
 * The finding within `maxBytes`: unchanged when it fits; else prose clipped to 1,000 characters, then
 * evidence dropped (and counted), then prose clipped to a line (at most ~1 KB then, whatever the input).
 *
 * @example jsonBytes(fitFinding(hugeFinding, 4096)) <= 4096 // true
 */
export const fitFinding = (finding: Finding, maxBytes: number = FINDING_BUDGET_BYTES): Finding => {
  if (textLength(finding) <= maxBytes && jsonBytes(finding) <= maxBytes) return finding;
  const clipped = dropEvidence(clipProse(finding, 1_000), maxBytes);
  return jsonBytes(clipped) <= maxBytes ? clipped : clipProse(clipped, 100, 40);
};

/**
 * The assessment with findings that fit FINDINGS_BUDGET_BYTES together: each within FINDING_BUDGET_BYTES,
 * or less when there are many, and at most MAX_FINDINGS (the worst ones, in their original order). Its
 * level, probability and impact are its worst finding's, which is always kept.
 */
export const fitAssessment = (matrix: RiskMatrix, assessment: Assessment): Assessment => {
  const order = compareSeverity(matrix);
  const kept =
    assessment.findings.length <= MAX_FINDINGS
      ? assessment.findings
      : [...assessment.findings.entries()]
          .sort(([a, left], [b, right]) => order(right, left) || a - b)
          .slice(0, MAX_FINDINGS)
          .sort(([a], [b]) => a - b)
          .map(([, finding]) => finding);
  const each = Math.max(
    FINDING_FLOOR_BYTES,
    Math.min(FINDING_BUDGET_BYTES, Math.floor(FINDINGS_BUDGET_BYTES / Math.max(1, kept.length))),
  );
  const findings = kept.map((finding) => fitFinding(finding, each));
  const unchanged = kept === assessment.findings && findings.every((finding, i) => finding === kept[i]);
  return unchanged ? assessment : { ...assessment, findings };
};
