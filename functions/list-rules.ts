import { DEFAULT_RULE_EXAMPLES } from '#shared/domain/claims/packs/examples.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import { overlayExamples } from '#shared/domain/policies/apply.ts';
import { listRules } from '#shared/use-cases/list-rules.ts';
import { engineInForce } from './dependencies/engine.ts';
import { activePolicyVersions, policiesInForce } from './dependencies/policies.ts';
import { json } from './http.ts';
import { authorize, httpFunction } from './middleware.ts';

const SHIPPED_IDS: ReadonlySet<string> = new Set(
  DEFAULT_PACKS.flatMap((pack) => [...pack.rules, ...(pack.required ?? [])].map((rule) => rule.id)),
);

/** GET /v1/rules: the rule packs in force — the shipped packs with legal's claims policy — and their versions. */
export const handler = httpFunction()
  .use(authorize({ auth: 'cognito', roles: ['legal'] }))
  .handler(async (_event, context) => {
    const [{ config, version }, { claims }] = await Promise.all([
      engineInForce(),
      activePolicyVersions().then(policiesInForce),
    ]);
    const examples =
      claims === undefined ? DEFAULT_RULE_EXAMPLES : overlayExamples(DEFAULT_RULE_EXAMPLES, claims.document);
    // Short: a published policy changes the answer.
    return json(200, listRules(config.packs, examples, version.rulesVersion, SHIPPED_IDS, context.locale), {
      'cache-control': 'private, max-age=5',
    });
  });
