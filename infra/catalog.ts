/**
 * Every Lambda function of the product and the HTTP routes it serves, listed once. The CDK service stack
 * creates functions and API Gateway methods from this list, and the local HTTP adapter routes requests
 * with it, so a route cannot exist in one place and not the other.
 */

import { keys } from '#shared/adapters/dynamodb-items.ts';
import type { BundleFiles } from '#shared/bundle-files.ts';
import { packDataBundleFiles } from '#shared/domain/claims/packs/data.ts';
import { evidenceBundleFiles } from '#shared/export/fonts.ts';
import { SEARCH_PARTITION_PREFIX } from '#shared/search/keys.ts';
import { ESCALATION_ATTRIBUTE } from '#shared/table.ts';

/** How API Gateway lets a request through before the handler checks the role. */
export type RouteAuth =
  /** No credentials (health, OpenAPI document). */
  | 'public'
  /** Pushers: HMAC signature over the raw body, verified inside the function. */
  | 'signature'
  /** People: a Cognito user-pool JWT, verified by the API Gateway Cognito authorizer. */
  | 'cognito';

/**
 * The stage name. Resources carry the catalog's paths verbatim (`/v1/events`), so a function receives the
 * same `resource` and `path` in AWS as from the local stack, and the API version stays in the path. The
 * stage is therefore not called `v1`: that would make the URL `…/v1/v1/events`. Base URL + catalog path
 * is the address everywhere: `http://127.0.0.1:3000/v1/events` locally, `<ApiUrl>v1/events` in AWS.
 */
export const STAGE_NAME = 'api';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway resource path, e.g. `/v1/cases/{id}`. */
  readonly path: string;
  readonly auth: RouteAuth;
}

export interface FunctionDefinition {
  /** CDK construct id and file name under functions/ (verb-noun). */
  readonly id: string;
  readonly description: string;
  readonly routes: readonly RouteDefinition[];
  /**
   * Seconds the function may run, when the default 10 s is too short: testing a policy draft compiles its
   * rules and re-assesses decided copies. API Gateway answers 504 after 29 s, so an API function stays under it.
   */
  readonly timeoutSeconds?: number;
  /** Needs write access to the table (otherwise read-only, or none). */
  readonly table: 'read' | 'write' | 'none';
  /**
   * Runs on a schedule (EventBridge Scheduler in AWS, an interval on the local stack): a rate or cron
   * expression such as `rate(15 minutes)`.
   */
  readonly schedule?: string;
  /** Publishes to SNS: the escalation topic (`escalations`) or the digest (`digest`). */
  readonly publishes?: readonly ('escalations' | 'digest')[];
  /**
   * Consumes the stream consumer's on-failure destination (the StreamFailures queue in AWS, the dead-letter
   * file locally) and publishes what it finds, once each: the redrive after an SNS outage.
   */
  readonly redrives?: 'stream-failures';
  /** Memory in MB when the default 512 is too little CPU (Lambda gives CPU in proportion to memory). */
  readonly memorySize?: number;
  /** Calls the customer's automation endpoint (AUTOMATION_WEBHOOK_URL, its signing secret). */
  readonly automation?: boolean;
  /**
   * Files the function reads at run time, copied beside its bundle: the evidence pack's fonts, the compiled
   * rule packs of a function that evaluates copy (test/infra/app.test.ts fails when a bundle reads the packs
   * and its asset lacks them).
   */
  readonly bundleFiles?: () => BundleFiles;
}

