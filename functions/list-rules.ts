import { DEFAULT_RULE_EXAMPLES } from '#shared/domain/claims/packs/examples.ts';
import { listRules } from '#shared/use-cases/list-rules.ts';
import { engineInForce } from './dependencies/engine.ts';
import { json } from './http.ts';
import { authorize, httpFunction } from './middleware.ts';

/** GET /v1/rules: the rule packs in force, with their versions (legal). */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal'] }))
  .handler(async () => {
    const { config, version } = await engineInForce();
    return json(200, listRules(config.packs, DEFAULT_RULE_EXAMPLES, version.rulesVersion), {
      'cache-control': 'private, max-age=300',
    });
  });
