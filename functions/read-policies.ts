import {
  PolicyDiffQuerySchema,
  PolicyIdSchema,
  PolicyVersionNumberSchema,
  PolicyVersionsQuerySchema,
} from '#shared/schemas/policies.ts';
import {
  diffPolicy,
  getPolicyDraft,
  getPolicyVersion,
  listPolicies,
  listPolicyVersions,
} from '#shared/use-cases/policies.ts';
import { policyDependencies } from './dependencies/policy-reads.ts';
import { json } from './http.ts';
import { parsePathParameter, parseQuery } from './input.ts';
import { authorize, httpFunction } from './middleware.ts';

/** Every answer may change with the next publish: a browser asks again each time. */
const FRESH = { 'cache-control': 'no-store' };

/**
 * GET /v1/policies, /v1/policies/{id}, …/versions, …/versions/{version}, …/diff, …/draft: what is in force,
 * its history and the owner's draft (docs/policies.md). Legal and managers read every policy.
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal', 'manager'] }))
  .handler(async (event) => {
    const deps = policyDependencies();
    if (event.resource === '/v1/policies') return json(200, await listPolicies(deps), FRESH);
    const id = parsePathParameter(event.pathParameters, 'id', PolicyIdSchema);
    switch (event.resource) {
      case '/v1/policies/{id}':
        return json(200, await getPolicyVersion(id, 'active', deps), FRESH);
      case '/v1/policies/{id}/versions': {
        const query = parseQuery(event.queryStringParameters, PolicyVersionsQuerySchema);
        return json(200, await listPolicyVersions(id, query, deps), FRESH);
      }
      case '/v1/policies/{id}/versions/{version}': {
        const version = parsePathParameter(event.pathParameters, 'version', PolicyVersionNumberSchema);
        return json(200, await getPolicyVersion(id, version, deps), FRESH);
      }
      case '/v1/policies/{id}/diff': {
        const query = parseQuery(event.queryStringParameters, PolicyDiffQuerySchema);
        return json(200, await diffPolicy(id, query, deps), FRESH);
      }
      case '/v1/policies/{id}/draft':
        return json(200, await getPolicyDraft(id, deps), FRESH);
      default:
        throw new Error(`read-policies does not serve ${event.resource}`);
    }
  });
