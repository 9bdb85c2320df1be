import type { Scope } from '#shared/auth/scope.ts';
import type { ActionRequest } from '#shared/domain/actions.ts';
import type { Baseline } from '#shared/domain/baselines.ts';
import type { AuditEntry, Escalation, FollowUp, Occurrence, RiskCase } from '#shared/domain/case.ts';
import type { Brand, Campaign, CatalogueChange } from '#shared/domain/catalogue.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import type { DrillFilter } from '#shared/domain/drill.ts';
import type { PolicyDraft, PolicyId, PolicyVersionSummary } from '#shared/domain/policies/policy.ts';
import type { DecisionWrite, Reallocation } from '#shared/domain/reallocation.ts';
import type { Review, ReviewStatus } from '#shared/domain/review.ts';
import type { Audience } from '#shared/i18n/audiences.ts';
import type { Assessment } from '#shared/schemas/assessment.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import type { Level, RiskType } from '#shared/schemas/vocabulary.ts';

/**
 * The ports the use cases depend on. Adapters in shared/adapters implement them against DynamoDB, SNS and
 * Secrets Manager; tests implement them in memory or mock the SDK underneath.
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A stored event: the raw event, who sent it, and what the engine said when it arrived. */
export interface StoredEvent {
  readonly clientId: string;
  readonly event: RiskEvent;
  readonly assessment: Assessment;
  readonly caseId: string | null;
  readonly receivedAt: string;
}

/** Writes that ride along with a case write, in the same transaction. */
export interface CaseSideEffects {
  readonly audit?: AuditEntry;
  /** The legal review of an ad-copy case: new (no expected version) or updated. */
  readonly review?: { readonly next: Review; readonly expectedVersion?: number };
}

/** What the ingest use case asks the store to write atomically. */
export type EventWrite =
  /** A green event: stored, no case. */
  | { readonly kind: 'event-only'; readonly stored: StoredEvent }
  /** The first occurrence on a subject: event, new case, occurrence and the subject's pointer. */
  | ({
      readonly kind: 'open-case';
      readonly stored: StoredEvent;
      readonly next: RiskCase;
      readonly occurrence: Occurrence;
    } & CaseSideEffects)
  /** A further occurrence: event, updated case (if still at `expectedVersion`) and occurrence. */
  | ({
      readonly kind: 'join-case';
      readonly stored: StoredEvent;
      readonly next: RiskCase;
      readonly expectedVersion: number;
      readonly occurrence: Occurrence;
    } & CaseSideEffects);

export type EventWriteResult =
  | { readonly outcome: 'written' }
  /** The event id was already stored (the idempotency key): nothing was written. */
  | { readonly outcome: 'duplicate'; readonly original: StoredEvent }
  /** Someone else changed the subject's case (or opened one) first: read again and retry. */
  | { readonly outcome: 'stale' };

/** A subject's case grouping: its risk type and subject key (`subjectOf(event).key`). */
export interface SubjectRef {
  readonly riskType: RiskType;
  readonly subjectKey: string;
}

/** What a subject's next occurrence is planned against: its current case and that case's review. */
export interface SubjectState {
  readonly current?: RiskCase;
  readonly review?: Review;
}

/** The map key of a subject in `subjectStates`' answer. */
export const subjectRefKey = (ref: SubjectRef): string => `${ref.riskType}#${ref.subjectKey}`;

/** The case each subject read points to, by `subjectRefKey`: its case id, or `null` when it has none. */
export type SubjectPointers = ReadonlyMap<string, string | null>;

export interface EventStore {
  findEvent(clientId: string, eventId: string): Promise<StoredEvent | undefined>;
  /**
   * The events of these ids the client already stored, by event id, and, in the same bulk read, the
   * pointers of `subjects` (strongly consistent).
   */
  findEventsAndPointers(
    clientId: string,
    eventIds: readonly string[],
    subjects: readonly SubjectRef[],
  ): Promise<{ readonly events: ReadonlyMap<string, StoredEvent>; readonly pointers: SubjectPointers }>;
  /**
   * The case each subject's events currently group into, if any, with its review, by `subjectRefKey`
   * (strongly consistent, in bulk). A subject without a case is absent or has no `current`. Pointers
   * already read (`findEventsAndPointers`) are not read again.
   */
  subjectStates(
    subjects: readonly SubjectRef[],
    pointers?: SubjectPointers,
  ): Promise<ReadonlyMap<string, SubjectState>>;
  /**
   * Stores `write` at once (all or nothing). With `learning`, the subject's next baseline is stored in the
   * same write if the stored baseline is still the one read; if a concurrent writer moved it first, the
   * event is stored without it (a smoothed estimate skips an update rather than retry it).
   */
  write(write: EventWrite, learning?: BaselineLearning): Promise<EventWriteResult>;
  /**
   * Stores several writes, each with the guarantees of `write` (its own all or nothing), in as few round
   * trips as the store allows; results in the order of `writes`. `not-written` means nothing of that write
   * was stored only because another write sharing its round trip failed (submit it again as is), or, with
   * `baselineMoved`, because its baseline moved first (submit it again without the learning).
   */
  writeAll(writes: readonly EventWriteRequest[]): Promise<EventWriteAllResult[]>;
}