export const FUNCTIONS = [
  {
    id: 'ingest-events',
    description: 'Evaluates and stores pushed events, opening or joining cases.',
    routes: [{ method: 'POST', path: '/v1/events', auth: 'signature' }],
    table: 'write',
    bundleFiles: packDataBundleFiles,
  },
  {
    id: 'start-drill',
    description:
      'A manager starts a crisis drill: a synthetic red scenario marked as a drill, through the ingest use case.',
    routes: [{ method: 'POST', path: '/v1/drills', auth: 'cognito' }],
    table: 'write',
    bundleFiles: packDataBundleFiles,
  },
  {
    id: 'get-drill',
    description:
      "A drill's report: per step, time to acknowledge and to resolve, who acted, what was missed.",
    routes: [{ method: 'GET', path: '/v1/drills/{id}', auth: 'cognito' }],
    table: 'read',
  },
  {
    id: 'evaluate-events',
    description: 'Returns the assessment of events without storing anything.',
    routes: [{ method: 'POST', path: '/v1/evaluate', auth: 'signature' }],
    // The replay guard is a write: a signature may be used once.
    table: 'write',
    bundleFiles: packDataBundleFiles,
  },
  {
    id: 'list-cases',
    description: 'Lists cases, newest first, filtered and paginated.',
    routes: [{ method: 'GET', path: '/v1/cases', auth: 'cognito' }],
    table: 'read',
  },
  {
    id: 'get-case',
    description: 'Returns one case with its findings and occurrences.',
    routes: [{ method: 'GET', path: '/v1/cases/{id}', auth: 'cognito' }],
    table: 'read',
  },
  {
    id: 'read-overviews',
    description:
      'One page per campaign (its cases across spend, ad copy and sentiment on one timeline, plan, spend and pacing, copies with their review) and per brand (campaigns, latest cases, weekly heat map).',
    routes: [
      { method: 'GET', path: '/v1/campaigns/{id}/overview', auth: 'cognito' },
      { method: 'GET', path: '/v1/brands/{brand}/overview', auth: 'cognito' },
    ],
    table: 'read',
  },
  {
    id: 'read-catalogue',
    description:
      'The campaign and brand catalogue: campaigns (by brand, market, owner) and brands, within the caller’s scope.',
    routes: [
      { method: 'GET', path: '/v1/campaigns', auth: 'cognito' },
      { method: 'GET', path: '/v1/campaigns/{id}', auth: 'cognito' },
      { method: 'GET', path: '/v1/brands', auth: 'cognito' },
      { method: 'GET', path: '/v1/brands/{brand}', auth: 'cognito' },
    ],
    table: 'read',
  },
  {
    id: 'change-catalogue',
    description:
      'A manager completes or registers a campaign (brand, market, channel, owner, plan) or a brand (owner, managers); audited.',
    routes: [
      { method: 'PUT', path: '/v1/campaigns/{id}', auth: 'cognito' },
      { method: 'PUT', path: '/v1/brands/{brand}', auth: 'cognito' },
    ],
    table: 'write',
  },
  {
    id: 'read-reallocations',
    description:
      "A campaign's budget re-allocations, in and out: amount, who requested and decided, when, why, state.",
    routes: [{ method: 'GET', path: '/v1/campaigns/{id}/reallocations', auth: 'cognito' }],
    table: 'read',
  },
  {
    id: 'change-reallocations',
    description:
      'A manager requests a budget re-allocation between two campaigns with a reason; another manager approves (both plans move, audited) or rejects it.',
    routes: [
      { method: 'POST', path: '/v1/reallocations', auth: 'cognito' },
      { method: 'POST', path: '/v1/reallocations/{id}/decision', auth: 'cognito' },
    ],
    table: 'write',
  },
  {
    id: 'push-reallocation',
    description:
      'A pusher (a finance system, signed) requests a budget re-allocation between two campaigns with a reason; a manager decides it.',
    routes: [{ method: 'POST', path: '/v1/reallocation-requests', auth: 'signature' }],
    table: 'write',
  },
  {
    id: 'reassign-case',
    description: 'A manager hands a case to another owner; audited.',
    routes: [{ method: 'POST', path: '/v1/cases/{id}/owner', auth: 'cognito' }],
    table: 'write',
  },
  {
    id: 'get-health',
    description: 'Liveness.',
    routes: [{ method: 'GET', path: '/v1/health', auth: 'public' }],
    table: 'none',
  },
  {
    id: 'get-openapi',
    description: 'The OpenAPI document generated from the zod schemas.',
    routes: [{ method: 'GET', path: '/v1/openapi.json', auth: 'public' }],
    table: 'none',
  },
  {
    id: 'acknowledge-case',
    description: 'A manager acknowledges a case; the SLA clock stops.',
    routes: [{ method: 'POST', path: '/v1/cases/{id}/acknowledge', auth: 'cognito' }],
    table: 'write',
  },
  {
    id: 'resolve-case',
    description: 'A manager resolves a case with root cause, measures and improvement plan.',
    routes: [{ method: 'POST', path: '/v1/cases/{id}/resolve', auth: 'cognito' }],
    table: 'write',
  },
  {
    id: 'list-actions',
    description: "A case's guarded action requests (pause, cap budget, notify) with their state and outcome.",
    routes: [{ method: 'GET', path: '/v1/cases/{id}/actions', auth: 'cognito' }],
    table: 'read',
  },
  {
    id: 'decide-action',
    description: 'A manager approves or rejects a pending guarded action; audited.',
    routes: [
      { method: 'POST', path: '/v1/actions/{id}/approve', auth: 'cognito' },
      { method: 'POST', path: '/v1/actions/{id}/reject', auth: 'cognito' },
    ],
    table: 'write',
  },
  {
    id: 'list-reviews',
    description: "Legal's review queue of flagged ad copy, oldest first.",
    routes: [{ method: 'GET', path: '/v1/reviews', auth: 'cognito' }],
    table: 'read',
  },
  {
    id: 'decide-review',
    description: 'Legal approves (optionally granting an exception), rejects or requests changes.',
    routes: [{ method: 'POST', path: '/v1/reviews/{id}/decision', auth: 'cognito' }],
    table: 'write',
  },
  {
    id: 'list-exceptions',
    description: 'Claim exceptions legal granted, with expiry and revocation.',
    routes: [{ method: 'GET', path: '/v1/exceptions', auth: 'cognito' }],
    table: 'read',
  },
  {
    id: 'revoke-exception',
    description: 'Legal revokes a claim exception.',
    routes: [{ method: 'POST', path: '/v1/exceptions/{id}/revoke', auth: 'cognito' }],
    table: 'write',
  },
  {
    id: 'export-records',
    description: "CSV exports of cases, reviews and exceptions as filtered, within the caller's scope.",
    routes: [
      { method: 'GET', path: '/v1/exports/cases.csv', auth: 'cognito' },
      { method: 'GET', path: '/v1/exports/reviews.csv', auth: 'cognito' },
      { method: 'GET', path: '/v1/exports/exceptions.csv', auth: 'cognito' },
    ],
    // Reads page after page up to its row and size caps, and stops while API Gateway (29 s) still waits.
    timeoutSeconds: 28,
    table: 'read',
  },
  {
    id: 'export-evidence',
    description: 'The evidence pack of a legal review as a PDF, Chinese and Vietnamese fonts embedded.',
    routes: [{ method: 'GET', path: '/v1/reviews/{id}/evidence.pdf', auth: 'cognito' }],
    timeoutSeconds: 28,
    // Laying out and subsetting the fonts is CPU work: twice the default memory is twice the CPU.
    memorySize: 1024,
    bundleFiles: evidenceBundleFiles,
    table: 'read',
  },
  {
    id: 'list-rules',
    description: "The claim rule packs in force (with legal's policy), with versions.",
    routes: [{ method: 'GET', path: '/v1/rules', auth: 'cognito' }],
    // Reads the active policy versions.
    table: 'read',
    bundleFiles: packDataBundleFiles,
  },
  {
    id: 'read-policies',
    description:
      'The policies in force (claims overlay, matrix, thresholds), their history, diffs and drafts.',
    routes: [
      { method: 'GET', path: '/v1/policies', auth: 'cognito' },
      { method: 'GET', path: '/v1/policies/{id}', auth: 'cognito' },
      { method: 'GET', path: '/v1/policies/{id}/versions', auth: 'cognito' },
      { method: 'GET', path: '/v1/policies/{id}/versions/{version}', auth: 'cognito' },
      { method: 'GET', path: '/v1/policies/{id}/diff', auth: 'cognito' },
      { method: 'GET', path: '/v1/policies/{id}/draft', auth: 'cognito' },
    ],
    table: 'read',
    bundleFiles: packDataBundleFiles,
  },
  {
    id: 'change-policy',
    description: "A policy's owner saves, tests, publishes or rolls back a draft.",
    routes: [
      { method: 'PUT', path: '/v1/policies/{id}/draft', auth: 'cognito' },
      { method: 'POST', path: '/v1/policies/{id}/draft/test', auth: 'cognito' },
      { method: 'POST', path: '/v1/policies/{id}/publish', auth: 'cognito' },
      { method: 'POST', path: '/v1/policies/{id}/rollback', auth: 'cognito' },
    ],
    // Writes drafts and versions; testing reads decided copies, cases and events.
    table: 'write',
    timeoutSeconds: 28,
    bundleFiles: packDataBundleFiles,
  },
  {
    id: 'notify-escalation',
    description: 'Reads escalation markers from the table stream and publishes them to SNS, once each.',
    routes: [],
    // Writes only its own idempotency records (which escalations were published).
    table: 'write',
    publishes: ['escalations'],
  },
  {
    id: 'redrive-escalations',
    description:
      'Re-reads the stream batches the notify function gave up on (StreamFailures queue) and publishes their escalations, once each.',
    routes: [],
    // Writes only its own idempotency records, shared with notify-escalation (the same escalation id).
    table: 'write',
    publishes: ['escalations'],
    redrives: 'stream-failures',
  },
  {
    id: 'index-cases',
    description:
      'Keeps the search index in line with the case library: reads case and review changes from the table stream and writes their postings.',
    routes: [],
    // Writes only postings (`SEARCH#<term>` partitions), reads the case and review it indexes.
    table: 'write',
  },
  {
    id: 'carry-out-actions',
    description:
      "Reads case and action changes from the table stream: requests the actions a case's level calls for, and carries approved ones out on the customer's signed webhook, once each.",
    routes: [],
    // Writes action requests and their audit lines (`CASE#*` partitions).
    table: 'write',
    // One delivery with all its retries (shared/adapters/action-webhook.ts ACTION_DELIVERY) fits well inside.
    timeoutSeconds: 60,
    automation: true,
  },
  {
    id: 'check-sla',
    description: 'Escalates red cases not acknowledged within RED_ACK_SLA_HOURS at tier 2.',
    routes: [],
    table: 'write',
    schedule: 'rate(15 minutes)',
  },
  {
    id: 'send-digest',
    description: "Publishes one daily message summarising the day's new yellow cases.",
    routes: [],
    // Writes only its idempotency records (which audiences a digest went to), in the notify partition.
    table: 'write',
    schedule: 'cron(0 8 * * ? *)',
    publishes: ['digest'],
  },
] as const satisfies readonly FunctionDefinition[];

