import * as z from 'zod/mini';
import type { RuleExamples } from '../pack-schema.ts';
import { ClaimExamplesSchema } from '../pack-schema.ts';
import { readPackData } from './data.ts';

/**
 * The examples of every rule of `DEFAULT_PACKS`, by rule id, compiled from the YAML beside each rule. Only
 * `GET /v1/rules`, the policy checks and the tests read them (compiled/examples.json, see data.ts).
 */
export const DEFAULT_RULE_EXAMPLES: RuleExamples = z
  .record(z.string(), ClaimExamplesSchema)
  .parse(readPackData('examples.json'));
