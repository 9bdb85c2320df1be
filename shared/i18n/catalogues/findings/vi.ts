import type { Catalogue } from '../../translator.ts';
import type { FindingMessageId } from './en.ts';

/** Câu của các phát hiện (tiếng Việt). Thuật ngữ: ngoại lệ, kiểm duyệt pháp lý, ma trận rủi ro, ngân sách kế hoạch, chi phí mỗi chuyển đổi (CPA). */
export const FINDINGS_VI = {
  'claim.violation': '{quoted}: {message}',
  'claim.advisory': '{quoted}: chỉ hợp pháp khi có nguồn được dẫn — hãy kiểm tra nguồn. {message}',
  'claim.missing': '{message}',
  'exception.allowed': 'Được phép theo ngoại lệ {id} đến hết ngày {expiresOn} ({evidence}): {message}',
} as const satisfies Catalogue<FindingMessageId>;
