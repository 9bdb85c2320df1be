import type { Catalogue } from '#shared/i18n/translator.ts';
import type { CliMessageId } from './en.ts';

/** Nội dung báo cáo kiểm tra của CLI (tiếng Việt). */
export const CLI_VI = {
  'verdict.none': '{name}: {level} — không có phát hiện nào',
  'verdict.some': '{name}: {level} — {count} phát hiện (khả năng {probability} × tác động {impact})',
  'finding.grades': 'khả năng {probability} × tác động {impact}',
  'finding.advisory': 'LƯU Ý — hãy kiểm tra nguồn',
  'finding.coverage':
    'CHƯA KIỂM TRA — không có bộ quy tắc nào cho thị trường và ngôn ngữ này; hãy kiểm duyệt thủ công',
  'finding.more': '… và thêm {count} chỗ khớp',
  'finding.basis': 'căn cứ    ',
  'finding.suggestion': 'gợi ý sửa',
  'finding.known': 'đã biết',
  'finding.new': 'MỚI',
  'finding.newOf': 'MỚI ({count} trên {total} chỗ khớp)',
  'run.copies': 'Đã kiểm tra {count} nội dung: {attention} cần xử lý',
  'rules.shipped': 'quy tắc: bộ quy tắc đi kèm {rules} · ma trận {matrix}',
  'rules.server': 'quy tắc: đang áp dụng trên {url}: {rules} · ma trận {matrix}',
} as const satisfies Catalogue<CliMessageId>;
