/**
 * 风险矩阵与花费、舆情阈值每个字段的说明（简体中文），键为 `<策略>.<字段模式>`，与
 * shared/domain/policy-fields.ts 的英文原文一一对应（test/unit/i18n/policies-catalogues.test.ts 检查）。
 */

const GRADE = {
  grade: '该检查的发现首次报告时如何评级。',
  gradeProbability: '该检查首次报告时认定的风险可能性；等级越高，告警越紧急。',
  gradeImpact: '该检查首次报告时认定的问题危害程度；等级越高，告警越紧急。',
  escalated: '问题持续存在或证据压倒性时，该检查的发现如何评级。',
  escalatedProbability: '问题持续存在或证据压倒性时认定的风险可能性；等级越高，升级后的告警越紧急。',
  escalatedImpact: '问题持续存在或证据压倒性时认定的危害程度；等级越高，升级后的告警越紧急。',
} as const;

const grades = (detector: string, escalates: boolean): Record<string, string> => ({
  [`${detector}.grade`]: GRADE.grade,
  [`${detector}.grade.probability`]: GRADE.gradeProbability,
  [`${detector}.grade.impact`]: GRADE.gradeImpact,
  ...(escalates
    ? {
        [`${detector}.escalated`]: GRADE.escalated,
        [`${detector}.escalated.probability`]: GRADE.escalatedProbability,
        [`${detector}.escalated.impact`]: GRADE.escalatedImpact,
      }
    : {}),
});

