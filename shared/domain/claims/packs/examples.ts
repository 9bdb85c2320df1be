import * as z from 'zod/mini';
import type { RuleExamples } from '../pack-schema.ts';
import { ClaimExamplesSchema } from '../pack-schema.ts';
import COMPILED from './compiled/examples.br.json' with { type: 'json' };
import { decompressText } from './compressed.ts';

/**
 * The examples of every rule of `DEFAULT_PACKS`, by rule id, compiled from the YAML beside each rule. Only
 * `GET /v1/rules` and the tests import them, so the functions that evaluate copy do not carry them; they
 * are shipped compressed (`examples.br.json`, see `compressed.ts`).
 */
export const DEFAULT_RULE_EXAMPLES: RuleExamples = z
  .record(z.string(), ClaimExamplesSchema)
  .parse(JSON.parse(decompressText(COMPILED)));
