import * as z from 'zod';
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { CLIENT_HEADER, SIGNATURE_HEADER } from '#shared/auth/signature.ts';
import { TRUNCATION_REASONS } from '#shared/export/media-types.ts';
import { LOCALES } from '#shared/i18n/locales.ts';
import {
  ActionDecisionRequestSchema,
  ActionIdSchema,
  ActionListSchema,
  ActionRequestSchema,
} from './actions.ts';
import {
  BatchResponseSchema,
  CaseDetailSchema,
  CaseSchema,
  ProblemSchema,
  pageOf,
  SingleResultSchema,
} from './cases.ts';
import {
  BrandDetailSchema,
  BrandListSchema,
  BrandSchema,
  CampaignDetailSchema,
  CampaignListSchema,
  CampaignSchema,
} from './catalogue.ts';
import {
  BrandChangeRequestSchema,
  BrandNameSchema,
  CampaignChangeRequestSchema,
  CampaignIdSchema,
  ListBrandsQuerySchema,
  ListCampaignsQuerySchema,
  ReassignRequestSchema,
} from './catalogue-requests.ts';
import { DrillIdSchema, DrillReportSchema, DrillRequestSchema, DrillStartedSchema } from './drills.ts';
import { MAX_EVENTS_PER_REQUEST, RiskEventSchema } from './events.ts';
import { BrandOverviewQuerySchema, BrandParamSchema, CampaignIdParamSchema } from './overview-requests.ts';
import { BrandOverviewSchema, CampaignOverviewSchema } from './overviews.ts';
import {
  PolicyDiffQuerySchema,
  PolicyDiffSchema,
  PolicyDraftRequestSchema,
  PolicyDraftSchema,
  PolicyIdSchema,
  PolicyListSchema,
  PolicyPublishRequestSchema,
  PolicyRollbackRequestSchema,
  PolicyTestRequestSchema,
  PolicyTestSchema,
  PolicyVersionNumberSchema,
  PolicyVersionSchema,
  PolicyVersionSummarySchema,
  PolicyVersionsQuerySchema,
} from './policies.ts';
import {
  ReallocationDecisionRequestSchema,
  ReallocationIdSchema,
  ReallocationListSchema,
  ReallocationRequestSchema,
  ReallocationSchema,
} from './reallocations.ts';
import {
  AcknowledgeRequestSchema,
  CaseIdSchema,
  DecisionRequestSchema,
  IdSchema,
  ListCasesQuerySchema,
  ListExceptionsQuerySchema,
  ListReviewsQuerySchema,
  ResolveRequestSchema,
} from './requests.ts';
import { ClaimExceptionSchema, DecidedReviewSchema, ReviewSchema } from './reviews.ts';
import { RulesInForceSchema } from './rules.ts';
import { CaseSearchPageSchema } from './search.ts';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with, so the
 * reference cannot drift from the code.
 */

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const jsonBody = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A CSV download (shared/export/csv.ts): the rows, and headers saying how many and whether it stopped early. */
const csvBody = (description: string) => ({
  description,
  headers: z.object({
    'content-disposition': z
      .string()
      .meta({ description: 'attachment; filename="risk-radar-<export>-<date>.csv"' }),
    'x-export-rows': z.string().meta({ description: 'Data rows in the file.' }),
    'x-export-truncated': z
      .enum(TRUNCATION_REASONS)
      .optional()
      .meta({ description: 'Set when the export stopped at a limit; its last line says so too.' }),
  }),
  content: {
    'text/csv': {
      schema: z.string().meta({
        description:
          "RFC 4180 CSV, UTF-8 with a byte-order mark, a header row in the reader's language; cells starting with = + - @ are prefixed with '.",
      }),
    },
  },
});

/** A JSON request body the operation requires. */
const jsonRequest = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const EventsRequestSchema = z
  .union([
    RiskEventSchema,
    z
      .strictObject({ events: z.array(RiskEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST) })
      .meta({ id: 'EventBatchRequest' }),
  ])
  .meta({ description: `One event, or { "events": [...] } with at most ${MAX_EVENTS_PER_REQUEST}.` });

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