export const POLICY_FIELDS_ZH_CN: Readonly<Record<string, string>> = {
  'matrix.version':
    '此版本风险矩阵的名称，记录在用它做出的每次评估上，以便每条告警都能追溯到当时生效的矩阵。',
  'matrix.probabilities': '可能性刻度，从最不可能到最可能；标签越多，发现的定位越精细。',
  'matrix.probabilities.*':
    '可能性刻度上的一个标签（刻度从最不可能的开始排列）；每条发现都会落在其中一个标签上。',
  'matrix.impacts': '影响刻度，从危害最小到最大；标签越多，发现的定位越精细。',
  'matrix.impacts.*': '影响刻度上的一个标签（刻度从危害最小的开始排列）；每条发现都会落在其中一个标签上。',
  'matrix.levels': '网格单元格所使用的告警级别，例如绿色、黄色和红色。',
  'matrix.levels.*': '矩阵的一个告警级别。',
  'matrix.levels.*.id': '该级别的简短代码，用于网格、通知和报表；请保持不变，以便报表前后可比。',
  'matrix.levels.*.label': '用户看到的该级别名称，例如“紧急”。',
  'matrix.levels.*.rank':
    '该级别相对其他级别的紧急程度：排序值越高越紧急，评估的级别由其中最紧急的发现决定。',
  'matrix.cells': '为每一种“可能性 × 影响”组合指定告警级别的网格。',
  'matrix.cells.{probability}': '网格的一行：某个可能性标签在各个影响下的告警级别。',
  'matrix.cells.{probability}.{impact}':
    '该可能性与影响组合的告警级别；它绝不能低于可能性更低或影响更小的单元格的级别，调高它会让此类发现更紧急。',

  'spend.version': '此版本花费阈值的名称，记录在用它做出的每次评估上，以便每条告警都能追溯到当时生效的阈值。',
  'spend.overrunBands': '触发预算告警的超支线（相对计划），从低到高；第一条是预测所对照的预警线。',
  'spend.overrunBands.*': '一条相对计划的超支线，以及超过该线的投放活动如何评级。',
  'spend.overrunBands.*.above':
    '花费需超出计划多少才算越过此线，以计划的比例表示（0.1 即超出 10%）；调高后，受到预警的活动更少、更晚。',
  'spend.overrunBands.*.probability': '花费越过此线后认定的风险可能性；等级越高，告警越紧急。',
  'spend.overrunBands.*.impact': '花费越过此线后认定的超支危害程度；等级越高，告警越紧急。',
  'spend.pacing': '根据投放活动迄今的花费节奏，在超支发生之前发出预警的预测。',
  'spend.pacing.interval':
    '预测须有多大把握认定花费最终会超过预警线才发出预警（0.9 即 90%）；调高后，预警来得更晚，但误报更少。',
  'spend.pacing.probability': '预测发出预警时认定的超支可能性；等级越高，预测预警越紧急。',
  'spend.pacing.lateFrom':
    '周期进行到多大比例之后，预测的超支被视为几乎确定（0.8 即周期的最后五分之一）；调低后，预测预警会更早变得紧急。',
  'spend.pacing.lateProbability': '在周期后期发出预警时认定的超支可能性；等级越高，后期预警越紧急。',
  'spend.cpaSpike': '检查每次转化的成本是否突然高于该活动自身的常态。',
  'spend.cpaSpike.p':
    '转化数偏少须有多不可能是偶然，才算成本飙升（0.001 即千分之一的概率）；调低后，报告的飙升更少但更可靠。',
  'spend.cpaSpike.overwhelmingP':
    '转化数偏少须有多不可能是偶然，才无需再等几天就立即升级；调低后，立即升级的飙升更少。',
  'spend.cpaSpike.escalateAfterDays': '成本飙升须连续持续多少天才会升级；调高后，升级来得更晚、更少。',
  'spend.cpaSpike.minIncrease':
    '每次转化须比平时贵多少，飙升才值得关注（0.25 即贵 25%）；调高后，小幅的成本上涨会被忽略。',
  'spend.cpaSpike.shift':
    '跨多日的检查所针对的成本涨幅（1.5 即贵一半）；调低可以发现更小、更缓慢的上涨，调高则只对大幅上涨作出反应。',
  'spend.cpaSpike.dispersion':
    '在活动显示出自身的波动之前，假定其转化率每天有多稳定；调高后，普通的波动会显得更异常，飙升报告得更早、更频繁。',
  ...grades('spend.cpaSpike', true),
  'spend.trackingBroken': '检查转化追踪是否中断：活动仍在花费，但转化数停滞不动。',
  'spend.trackingBroken.expectedConversions':
    '在转化数停滞期间，按平常的转化率活动本应带来多少转化，才会发出告警；调高后，追踪中断报告得更晚但更可靠。',
  'spend.trackingBroken.escalatedExpectedConversions':
    '缺失多少转化会使告警升级，至少与触发告警的数量相同；调高后，升级来得更晚。',
  ...grades('spend.trackingBroken', true),
  'spend.deliveryStopped': '检查正在投放的活动是否已停止花费。',
  'spend.deliveryStopped.share':
    '花费低于该星期几通常花费的多大比例时，活动被视为已停止（0.1 即十分之一）；调高后，更多的放缓会被报告为停止。',
  'spend.deliveryStopped.escalateAfterReports':
    '停止状态须连续出现在多少份报告中才会升级；调高后，升级来得更晚。',
  ...grades('spend.deliveryStopped', true),
  'spend.learning': '如何从历史数据中学习每个活动自身的常态。',
  'spend.learning.halfLifeDays':
    '某一天在活动常态转化率中的权重经过多少天减半；调高后，常态记忆更久，跟随变化也更慢。',
  'spend.learning.minDays':
    '活动需要多少天的报告，才开始评判其成本和投放；调高后，新活动不受评判的时间更长。',
  'spend.learning.paceDays':
    '用于预测和投放停止检查的花费节奏取自最近多少天；调高后，节奏更平稳，但跟随变化更慢。',
  'spend.learning.weekdayAlpha':
    '学习各星期几之间通常花费差异的速度，取值从略大于 0 到 1；调高后，花费的星期规律更贴近最近几周（各星期几的转化系数按证据多少学习）。',
  'spend.learning.learnP':
    '某一天须有多异常才会被排除在活动常态之外，以免常态把问题学进去；调高后，被排除的天数更多。',
  'spend.learning.adaptAfterDays':
    '成本的持久变化经过多少天后成为活动的新常态；调高后，持久变化在被接受之前会被报告更久。',
  'spend.learning.reportingLag':
    '广告平台在之后几天才补报的当日转化比例（0.3 即 30%）；转化到得晚时调高它，以免把迟到的转化数误判为成本飙升。',

  'sentiment.version':
    '此版本舆情阈值的名称，记录在用它做出的每次评估上，以便每条告警都能追溯到当时生效的阈值。',
  'sentiment.minMentions':
    '一个时间窗至少需要多少条提及才会被单独评判；调高后，小时间窗不受评判，告警更少但更可靠。',
  'sentiment.shareBands': '无论监测对象自身常态如何都会触发告警的负面占比线，从低到高。',
  'sentiment.shareBands.*': '一条负面占比线，以及越过该线的时间窗如何评级。',
  'sentiment.shareBands.*.atLeast': '达到此线的负面提及占比（0.25 即 25%）；调高后，达到此线的时间窗更少。',
  'sentiment.shareBands.*.probability': '时间窗达到此线后认定的风险可能性；等级越高，告警越紧急。',
  'sentiment.shareBands.*.impact': '时间窗达到此线后认定的负面提及危害程度；等级越高，告警越紧急。',
  'sentiment.ceiling': '对照固定负面占比线的检查须有多大把握。',
  'sentiment.ceiling.confidence':
    '须有多大把握认定时间窗的负面占比确实达到某条线而非偶然（0.95 即 95%）；调高后，小时间窗达到线的情况更少。',
  'sentiment.ceiling.ownNormalP':
    '时间窗对该监测对象而言还须有多异常，才会在最高线以下被报告（0.0001 即万分之一的概率）；调低后，经常受到批评的对象被报告得更少。',
  'sentiment.spike': '检查某个时间窗的负面提及是否远多于该监测对象在该时段和星期几的自身常态。',
  'sentiment.spike.p':
    '负面提及须有多不可能是偶然才算骤增（0.0001 即万分之一的概率）；调低后，报告的骤增更少但更可靠。',
  'sentiment.spike.minShift':
    '时间窗的负面占比须比监测对象的常态高出多少才算骤增（0.05 即 5 个百分点）；调高后，小幅上升会被忽略。',
  'sentiment.spike.aloneP':
    '时间窗须有多不可能是偶然，才能在前一个时间窗不高的情况下单独算作骤增——且该时间窗的提及量还须高于监测对象在该时段的常态（提及量平常的时间窗须确定无疑，即达到红色线，才单独算作骤增）；调低后，单个异常时间窗被报告得更少。',
  'sentiment.spike.supportP':
    '对于单独不够强的骤增，前一个时间窗须有多异常才能让它成立（0.1 即十分之一的概率）；调高后，跟在略高时间窗之后的骤增会被更多地报告。',
  'sentiment.spike.volumeP':
    '对于单独不够强的骤增，负面提及数量相对该对象在该时段通常的数量须有多异常才能让它成立（0.001 即千分之一的概率）；调高后，伴随投诉激增的骤增会更多地被立即报告。',
  'sentiment.spike.volumeDispersion':
    '一个时间窗的提及数量通常在偶然之外还会波动多少（4 约允许 ±50%）；调低后，负面提及的激增须更大才算数。',
  'sentiment.spike.poolWindows':
    '最多可把多少个最近的时间窗（含当前时间窗）合并起来，以揭示任何单个小时间窗都无法证明的危机；调高可以发现小型对象上更缓慢的危机。',
  'sentiment.spike.overwhelmingP': '骤增须有多不可能是偶然才会立即升级；调低后，立即升级的骤增更少。',
  'sentiment.spike.escalateAfterWindows': '连续多少个骤增时间窗会使告警升级；调高后，升级来得更晚。',
  ...grades('sentiment.spike', true),
  'sentiment.drift': '检查负面占比是否在约一天内缓慢上升，尽管没有任何单个时间窗特别突出。',
  'sentiment.drift.timeScaleHours':
    '漂移检查大约对多少小时内的最近时间窗进行加权；调高可以发现更缓慢的漂移，但报告得更晚。',
  'sentiment.drift.p':
    '漂移须有多不可能是偶然才会被报告（0.0001 即万分之一的概率）；调低后，报告的漂移更少但更可靠。',
  'sentiment.drift.minShift':
    '漂移须比监测对象的常态负面占比高出多少（0.02 即 2 个百分点）；调高后，小幅漂移会被忽略。',
  ...grades('sentiment.drift', false),
  'sentiment.learning': '如何从历史数据中学习每个监测对象自身的常态负面占比。',
  'sentiment.learning.halfLifeHours':
    '某个时间窗在对象常态占比中的权重经过多少小时减半；调高后，常态跟随变化更慢，持续几天的漂移能在被吸收之前被发现。',
  'sentiment.learning.minHours':
    '监测对象需要多少小时的时间窗数据，才开始对照其自身常态进行评判；调高后，新对象仅对照固定占比线评判的时间更长。',
  'sentiment.learning.learnP':
    '时间窗须有多异常才会被排除在对象常态之外，以免常态把问题学进去；调高后，被排除的时间窗更多。',
  'sentiment.learning.driftHoldP':
    '最近一天正在形成的漂移须有多异常，才会把对象的常态保持不变（最多保持到变化被接受所需的小时数），以免缓慢漂移在被发现之前就被吸收；调高后，常态被保持得更频繁。',
  'sentiment.learning.adaptAfterHours':
    '持久变化经过多少小时后成为对象的新常态；调高后，持久变化在被接受之前会被报告更久。',
  'sentiment.learning.seasonalAlpha':
    '学习一天和一周中的通常节律以及时间窗之间通常差异的速度，取值从略大于 0 到 1；调高后，它们更贴近最近几天。',
  'sentiment.learning.volumeAlpha':
    '学习一天中各时段通常声量（安静的夜晚、繁忙的傍晚）的速度，取值从略大于 0 到 1；调高后，它更贴近最近几天。',
  'sentiment.learning.volumeCap':
    '单个时间窗在常态中的权重最多相当于其通常声量的多少倍，以免一场病毒式风暴改写常规受众的看法；调低后，风暴对常态的影响更小。',
  'sentiment.learning.initialRho':
    '在学到新对象自身的波动之前，假定其负面占比在时间窗之间波动多大；调高后，新对象触发的告警更少。',
};
