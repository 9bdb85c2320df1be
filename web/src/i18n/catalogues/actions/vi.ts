import type { Catalogue } from '../../../../../shared/i18n/translator.ts';
import type { ActionsMessageId } from './en.ts';

/** Hành động có kiểm soát trên trang vụ việc (tiếng Việt). */
export const ACTIONS_VI = {
  'actions.title': 'Hành động có kiểm soát',
  'actions.hint':
    'Những gì vụ việc này yêu cầu hệ thống tự động hóa của bạn thực hiện (chính sách hành động). Quản lý phê duyệt hoặc từ chối; hành động được duyệt sẽ được gửi có ký tới điểm nhận của bạn.',
  'actions.loading': 'hành động',
  'actions.loadFailed': 'Không tải được các hành động.',
  'actions.kind.pause-campaign': 'Tạm dừng chiến dịch',
  'actions.kind.cap-budget': 'Giới hạn ngân sách',
  'actions.kind.notify-webhook': 'Thông báo cho hệ thống tự động hóa',
  'actions.cap.amount': 'Giới hạn {amount, number}',
  'actions.cap.ratio': 'Giới hạn {ratio, number, percent} kế hoạch',
  'actions.state.pending': 'Chờ phê duyệt',
  'actions.state.approved': 'Đã duyệt, đang gửi',
  'actions.state.rejected': 'Đã từ chối',
  'actions.state.executing': 'Đang gửi',
  'actions.state.succeeded': 'Đã thực hiện',
  'actions.state.failed': 'Thất bại',
  'actions.requested':
    'Yêu cầu {ago} ở mức {level} ({approval, select, automatic {chính sách tự duyệt} other {cần quản lý duyệt}})',
  'actions.decided': '{state, select, rejected {Bị từ chối} other {Được duyệt}} bởi {actor}, {ago}',
  'actions.note': 'Ghi chú: {note}',
  'actions.outcome.succeeded': 'Đã thực hiện sau {attempts, number} lần thử (HTTP {status})',
  'actions.outcome.failed': 'Thất bại sau {attempts, number} lần thử: {reason}',
  'actions.approve': 'Phê duyệt',
  'actions.reject': 'Từ chối',
  'actions.confirm.approve': 'Phê duyệt: {kind}?',
  'actions.confirm.reject': 'Từ chối: {kind}?',
  'actions.confirm.yes': 'Xác nhận',
  'actions.confirm.no': 'Hủy',
  'actions.noteLabel': 'Ghi chú (không bắt buộc)',
  'actions.deciding': 'Đang gửi…',
  'actions.done.approved': 'Đã duyệt hành động: đang gửi tới hệ thống tự động hóa của bạn.',
  'actions.done.rejected': 'Đã từ chối hành động.',
  'actions.problem.conflict': 'Người khác vừa quyết định hành động này; danh sách đã được cập nhật.',
  'actions.problem.other': 'Quyết định chưa được lưu: {detail}',
} as const satisfies Catalogue<ActionsMessageId>;
