import type { Catalogue } from '../../translator.ts';
import type { NotificationMessageId } from './en.ts';

/**
 * 经理收到的升级通知与每日摘要（邮件、短信），简体中文。术语与网页应用一致：案件、风险矩阵、概率、影响、
 * 红色/黄色/绿色、确认（acknowledge）。
 */
export const NOTIFICATIONS_ZH_CN = {
  reason:
    '{reason, select, opened {立案} level_rose {等级上升} reopened {重新打开} sla_lapsed {超时未确认} other {{reason}}}',
  'headline.first': '【{level}】',
  'headline.repeat': '【{level}·第 {tier} 次升级】仍未确认：',
  'headline.repeatAfter': '【{level}·第 {tier} 次升级】{hours} 小时未确认：',
  'escalation.subject': '{headline}{riskType}风险：{subject}',
  'escalation.repeat': '第 {tier} 次升级：此案件仍无人确认。',
  'escalation.repeatSince':
    '第 {tier} 次升级：自 {previousAt} 第 {previousTier} 次通知以来，此案件已 {hours} 小时无人确认。',
  'escalation.what': '{level}{riskType}风险：{subject}。',
  'escalation.matrix': '风险矩阵：概率 {probability} × 影响 {impact}。',
  'escalation.occurrences': '共发生 {count} 次（首次 {first}，最近 {last}）。',
  'escalation.findings': '风险发现：',
  'escalation.paged': '通知对象：{names}。',
  'escalation.pagedEveryone': '通知对象：所有订阅的经理。',
  'escalation.ownerName': '{name}（负责人）',
  'escalation.finding': '- 【{level}】{message}',
  'escalation.findingNumbers': '- 【{level}】{message}（{numbers}）',
  'escalation.open': '查看案件：{link}',
  'escalation.acknowledge': '请在案件页面确认，以停止 SLA 计时。',
  'escalation.reference': '升级编号 {id}（第 {tier} 次，{reason}），时间 {at}。',
  'sms.headline.first': '【{level}】',
  'sms.headline.repeat': '【{level}·第{tier}次·未确认】',
  'sms.escalation': '{headline}{riskType}风险：',
  'sms.escalationShort': '{headline}{riskType}风险',
  'digest.subject': '风险日报：{count} 个新案件需要关注',
  'digest.intro': '以下新案件需要关注，记录时间 {since} 至 {until}：',
  'digest.case': '- 【{level}】{riskType}：{subject}（{count} 次）— {link}',
  'digest.quiet': '以上案件均不触发紧急通知。',
  'followUp.headline.acknowledged': '【{level}】{name} 已确认',
  'followUp.headline.resolved': '【{level}】{name} 已解决',
  'followUp.subject': '{headline}：{riskType}风险：{subject}',
  'followUp.acknowledged': '{name} 已于 {at} 确认此案件。',
  'followUp.resolved': '{name} 已于 {at} 解决此案件。',
  'followUp.rootCause': '根本原因：{rootCause}',
  'followUp.reference': '这是 {at} 升级通知 {id}（第 {tier} 次）的后续：该通知曾发给您。',
  'sms.followUp.rootCause': '{headline}，根本原因：',
} as const satisfies Catalogue<NotificationMessageId>;
