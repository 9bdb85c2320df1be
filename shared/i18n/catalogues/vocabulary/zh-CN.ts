import type { Catalogue } from '../../translator.ts';
import type { VocabularyId } from './en.ts';

/** 领域用语（简体中文）：风险等级、风险类型、风险矩阵的概率与影响标签。 */
export const VOCABULARY_ZH_CN = {
  'level.red': '红色',
  'level.yellow': '黄色',
  'level.green': '绿色',
  'riskType.budget': '预算',
  'riskType.channel': '渠道',
  'riskType.reputation': '声誉',
  'riskType.compliance': '合规',
  // What a case is about, from its subject's parts (shared/domain/case.ts Subject)
  'subject.spend': '{channel} 投放活动 {campaignId}',
  'subject.sentiment': '{channel} 上的 {brand}',
  'subject.sentimentProduct': '{channel} 上的 {brand} {product}',
  'subject.adCopy': '{brand} 广告文案 {copyId}（{market}）',
  'grade.low': '低',
  'grade.medium': '中',
  'grade.high': '高',
  'grade.minor': '轻微',
  'grade.moderate': '中等',
  'grade.severe': '严重',
  'grade.rare': '罕见',
  'grade.unlikely': '不太可能',
  'grade.possible': '可能',
  'grade.likely': '很可能',
  'grade.almost-certain': '几乎肯定',
  'grade.insignificant': '可忽略',
  'grade.major': '重大',
  'grade.catastrophic': '灾难性',
} as const satisfies Catalogue<VocabularyId>;
