import type { Catalogue } from '../../../../../shared/i18n/translator.ts';
import type { CaseworkMessageId } from './en.ts';

/**
 * 案件负责人、“我的案件”、案件库服务端搜索与导出按钮的文案（简体中文）。术语：案件、负责人、转交、
 * 案件库、法务审核、例外、证据包。用户名、品牌与文件名保持原样。
 */
export const CASEWORK_ZH_CN = {
  'casework.owner.title': '负责人',
  'casework.owner.none': '此案件尚无负责人。',
  'casework.owner.nobody': '无人',
  'casework.owner.row': '负责人：{owner}',
  'casework.owner.reassignTitle': '转交',
  'casework.owner.hint': '案件升级时首先通知负责人。请填写此人的用户名。',
  'casework.owner.field': '新负责人（用户名）',
  'casework.owner.suggestions': '建议人选为该品牌的负责人和经理。',
  'casework.owner.note': '备注（可选）',
  'casework.owner.notePlaceholder': '例如：此次上新由小宝负责',
  'casework.owner.needOwner': '请填写新负责人的用户名。',
  'casework.owner.same': '{owner} 已是此案件的负责人。',
  'casework.owner.submit': '转交案件',
  'casework.owner.failed': '案件未能转交。',
  'casework.owner.done': '案件已转交给 {owner}。',
  'casework.mine.label': '案件范围',
  'casework.mine.all': '全部案件',
  'casework.mine.mine': '我的案件',
  'casework.mine.emptyTitle': '这里没有由您负责的案件。',
  'casework.mine.emptyBody': '由您负责或经理转交给您的案件会显示在这里。',
  'casework.search.searching': '正在搜索…',
  'casework.search.found': '{n, number} 个案件匹配“{text}”',
  'casework.search.foundSoFar': '目前有 {n, number} 个案件匹配“{text}”',
  'casework.search.partial': '其中有些词过于常见，并未列出包含它们的全部案件：请加上更具体的词缩小范围。',
  'casework.search.noMatch': '没有案件匹配“{text}”。',
  'casework.search.noMatchBody': '请换个词，或修改、清除筛选条件。',
  'casework.export.csv': '导出 CSV',
  'casework.export.csvLabel': '将{what}导出为 CSV',
  'casework.export.reviewStatus': '要导出的审核',
  'casework.export.pending': '待审核（当前队列）',
  'casework.export.cases': '筛选后的案件',
  'casework.export.reviews': '法务审核记录',
  'casework.export.exceptions': '例外',
  'casework.export.evidencePack': '证据包（PDF）',
  'casework.export.evidencePackLabel': '下载文案 {copyId} 的证据包（PDF）',
  'casework.export.preparing': '正在准备…',
  'casework.export.progress': '正在下载 {percent}',
  'casework.export.failed': '文件未能下载。',
  'casework.export.done': '已下载 {file}。',
} as const satisfies Catalogue<CaseworkMessageId>;
