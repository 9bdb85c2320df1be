import type { Catalogue } from '../../../../../shared/i18n/translator.ts';
import type { ActionsMessageId } from './en.ts';

/** 案例页上的受控操作（简体中文）。 */
export const ACTIONS_ZH_CN = {
  'actions.title': '受控操作',
  'actions.hint':
    '本案例请求您的自动化系统执行的操作（操作策略）。由经理批准或拒绝；批准后的操作会经签名发送到您的端点。',
  'actions.loading': '操作',
  'actions.loadFailed': '无法加载操作。',
  'actions.kind.pause-campaign': '暂停投放活动',
  'actions.kind.cap-budget': '限制预算',
  'actions.kind.notify-webhook': '通知您的自动化系统',
  'actions.cap.amount': '上限 {amount, number}',
  'actions.cap.ratio': '上限为计划的 {ratio, number, percent}',
  'actions.state.pending': '等待批准',
  'actions.state.approved': '已批准，发送中',
  'actions.state.rejected': '已拒绝',
  'actions.state.executing': '发送中',
  'actions.state.succeeded': '已执行',
  'actions.state.failed': '失败',
  'actions.requested':
    '{ago}在 {level} 级别请求（{approval, select, automatic {策略自动批准} other {需人工批准}}）',
  'actions.decided': '{actor} 于{ago}{state, select, rejected {拒绝} other {批准}}',
  'actions.note': '备注：{note}',
  'actions.outcome.succeeded': '经 {attempts, number} 次尝试后执行成功（HTTP {status}）',
  'actions.outcome.failed': '经 {attempts, number} 次尝试后失败：{reason}',
  'actions.approve': '批准',
  'actions.reject': '拒绝',
  'actions.confirm.approve': '确认批准：{kind}？',
  'actions.confirm.reject': '确认拒绝：{kind}？',
  'actions.confirm.yes': '确认',
  'actions.confirm.no': '取消',
  'actions.noteLabel': '备注（可选）',
  'actions.deciding': '提交中…',
  'actions.done.approved': '操作已批准，正在发送到您的自动化系统。',
  'actions.done.rejected': '操作已拒绝。',
  'actions.problem.conflict': '此操作已被他人处理；列表已更新。',
  'actions.problem.other': '决定未保存：{detail}',
} as const satisfies Catalogue<ActionsMessageId>;
