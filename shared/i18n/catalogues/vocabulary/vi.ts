import type { Catalogue } from '../../translator.ts';
import type { VocabularyId } from './en.ts';

/** Thuật ngữ nghiệp vụ (tiếng Việt): mức rủi ro, loại rủi ro, nhãn khả năng và tác động của ma trận rủi ro. */
export const VOCABULARY_VI = {
  'level.red': 'Đỏ',
  'level.yellow': 'Vàng',
  'level.green': 'Xanh',
  'riskType.budget': 'Ngân sách',
  'riskType.channel': 'Kênh',
  'riskType.reputation': 'Danh tiếng',
  'riskType.compliance': 'Tuân thủ',
  // What a case is about, from its subject's parts (shared/domain/case.ts Subject)
  'subject.spend': 'chiến dịch {campaignId} trên {channel}',
  'subject.sentiment': '{brand} trên {channel}',
  'subject.sentimentProduct': '{brand} {product} trên {channel}',
  'subject.adCopy': 'mẫu quảng cáo {copyId} của {brand} ({market})',
  'grade.low': 'Thấp',
  'grade.medium': 'Trung bình',
  'grade.high': 'Cao',
  'grade.minor': 'Nhẹ',
  'grade.moderate': 'Vừa',
  'grade.severe': 'Nghiêm trọng',
  'grade.rare': 'Hiếm khi',
  'grade.unlikely': 'Khó xảy ra',
  'grade.possible': 'Có thể xảy ra',
  'grade.likely': 'Dễ xảy ra',
  'grade.almost-certain': 'Gần như chắc chắn',
  'grade.insignificant': 'Không đáng kể',
  'grade.major': 'Lớn',
  'grade.catastrophic': 'Thảm khốc',
} as const satisfies Catalogue<VocabularyId>;
