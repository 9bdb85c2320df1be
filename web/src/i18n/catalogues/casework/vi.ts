import type { Catalogue } from '../../../../../shared/i18n/translator.ts';
import type { CaseworkMessageId } from './en.ts';

/**
 * Văn bản về người phụ trách hồ sơ, “hồ sơ của tôi”, tìm kiếm trên máy chủ trong thư viện hồ sơ và các nút
 * xuất tệp (tiếng Việt). Thuật ngữ: hồ sơ rủi ro, người phụ trách, chuyển giao, kiểm duyệt pháp lý, ngoại lệ,
 * hồ sơ bằng chứng. Tên đăng nhập, thương hiệu và tên tệp giữ nguyên.
 */
export const CASEWORK_VI = {
  'casework.owner.title': 'Người phụ trách',
  'casework.owner.none': 'Hồ sơ này chưa có người phụ trách.',
  'casework.owner.nobody': 'chưa có ai',
  'casework.owner.row': 'Phụ trách: {owner}',
  'casework.owner.reassignTitle': 'Chuyển giao',
  'casework.owner.hint':
    'Người phụ trách được báo trước tiên khi hồ sơ được chuyển lên. Nhập tên đăng nhập của người đó.',
  'casework.owner.field': 'Người phụ trách mới (tên đăng nhập)',
  'casework.owner.suggestions': 'Gợi ý: người phụ trách và các quản lý của thương hiệu.',
  'casework.owner.note': 'Ghi chú (không bắt buộc)',
  'casework.owner.notePlaceholder': 'ví dụ: Bảo phụ trách đợt ra mắt này',
  'casework.owner.needOwner': 'Hãy nhập tên đăng nhập của người phụ trách mới.',
  'casework.owner.same': '{owner} đã là người phụ trách hồ sơ này.',
  'casework.owner.submit': 'Chuyển giao hồ sơ',
  'casework.owner.failed': 'Không chuyển giao được hồ sơ.',
  'casework.owner.done': 'Đã chuyển giao hồ sơ cho {owner}.',
  'casework.mine.label': 'Hồ sơ của ai',
  'casework.mine.all': 'Tất cả hồ sơ',
  'casework.mine.mine': 'Hồ sơ của tôi',
  'casework.mine.emptyTitle': 'Ở đây không có hồ sơ nào do bạn phụ trách.',
  'casework.mine.emptyBody': 'Hồ sơ bạn phụ trách, hoặc được quản lý chuyển cho bạn, sẽ hiện ở đây.',
  'casework.search.searching': 'Đang tìm…',
  'casework.search.found': '{n, number} hồ sơ khớp với “{text}”',
  'casework.search.foundSoFar': 'Đến giờ có {n, number} hồ sơ khớp với “{text}”',
  'casework.search.partial':
    'Một số từ quá phổ biến nên không phải mọi hồ sơ chứa chúng đều được liệt kê: hãy thêm một từ cụ thể hơn để thu hẹp kết quả.',
  'casework.search.noMatch': 'Không có hồ sơ nào khớp với “{text}”.',
  'casework.search.noMatchBody': 'Hãy thử từ khác, hoặc thay đổi hay bỏ bộ lọc.',
  'casework.export.csv': 'Xuất CSV',
  'casework.export.csvLabel': 'Xuất {what} thành tệp CSV',
  'casework.export.reviewStatus': 'Lượt kiểm duyệt cần xuất',
  'casework.export.pending': 'Đang chờ (hàng đợi)',
  'casework.export.cases': 'các hồ sơ đã lọc',
  'casework.export.reviews': 'các lượt kiểm duyệt pháp lý',
  'casework.export.exceptions': 'các ngoại lệ',
  'casework.export.evidencePack': 'Hồ sơ bằng chứng (PDF)',
  'casework.export.evidencePackLabel': 'Tải hồ sơ bằng chứng của mẫu quảng cáo {copyId} (PDF)',
  'casework.export.preparing': 'Đang chuẩn bị…',
  'casework.export.progress': 'Đang tải {percent}',
  'casework.export.failed': 'Không tải được tệp.',
  'casework.export.done': 'Đã tải {file}.',
} as const satisfies Catalogue<CaseworkMessageId>;
