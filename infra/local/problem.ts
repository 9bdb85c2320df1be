/**
 * RFC 9457 problem details for the errors the local API Gateway emulation produces itself (no route,
 * no credentials, body too large, a handler that crashed). Handlers produce their own problems.
 */
import { type Problem, problemType } from '#shared/problem.ts';

export { PROBLEM_CONTENT_TYPE } from '#shared/problem.ts';

const TITLES: Readonly<Record<number, string>> = {
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
};

/**
 * @example problem(404, 'No route for GET /v1/nope') // { type: 'about:blank', title: 'Not Found', status: 404, … }
 */
export const problem = (status: number, detail: string): Problem => ({
  type: problemType(undefined),
  title: TITLES[status] ?? 'Error',
  status,
  detail,
});
