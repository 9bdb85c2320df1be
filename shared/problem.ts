/**
 * RFC 9457 problem details: the shape of every error the product answers, whoever answers it (a
 * function, API Gateway itself, or the local stack's gateway emulation).
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const PROBLEM_TYPE_BASE = 'https://risk-radar.dev/problems/';

/** The `type` URI of a problem; `about:blank` when the status says it all (RFC 9457 §4.2.1). */
export const problemType = (slug: string | undefined): string =>
  slug === undefined ? 'about:blank' : `${PROBLEM_TYPE_BASE}${slug}`;

/** The problem types clients may act on by `type` rather than by wording. */
export const PROBLEM_TYPES = {
  /** 401 for a signature already used: re-sign (in a later second) and retry. */
  signatureReplayed: problemType('signature-replayed'),
} as const;

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
  readonly [extension: string]: unknown;
}