/** One write of `EventStore.writeAll`. */
export interface EventWriteRequest {
  readonly write: EventWrite;
  readonly learning?: BaselineLearning;
}

export type EventWriteAllResult =
  | EventWriteResult
  | { readonly outcome: 'not-written'; readonly baselineMoved: boolean };

/** What a stored event teaches its subject's baseline. */
export interface BaselineLearning {
  readonly key: string;
  readonly next: Baseline;
  /**
   * What the stored baseline must still be: its observation count, `'absent'` when there was none,
   * `'unusable'` when what was stored cannot be read (an older schema).
   */
  readonly expected: number | 'absent' | 'unusable';
}

export interface CaseQuery {
  readonly level?: Level;
  readonly status?: RiskCase['status'];
  readonly riskType?: RiskType;
  readonly brand?: string;
  readonly campaignId?: string;
  readonly market?: string;
  /** The owner's username ("my cases"). */
  readonly owner?: string;
  /**
   * The caller's scope (shared/auth/scope.ts): only cases it `covers`, read from the brand (or market)
   * index of each scoped brand (market), never by filtering a page of every case. Undefined = all.
   */
  readonly scope?: Scope;
  /** Last seen at or after (ISO-8601). */
  readonly from?: string;
  /** Last seen before (ISO-8601). */
  readonly to?: string;
  /**
   * Crisis drills' cases (shared/domain/drill.ts): left out by default (`exclude`), alone (`only`), or with
   * the real ones (`include`, as the SLA check reads them).
   */
  readonly drill?: DrillFilter;
  readonly limit: number;
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; absent on the last page. */
  readonly cursor?: string;
}

export interface CaseDetail {
  readonly case: RiskCase;
  readonly occurrences: readonly Occurrence[];
  readonly audit: readonly AuditEntry[];
  readonly review?: Review;
}

export interface CaseReader {
  listCases(query: CaseQuery): Promise<Page<RiskCase>>;
  getCase(caseId: string): Promise<CaseDetail | undefined>;
}

export type SaveResult = 'saved' | 'stale';

/** Moves a case through its lifecycle: each save checks the version read and appends its audit entry. */
export interface CaseWorkflowStore {
  getCase(caseId: string): Promise<RiskCase | undefined>;
  saveTransition(next: RiskCase, expectedVersion: number, audit: AuditEntry): Promise<SaveResult>;
}

export interface ReviewQuery {
  readonly status: ReviewStatus;
  readonly limit: number;
  readonly cursor?: string;
  /** Newest first instead of the queue's oldest first (a policy test reads the latest decisions). */
  readonly newestFirst?: boolean;
  /** The caller's scope: only reviews of copy it `covers` (the copy's brand and market). Undefined = all. */
  readonly scope?: Scope;
}

export interface ReviewStore {
  listReviews(query: ReviewQuery): Promise<Page<Review>>;
  getReview(reviewId: string): Promise<Review | undefined>;
  /** The decision, its case audit entry and an optional exception, in one transaction. */
  saveDecision(
    next: Review,
    expectedVersion: number,
    audit: AuditEntry,
    exception?: ClaimException,
  ): Promise<SaveResult>;
}

export interface ExceptionStore {
  /** A brand's exceptions that have not expired at `now` (revoked ones included; the domain filters). */
  forBrand(brand: string, now: Date): Promise<readonly ClaimException[]>;
  /** Newest first; with a scope, only the exceptions it `covers` (their brand, and market if they carry one). */
  listExceptions(limit: number, cursor?: string, scope?: Scope): Promise<Page<ClaimException>>;
  getException(exceptionId: string): Promise<ClaimException | undefined>;
  /** Marks it revoked unless it already is. */
  revoke(exceptionId: string, by: string, at: Date): Promise<SaveResult>;
}

