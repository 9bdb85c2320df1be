import type { RulePack } from '../types.ts';
import { CN_AD_LAW_PACK } from './cn-ad-law.ts';
import { EN_FTC_EU_PACK } from './en-ftc-eu.ts';
import { VN_AD_LAW_PACK } from './vn-ad-law.ts';

/**
 * The starter packs in force by default: China, Vietnam, English.
 *
 * @example
 * createRiskEngine({ packs: [...DEFAULT_PACKS, myMarketPack] });
 */
export const DEFAULT_PACKS: readonly RulePack[] = [CN_AD_LAW_PACK, VN_AD_LAW_PACK, EN_FTC_EU_PACK];
