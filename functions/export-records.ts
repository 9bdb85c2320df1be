import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { hasAnyRole, type Principal, scopeOfPrincipal } from '#shared/auth/principal.ts';
import { ForbiddenError, NotFoundError } from '#shared/errors.ts';
import { CSV_CONTENT_TYPE, type CsvDocument } from '#shared/export/csv.ts';
import { exportCsv } from '#shared/export/export-csv.ts';
import { CASE_COLUMNS, exceptionColumns, REVIEW_COLUMNS } from '#shared/export/records.ts';
import type { Locale } from '#shared/i18n/locales.ts';
import { systemClock } from '#shared/ports.ts';
import {
  ListCasesQuerySchema,
  ListExceptionsQuerySchema,
  ListReviewsQuerySchema,
} from '#shared/schemas/requests.ts';
import { listCasesFor } from '#shared/use-cases/read-cases.ts';
import { searchCasesFor } from '#shared/use-cases/search-cases.ts';
import { searchIndex } from './dependencies/search.ts';
import { caseReader, exceptionStore, reviewStore } from './dependencies/workflow.ts';
import { parseQuery } from './input.ts';
import { authorize, httpFunction, principalOf, type RequestContext } from './middleware.ts';

/**
 * GET /v1/exports/{cases,reviews,exceptions}.csv: the case library, the review queue or the exceptions as
 * filtered, as CSV a spreadsheet opens: the list routes' own query schemas, readers and use cases (scope,
 * `owner=me`, `q`), page after page. The export stops at its limits (shared/export/csv.ts) and says so in
 * its last line and in `x-export-truncated`; an out-of-scope record is never read.
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
  const page = (cursor: string | undefined) => ({
    limit: PAGE_SIZE,
    ...(cursor === undefined ? {} : { cursor }),
  });
  switch (kind) {
    case 'cases': {
      // The list route's filters, scope and `owner=me`; with `q`, its search (README "Search").
      const { q, cursor: _start, limit: _limit, ...filters } = parseQuery(query, ListCasesQuerySchema);
      return exportCsv({
        read: (cursor) =>
          q === undefined
            ? listCasesFor(principal, { ...filters, ...page(cursor) }, caseReader())
            : searchCasesFor(principal, { ...filters, q, ...page(cursor) }, searchIndex()),
        columns: CASE_COLUMNS,
        locale,
        hasTime,
      });
    }
    case 'reviews': {
      const { status } = parseQuery(query, ListReviewsQuerySchema);
      return exportCsv({
        read: (cursor) => reviewStore().listReviews({ status, scope, ...page(cursor) }),
        columns: REVIEW_COLUMNS,
        locale,
        hasTime,
      });
    }
    case 'exceptions': {
      parseQuery(query, ListExceptionsQuerySchema);
      return exportCsv({
        read: (cursor) => exceptionStore().listExceptions(PAGE_SIZE, cursor, scope),
        columns: exceptionColumns(now),
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
