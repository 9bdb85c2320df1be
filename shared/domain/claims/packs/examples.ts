import type { RuleExamples } from '../types.ts';
import { CN_AD_LAW_EXAMPLES } from './cn-ad-law.examples.ts';
import { EN_FTC_EU_EXAMPLES } from './en-ftc-eu.examples.ts';
import { VN_AD_LAW_EXAMPLES } from './vn-ad-law.examples.ts';

/** The examples of every rule of `DEFAULT_PACKS`, by rule id. */
export const DEFAULT_RULE_EXAMPLES: RuleExamples = {
  ...CN_AD_LAW_EXAMPLES,
  ...VN_AD_LAW_EXAMPLES,
  ...EN_FTC_EU_EXAMPLES,
};
