import type { Catalogue } from '../../translator.ts';
import type { FindingMessageId } from './en.ts';

// 广告花费与舆情句子共用的部分（含占位符）。
/** 尾部概率：impossible（< 1e-12）、small（< 0.001，科学计数法）或 plain。 */
const CHANCE =
  '{chance, select, impossible {p < 1E-12（几乎不可能是偶然）} small {p = {p, number, ::scientific .#}（约 {oneIn, number} 分之一）} other {p = {p, number, ::@@}（约 {oneIn, number} 分之一）}}';
/** 舆情峰值的第二个概率：前一个窗口，或该时段的负面声量。 */
const SUPPORT_CHANCE =
  '{supportChance, select, impossible {p < 1E-12} small {p = {supportP, number, ::scientific .#}，约 {supportOneIn, number} 分之一} other {p = {supportP, number, ::@@}，约 {supportOneIn, number} 分之一}}';
/** 常态所对应的时段，或（长窗口）无时段。 */
const SEASON =
  '{season, select, hour {在 UTC {hour, number, ::integer-width/*00} 时} other {在同等时长窗口下}}';
/** 舆情基线的数据量。 */
const SENTIMENT_BASELINE = '基线依据 {baselineHours, number} 小时、{baselineMentions, number} 条加权提及';
/** 持续的变化是否已被视为新常态。 */
const SENTIMENT_ADOPTED =
  '{adopted, select, yes {该状况已持续 {adaptHours, number} 小时，此后这一水平将被视为该监测对象的新常态。} other {基线暂时保持不变；若持续 {adaptHours, number} 小时，这一水平将成为新常态。}}';