/** Subjects' baselines, stored as the domain's plain objects; the domain validates what it reads back. */
export interface BaselineStore {
  get(key: string): Promise<unknown>;
  /** The stored baselines of these keys (strongly consistent, in bulk); a key never stored is absent. */
  getMany(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>>;
}

/** Remembers signatures already used, so a captured request cannot be replayed. */
export interface ReplayGuard {
  /** True the first time a key is seen; false for a replay. */
  firstUse(key: string, expiresAt: Date): Promise<boolean>;
}

/** The HMAC secrets of pushing clients. */
export interface ClientSecrets {
  /**
   * The secrets a client may sign with: one, or two while it rotates; none for an unknown client.
   * `fresh` asks the source again instead of answering from a cache (a secret may have just been rotated
   * or a client added); an implementation may limit how often it does.
   */
  secretsOf(clientId: string, options?: { readonly fresh?: boolean }): Promise<readonly string[]>;
}

/** One escalation message, exactly as it will be published. */
export interface EscalationMessage {
  readonly escalation: Escalation;
  readonly case: RiskCase;
  /** The escalation this one follows, when known (a tier 2 says how long the case went unacknowledged). */
  readonly previous?: Escalation;
}

/** The follow-up to the people a case paged: it was acknowledged or resolved. */
export interface FollowUpMessage {
  readonly followUp: FollowUp;
  readonly case: RiskCase;
}

/** What the table-stream outbox publishes: an escalation or a follow-up to one. */
export type CaseNotification = EscalationMessage | FollowUpMessage;

/** True for a follow-up. */
export const isFollowUp = (message: CaseNotification): message is FollowUpMessage => 'followUp' in message;

/** The id a notification is published once under (per audience): the escalation's or the follow-up's. */
export const notificationId = (message: CaseNotification): string =>
  isFollowUp(message) ? message.followUp.id : message.escalation.id;

export interface Notifier {
  publish(message: CaseNotification): Promise<void>;
}

/**
 * A notifier that writes each message once per audience (a language and time zone of the subscribers,
 * shared/i18n/audiences.ts): `publish` sends every audience, `publishTo` one, so a caller can remember
 * which audiences of an escalation or follow-up went out.
 */
export interface AudienceNotifier extends Notifier {
  readonly audiences: readonly Audience[];
  publishTo(message: CaseNotification, audience: Audience): Promise<void>;
}

/** The day's summary of new yellow cases. */
export interface DigestMessage {
  /** The level the digest is about (one digest per level that needs attention). */
  readonly level: string;
  /** The window, ISO-8601: `until` is the scheduled time, so a retried run has the same window. */
  readonly since: string;
  readonly until: string;
  readonly cases: readonly RiskCase[];
}

export interface DigestNotifier {
  publishDigest(message: DigestMessage): Promise<void>;
}

/** Creates ids for new cases; sortable by creation time. */
export type IdGenerator = () => string;

/** A published version of a policy as stored: its history line and its document (the overlay). */
export interface StoredPolicyVersion extends PolicyVersionSummary {
  readonly document: unknown;
}

/** An owner's draft as stored (without the effective document, which is derived). */
export type StoredPolicyDraft = Omit<PolicyDraft, 'effective'>;

/** Policies: the active version of each (one small read, done by every function every few seconds), history, drafts. */
export interface PolicyStore {
  /** The active version of every policy ever published, strongly consistent, in one read. */
  activeVersions(): Promise<ReadonlyMap<PolicyId, PolicyVersionSummary>>;
  getVersion(id: PolicyId, version: number): Promise<StoredPolicyVersion | undefined>;
  /** The history, newest first. */
  listVersions(id: PolicyId, limit: number, cursor?: string): Promise<Page<PolicyVersionSummary>>;
  getDraft(id: PolicyId): Promise<StoredPolicyDraft | undefined>;
  /** Every policy's draft without its document (who saved it, when, on which version). */
  draftSummaries(): Promise<ReadonlyMap<PolicyId, Omit<StoredPolicyDraft, 'document'>>>;
  saveDraft(draft: StoredPolicyDraft): Promise<void>;
  /**
   * Makes `next` the active version if the active one is still `expectedActive` (0: none published yet), in one
   * write with its history line; with `dropDraft` the draft it came from is removed in the same write.
   */
  publish(next: StoredPolicyVersion, expectedActive: number, dropDraft: boolean): Promise<SaveResult>;
}

/** The campaigns and brands a request names, read at once; brands by `brandKey` (shared/auth/scope.ts). */
export interface CatalogueEntries {
  readonly campaigns: ReadonlyMap<string, Campaign>;
  readonly brands: ReadonlyMap<string, Brand>;
}

export interface CampaignQuery {
  /** Campaigns of this brand (compared as `brandKey`). */
  readonly brand?: string;
  /** Campaigns of this market (compared as `marketKey`). */
  readonly market?: string;
  readonly owner?: string;
  /**
   * The caller's scope: only campaigns of one of these brands / markets (undefined = any). A campaign
   * without a brand (or market) is outside a brand- (or market-) scope, as `covers` says.
   */
  readonly brands?: readonly string[];
  readonly markets?: readonly string[];
  readonly limit: number;
  readonly cursor?: string;
}

export interface BrandQuery {
  /** The caller's brand scope: only these brands (undefined = all). */
  readonly brands?: readonly string[];
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * The campaign and brand catalogue. Saves are version-guarded: `expectedVersion` is the version read, or
 * `'absent'` to create (a first sight that lost the race to another writer answers `'stale'`, not an error).
 * A change made by a person is saved with its audit line (who, when, what changed) in the same write.
 */
export interface CatalogueStore {
  /** These campaigns and brands (strongly consistent, in one bulk read); an unknown one is absent. */
  getMany(campaignIds: readonly string[], brands: readonly string[]): Promise<CatalogueEntries>;
  getCampaign(campaignId: string): Promise<Campaign | undefined>;
  getBrand(brand: string): Promise<Brand | undefined>;
  /** Campaigns by id (or within a brand or market), filtered; a filtered page may hold fewer than `limit`. */
  listCampaigns(query: CampaignQuery): Promise<Page<Campaign>>;
  /** Brands by `brandKey`. */
  listBrands(query: BrandQuery): Promise<Page<Brand>>;
  saveCampaign(
    next: Campaign,
    expectedVersion: number | 'absent',
    change?: CatalogueChange,
  ): Promise<SaveResult>;
  saveBrand(next: Brand, expectedVersion: number | 'absent', change?: CatalogueChange): Promise<SaveResult>;
  /** A campaign's or brand's change lines, newest first. */
  changesOf(
    entity: CatalogueChange['entity'],
    id: string,
    limit: number,
  ): Promise<readonly CatalogueChange[]>;
  /**
   * A case completed from its campaign after a manager's change (brand, market, a default owner where it
   * had none), if still at `expectedVersion`; no audit line (as when an occurrence files it).
   */
  saveCompletedCase(next: RiskCase, expectedVersion: number): Promise<SaveResult>;
}

/**
 * Guarded actions' requests (shared/domain/actions.ts), each on its case's partition: created once per case ×
 * action, then moved by conditional writes on their version, each with its audit line in the same transaction.
 */
export interface ActionStore {
  /** Writes a new request and its audit line; `false` when the request already exists (never two). */
  create(request: ActionRequest, audit: AuditEntry): Promise<boolean>;
  get(actionId: string): Promise<ActionRequest | undefined>;
  listForCase(caseId: string): Promise<ActionRequest[]>;
  /** Saves `next` if the stored request is still at `expectedVersion`, with its audit line if any. */
  saveTransition(next: ActionRequest, expectedVersion: number, audit?: AuditEntry): Promise<SaveResult>;
}

/**
 * Budget re-allocations (shared/use-cases/reallocations.ts): each request with a copy on both campaigns'
 * partitions; a decision writes it, its copies and (approved) both campaigns with their history lines in
 * one transaction, each version-guarded.
 */
export interface ReallocationStore {
  get(reallocationId: string): Promise<Reallocation | undefined>;
  /** A campaign's re-allocations (in and out), newest first. */
  ofCampaign(campaignId: string, limit: number): Promise<readonly Reallocation[]>;
  /** A new request (`stale` if its id exists). */
  create(value: Reallocation): Promise<SaveResult>;
  /** The decision, if the request is still at `expectedVersion` and each campaign at its own. */
  decide(write: DecisionWrite, expectedVersion: number): Promise<SaveResult>;
}

/** How a guarded action's webhook call ended, after its retries. */
export interface ActionDeliveryResult {
  readonly ok: boolean;
  /** Calls made, retries included. */
  readonly attempts: number;
  /** The last answer's HTTP status, if one arrived. */
  readonly status?: number;
  readonly reason?: string;
}

/** Carries an approved action out on the customer's automation endpoint (a signed webhook, retried). */
export interface ActionDelivery {
  deliver(request: ActionRequest): Promise<ActionDeliveryResult>;
}
