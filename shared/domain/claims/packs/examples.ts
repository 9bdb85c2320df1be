import * as z from 'zod/mini';
import type { RuleExamples } from '../pack-schema.ts';
import { ClaimExamplesSchema } from '../pack-schema.ts';
import COMPILED from './compiled/examples.json' with { type: 'json' };

/**
 * The examples of every rule of `DEFAULT_PACKS`, by rule id, compiled from the YAML beside each rule. Only
 * `GET /v1/rules` and the tests import them, so the functions that evaluate copy do not carry them.
 */
export const DEFAULT_RULE_EXAMPLES: RuleExamples = z.record(z.string(), ClaimExamplesSchema).parse(COMPILED);
