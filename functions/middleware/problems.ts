import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { internalProblem, problemFor, problemResponse } from '../http.ts';
import { logger } from '../logger.ts';

/**
 * Maps thrown errors to problem+json (the mapping itself is `problemFor` in functions/http.ts); anything
 * unexpected is logged and answered with a 500 that names the request id and says retrying is safe.
 */
export const problemErrors = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: (request) => {
    const known = problemFor(request.error);
    if (known === undefined) {
      logger.error('Unhandled error', { error: request.error });
    } else if (known.status >= 500) {
      logger.error('Request failed', { error: request.error });
    }
    request.response = problemResponse(known ?? internalProblem(request.context.awsRequestId));
  },
});