/** 风险发现的句子（简体中文）。术语：例外、法务审核、风险矩阵、计划预算、单次转化成本（CPA）。 */
export const FINDINGS_ZH_CN = {
  'claim.violation': '{quoted}：{message}',
  'claim.advisory': '{quoted}：注明来源后方可合法使用——请核实来源。{message}',
  'claim.missing': '{message}',
  'exception.allowed': '已获例外 {id} 许可，有效期至 {expiresOn}（{evidence}）：{message}',
  'spend.overrun':
    '{channel} 上的广告活动 {campaign} 实际花费 {spent}，计划预算为 {planned}：超出计划 {overrun, number, ::percent .#}（预警线 {warningLine, number, ::percent .#}）。',
  'spend.overrun.suggestion': '请与财务一同复核该广告活动：暂停该渠道或设置花费上限，或审批预算调整。',
  'spend.pacing':
    '按通常每天 {dailySpend} 的花费节奏，{channel} 上的广告活动 {campaign} 到 {periodEnd} 预计将花费约 {projected}（{interval, number, ::percent .#} 预测区间 {low} – {high}），计划预算为 {planned}：即使按区间下限也超出计划 {lowOverrun, number, ::percent .#}，已越过 {warningLine, number, ::percent .#} 预警线。本期已过去 {elapsedShare, number, ::percent .#}，实际花费 {spent}；花费节奏依据最近 {reports, plural, other {# 份报告}}（当前计划已执行 {planDays, plural, other {# 天}}）。',
  'spend.pacing.suggestion': '请立即下调每日花费上限或出价，或在本期结束前请财务审批更高的花费。',
  'spend.cpa-spike': `{channel} 上的广告活动 {campaign} {span, select, run {最近 {days, number, ::.0} 天内} other {自上次报告以来}}花费 {spend}，仅获得 {conversions, plural, other {# 次转化}}，而按其自身基线应有约 {expected, number} 次（单次转化成本 CPA 为 {cpa}，通常为 {usualCpa}）。偶然出现如此少转化的概率：${CHANCE}；基线依据 {baselineDays, plural, other {# 天}}的报告。{lowReports, plural, =0 {} =1 {} other {已连续 # 份报告偏低。}}{adopted, select, yes {该状况已持续 {adaptDays, plural, other {# 天}}或更久，此后这一成本将被视为该广告活动的新常态。} other {若未恢复，{adaptDays, plural, other {# 天}}后这一成本将成为该广告活动的新常态。}}`,
  'spend.cpa-spike.suggestion': '在继续投放前，请检查渠道合作方的流量质量、落地页和转化追踪。',
  'spend.tracking-broken': `{channel} 上的广告活动 {campaign} 自 {since} 起（{days, number, ::.0} 天）累计转化一直停在 {conversions, plural, other {# 次}}，没有一次新增，而同期花费了 {spent}；按其自身转化率，这笔花费应带来约 {expected, number} 次转化。偶然出现零新增的概率：${CHANCE}。转化追踪（像素、回传、转化 API）很可能已经中断。`,
  'spend.tracking-broken.suggestion':
    '请立即检查转化追踪；修复之前，出价处于“盲投”状态，单次转化成本（CPA）也无从判断。',
  'spend.delivery-stopped':
    '{channel} 上的广告活动 {campaign} 自上次报告以来的 {days, number, ::.0} 天内仅花费 {spent}，而通常{weekday, select, sunday {在周日} monday {在周一} tuesday {在周二} wednesday {在周三} thursday {在周四} friday {在周五} saturday {在周六} other {}}约花费 {expected}；{reports, plural, =1 {本次报告显示投放已停止} other {已连续 # 份报告显示投放停止}}，本期还剩 {leftShare, number, ::percent .#} 的时间和 {leftBudget} 的计划预算；通常花费水平依据 {baselineDays, plural, other {# 天}}的报告。',
  'spend.delivery-stopped.suggestion':
    '请到平台上检查该广告活动的状态：是否被暂停、广告被拒登、扣款失败，或受众已无法投放。',
  'sentiment.negative-share': `{subject} 的 {mentions, plural, other {# 条提及}}中有 {share, number, ::percent .#} 为负面（{negative, number} 条）；在 {confidence, number, ::percent .#} 置信度下，负面声量占比至少为 {lowerBound, number, ::percent .#}，已达到或超过 {line, number, ::percent .#} 警戒线{settled, select, yes {（其自身${SEASON}的常态为 {expectedShare, number, ::percent .#}；偶然出现如此多负面的概率：${CHANCE}；${SENTIMENT_BASELINE}）。} other {（其自身常态仍在学习中：目前已有 {baselineHours, plural, other {# 小时}}的数据）。}}`,
  'sentiment.negative-share.suggestion': '请查看负面提及，找出共同原因，并在 24 小时内准备好公开回应。',
  'sentiment.spike': `{subject} 的 {mentions, plural, other {# 条提及}}中有 {negative, number} 条为负面（{share, number, ::percent .#}），而其自身${SEASON}的常态为 {expectedShare, number, ::percent .#}（预计约 {expectedNegative, number} 条）。偶然出现如此多负面的概率：${CHANCE}；${SENTIMENT_BASELINE}。{why, select, overwhelming {仅凭这一个窗口即可确认。} persistent {已连续 {spikeWindows, number} 个窗口异常。} other {{support, select, previous {前一个窗口同样高于常态（偶然概率：${SUPPORT_CHANCE}）。} volume {负面提及数量远超该时段的通常水平（按通常声量约为 {usualNegative, number} 条；偶然概率：${SUPPORT_CHANCE}）。} other {}}目前仅一个窗口出现峰值：需要关注，暂不紧急通知。}}${SENTIMENT_ADOPTED}`,
  'sentiment.spike.pooled': `最近 {windows, number} 个窗口（{hours, number} 小时）内，{subject} 的 {mentions, plural, other {# 条提及}}中有 {negative, number} 条为负面（{share, number, ::percent .#}），而其自身常态为 {expectedShare, number, ::percent .#}（预计约 {expectedNegative, number} 条）；单个窗口的样本都太小，不足以单独证明。偶然出现如此多负面的概率：${CHANCE}；${SENTIMENT_BASELINE}。{persistent, select, yes {已连续 {spikeWindows, number} 个窗口异常。} other {需要关注，暂不紧急通知。}}${SENTIMENT_ADOPTED}`,
  'sentiment.spike.burst': `最近约 {hours, number} 小时内，{subject} 的负面提及比其自身常态高出 {points, number, ::.0} 个百分点（本窗口：{mentions, number} 条中 {negative, number} 条为负面，即 {share, number, ::percent .#}，常态为 {expectedShare, number, ::percent .#}）。偶然出现如此幅度的概率：${CHANCE}；${SENTIMENT_BASELINE}。{persistent, select, yes {已连续 {spikeWindows, number} 个窗口异常。} other {需要关注，暂不紧急通知。}}${SENTIMENT_ADOPTED}`,
  'sentiment.spike.suggestion': '找出变化原因（某批产品、某条帖子、一次调价），并向舆情应对团队通报。',
  'sentiment.drift': `最近约 {hours, number} 小时内，{subject} 的负面提及比其自身常态高出 {points, number, ::.0} 个百分点（平均每个窗口的 {mentions, plural, other {# 条提及}}中多出约 {excess, number} 条负面）；偶然出现如此幅度持续走高的概率：${CHANCE}。本窗口：{share, number, ::percent .#}，常态为 {expectedShare, number, ::percent .#}；${SENTIMENT_BASELINE}。${SENTIMENT_ADOPTED}`,
  'sentiment.drift.suggestion': '排查缓慢发酵的原因（产品问题扩散、竞品营销活动、服务调整）。',
} as const satisfies Catalogue<FindingMessageId>;