export type FunctionId = (typeof FUNCTIONS)[number]['id'];

/**
 * The escalation consumer of the table stream (the notify function), the one the redrive replays. Every
 * consumer of the stream is listed in `STREAM_CONSUMERS`.
 */
export const STREAM_CONSUMER: FunctionId = 'notify-escalation';

/**
 * The SSM parameter holding the web app's URL (written by the web stack, read by the functions that
 * publish, which link to cases there).
 */
export const WEB_URL_PARAMETER = '/marketing-risk-radar/web-url';

/** The function that redrives the stream consumer's failed batches. */
export const STREAM_REDRIVER: FunctionId = 'redrive-escalations';

/**
 * A Lambda event-filter pattern (the JSON AWS stores on the event source mapping). `exists` matches a
 * leaf value, never a map, so the escalation pattern names the marker's `id` string.
 */
export type FilterPattern = {
  readonly [key: string]: FilterPattern | readonly (string | { readonly exists: boolean })[];
};

/**
 * How the table stream reaches the notify function, declared once: the CDK event source mapping
 * (infra/service-stack.ts) and the local poller (infra/local/stream-poller.ts) are both built from it, so
 * a laptop retries, filters and gives up as AWS does.
 */
export const STREAM_SETTINGS = {
  /** Records per invocation: a manager hears of a red case within seconds, and a batch fits the timeout. */
  batchSize: 10,
  maxBatchingWindowSeconds: 1,
  /** Retries of a failing batch before it goes to the on-failure destination (then the redrive takes over). */
  retryAttempts: 10,
  /**
   * Records older than this go to the on-failure destination unretried. Half the stream's 24 h retention,
   * so the redrive still has 12 hours to read them back by their sequence numbers.
   */
  maxRecordAgeSeconds: 12 * 3600,
  /** How long the table stream keeps records (fixed by DynamoDB). */
  retentionSeconds: 24 * 3600,
  /**
   * The pause between retries on the local stack (shared/backoff.ts, full jitter). Lambda retries stream
   * batches on its own schedule; ten retries at this pace span about two and a half minutes on average.
   */
  retryBackoff: { baseMs: 1_000, maxMs: 60_000 },
  /**
   * Only records whose new image carries an escalation marker (shared/table.ts ESCALATION_ATTRIBUTE)
   * invoke the function; everything else written to the table — events, replay guards, reviews, TTL
   * deletions (no new image) — is acknowledged unseen. Whether the marker is new (old image vs new image)
   * is decided by the function: a filter cannot compare two images.
   */
  filter: { dynamodb: { NewImage: { [ESCALATION_ATTRIBUTE]: { M: { id: { S: [{ exists: true }] } } } } } },
  /**
   * How often a failed batch is tried again from the on-failure destination while SNS stays down: the
   * StreamFailures queue's visibility timeout in AWS, the dead-letter file's redrive interval locally.
   */
  redriveIntervalSeconds: 5 * 60,
} as const satisfies {
  readonly filter: FilterPattern;
  readonly retryBackoff: { readonly baseMs: number; readonly maxMs: number };
  readonly [setting: string]: unknown;
};