const signedErrors: ZodOpenApiResponsesObject = {
  '400': problem('Invalid JSON or an event that breaks the contract; `errors` lists every bad path.'),
  '401': problem('Missing, wrong, stale or replayed signature.'),
  '403': problem('The client lacks the ingest role.'),
  '413': problem('Body over 256 KB or more than 100 events.'),
};

const peopleErrors: ZodOpenApiResponsesObject = {
  '401': problem('No or invalid bearer token.'),
  '403': problem('The user is in neither the manager nor the legal group.'),
};

const workflowErrors: ZodOpenApiResponsesObject = {
  '400': problem('A body or parameter that breaks the contract; `errors` lists every bad path.'),
  ...peopleErrors,
  '404': problem('No such case, review or exception.'),
  '409': problem(
    'Impossible in the current state (e.g. already resolved or decided); `current` shows the state.',
  ),
};

const policyPath = z.object({ id: PolicyIdSchema });

const policyReadErrors: ZodOpenApiResponsesObject = {
  '400': problem('An unknown policy id, version or query parameter; `errors` lists every bad path.'),
  ...peopleErrors,
  '404': problem('No such version, or no draft.'),
};

const policyWriteErrors: ZodOpenApiResponsesObject = {
  '400': problem('An invalid document: `errors` names every bad path (document.rules.0.patterns …).'),
  '401': peopleErrors['401'] as NonNullable<ZodOpenApiResponsesObject['401']>,
  '403': problem('The policy belongs to another role: claims to legal, matrix and thresholds to managers.'),
  '404': problem('No draft to publish, or no such version to restore.'),
  '409': problem(
    "The draft's own examples fail (`current.failures`), it was written against an older version, or someone published first.",
  ),
};

const eventsOperation = (summary: string): ZodOpenApiOperationObject => ({
  summary,
  security: [{ signature: [], client: [] }],
  requestBody: jsonRequest(EventsRequestSchema),
  responses: {
    '200': {
      description: 'A single event: its result. A batch: every result and a summary.',
      content: { 'application/json': { schema: z.union([SingleResultSchema, BatchResponseSchema]) } },
    },
    '207': jsonBody(
      'A batch in which some events were rejected; each result says which and why.',
      BatchResponseSchema,
    ),
    ...signedErrors,
  },
});

/**
 * Every route answers in the reader's language (functions/middleware/language.ts): `lang` first, then
 * `Accept-Language`; the response says which in `content-language`.
 */
const LANGUAGE_PARAMETERS = {
  lang: {
    name: 'lang',
    in: 'query' as const,
    required: false,
    description: `The language of finding messages and suggestions: ${LOCALES.join(', ')} (zh, vi-VN, en-GB … are read as the nearest). Takes precedence over Accept-Language; any other value is a 400.`,
    schema: { type: 'string', examples: [...LOCALES] as string[] },
  },
  acceptLanguage: {
    name: 'Accept-Language',
    in: 'header' as const,
    required: false,
    description:
      'RFC 9110 language negotiation, used when `lang` is absent; nothing the API speaks means English.',
    schema: { type: 'string', examples: ['vi-VN,vi;q=0.9,en;q=0.5'] },
  },
} satisfies Record<string, oas31.ParameterObject>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The language parameters on every operation of a built document. */
const withLanguageParameters = <D extends ReturnType<typeof createDocument>>(document: D): D => {
  document.components = {
    ...document.components,
    parameters: { ...document.components?.parameters, ...LANGUAGE_PARAMETERS },
  };
  for (const path of Object.values(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = path?.[method];
      if (operation === undefined) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        { $ref: '#/components/parameters/lang' },
        { $ref: '#/components/parameters/acceptLanguage' },
      ];
    }
  }
  return document;
};

