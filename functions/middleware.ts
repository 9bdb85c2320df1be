import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { logger } from './logger.ts';
import type { RequestContext } from './middleware/authorization.ts';
import { normalizedRequestHeaders, responseHeaders } from './middleware/headers.ts';
import { readerLanguage } from './middleware/language.ts';
import { problemErrors } from './middleware/problems.ts';

/**
 * The middlewares of every HTTP function, one concern per file under middleware/: authentication (who
 * is calling), authorization (the roles a route needs, and JSON bodies), problems (errors as
 * problem+json), headers and language (the reader's, for every finding a response carries).
 */

export type { SignatureDependencies } from './middleware/authentication.ts';
export {
  type Authorization,
  authorize,
  principalOf,
  type RequestContext,
} from './middleware/authorization.ts';
export { problemErrors } from './middleware/problems.ts';

/** The middlewares every HTTP function uses, outermost first. */
export const httpFunction = () =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, RequestContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(normalizedRequestHeaders())
    .use(responseHeaders())
    .use(problemErrors())
    .use(readerLanguage());