/** Where a stream consumer's failed batches go: a queue in AWS, a dead-letter file locally. */
export type StreamFailureDestination = 'stream-failures' | 'index-failures' | 'action-failures';

/**
 * A function fed by the table stream. Each has its own event source mapping in AWS (and its own poller,
 * checkpoint and dead letters on the local stack), so one falling behind or failing never holds back the
 * other; all follow `STREAM_SETTINGS` (batch size, retries, record age) but their own filter.
 */
export interface StreamConsumerDefinition {
  readonly id: FunctionId;
  /** Which records invoke it; the others are acknowledged unseen (Lambda event filtering). */
  readonly filter: FilterPattern;
  /** Where batches it gave up on go. */
  readonly onFailure: StreamFailureDestination;
  /**
   * Partition-key prefixes it may write (IAM `dynamodb:LeadingKeys` like `SEARCH#*`); without, the
   * consumer writes only the notify idempotency records (service-stack `STREAM_CONSUMER_PARTITIONS`).
   */
  readonly writesPrefixes?: readonly string[];
}

/**
 * Only case and review items (their sort keys; `Keys` is in every record, deletions included) reach the
 * search indexer: events, occurrences, audit lines and postings themselves never invoke it.
 */
export const SEARCH_INDEX_FILTER = {
  dynamodb: { Keys: { sk: { S: [keys.case('').sk, keys.review('').sk] } } },
} as const satisfies FilterPattern;

/**
 * Case and action items (their `entity`) reach the guarded actions' consumer: a case change may call for a
 * request, an approved request is carried out. Deletions have no new image and never invoke it.
 */
export const ACTIONS_FILTER = {
  dynamodb: { NewImage: { entity: { S: ['case', 'action'] } } },
} as const satisfies FilterPattern;

/** The consumers of the table stream. */
export const STREAM_CONSUMERS: readonly StreamConsumerDefinition[] = [
  { id: STREAM_CONSUMER, filter: STREAM_SETTINGS.filter, onFailure: 'stream-failures' },
  {
    id: 'index-cases',
    filter: SEARCH_INDEX_FILTER,
    onFailure: 'index-failures',
    writesPrefixes: [SEARCH_PARTITION_PREFIX],
  },
  {
    id: 'carry-out-actions',
    filter: ACTIONS_FILTER,
    onFailure: 'action-failures',
    writesPrefixes: [keys.case('').pk],
  },
];
