/**
 * The API's JSON as the web app reads it (README "API"; the OpenAPI document is the reference). Kept here,
 * not imported from shared/schemas, so the browser bundle never pulls zod or server code.
 */
export type Level = 'red' | 'yellow' | 'green' | (string & {});
export type RiskType = 'budget' | 'channel' | 'reputation' | 'compliance';
export type CaseStatus = 'open' | 'acknowledged' | 'resolved';
export type Decision = 'approved' | 'rejected' | 'changes_requested';
export type Role = 'legal' | 'manager';

export interface Evidence {
  readonly text: string;
  /** UTF-16 offsets into the copy text, as JavaScript strings index. */
  readonly start: number;
  readonly end: number;
}

export interface Finding {
  readonly ruleId: string;
  readonly riskType: RiskType;
  readonly level: Level;
  readonly probability: string;
  readonly impact: string;
  readonly message: string;
  readonly basis?: string;
  readonly evidence?: readonly Evidence[];
  readonly suggestion?: string;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly exception?: { readonly id: string; readonly expiresAt: string };
}

export interface Subject {
  readonly key: string;
  readonly label: string;
  readonly brand?: string;
  readonly product?: string;
  readonly campaignId?: string;
  readonly channel?: string;
  readonly market?: string;
  readonly copyId?: string;
}

export interface Case {
  readonly caseId: string;
  readonly riskType: RiskType;
  readonly subject: Subject;
  readonly level: Level;
  readonly probability: string;
  readonly impact: string;
  readonly status: CaseStatus;
  readonly occurrences: number;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly findings: readonly Finding[];
  readonly escalationCount: number;
  readonly acknowledgement?: { readonly by: string; readonly at: string; readonly note?: string };
  readonly resolution?: {
    readonly whys: readonly string[];
    readonly measures: readonly string[];
    readonly improvementPlan: string;
    readonly by: string;
    readonly at: string;
    readonly note?: string;
  };
  readonly version: number;
}

export interface Occurrence {
  readonly eventId: string;
  readonly type: 'ad-copy' | 'spend' | 'sentiment';
  readonly source: string;
  readonly occurredAt: string;
  readonly receivedAt: string;
  readonly level: Level;
  readonly ruleIds: readonly string[];
}

export interface AuditEntry {
  readonly caseId: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly note?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface AdCopy {
  readonly copyId: string;
  readonly text: string;
  readonly lang: 'zh' | 'vi' | 'en';
  readonly market: string;
  readonly category: string;
  readonly brand: string;
  readonly campaignId?: string;
}

export interface Review {
  readonly reviewId: string;
  readonly caseId: string;
  readonly status: string;
  readonly round: number;
  readonly copy: AdCopy;
  readonly eventId: string;
  readonly level: Level;
  readonly findings: readonly Finding[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly decision?: {
    readonly decision: Decision;
    readonly note: string;
    readonly by: string;
    readonly at: string;
    readonly exceptionId?: string;
  };
  readonly version: number;
}

export interface CaseDetail {
  readonly case: Case;
  readonly occurrences: readonly Occurrence[];
  readonly audit: readonly AuditEntry[];
  readonly review?: Review;
}

export interface ClaimException {
  readonly exceptionId: string;
  readonly brand: string;
  readonly ruleId: string;
  readonly phrase?: string;
  readonly evidence: string;
  readonly expiresAt: string;
  readonly grantedBy: string;
  readonly grantedAt: string;
  readonly reviewId: string;
  readonly revokedAt?: string;
  readonly revokedBy?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string;
}

export interface ExceptionRequest {
  readonly ruleId: string;
  readonly phrase?: string;
  readonly evidence: string;
  readonly expiresAt: string;
}

export interface DecisionRequest {
  readonly decision: Decision;
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
