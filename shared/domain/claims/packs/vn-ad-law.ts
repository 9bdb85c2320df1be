import type { RulePack } from '../types.ts';

const MEDICAL = ['medicine', 'pharma', 'medical-device', 'medical-service'];
const LAW = 'Luật Quảng cáo 2012';

/**
 * Vietnam, Luật Quảng cáo 2012 and its decrees, for Vietnamese copy in the VN market. Phrases are written
 * with diacritics; copy written without them ("tot nhat") still matches, copy with other diacritics
 * (nhạt, nhật) does not.
 *
 * @example
 * createRiskEngine({ packs: [VN_AD_LAW_PACK] });
 */
export const VN_AD_LAW_PACK = {
  id: 'vn',
  version: '1.0.0',
  title: 'Vietnam — Law on Advertising 2012 (Luật Quảng cáo)',
  language: 'vi',
  negation: {
    cues: ['không', 'chẳng', 'chưa', 'chả'],
    pseudo: ['không chỉ', 'không những', 'chẳng những', 'không ngừng'],
    maxGap: 3,
  },
  rules: [
    {
      id: 'vn.named-superlatives',
      markets: ['VN'],
      languages: ['vi'],
      categories: 'all',
      patterns: ['tốt nhất', 'duy nhất', 'số một', 'số 1', 'hàng đầu', 'đứng đầu', 'top 1', 'vô địch'],
      exceptions: ['hàng đầu tiên'],
      probability: 'medium',
      impact: 'moderate',
      basis: `${LAW}, Điều 8 khoản 11`,
      message:
        '“Tốt nhất”, “duy nhất”, “số một” and similar words need legal proof (Art. 8 cl. 11) before an ad may use them.',
      suggestion:
        'Remove the superlative or cite the proof next to it, e.g. “Top 3 ngành hàng trên Shopee 2025 (nguồn: …)”.',
      examples: {
        positive: [
          'Dịch vụ tốt nhất cho bạn',
          'tot nhat cho be yeu',
          'Thương hiệu số 1 Việt Nam',
          'Nhà cung cấp hàng đầu',
          'Sản phẩm duy nhất có chứng nhận',
        ],
        negative: ['Sản phẩm tốt cho bé', 'Xếp ở hàng đầu tiên bên trái', 'Mua 10 tặng 1'],
      },
    },
    {
      id: 'vn.superlative-nhat',
      markets: ['VN'],
      languages: ['vi'],
      categories: 'all',
      patterns: ['nhất'],
      // nhất in fixed expressions is no comparison ("nhất là" = especially, "ít nhất" = at least); the
      // bare forms cover copy written without diacritics (cap nhat = cập nhật, update).
      exceptions: [
        'nhất là',
        'nhất định',
        'thống nhất',
        'nhất trí',
        'thứ nhất',
        'ít nhất',
        'hợp nhất',
        'đồng nhất',
        'nhất quán',
        'nhất thời',
        'chậm nhất',
        'muộn nhất',
        'sớm nhất',
        'cập nhật',
        'chủ nhật',
        'sinh nhật',
        'nhật bản',
        'nhật ký',
      ],
      probability: 'medium',
      impact: 'moderate',
      basis: `${LAW}, Điều 8 khoản 11`,
      message: 'A superlative with “nhất” (rẻ nhất, đẹp nhất) needs legal proof before an ad may use it.',
      suggestion:
        'Replace the superlative with a verifiable fact, e.g. “giá chỉ 99.000đ” instead of “rẻ nhất”.',
      examples: {
        positive: ['Giá rẻ nhất thị trường', 'Kem dưỡng được yêu thích nhất', 'chat luong cao nhat'],
        negative: [
          'Nhất là vào mùa hè, da cần được dưỡng ẩm',
          'Giao hàng chậm nhất 3 ngày',
          'Dùng ít nhất 2 lần mỗi ngày',
          'Cập nhật bảng giá mới',
          'Vị nhạt, dễ uống',
        ],
      },
    },
    {
      id: 'vn.disease-treatment',
      markets: ['VN'],
      languages: ['vi'],
      categories: 'all',
      exceptCategories: MEDICAL,
      patterns: [
        'chữa khỏi',
        'điều trị',
        'đặc trị',
        'trị dứt điểm',
        'chữa bệnh',
        'trị bệnh',
        'khỏi bệnh',
        'trị tận gốc',
        'chữa trị',
        'trị mụn',
        'trị nám',
      ],
      exceptions: ['thay thế thuốc chữa bệnh'],
      probability: 'high',
      impact: 'severe',
      basis: `${LAW}, Điều 8 khoản 9; Nghị định 15/2018/NĐ-CP (thực phẩm bảo vệ sức khỏe); Thông tư 06/2011/TT-BYT (mỹ phẩm)`,
      message: 'Cosmetics and functional foods may not claim to treat or cure a disease; only medicines may.',
      suggestion: 'Describe the care function instead, e.g. “hỗ trợ làm dịu da” rather than “đặc trị mụn”.',
      examples: {
        positive: ['Đặc trị nám sau 7 ngày', 'Giúp chữa khỏi bệnh dạ dày', 'chua khoi benh tieu duong'],
        negative: [
          'Thực phẩm này không phải là thuốc, không có tác dụng thay thế thuốc chữa bệnh.',
          'Sản phẩm không phải là thuốc chữa bệnh',
          'Dưỡng ẩm cho da mềm mịn',
        ],
      },
    },
    {
      id: 'vn.medicine-substitute',
      markets: ['VN'],
      languages: ['vi'],
      categories: 'all',
      exceptCategories: MEDICAL,
      patterns: [
        'thay thế thuốc',
        'thay thuốc',
        'không cần dùng thuốc',
        'không cần uống thuốc',
        'tốt hơn thuốc',
      ],
      probability: 'high',
      impact: 'severe',
      basis: `Nghị định 15/2018/NĐ-CP (thực phẩm bảo vệ sức khỏe); ${LAW}, Điều 8 khoản 9`,
      message: 'Saying a functional food replaces medicine is banned; its ads must say the opposite.',
      suggestion:
        'Add the required notice “Thực phẩm này không phải là thuốc, không có tác dụng thay thế thuốc chữa bệnh.”',
      examples: {
        positive: ['Có thể thay thế thuốc tây', 'Không cần dùng thuốc nữa'],
        negative: ['Thực phẩm này không phải là thuốc, không có tác dụng thay thế thuốc chữa bệnh.'],
      },
    },
    {
      id: 'vn.efficacy-guarantee',
      markets: ['VN'],
      languages: ['vi'],
      categories: 'all',
      patterns: [
        'cam kết hiệu quả',
        'hiệu quả 100%',
        '100% hiệu quả',
        'đảm bảo hiệu quả',
        'không tác dụng phụ',
        'an toàn tuyệt đối',
        'vĩnh viễn',
        'không tái phát',
      ],
      probability: 'high',
      impact: 'moderate',
      basis: `${LAW}, Điều 8 khoản 9`,
      message: 'Guaranteed, permanent or side-effect-free results are claims no product can substantiate.',
      suggestion:
        'Describe typical results with their source, e.g. “85% người dùng hài lòng sau 4 tuần (khảo sát n=200)”.',
      examples: {
        positive: ['Cam kết hiệu quả 100%', 'An toàn tuyệt đối, không tác dụng phụ', 'Triệt lông vĩnh viễn'],
        negative: ['Hiệu quả tùy cơ địa mỗi người'],
      },
    },
    {
      id: 'vn.time-bound-results',
      markets: ['VN'],
      languages: ['vi'],
      categories: 'all',
      patterns: [
        '{1|2|3|5|7|10|14|một|hai|ba|năm|bảy|mười} {ngày|tuần} {trắng da|hết mụn|hết nám|giảm cân|mờ nám|hết thâm}',
        '{trắng da|hết mụn|hết nám|giảm cân|mờ nám|hết thâm} sau {1|2|3|5|7|10|14|một|hai|ba|năm|bảy|mười} {ngày|tuần}',
      ],
      probability: 'high',
      impact: 'severe',
      basis: `${LAW}, Điều 8 khoản 9`,
      message: 'Promising a result within a time (7 ngày trắng da) is a misleading efficacy claim.',
      suggestion: 'Drop the time promise; describe tested results with their source.',
      examples: {
        positive: ['7 ngày trắng da', 'Hết mụn sau 3 ngày', 'giam can sau 2 tuan'],
        negative: ['Dùng đều đặn mỗi ngày để da sáng khỏe'],
      },
    },
    {
      id: 'vn.professional-endorsement',
      markets: ['VN'],
      languages: ['vi'],
      categories: 'all',
      patterns: [
        'bác sĩ khuyên dùng',
        'chuyên gia khuyên dùng',
        'chuyên gia khuyến nghị',
        'bác sĩ khuyến nghị',
        'được bác sĩ khuyên dùng',
      ],
      probability: 'medium',
      impact: 'moderate',
      basis: `${LAW}, Điều 8 khoản 9; Nghị định 181/2013/NĐ-CP`,
      message: 'Doctor or expert recommendations need proof and are restricted for health products.',
      suggestion: 'Remove the endorsement unless it is documented and allowed for the category.',
      examples: {
        positive: ['Sản phẩm được bác sĩ khuyên dùng', 'Chuyên gia khuyên dùng mỗi ngày'],
        negative: ['Hỏi ý kiến bác sĩ trước khi dùng'],
      },
    },
    {
      id: 'vn.clinically-proven',
      markets: ['VN'],
      languages: ['vi'],
      categories: 'all',
      patterns: ['chứng minh lâm sàng', 'kiểm nghiệm lâm sàng', 'kiểm chứng lâm sàng', 'khoa học chứng minh'],
      probability: 'medium',
      impact: 'moderate',
      basis: `${LAW}, Điều 8 khoản 9`,
      message: 'Clinical or scientific proof claims must be backed by documents the regulator accepts.',
      suggestion: 'Cite the study (who, when, sample size) or remove the claim.',
      examples: {
        positive: ['Đã được chứng minh lâm sàng', 'Được khoa học chứng minh'],
        negative: ['Thành phần lành tính'],
      },
    },
    {
      id: 'vn.miracle',
      markets: ['VN'],
      languages: ['vi'],
      categories: 'all',
      patterns: ['thần dược', 'thần kỳ', 'kỳ diệu', 'thuốc tiên'],
      probability: 'medium',
      impact: 'moderate',
      basis: `${LAW}, Điều 8 khoản 9`,
      message: 'Words like “thần dược” or “thần kỳ” exaggerate what the product does.',
      suggestion: 'Describe the actual benefit in plain words.',
      examples: {
        positive: ['Thần dược cho làn da', 'Hiệu quả thần kỳ'],
        negative: ['Làn da mịn màng hơn'],
      },
    },
  ],
} as const satisfies RulePack;
