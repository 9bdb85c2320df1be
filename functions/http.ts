import type { APIGatewayProxyResult } from 'aws-lambda';
import {
  ConcurrencyError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ReplayedSignatureError,
  UnauthorizedError,
  UnprocessableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '#shared/errors.ts';
import { PROBLEM_CONTENT_TYPE, type Problem, problemType } from '#shared/problem.ts';

/**
 * HTTP at the edge: JSON responses and RFC 9457 problem details. Every error class maps to a status here
 * and nowhere else.
 */

export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

export const problemResponse = (
  problem: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyResult => ({
  statusCode: problem.status,
  headers: {
    'content-type': PROBLEM_CONTENT_TYPE,
    // RFC 9110 §10.2.3: a 503 says when to come back.
    ...(typeof problem.retryAfter === 'number' ? { 'retry-after': String(problem.retryAfter) } : {}),
    ...headers,
  },
  body: JSON.stringify(problem),
});

const problem = (
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra: object = {},
): Problem => ({
  type: problemType(slug),
  title,
  status,
  detail,
  ...extra,
});

/** The problem for an error; `undefined` for an unexpected error (a fault, answered with a 500). */
export const problemFor = (error: unknown): Problem | undefined => {
  if (error instanceof ValidationError) {
    return problem(400, 'validation', 'Invalid request', error.message, { errors: error.issues });
  }
  if (error instanceof PayloadTooLargeError)
    return problem(413, 'too-large', 'Payload too large', error.message);
  if (error instanceof UnsupportedMediaTypeError) {
    return problem(415, 'unsupported-media-type', 'Unsupported media type', error.message);
  }
  if (error instanceof ReplayedSignatureError) {
    return problem(401, 'signature-replayed', 'Signature already used', error.message);
  }
  if (error instanceof UnauthorizedError) return problem(401, 'unauthorized', 'Unauthorized', error.message);
  if (error instanceof ForbiddenError) return problem(403, 'forbidden', 'Forbidden', error.message);
  if (error instanceof NotFoundError) return problem(404, 'not-found', 'Not found', error.message);
  if (error instanceof UnprocessableError)
    return problem(422, 'unprocessable', 'Unprocessable request', error.message);
  if (error instanceof ConcurrencyError) {
    return problem(503, 'busy', 'Busy, retry shortly', error.message, {
      retryAfter: error.retryAfterSeconds,
    });
  }
  if (error instanceof ConflictError) {
    return problem(409, 'conflict', 'Conflict', error.message, { current: error.current });
  }
  return undefined;
};

export const internalProblem = (requestId: string): Problem =>
  problem(
    500,
    'internal',
    'Internal error',
    `Something went wrong on our side. Retrying is safe: stored events are recognised by their eventId. Reference: ${requestId}`,
  );