/** Builds the document; called once per cold start. */
export const openApiDocument = () =>
  withLanguageParameters(
    createDocument({
      openapi: '3.1.0',
      info: {
        title: 'Marketing Risk Radar API',
        version: '1.0.0',
        description:
          'Push spend, sentiment and ad-copy events; read the risk cases they open. Errors are RFC 9457 problem details.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          signature: {
            type: 'apiKey',
            in: 'header',
            name: SIGNATURE_HEADER,
            description:
              't=<unix seconds>,v2=<hex HMAC-SHA256(secret, "<t>.<METHOD>.<path>.<raw body>")>, path as /v1/events; each signature works once, for 300 s. v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")> is deprecated and accepted until 2027-06-30.',
          },
          client: {
            type: 'apiKey',
            in: 'header',
            name: CLIENT_HEADER,
            description: 'The pushing client id.',
          },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: 'A Cognito ID token (legal or manager group).',
          },
        },
      },
      paths: {
        '/v1/events': { post: eventsOperation('Push events (idempotent by eventId)') },
        '/v1/evaluate': { post: eventsOperation('Assess events without storing them') },
        '/v1/drills': {
          post: {
            summary: 'Start a crisis drill (managers): a synthetic red scenario marked as a drill',
            security: [{ bearer: [] }],
            requestBody: jsonRequest(DrillRequestSchema),
            responses: {
              '201': jsonBody('The drill started: its id and the drill cases it opened.', DrillStartedSchema),
              '400': problem('A body that breaks the contract; `errors` lists every bad path.'),
              '404': problem("A brand outside the caller's scope."),
              ...peopleErrors,
            },
          },
        },
        '/v1/drills/{id}': {
          get: {
            summary:
              "A drill's report: time to acknowledge and to resolve per step, who acted, what was missed",
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: DrillIdSchema }) },
            responses: {
              '200': jsonBody('The drill report.', DrillReportSchema),
              '400': problem('An invalid drill id.'),
              '404': problem("No such drill, or none of its cases in the caller's scope."),
              ...peopleErrors,
            },
          },
        },
        '/v1/cases': {
          get: {
            summary: 'List cases, newest first',
            security: [{ bearer: [] }],
            requestParams: { query: ListCasesQuerySchema },
            responses: {
              '200': jsonBody(
                'A page of cases; with q, the cases matching every word.',
                CaseSearchPageSchema,
              ),
              '400': problem('Bad filter or cursor.'),
              ...peopleErrors,
            },
          },
        },
        '/v1/cases/{id}': {
          get: {
            summary: 'One case with its findings and occurrences',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: CaseIdSchema }) },
            responses: {
              '200': jsonBody('The case.', CaseDetailSchema),
              '404': problem('No such case.'),
              ...peopleErrors,
            },
          },
        },
        '/v1/cases/{id}/acknowledge': {
          post: {
            summary: 'Acknowledge a case (managers); stops the SLA clock',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: CaseIdSchema }) },
            requestBody: { content: { 'application/json': { schema: AcknowledgeRequestSchema } } },
            responses: { '200': jsonBody('The acknowledged case.', CaseSchema), ...workflowErrors },
          },
        },
        '/v1/cases/{id}/resolve': {
          post: {
            summary: 'Resolve a case (managers) with the 5 whys, measures and improvement plan',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: CaseIdSchema }) },
            requestBody: jsonRequest(ResolveRequestSchema),
            responses: { '200': jsonBody('The resolved case.', CaseSchema), ...workflowErrors },
          },
        },
        '/v1/reviews': {
          get: {
            summary: "Legal's review queue, oldest first",
            security: [{ bearer: [] }],
            requestParams: { query: ListReviewsQuerySchema },
            responses: {
              '200': jsonBody('A page of reviews.', pageOf(ReviewSchema).meta({ id: 'ReviewList' })),
              ...peopleErrors,
            },
          },
        },
        '/v1/reviews/{id}/decision': {
          post: {
            summary: 'Decide a review (legal); an approval may grant an exception',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: IdSchema }) },
            requestBody: jsonRequest(DecisionRequestSchema),
            responses: {
              '200': jsonBody('The decided review and any exception granted.', DecidedReviewSchema),
              ...workflowErrors,
            },
          },
        },
        '/v1/exceptions': {
          get: {
            summary: 'Claim exceptions (legal), newest first',
            security: [{ bearer: [] }],
            requestParams: { query: ListExceptionsQuerySchema },
            responses: {
              '200': jsonBody(
                'A page of exceptions.',
                pageOf(ClaimExceptionSchema).meta({ id: 'ClaimExceptionList' }),
              ),
              ...peopleErrors,
            },
          },
        },
        '/v1/exports/cases.csv': {
          get: {
            summary: 'The case library as filtered, as CSV (at most 50,000 rows or ~5.5 MB)',
            security: [{ bearer: [] }],
            requestParams: { query: ListCasesQuerySchema },
            responses: {
              '200': csvBody("One row per case the caller's scope covers, newest first."),
              '400': problem('An unknown or invalid filter; `errors` lists every bad parameter.'),
              ...peopleErrors,
            },
          },
        },
        '/v1/exports/reviews.csv': {
          get: {
            summary: 'Legal reviews of one status, as CSV (legal)',
            security: [{ bearer: [] }],
            requestParams: { query: ListReviewsQuerySchema },
            responses: {
              '200': csvBody("One row per review the caller's scope covers, oldest first."),
              '400': problem('An unknown status or parameter.'),
              ...peopleErrors,
            },
          },
        },
        '/v1/exports/exceptions.csv': {
          get: {
            summary: 'Claim exceptions, as CSV (legal)',
            security: [{ bearer: [] }],
            requestParams: { query: ListExceptionsQuerySchema },
            responses: {
              '200': csvBody(
                "One row per exception the caller's scope covers, newest first, with its state now.",
              ),
              '400': problem('An unknown parameter.'),
              ...peopleErrors,
            },
          },
        },
        '/v1/reviews/{id}/evidence.pdf': {
          get: {
            summary:
              'The evidence pack of a legal review, as PDF (legal, manager); send Accept: application/pdf',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: IdSchema }) },
            responses: {
              '200': {
                description:
                  "The copy with its matched spans highlighted, each finding with rule, legal basis and rules version, the decision, reviewer, time and note, and any exception; labels in the reader's language, Chinese and Vietnamese fonts embedded.",
                content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
              },
              '400': problem('An invalid review id.'),
              ...peopleErrors,
              '404': problem("No such review, or one outside the caller's brands and markets."),
            },
          },
        },
        '/v1/exceptions/{id}/revoke': {
          post: {
            summary: 'Revoke a claim exception (legal)',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: IdSchema }) },
            responses: { '200': jsonBody('The revoked exception.', ClaimExceptionSchema), ...workflowErrors },
          },
        },
        '/v1/rules': {
          get: {
            summary: 'The claim rule packs in force, with versions (legal)',
            security: [{ bearer: [] }],
            responses: {
              '200': jsonBody(
                'Every pack with its rules: scope, legal basis, message, suggested rewrite, patterns and examples.',
                RulesInForceSchema,
              ),
              ...peopleErrors,
            },
          },
        },
        '/v1/policies': {
          get: {
            summary:
              'Each policy (claims, matrix, spend, sentiment): the version in force, who published it, the draft',
            security: [{ bearer: [] }],
            responses: { '200': jsonBody('The four policies.', PolicyListSchema), ...peopleErrors },
          },
        },
        '/v1/policies/{id}': {
          get: {
            summary: 'The version of a policy in force, with its document (0: the shipped defaults)',
            security: [{ bearer: [] }],
            requestParams: { path: policyPath },
            responses: { '200': jsonBody('The active version.', PolicyVersionSchema), ...policyReadErrors },
          },
        },
        '/v1/policies/{id}/versions': {
          get: {
            summary: "A policy's history, newest first: every publish and rollback",
            security: [{ bearer: [] }],
            requestParams: { path: policyPath, query: PolicyVersionsQuerySchema },
            responses: {
              '200': jsonBody(
                'A page of versions.',
                pageOf(PolicyVersionSummarySchema).meta({ id: 'PolicyVersionList' }),
              ),
              ...policyReadErrors,
            },
          },
        },
        '/v1/policies/{id}/versions/{version}': {
          get: {
            summary: 'One version of a policy, with its document',
            security: [{ bearer: [] }],
            requestParams: { path: policyPath.extend({ version: PolicyVersionNumberSchema }) },
            responses: { '200': jsonBody('The version.', PolicyVersionSchema), ...policyReadErrors },
          },
        },
        '/v1/policies/{id}/diff': {
          get: {
            summary: 'What changes between two versions, or a version and the draft',
            security: [{ bearer: [] }],
            requestParams: { path: policyPath, query: PolicyDiffQuerySchema },
            responses: { '200': jsonBody('The changes, by path.', PolicyDiffSchema), ...policyReadErrors },
          },
        },
        '/v1/policies/{id}/draft': {
          get: {
            summary: "The owner's draft",
            security: [{ bearer: [] }],
            requestParams: { path: policyPath },
            responses: { '200': jsonBody('The draft.', PolicyDraftSchema), ...policyReadErrors },
          },
          put: {
            summary: "Save the owner's draft (the owner role only)",
            security: [{ bearer: [] }],
            requestParams: { path: policyPath },
            requestBody: jsonRequest(PolicyDraftRequestSchema),
            responses: { '200': jsonBody('The saved draft.', PolicyDraftSchema), ...policyWriteErrors },
          },
        },
        '/v1/policies/{id}/draft/test': {
          post: {
            summary:
              "Test the draft: every rule's examples, decided copies (claims) or recent cases (others), before and after",
            security: [{ bearer: [] }],
            requestParams: { path: policyPath },
            requestBody: jsonRequest(PolicyTestRequestSchema),
            responses: {
              '200': jsonBody('What the draft would change.', PolicyTestSchema),
              ...policyWriteErrors,
            },
          },
        },
        '/v1/policies/{id}/publish': {
          post: {
            summary: 'Publish the draft as the new version in force (in every function within a minute)',
            security: [{ bearer: [] }],
            requestParams: { path: policyPath },
            requestBody: jsonRequest(PolicyPublishRequestSchema),
            responses: { '201': jsonBody('The new version.', PolicyVersionSchema), ...policyWriteErrors },
          },
        },
        '/v1/policies/{id}/rollback': {
          post: {
            summary: 'Publish a new version equal to an older one (0: the shipped defaults)',
            security: [{ bearer: [] }],
            requestParams: { path: policyPath },
            requestBody: jsonRequest(PolicyRollbackRequestSchema),
            responses: { '201': jsonBody('The new version.', PolicyVersionSchema), ...policyWriteErrors },
          },
        },
        '/v1/campaigns/{id}/overview': {
          get: {
            summary:
              "A campaign's whole risk on one page: its cases across spend, ad copy and sentiment, their merged timeline, plan, spend series and pacing, copies with legal's review",
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: CampaignIdParamSchema }) },
            responses: {
              '200': jsonBody(
                'The overview; only what the caller’s scope covers, each list capped (`truncated`).',
                CampaignOverviewSchema,
              ),
              '400': problem('A malformed campaign id or an unknown query parameter.'),
              ...peopleErrors,
              '404': problem('No such campaign, or none the caller’s scope covers.'),
            },
          },
        },
        '/v1/brands/{brand}/overview': {
          get: {
            summary:
              "A brand's page: its record, campaigns, latest cases and weekly heat map (cases per matrix cell, ISO weeks in UTC)",
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ brand: BrandParamSchema }), query: BrandOverviewQuerySchema },
            responses: {
              '200': jsonBody(
                'The overview; only the cases the caller’s scope covers, each list capped (`truncated`).',
                BrandOverviewSchema,
              ),
              '400': problem('A malformed brand, or weeks outside 1–26.'),
              ...peopleErrors,
              '404': problem('No such brand, or one outside the caller’s brands.'),
            },
          },
        },
        '/v1/cases/{id}/actions': {
          get: {
            summary: "A case's guarded action requests, oldest first, with state and outcome",
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: CaseIdSchema }) },
            responses: {
              '200': jsonBody('The requests.', ActionListSchema),
              '404': problem('No such case.'),
              ...peopleErrors,
            },
          },
        },
        '/v1/actions/{id}/approve': {
          post: {
            summary: 'Approve a pending guarded action (managers); it is carried out asynchronously',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: ActionIdSchema }) },
            requestBody: jsonRequest(ActionDecisionRequestSchema),
            responses: { '200': jsonBody('The approved request.', ActionRequestSchema), ...workflowErrors },
          },
        },
        '/v1/actions/{id}/reject': {
          post: {
            summary: 'Reject a pending guarded action (managers)',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: ActionIdSchema }) },
            requestBody: jsonRequest(ActionDecisionRequestSchema),
            responses: { '200': jsonBody('The rejected request.', ActionRequestSchema), ...workflowErrors },
          },
        },
        '/v1/cases/{id}/owner': {
          post: {
            summary: 'Hand a case to another owner (managers); the audit trail says from whom to whom',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: CaseIdSchema }) },
            requestBody: jsonRequest(ReassignRequestSchema),
            responses: { '200': jsonBody('The case with its new owner.', CaseSchema), ...workflowErrors },
          },
        },
        '/v1/campaigns': {
          get: {
            summary: 'Campaigns of the catalogue by id, within the caller’s scope',
            security: [{ bearer: [] }],
            requestParams: { query: ListCampaignsQuerySchema },
            responses: {
              '200': jsonBody(
                'A page of campaigns (a filtered page may hold fewer than `limit`; follow `cursor`).',
                CampaignListSchema,
              ),
              '400': problem('Bad filter or cursor.'),
              ...peopleErrors,
            },
          },
        },
        '/v1/campaigns/{id}': {
          get: {
            summary: 'One campaign with its latest changes',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: CampaignIdSchema }) },
            responses: {
              '200': jsonBody('The campaign and its changes, newest first.', CampaignDetailSchema),
              '400': problem('A malformed campaign id or an unknown query parameter.'),
              ...peopleErrors,
              '404': problem('No such campaign, or none the caller’s scope covers.'),
            },
          },
          put: {
            summary: 'Complete or register a campaign (managers): name, brand, market, channel, owner, plan',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: CampaignIdSchema }) },
            requestBody: jsonRequest(CampaignChangeRequestSchema),
            responses: {
              '200': jsonBody(
                'The campaign as saved (unchanged if the request set what it held).',
                CampaignSchema,
              ),
              '201': jsonBody('The campaign, registered.', CampaignSchema),
              '400': problem('A field that breaks the contract; `errors` names it. Nothing is written.'),
              ...peopleErrors,
              '404': problem(
                'A campaign outside the caller’s scope, or a change that would move it out of it.',
              ),
              '409': problem(
                '`version` is not the current one: someone changed it; `current.version` says which.',
              ),
            },
          },
        },
        '/v1/campaigns/{id}/reallocations': {
          get: {
            summary:
              "A campaign's budget re-allocations, in and out, newest first: amount, who requested and decided, when, why",
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: CampaignIdSchema }) },
            responses: {
              '200': jsonBody('Its re-allocations (at most 50).', ReallocationListSchema),
              '400': problem('A malformed campaign id or an unknown query parameter.'),
              ...peopleErrors,
              '404': problem('No such campaign, or none the caller’s scope covers.'),
            },
          },
        },
        '/v1/reallocations': {
          post: {
            summary:
              'Request a budget re-allocation from one campaign’s plan to another’s, with a reason (managers); another manager decides it',
            security: [{ bearer: [] }],
            requestBody: jsonRequest(ReallocationRequestSchema),
            responses: {
              '201': jsonBody('The request, `requested`.', ReallocationSchema),
              '400': problem(
                'A field that breaks the contract (amount not above 0, blank reason, the same campaign twice); `errors` names it. Nothing is written.',
              ),
              ...peopleErrors,
              '404': problem('A campaign not in the catalogue, or outside the caller’s scope.'),
              '422': problem(
                'The plans do not allow it: a campaign without a plan, another currency, another channel, or more than the source plan’s budget. Nothing is written.',
              ),
            },
          },
        },
        '/v1/reallocation-requests': {
          post: {
            summary:
              'A pusher (a finance system) requests a budget re-allocation, as a manager does with POST /v1/reallocations; a manager decides it',
            security: [{ signature: [], client: [] }],
            requestBody: jsonRequest(ReallocationRequestSchema),
            responses: {
              '201': jsonBody('The request, `requested` by `client:<id>`.', ReallocationSchema),
              '400': problem('A field that breaks the contract; `errors` names it. Nothing is written.'),
              '401': problem('Missing, wrong, stale or replayed signature.'),
              '403': problem('The client lacks the ingest role.'),
              '404': problem('A campaign not in the catalogue.'),
              '422': problem(
                'The plans do not allow it: a campaign without a plan, another currency, another channel, or more than the source plan’s budget. Nothing is written.',
              ),
            },
          },
        },
        '/v1/reallocations/{id}/decision': {
          post: {
            summary:
              'Approve (both plans move at once, in their change history) or reject a requested re-allocation, saying why (another manager than the requester)',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ id: ReallocationIdSchema }) },
            requestBody: jsonRequest(ReallocationDecisionRequestSchema),
            responses: {
              '200': jsonBody('The re-allocation, decided.', ReallocationSchema),
              '400': problem('A malformed id or body; `errors` names it. Nothing is written.'),
              '401': peopleErrors['401'] as NonNullable<ZodOpenApiResponsesObject['401']>,
              '403': problem(
                'Not a manager, or the manager who requested it: a second person decides a budget change.',
              ),
              '404': problem(
                'No such re-allocation, or one whose campaigns the caller’s scope does not cover.',
              ),
              '409': problem('Already approved or rejected (`current.state`), or the plans kept changing.'),
              '422': problem(
                'The plans no longer allow it (the source plan now holds less, or another currency).',
              ),
            },
          },
        },
        '/v1/brands': {
          get: {
            summary: 'Brands of the catalogue, within the caller’s brands',
            security: [{ bearer: [] }],
            requestParams: { query: ListBrandsQuerySchema },
            responses: {
              '200': jsonBody('A page of brands.', BrandListSchema),
              '400': problem('Bad cursor or limit.'),
              ...peopleErrors,
            },
          },
        },
        '/v1/brands/{brand}': {
          get: {
            summary: 'One brand (owner, managers) with its latest changes',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ brand: BrandNameSchema }) },
            responses: {
              '200': jsonBody('The brand and its changes, newest first.', BrandDetailSchema),
              '400': problem('A malformed brand or an unknown query parameter.'),
              ...peopleErrors,
              '404': problem('No such brand, or one outside the caller’s brands.'),
            },
          },
          put: {
            summary:
              'Set a brand’s owner and managers (managers); tier 2 of its escalations pages the managers',
            security: [{ bearer: [] }],
            requestParams: { path: z.object({ brand: BrandNameSchema }) },
            requestBody: jsonRequest(BrandChangeRequestSchema),
            responses: {
              '200': jsonBody('The brand as saved.', BrandSchema),
              '201': jsonBody('The brand, registered.', BrandSchema),
              '400': problem('A field that breaks the contract; `errors` names it. Nothing is written.'),
              ...peopleErrors,
              '404': problem('A brand outside the caller’s brands.'),
              '409': problem('`version` is not the current one; `current.version` says which.'),
            },
          },
        },
        '/v1/health': {
          get: {
            summary: 'Liveness',
            responses: { '200': jsonBody('Alive.', HealthSchema) },
          },
        },
        '/v1/openapi.json': {
          get: { summary: 'This document', responses: { '200': { description: 'The OpenAPI document.' } } },
        },
      },
    }),
  );
