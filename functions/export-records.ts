import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { hasAnyRole, type Principal, scopeOfPrincipal } from '#shared/auth/principal.ts';
import { covers } from '#shared/auth/scope.ts';
import { ForbiddenError, NotFoundError } from '#shared/errors.ts';
import { CSV_CONTENT_TYPE, type CsvDocument } from '#shared/export/csv.ts';
import { exportCsv } from '#shared/export/export-csv.ts';
import {
  CASE_COLUMNS,
  caseScope,
  exceptionColumns,
  exceptionScope,
  REVIEW_COLUMNS,
  reviewScope,
} from '#shared/export/records.ts';
import type { Locale } from '#shared/i18n/locales.ts';
import { systemClock } from '#shared/ports.ts';
import {
  ListCasesQuerySchema,
  ListExceptionsQuerySchema,
  ListReviewsQuerySchema,
} from '#shared/schemas/requests.ts';
import { caseReader, exceptionStore, reviewStore } from './dependencies/workflow.ts';
import { parseQuery } from './input.ts';
import { authorize, httpFunction, principalOf, type RequestContext } from './middleware.ts';

/**
 * GET /v1/exports/{cases,reviews,exceptions}.csv: the case library, the review queue or the exceptions as
 * filtered (the list routes' own query schemas and readers), as CSV a spreadsheet opens, limited to what the
 * caller's scope covers. Each page is read with the list route's filters; the export stops at its limits
 * (shared/export/csv.ts) and says so in its last line and in `x-export-truncated`.
 */

/** Records per read: the most one DynamoDB query page holds of these items, well under its 1 MB. */
const PAGE_SIZE = 200;

/** Time kept back for writing the answer: no page is read once less than this remains. */
const RESERVE_MS = 3_000;

const ROUTES = {
  '/v1/exports/cases.csv': 'cases',
  '/v1/exports/reviews.csv': 'reviews',
  '/v1/exports/exceptions.csv': 'exceptions',
} as const;
type Export = (typeof ROUTES)[keyof typeof ROUTES];

/** Who may export what: the roles of the matching list route. */
const ROLES_OF: Record<Export, readonly ('legal' | 'manager')[]> = {
  cases: ['manager', 'legal'],
  reviews: ['legal'],
  exceptions: ['legal'],
};

const exportOf = (event: APIGatewayProxyEvent): Export => {
  const kind = ROUTES[event.resource as keyof typeof ROUTES];
  if (kind === undefined) throw new NotFoundError(`No export at ${event.resource}`);
  return kind;
};

const csvResponse = (kind: Export, document: CsvDocument, now: Date): APIGatewayProxyResult => ({
  statusCode: 200,
  headers: {
    'content-type': CSV_CONTENT_TYPE,
    'content-disposition': `attachment; filename="risk-radar-${kind}-${now.toISOString().slice(0, 10)}.csv"`,
    'x-export-rows': String(document.rows),
    ...(document.truncated === undefined ? {} : { 'x-export-truncated': document.truncated }),
  },
  body: document.body,
});

const document = async (
  kind: Export,
  event: APIGatewayProxyEvent,
  principal: Principal,
  locale: Locale,
  hasTime: () => boolean,
  now: Date,
): Promise<CsvDocument> => {
  const scope = scopeOfPrincipal(principal);
  const query = event.queryStringParameters;
  switch (kind) {
    case 'cases': {
      const filters = parseQuery(query, ListCasesQuerySchema);
      const owner =
        filters.owner === 'me' && principal.kind === 'person' ? principal.username : filters.owner;
      return exportCsv({
        read: (cursor) =>
          caseReader().listCases({
            ...filters,
            ...(owner === undefined ? {} : { owner }),
            limit: PAGE_SIZE,
            ...(cursor === undefined ? {} : { cursor }),
          }),
        columns: CASE_COLUMNS,
        keep: (item) => covers(scope, caseScope(item)),
        locale,
        hasTime,
      });
    }
    case 'reviews': {
      const { status } = parseQuery(query, ListReviewsQuerySchema);
      return exportCsv({
        read: (cursor) =>
          reviewStore().listReviews({
            status,
            limit: PAGE_SIZE,
            ...(cursor === undefined ? {} : { cursor }),
          }),
        columns: REVIEW_COLUMNS,
        keep: (item) => covers(scope, reviewScope(item)),
        locale,
        hasTime,
      });
    }
    case 'exceptions': {
      parseQuery(query, ListExceptionsQuerySchema);
      return exportCsv({
        read: (cursor) => exceptionStore().listExceptions(PAGE_SIZE, cursor),
        columns: exceptionColumns(now),
        keep: (item) => covers(scope, exceptionScope(item)),
        locale,
        hasTime,
      });
    }
  }
};

export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['manager', 'legal'] }))
  .handler(async (event, context: RequestContext) => {
    const kind = exportOf(event);
    const principal = principalOf(context);
    if (!hasAnyRole(principal, ROLES_OF[kind])) {
      throw new ForbiddenError(`This needs the ${ROLES_OF[kind].join(' or ')} role`);
    }
    const now = systemClock.now();
    const hasTime = () => context.getRemainingTimeInMillis() > RESERVE_MS;
    const csv = await document(kind, event, principal, context.locale ?? 'en', hasTime, now);
    return csvResponse(kind, csv, now);
  });
