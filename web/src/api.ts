import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.ts';
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
  const call = async <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> => {
    const locale = localeOf();
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale };
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
    return (await response.json()) as T;
  };

  const id = (value: string): string => encodeURIComponent(value);

  return {
    cases: (query: Query = {}) => call<Page<Case>>('GET', `/cases${queryString(query)}`),
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
    /** Pages through `status` cases (newest first), at most `max` of them. */
    allCases: async (status: CaseStatus, max = 500): Promise<Case[]> => {
      const all: Case[] = [];
      let cursor: string | undefined;
      do {
        const page: Page<Case> = await call<Page<Case>>(
          'GET',
          `/cases${queryString({ status, limit: 100, cursor })}`,
        );
        all.push(...page.items);
        cursor = page.cursor;
      } while (cursor !== undefined && all.length < max);
      return all;
    },
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
