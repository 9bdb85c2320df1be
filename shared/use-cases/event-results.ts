import type { FieldIssue } from '#shared/errors.ts';
import type { Assessment } from '#shared/schemas/assessment.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';

/**
 * One event of a request as the edge parsed it (functions/input.ts): valid against the contract, or
 * refused with its errors. The use cases take these, never a body.
 */
export type ParsedItem =
  | { readonly index: number; readonly ok: true; readonly event: RiskEvent }
  | {
      readonly index: number;
      readonly ok: false;
      readonly eventId?: string;
      readonly errors: readonly FieldIssue[];
    };

/** An event the contract refused; nothing was written for it. */
export interface RejectedResult {
  readonly index: number;
  readonly eventId?: string;
  readonly status: 'rejected';
  readonly errors: readonly FieldIssue[];
}

/** An event the engine assessed: stored (`created`), seen before (`duplicate`) or only evaluated. */
export interface AssessedResult {
  readonly index: number;
  readonly eventId: string;
  readonly status: 'created' | 'duplicate' | 'evaluated';
  readonly caseId?: string | null;
  readonly assessment: Assessment;
}

export type EventResult = AssessedResult | RejectedResult;

export const rejectedResult = (item: Extract<ParsedItem, { ok: false }>): RejectedResult => ({
  index: item.index,
  ...(item.eventId === undefined ? {} : { eventId: item.eventId }),
  status: 'rejected',
  errors: item.errors,
});
