import type { RuleExamples } from '../types.ts';
import { diseaseClaimExamples } from './disease-claims.ts';

/** Each rule's examples (see RuleExamples): copy it must flag, and innocent copy it must leave alone. */
export const CN_AD_LAW_EXAMPLES: RuleExamples = {
  'cn.absolute.national': {
    positive: ['本产品采用国家级配方', '世界级工艺打造', '國家級品質'],
    negative: ['符合国家标准GB/T 8234', '国家级非物质文化遗产传承人手作'],
  },
  'cn.absolute.highest': {
    positive: ['極品好茶', '顶级奢华面霜', '面膜之王'],
    negative: ['高品质原料', '我们追求更好的服务'],
  },
  'cn.absolute.best': {
    positive: ['效果最佳', '最 佳 选择', '最-佳口感', '最受欢迎的精华'],
    negative: ['您最好提前预约', '效果很好'],
  },
  'cn.absolute.zui': {
    positive: ['我们的面霜最滋润', '年轻人最爱的精华'],
    negative: ['最近很多顾客回购', '最后三天特惠', '活动最终解释权归本公司所有', '最高立减100元'],
  },
  'cn.absolute.first': {
    positive: ['全网销量第一', 'NO.1护肤品牌', '行业冠军品牌'],
    negative: ['第一次使用请先做皮肤测试', '下单后第一时间发货', '第一步：洁面'],
  },
  'cn.absolute.only': {
    positive: ['全球唯一专利配方', '独家秘方'],
    negative: ['本店为品牌唯一官方旗舰店', '每人限购一件'],
  },
  'cn.absolute.first-choice': {
    positive: ['送礼首选', '国内首家推出', '全球首创技术'],
    negative: ['新品首发预售', '首个订单享9折'],
  },
  'cn.absolute.unprecedented': {
    positive: ['史无前例的大促', '口感无与伦比', '行业领导品牌'],
    negative: ['今年的促销力度很大', '公司领导参观工厂'],
  },
  'cn.absolute.lowest-price': {
    positive: ['全网最低价', '史上最低价，错过再等一年'],
    negative: ['到手价99元', '最低至5折'],
  },
  'cn.absolute.universal': {
    positive: ['万能修复霜', '永久保湿', '永不反弹'],
    negative: ['面料：100%纯棉', '保湿效果持久'],
  },
  'cn.medical-terms': {
    positive: ['三个疗程根治痘痘', '药到病除，一抹就好', '祖传秘方', '祖 傳 秘 方'],
    negative: ['温和清洁，适合敏感肌', '本品不能代替药物治疗疾病', '本品不能治愈任何疾病'],
  },
  'cn.anti-disease-prefix': {
    positive: ['长期饮用可以降血糖', '天然抗菌消炎', '排毒养颜'],
    negative: ['清爽控油', '含有天然植物成分'],
  },
  'cn.safety-guarantee': {
    positive: ['纯天然配方，无副作用', '絕對安全，孕婦可用', '零 副 作 用'],
    negative: ['如有不适请停止使用', '副作用请咨询医生'],
  },
  'cn.efficacy-guarantee': {
    positive: ['无效退款，放心购买', '立竿见影的效果', '１００％有效'],
    negative: ['效果因人而异', '7天无理由退款'],
  },
  'cn.cure-rate': {
    positive: ['有效率高达98%', '临床治愈率95%'],
    negative: ['富含有效成分烟酰胺', '工作效率提升'],
  },
  'cn.time-bound-efficacy': {
    positive: [
      '7天美白，肌肤透亮',
      '三天见效',
      '28天淡斑',
      '七 天 美 白',
      '一周内即可见效',
      '7天瘦',
      '7天提亮肤色',
    ],
    negative: ['坚持使用，肌肤更显透亮', '美白精华全新上市', '每天早晚各使用一次'],
  },
  'cn.instant-efficacy': {
    positive: ['涂上立即见效', '一抹秒变白', '一夜变白'],
    negative: ['上脸清爽，持续保湿', '快递当天发货'],
  },
  'cn.cosmetics.medical-grade': {
    positive: ['专业药妆品牌', '医美级修复面膜', '医院专用配方'],
    negative: ['修护保湿面霜', '敏感肌适用'],
  },
  'cn.cosmetics.drug-effects': {
    positive: ['生发精华，告别稀疏', '按摩丰胸精油', '干细胞焕活精华'],
    negative: ['保湿修护精华', '舒缓泛红'],
  },
  'cn.cosmetics.free-from': {
    positive: ['纯天然植物配方', '零添加更安心'],
    negative: ['不添加酒精、香精（按配方）', '含天然植物提取物'],
  },
  'cn.medicine-substitute': {
    positive: ['吃了它可以代替药物', '从此不用吃药'],
    negative: ['本品不能代替药物', '保健食品不是药物，不能代替药物治疗疾病'],
  },
  'cn.health-food.necessity': {
    positive: ['中老年人人必备', '不补就会骨质流失'],
    negative: ['适宜人群：免疫力低下者', '每日一次，每次两粒'],
  },
  'cn.medical.endorsement': {
    positive: ['明星同款保健品', '看看这些康复案例'],
    negative: ['适宜人群：中老年人', '请咨询药师'],
  },
  'cn.professional-endorsement': {
    positive: ['众多医生推荐', '专家推荐的护肤品'],
    negative: ['使用前请咨询医生', '店长推荐新品'],
  },
  'cn.medicine.comparison': {
    positive: ['比进口药更有效', '疗效优于同类'],
    negative: ['请按说明书使用', '本品为非处方药'],
  },
  'cn.unsourced-data': {
    positive: ['经临床验证', '研究表明，每天一杯更健康', '95%的用户表示满意'],
    negative: ['研究表明，28天后皮肤含水量提升（来源：XX检测，报告编号A123）', '富含维生素C'],
  },
  'cn.patent': {
    positive: ['国家专利配方', '独创专利技术'],
    negative: ['发明专利（专利号：ZL202012345678.9）专利技术', '新配方上市'],
  },
  'cn.disparagement': {
    positive: ['吊打同行的性价比', '其他品牌都是智商税'],
    negative: ['限时秒杀，手慢无', '口碑不错'],
  },
  'cn.state-endorsement': {
    positive: ['人民大会堂特供白酒', '国宴专用好茶'],
    negative: ['符合国家标准GB/T 8234', '春节特供礼盒'],
  },
  'cn.national-symbols': {
    positive: ['伴着国歌开启促销', '印有国徽图案的礼盒'],
    negative: ['中国红配色礼盒', '国潮新品上市'],
  },
  'cn.health-food.anti-ageing': {
    positive: ['每天一杯，延缓衰老', '吃出青春永驻'],
    negative: ['有助于抗氧化', '富含维生素E'],
  },
  'cn.superstition': {
    positive: ['大师开光手串', '佩戴辟邪转运'],
    negative: ['天然黑曜石手串', '手工编织'],
  },
  'cn.education.guarantee': {
    positive: ['签约保过，不过退款', '包就业，月薪过万', '保证录取名校'],
    negative: ['系统课程，名师授课', '往期学员可咨询'],
  },
  'cn.education.exam-insider': {
    positive: ['命题专家亲自授课', '出题人亲授技巧'],
    negative: ['资深讲师授课', '历年真题解析'],
  },
  'cn.finance.guarantee': {
    positive: ['稳赚不赔的理财', '保本保息，年化8%', '高收益无风险'],
    negative: ['投资有风险，选择需谨慎', '产品风险等级：R3'],
  },
  'cn.real-estate.return': {
    positive: ['核心地段，保证升值', '售后包租，年回报8%'],
    negative: ['三室两厅，南北通透', '精装交付'],
  },
  'cn.real-estate.travel-time': {
    positive: ['10分钟直达市中心', '五分钟车程到机场'],
    negative: ['距地铁站约800米', '毗邻中央公园'],
  },
  'cn.alcohol.health': {
    positive: ['小酌一杯，消除疲劳', '天天喝，延年益寿'],
    negative: ['理性饮酒，未成年人请勿饮酒', '酱香浓郁，回味悠长'],
  },
  'cn.minors.pester': {
    positive: ['小朋友快让爸爸妈妈买', '喜欢就叫妈妈买吧'],
    negative: ['适合3岁以上儿童', '家长陪同使用'],
  },
  'cn.tobacco': {
    positive: ['新款电子烟限时优惠', '进口雪茄礼盒'],
    negative: ['吸烟有害健康', '戒烟从今天开始'],
  },
  'cn.price.misleading': {
    positive: ['跳楼价清仓', '亏本甩卖，出厂价直供'],
    negative: ['到手价99元', '原价：前7日内最低成交价199元，现价99元'],
  },
  'cn.required.health-food-notice': {
    positive: ['增强免疫力，适宜免疫力低下者', '每日两粒，呵护健康'],
    negative: ['增强免疫力。保健食品不是药物，不能代替药物治疗疾病。', '「本品不能代替药物」'],
  },
  'cn.required.medicine-notice': {
    positive: ['缓解感冒引起的鼻塞', '儿童退热，家中常备'],
    negative: ['缓解鼻塞。请按药品说明书或者在药师指导下购买和使用', '本广告仅供医学药学专业人士阅读'],
  },
  'cn.required.medical-device-notice': {
    positive: ['家用电子血压计，测量精准', '医用外科口罩，三层防护'],
    negative: ['家用血压计。请仔细阅读产品说明书或者在医务人员的指导下购买和使用'],
  },
  'cn.required.special-medical-food-notice': {
    positive: ['术后营养补充，全营养配方'],
    negative: ['全营养配方。请在医生或者临床营养师指导下使用'],
  },
  ...diseaseClaimExamples('zh'),
};
