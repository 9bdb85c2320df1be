/**
 * The API's JSON as the web app reads it: the server's own types, imported as types only (erased from the
 * bundle, so the browser never loads zod or server code) so the two cannot drift.
 */

export type {
  AuditEntry,
  CaseStatus,
  Occurrence,
  RiskCase as Case,
  Subject,
} from '../../shared/domain/case.ts';
export type { ClaimException } from '../../shared/domain/claim-exception.ts';
export type { Review, ReviewDecision as Decision } from '../../shared/domain/review.ts';
export type { CaseDetail, Page } from '../../shared/ports.ts';
export type { Evidence, Finding, Level, RiskType } from '../../shared/schemas/assessment.ts';
export type { AdCopy } from '../../shared/schemas/events.ts';

import type { ReviewDecision } from '../../shared/domain/review.ts';

export type Role = 'legal' | 'manager';

export interface ExceptionRequest {
  readonly ruleId: string;
  readonly phrase?: string;
  readonly evidence: string;
  readonly expiresAt: string;
}

export interface DecisionRequest {
  readonly decision: ReviewDecision;
  readonly note: string;
  readonly exception?: ExceptionRequest;
}

export interface ResolveRequest {
  readonly whys: readonly string[];
  readonly measures: readonly string[];
  readonly improvementPlan: string;
  readonly note?: string;
}

/** The app's `/config.json` (web/build.ts `WebConfig`). */
export type AppConfig =
  | {
      readonly mode: 'local';
      readonly apiBaseUrl: string;
      readonly devTokens?: { readonly legal: string; readonly manager: string };
    }
  | {
      readonly mode: 'cognito';
      readonly apiBaseUrl: string;
      readonly cognito: { readonly domain: string; readonly clientId: string; readonly redirectUri: string };
    };
