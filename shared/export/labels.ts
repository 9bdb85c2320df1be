import { EVIDENCE_EN, type EvidenceMessageId } from '#shared/i18n/catalogues/evidence/en.ts';
import { EVIDENCE_VI } from '#shared/i18n/catalogues/evidence/vi.ts';
import { EVIDENCE_ZH_CN } from '#shared/i18n/catalogues/evidence/zh-CN.ts';
import { type Catalogues, translator } from '#shared/i18n/translator.ts';

export type { EvidenceMessageId } from '#shared/i18n/catalogues/evidence/en.ts';

/** The exports' words (CSV headers and values, evidence-pack labels) in every locale. */
export const EVIDENCE_CATALOGUES: Catalogues<EvidenceMessageId> = {
  en: EVIDENCE_EN,
  'zh-CN': EVIDENCE_ZH_CN,
  vi: EVIDENCE_VI,
};

/** An export's word in one locale. @example exportText('zh-CN', 'column.brand') // '品牌' */
export const exportText = translator(EVIDENCE_CATALOGUES);
