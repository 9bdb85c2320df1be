import { actorOf, scopeOfPrincipal } from '#shared/auth/principal.ts';
import {
  PolicyDraftRequestSchema,
  PolicyIdSchema,
  PolicyPublishRequestSchema,
  PolicyRollbackRequestSchema,
  PolicyTestRequestSchema,
} from '#shared/schemas/policies.ts';
import {
  assertOwner,
  publishPolicy,
  rollbackPolicy,
  savePolicyDraft,
  testPolicyDraft,
} from '#shared/use-cases/policy-changes.ts';
import { policyTestDependencies } from './dependencies/policy-use-cases.ts';
import { json } from './http.ts';
import { parseJsonBody, parsePathParameter } from './input.ts';
import { authorize, httpFunction, principalOf } from './middleware.ts';

/**
 * PUT /v1/policies/{id}/draft, POST …/draft/test, …/publish, …/rollback: the owner's changes (docs/policies.md).
 * Legal and managers pass the door; the use case lets only the policy's owner role through (403 otherwise).
 */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal', 'manager'] }))
  .handler(async (event, context) => {
    const principal = principalOf(context);
    const actor = { id: actorOf(principal), roles: principal.roles };
    const id = parsePathParameter(event.pathParameters, 'id', PolicyIdSchema);
    // Before the body is read: a non-owner learns nothing from its validation.
    assertOwner(id, actor.roles);
    const deps = policyTestDependencies();
    switch (event.resource) {
      case '/v1/policies/{id}/draft': {
        const { document } = parseJsonBody(event.body, PolicyDraftRequestSchema);
        return json(200, await savePolicyDraft(id, document, actor, deps));
      }
      case '/v1/policies/{id}/draft/test': {
        const { document } = parseJsonBody(event.body, PolicyTestRequestSchema);
        // The decided copies and cases it re-assesses are the tester's scope's only (the counts too).
        const tester = { ...actor, scope: scopeOfPrincipal(principal) };
        return json(200, await testPolicyDraft(id, document, tester, deps));
      }
      case '/v1/policies/{id}/publish': {
        const { note } = parseJsonBody(event.body, PolicyPublishRequestSchema);
        return json(201, await publishPolicy(id, note, actor, deps));
      }
      case '/v1/policies/{id}/rollback': {
        const { version, note } = parseJsonBody(event.body, PolicyRollbackRequestSchema);
        return json(201, await rollbackPolicy(id, version, note, actor, deps));
      }
      default:
        throw new Error(`change-policy does not serve ${event.resource}`);
    }
  });
