import type { FindingTexts } from '#shared/i18n/texts.ts';
import type { Level } from './risk-matrix.ts';

/**
 * What a rule says about one event: the finding, its risk type and, for ad copy, what the finding means.
 * The zod schemas in `shared/schemas/assessment.ts` derive from these and the OpenAPI document from them.
 */

/** DESIGN.md's four risk types: budget overrun, channel, reputation, compliance. */
export const RISK_TYPES = ['budget', 'channel', 'reputation', 'compliance'] as const;
export type RiskType = (typeof RISK_TYPES)[number];

/**
 * What an ad-copy finding means: `violation` — the copy breaks a rule (never green); `advisory` — a claim
 * the law allows only with proof, so legal must verify the cited source (green, "verify the source");
 * `coverage` — no rule pack covers the copy's market and language, so it was not checked automatically
 * (yellow, review by hand).
 */
export const FINDING_OUTCOMES = ['violation', 'advisory', 'coverage'] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];

/** A span of the submitted text that a rule matched. */
export interface Evidence {
  /** The exact substring of the submitted text, even when the match was found through normalisation. */
  readonly text: string;
  /** UTF-16 offset of the first character. */
  readonly start: number;
  /** UTF-16 offset one past the last character. */
  readonly end: number;
}

export interface Finding {
  readonly ruleId: string;
  readonly riskType: RiskType;
  /** Ad copy only. */
  readonly outcome?: FindingOutcome;
  /** Ad copy only: the language of the pack that found it. */
  readonly language?: string;
  /** Ad copy only: the law area, e.g. absolute-terms. */
  readonly area?: string;
  readonly level: Level;
  /** A probability label of the matrix in force. */
  readonly probability: string;
  /** An impact label of the matrix in force. */
  readonly impact: string;
  /** A sentence a marketer understands, in English unless a reader's locale rendered it (`localizeFinding`). */
  readonly message: string;
  /** Legal or policy basis, e.g. 《广告法》第九条第三项. */
  readonly basis?: string;
  readonly evidence?: readonly Evidence[];
  /** How many more spans matched than `evidence` lists (it is capped per finding). */
  readonly moreEvidence?: number;
  readonly suggestion?: string;
  /**
   * The message and suggestion in every language (a pack rule's, from its pack) or the catalogue sentence and
   * the values they are rendered from (spend, sentiment): what lets a stored case be read in any language.
   */
  readonly texts?: FindingTexts;
  /** The numbers behind a spend or sentiment finding (plan, actual, ratio, …). */
  readonly metrics?: Readonly<Record<string, number>>;
  /**
   * Set when a legal exception allows this claim; the finding then does not count. `expiresOn` is the last
   * day it is in force as legal wrote it (what people read); `expiresAt` the instant it ends. Findings stored
   * before exceptions had calendar dates lack `expiresOn`: their day is `expiresAt`'s in UTC.
   */
  readonly exception?: { readonly id: string; readonly expiresOn?: string; readonly expiresAt: string };
}
