/**
 * The API's JSON as the web app reads it: the server's own types, imported as types only (erased from the
 * bundle, so the browser never loads zod or server code) so the two cannot drift.
 */

export type {
  AuditAction,
  AuditEntry,
  CaseStatus,
  Occurrence,
  RiskCase as Case,
} from '../../shared/domain/case.ts';
export type { Brand, Campaign } from '../../shared/domain/catalogue.ts';
export type { ClaimException } from '../../shared/domain/claim-exception.ts';
export type { AdCopy } from '../../shared/domain/event.ts';
export type { Evidence, Finding, RiskType } from '../../shared/domain/finding.ts';
export type { DecidedReview, Review, ReviewDecision as Decision } from '../../shared/domain/review.ts';
export type { Level } from '../../shared/domain/risk-matrix.ts';
export type { Subject } from '../../shared/domain/subject.ts';
export type { FieldIssue } from '../../shared/errors.ts';
export type { CaseDetail, Page } from '../../shared/ports.ts';
export type {
  DecisionRequest,
  ExceptionRequest,
  ResolveRequest,
} from '../../shared/schemas/requests.ts';
export type { PackSummary, RuleSummary, RulesInForce } from '../../shared/use-cases/list-rules.ts';

export type Role = 'legal' | 'manager';

/** The app's `/config.json`. */
export type { WebConfig as AppConfig } from './config.ts';
