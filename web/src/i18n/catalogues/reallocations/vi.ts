import type { Catalogue } from '../../../../../shared/i18n/translator.ts';
import type { ReallocationsMessageId } from './en.ts';

/**
 * Điều chuyển ngân sách trên trang chiến dịch (tiếng Việt). Mã chiến dịch, tên đăng nhập, lý do và ghi chú
 * là dữ liệu, giữ nguyên.
 */
export const REALLOCATIONS_VI = {
  'reallocations.title': 'Điều chuyển ngân sách',
  'reallocations.hint':
    'Ngân sách chỉ được chuyển giữa các chiến dịch khi có lý do và được một quản lý khác phê duyệt. Khi được duyệt, cả hai kế hoạch cùng thay đổi và chi tiêu được đánh giá theo kế hoạch mới.',
  'reallocations.empty': 'Chiến dịch này chưa có điều chuyển ngân sách nào.',
  'reallocations.loadFailed': 'Không tải được các điều chuyển ngân sách.',
  'reallocations.loading': 'điều chuyển ngân sách',
  'reallocations.column.state': 'Trạng thái',
  'reallocations.column.move': 'Điều chuyển',
  'reallocations.column.requested': 'Yêu cầu',
  'reallocations.column.decided': 'Quyết định',
  'reallocations.state.requested': 'Chờ phê duyệt',
  'reallocations.state.approved': 'Đã phê duyệt',
  'reallocations.state.rejected': 'Đã từ chối',
  'reallocations.direction.out': 'Chuyển sang {campaign}',
  'reallocations.direction.in': 'Nhận từ {campaign}',
  'reallocations.by': '{actor}, {when}',
  'reallocations.why': 'Lý do: {text}',
  'reallocations.applied': 'Kế hoạch: {from} → {fromAfter}; {to} → {toAfter}',
  'reallocations.notDecided': 'Chưa quyết định',
  'reallocations.yours': 'Bạn đã yêu cầu điều này: một quản lý khác sẽ quyết định.',
  'reallocations.note': 'Ghi chú cho quyết định',
  'reallocations.noteHint': 'Vì sao bạn phê duyệt hoặc từ chối (được ghi lại).',
  'reallocations.approve': 'Phê duyệt',
  'reallocations.reject': 'Từ chối',
  'reallocations.deciding': 'Đang lưu…',
  'reallocations.decided': 'Điều chuyển ngân sách: {state}.',
  'reallocations.noteMissing': 'Hãy nêu lý do trước khi quyết định.',
  'reallocations.form.title': 'Yêu cầu điều chuyển ngân sách',
  'reallocations.form.direction': 'Hướng',
  'reallocations.form.out': 'Từ chiến dịch này sang chiến dịch khác',
  'reallocations.form.in': 'Từ chiến dịch khác sang chiến dịch này',
  'reallocations.form.other': 'Mã chiến dịch kia',
  'reallocations.form.amount': 'Số tiền',
  'reallocations.form.currency': 'Tiền tệ',
  'reallocations.form.reason': 'Lý do',
  'reallocations.form.reasonHint': 'Bắt buộc: vì sao cần chuyển ngân sách.',
  'reallocations.form.submit': 'Gửi yêu cầu',
  'reallocations.form.sending': 'Đang gửi…',
  'reallocations.form.sent': 'Đã gửi yêu cầu điều chuyển: một quản lý khác sẽ quyết định.',
  'reallocations.form.incomplete': 'Hãy điền chiến dịch kia, số tiền lớn hơn 0, tiền tệ và lý do.',
  'reallocations.problem.forbidden':
    'Bạn đã yêu cầu điều chuyển này: một quản lý khác sẽ phê duyệt hoặc từ chối.',
  'reallocations.problem.conflict':
    'Yêu cầu đã được quyết định, hoặc kế hoạch đã thay đổi trong lúc đó: danh sách được tải lại.',
  'reallocations.problem.notFound': 'Không có chiến dịch này trong phạm vi của bạn.',
  'reallocations.problem.plans': 'Kế hoạch không cho phép điều này: {detail}',
  'reallocations.problem.other': 'Không lưu được: {detail}',
} as const satisfies Catalogue<ReallocationsMessageId>;
