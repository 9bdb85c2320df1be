import type { Catalogue } from '../../translator.ts';
import type { FindingMessageId } from './en.ts';

/** 风险发现的句子（简体中文）。术语：例外、法务审核、风险矩阵、计划预算、单次转化成本（CPA）。 */
export const FINDINGS_ZH_CN = {
  'claim.violation': '{quoted}：{message}',
  'claim.advisory': '{quoted}：注明来源后方可合法使用——请核实来源。{message}',
  'claim.missing': '{message}',
  'exception.allowed': '已获例外 {id} 许可，有效期至 {expiresOn}（{evidence}）：{message}',
} as const satisfies Catalogue<FindingMessageId>;
