import type { ActionRequest } from '../../shared/domain/actions.ts';
import type { CampaignPlan } from '../../shared/domain/catalogue.ts';
import type { DrillKind, DrillReport } from '../../shared/domain/drill.ts';
import type { Reallocation, ReallocationRequest } from '../../shared/domain/reallocation.ts';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.ts';
import type { BrandDetail, CampaignDetail } from '../../shared/schemas/catalogue.ts';
import type { BrandOverview, CampaignOverview } from '../../shared/schemas/overviews.ts';
import { translate, type WebMessageId } from './i18n/messages.ts';
import type {
  PolicyDiff,
  PolicyDraft,
  PolicyId,
  PolicySummary,
  PolicyTest,
  PolicyVersion,
  PolicyVersionSummary,
} from './policy-types.ts';
import type {
  Brand,
  Campaign,
  Case,
  CaseDetail,
  CaseStatus,
  ClaimException,
  DecidedReview,
  DecisionRequest,
  FieldIssue,
  Page,
  ResolveRequest,
  Review,
  RulesInForce,
} from './types.ts';

/**
 * An API answer other than 2xx, carrying the RFC 9457 problem in words a person can act on. `status` 0
 * means the API could not be reached at all.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly FieldIssue[];
  /** A 409's `current`: the record as it stands now. */
  readonly current: unknown;

  constructor(
    status: number,
    title: string,
    detail: string,
    errors: readonly FieldIssue[] = [],
    current?: unknown,
  ) {
    super(detail === '' ? title : `${title}: ${detail}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.current = current;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

const issuesOf = (value: unknown, locale: Locale): FieldIssue[] =>
  Array.isArray(value)
    ? value.filter(isRecord).map((issue) => ({
        path: text(issue.path, ''),
        message: text(issue.message, translate(locale, 'core.error.fieldInvalid')),
      }))
    : [];

/** Statuses with their own words when the body says nothing useful (a proxy's HTML error page, an empty 502). */
const FALLBACK_STATUSES: ReadonlySet<number> = new Set([401, 403, 404, 409, 429, 500, 502, 503, 504]);

const problemOf = async (response: Response, locale: Locale): Promise<ApiError> => {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const fallback = FALLBACK_STATUSES.has(response.status)
    ? translate(locale, `core.error.${response.status}` as WebMessageId)
    : translate(locale, 'core.error.status', { status: String(response.status) });
  if (!isRecord(body)) return new ApiError(response.status, fallback, '');
  return new ApiError(
    response.status,
    text(body.title, fallback),
    text(body.detail, ''),
    issuesOf(body.errors, locale),
    body.current,
  );
};

export type Query = Readonly<Record<string, string | number | undefined>>;

const queryString = (query: Query): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const encoded = params.toString();
  return encoded === '' ? '' : `?${encoded}`;
};

/** A page of the case list; a text search says `partial` when a word was too common to list every case. */
export type CasePage = Page<Case> & { readonly partial?: boolean };

/** A file the API wrote, with the name its `Content-Disposition` gives (undefined when none). */
export interface Download {
  readonly blob: Blob;
  readonly filename: string | undefined;
}

/** The file name of a `Content-Disposition` header: RFC 5987 `filename*=UTF-8''…` first, then `filename=`. */
export const filenameOf = (disposition: string | null): string | undefined => {
  if (disposition === null) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended !== undefined) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A broken encoding: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name === undefined || name === '' ? undefined : name;
};

/** What a manager sets on a campaign (PUT /v1/campaigns/{id}): a value sets, `null` clears, absent keeps. */
export interface CampaignRequest {
  readonly name?: string | null;
  readonly brand?: string | null;
  readonly market?: string | null;
  readonly channel?: string | null;
  readonly owner?: string | null;
  readonly plan?: CampaignPlan | null;
  /** The version read; absent for a campaign not in the catalogue yet. */
  readonly version?: number;
}

/** What a manager sets on a brand (PUT /v1/brands/{brand}): `owner: null` clears it, `managers` replaces. */
export interface BrandRequest {
  readonly owner?: string | null;
  readonly managers: readonly string[];
  /** The version read; absent for a brand not in the catalogue yet. */
  readonly version?: number;
}

export interface ApiClientOptions {
  readonly baseUrl: string;
  /** The bearer token of the signed-in person, read at each call (it may be refreshed). */
  readonly token: () => string | undefined;
  /** Called on a 401, after which the caller signs the person out. */
  readonly onUnauthorized?: () => void;
  /**
   * The reader's language, read at each call: sent as `Accept-Language`, so the API answers finding messages
   * and problems in it; the app's own fallback error words follow it too. English when absent.
   */
  readonly locale?: () => Locale;
}

/**
 * The web app's view of the API (README "API"): one method per call it makes.
 *
 * @example
 * const api = createApi({ baseUrl: '', token: () => 'dev-legal-token' });
 * const { items } = await api.reviews();
 */
export const createApi = (options: ApiClientOptions) => {
  const localeOf = (): Locale => options.locale?.() ?? DEFAULT_LOCALE;
  /** Sends one request with the token and the reader's language; a non-2xx answer throws its problem. */
  const send = async (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    accept = 'application/json',
  ): Promise<Response> => {
    const locale = localeOf();
    const headers: Record<string, string> = { accept, 'accept-language': locale };
    const token = options.token();
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}/v1${path}`, {
        method,
        headers,
        cache: 'no-store',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(
        0,
        translate(locale, 'core.error.unreachable'),
        translate(locale, 'core.error.unreachableDetail'),
      );
    }
    if (!response.ok) {
      const error = await problemOf(response, locale);
      if (response.status === 401) options.onUnauthorized?.();
      throw error;
    }
    return response;
  };
  const call = async <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> =>
    (await (await send(method, path, body)).json()) as T;

  const id = (value: string): string => encodeURIComponent(value);

  return {
    cases: (query: Query = {}) => call<CasePage>('GET', `/cases${queryString(query)}`),
    case: (caseId: string) => call<CaseDetail>('GET', `/cases/${id(caseId)}`),
    acknowledge: (caseId: string, note?: string) =>
      call<Case>('POST', `/cases/${id(caseId)}/acknowledge`, note === undefined ? {} : { note }),
    resolve: (caseId: string, request: ResolveRequest) =>
      call<Case>('POST', `/cases/${id(caseId)}/resolve`, request),
    reviews: (query: Query = {}) =>
      call<Page<Review>>('GET', `/reviews${queryString({ status: 'pending', limit: 100, ...query })}`),
    decide: (reviewId: string, request: DecisionRequest) =>
      call<DecidedReview>('POST', `/reviews/${id(reviewId)}/decision`, request),
    exceptions: (query: Query = {}) =>
      call<Page<ClaimException>>('GET', `/exceptions${queryString({ limit: 100, ...query })}`),
    revoke: (exceptionId: string) =>
      call<ClaimException>('POST', `/exceptions/${id(exceptionId)}/revoke`, {}),
    rules: () => call<RulesInForce>('GET', '/rules'),
    // Policies (docs/policies.md): legal and managers read all four; only the owner role writes.
    policies: () => call<{ policies: PolicySummary[] }>('GET', '/policies'),
    policy: (policy: PolicyId) => call<PolicyVersion>('GET', `/policies/${policy}`),
    policyVersions: (policy: PolicyId, query: Query = {}) =>
      call<Page<PolicyVersionSummary>>(
        'GET',
        `/policies/${policy}/versions${queryString({ limit: 50, ...query })}`,
      ),
    policyVersion: (policy: PolicyId, version: number) =>
      call<PolicyVersion>('GET', `/policies/${policy}/versions/${version}`),
    /** `from`, `to`: a version number or `draft`; by default the active version against the draft. */
    policyDiff: (policy: PolicyId, from?: number | 'draft', to?: number | 'draft') =>
      call<PolicyDiff>('GET', `/policies/${policy}/diff${queryString({ from, to })}`),
    /** The owner's draft, or undefined when there is none (a 404). */
    policyDraft: async (policy: PolicyId): Promise<PolicyDraft | undefined> => {
      try {
        return await call<PolicyDraft>('GET', `/policies/${policy}/draft`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return undefined;
        throw error;
      }
    },
    saveDraft: (policy: PolicyId, document: unknown) =>
      call<PolicyDraft>('PUT', `/policies/${policy}/draft`, { document }),
    /** Tests `document` as it stands in the form (unsaved), or the saved draft when it is undefined. */
    testDraft: (policy: PolicyId, document?: unknown) =>
      call<PolicyTest>('POST', `/policies/${policy}/draft/test`, document === undefined ? {} : { document }),
    publish: (policy: PolicyId, note: string) =>
      call<PolicyVersion>('POST', `/policies/${policy}/publish`, { note }),
    rollback: (policy: PolicyId, version: number, note: string) =>
      call<PolicyVersion>('POST', `/policies/${policy}/rollback`, { version, note }),
    /** Pages through `status` cases (newest first), at most `max` of them; `query` adds filters (`owner`). */
    allCases: async (status: CaseStatus, max = 500, query: Query = {}): Promise<Case[]> => {
      const all: Case[] = [];
      let cursor: string | undefined;
      do {
        const page: Page<Case> = await call<Page<Case>>(
          'GET',
          `/cases${queryString({ ...query, status, limit: 100, cursor })}`,
        );
        all.push(...page.items);
        cursor = page.cursor;
      } while (cursor !== undefined && all.length < max);
      return all;
    },
    /** Hands the case to `owner` (a username; managers only). A 409 when it is theirs already or changed. */
    reassign: (caseId: string, owner: string, note?: string) =>
      call<Case>('POST', `/cases/${id(caseId)}/owner`, note === undefined ? { owner } : { owner, note }),
    /** A brand of the catalogue (its owner and managers), or undefined when the catalogue has none. */
    brandCatalogue: async (brand: string): Promise<Brand | undefined> => {
      try {
        return (await call<BrandDetail>('GET', `/brands/${id(brand)}`)).brand;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return undefined;
        throw error;
      }
    },
    /**
     * A file the API writes (CSV exports, evidence packs): read with the bearer token, as it arrives, telling
     * `onProgress` the bytes so far and the size when the answer gives it. `path` is under `/v1`.
     */
    download: async (
      path: string,
      query: Query = {},
      onProgress?: (received: number, total: number | undefined) => void,
    ): Promise<Download> => {
      const response = await send('GET', `${path}${queryString(query)}`, undefined, '*/*');
      const length = Number(response.headers.get('content-length'));
      const total = Number.isFinite(length) && length > 0 ? length : undefined;
      const type = response.headers.get('content-type') ?? 'application/octet-stream';
      const filename = filenameOf(response.headers.get('content-disposition'));
      const reader = response.body?.getReader();
      if (reader === undefined) return { blob: await response.blob(), filename };
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        onProgress?.(received, total);
      }
      return { blob: new Blob(chunks, { type }), filename };
    },
    // The campaign and brand catalogue and their overviews (README "Campaigns and brands").
    /** A page of the catalogue's campaigns the caller's scope covers; `brand`, `market` filter. */
    campaigns: (query: Query = {}) =>
      call<Page<Campaign>>('GET', `/campaigns${queryString({ limit: 100, ...query })}`),
    /** A campaign of the catalogue with its latest change lines (who changed what, when). */
    campaign: (campaignId: string) => call<CampaignDetail>('GET', `/campaigns/${id(campaignId)}`),
    /** Completes or edits a campaign (managers); `version` is the one read (a 409 when it moved). */
    saveCampaign: (campaignId: string, request: CampaignRequest) =>
      call<Campaign>('PUT', `/campaigns/${id(campaignId)}`, request),
    brands: (query: Query = {}) =>
      call<Page<Brand>>('GET', `/brands${queryString({ limit: 100, ...query })}`),
    /** Sets a brand's owner and tier-2 managers (managers); `version` absent creates it. */
    saveBrand: (brand: string, request: BrandRequest) => call<Brand>('PUT', `/brands/${id(brand)}`, request),
    campaignOverview: (campaignId: string) =>
      call<CampaignOverview>('GET', `/campaigns/${id(campaignId)}/overview`),
    brandOverview: (brand: string, weeks?: number) =>
      call<BrandOverview>('GET', `/brands/${id(brand)}/overview${queryString({ weeks })}`),
    // Budget re-allocations (README "Budget re-allocations").
    /** A campaign's re-allocations, in and out, newest first, and who the caller is (`you`). */
    caseActions: (caseId: string) => call<{ items: ActionRequest[] }>('GET', `/cases/${id(caseId)}/actions`),
    decideAction: (actionId: string, decision: 'approve' | 'reject', note?: string) =>
      call<ActionRequest>('POST', `/actions/${id(actionId)}/${decision}`, note === undefined ? {} : { note }),
    reallocations: (campaignId: string) =>
      call<{ items: Reallocation[]; you: string }>('GET', `/campaigns/${id(campaignId)}/reallocations`),
    /** Requests moving budget between two campaigns' plans (managers); another manager decides it. */
    requestReallocation: (request: ReallocationRequest) =>
      call<Reallocation>('POST', '/reallocations', request),
    /** Approves (both plans move) or rejects a requested re-allocation, saying why. */
    decideReallocation: (reallocationId: string, decision: 'approved' | 'rejected', note: string) =>
      call<Reallocation>('POST', `/reallocations/${id(reallocationId)}/decision`, {
        decision,
        note,
      }),
    // Crisis drills (README "Crisis drills").
    /** Starts a drill of `kind` (managers): its id and the drill cases it opened. */
    startDrill: (kind: DrillKind) =>
      call<{ drillId: string; kind: DrillKind; brand: string; caseIds: string[] }>('POST', '/drills', {
        kind,
      }),
    drillReport: (drillId: string) => call<DrillReport>('GET', `/drills/${id(drillId)}`),
    /** 200, 401 or 403 for a role's own list: how a pasted token's role is found. */
    probe: async (path: '/reviews?limit=1' | '/cases?limit=1'): Promise<number> => {
      const token = options.token();
      try {
        const response = await fetch(`${options.baseUrl}/v1${path}`, {
          headers: {
            'accept-language': localeOf(),
            ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          },
          cache: 'no-store',
        });
        return response.status;
      } catch {
        return 0;
      }
    },
  };
};

export type Api = ReturnType<typeof createApi>;
