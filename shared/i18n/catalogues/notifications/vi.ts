import type { Catalogue } from '../../translator.ts';
import type { NotificationMessageId } from './en.ts';

/**
 * Thông báo cảnh báo và bản tin hằng ngày gửi quản lý (e-mail, SMS), tiếng Việt. Thuật ngữ như ứng dụng
 * web: hồ sơ rủi ro, ma trận rủi ro, khả năng xảy ra, mức ảnh hưởng, đỏ/vàng/xanh, tiếp nhận (acknowledge).
 * SMS được gửi không dấu (shared/i18n/sms.ts).
 */
export const NOTIFICATIONS_VI = {
  reason:
    '{reason, select, opened {mở hồ sơ} level_rose {mức độ tăng} reopened {mở lại hồ sơ} sla_lapsed {quá hạn chưa tiếp nhận} other {{reason}}}',
  'headline.first': '[{level}]',
  'headline.repeat': '[{level}] CẢNH BÁO LẦN {tier}, chưa ai tiếp nhận:',
  'headline.repeatAfter': '[{level}] CẢNH BÁO LẦN {tier}, {hours} giờ chưa ai tiếp nhận:',
  'escalation.subject': '{headline} Rủi ro {riskType}: {subject}',
  'escalation.repeat': 'Cảnh báo lần {tier}: chưa ai tiếp nhận hồ sơ rủi ro này.',
  'escalation.repeatSince':
    'Cảnh báo lần {tier}: chưa ai tiếp nhận hồ sơ rủi ro này kể từ cảnh báo lần {previousTier} lúc {previousAt} ({hours} giờ).',
  'escalation.what': 'Rủi ro {riskType} mức {level}: {subject}.',
  'escalation.matrix': 'Ô ma trận rủi ro: khả năng xảy ra {probability} × mức ảnh hưởng {impact}.',
  'escalation.occurrences': '{count} lần xảy ra (lần đầu {first}, gần nhất {last}).',
  'escalation.findings': 'Phát hiện:',
  'escalation.paged': 'Đã báo cho: {names}.',
  'escalation.pagedEveryone': 'Đã báo cho: mọi quản lý đã đăng ký.',
  'escalation.ownerName': '{name} (người phụ trách)',
  'escalation.finding': '- [{level}] {message}',
  'escalation.findingNumbers': '- [{level}] {message} ({numbers})',
  'escalation.open': 'Mở hồ sơ rủi ro: {link}',
  'escalation.acknowledge': 'Hãy tiếp nhận hồ sơ tại đó để dừng đồng hồ SLA.',
  'escalation.reference': 'Cảnh báo {id} (lần {tier}, {reason}) lúc {at}.',
  'sms.headline.first': '[{level}]',
  'sms.headline.repeat': '[{level}, lần {tier}, chưa tiếp nhận]',
  'sms.escalation': '{headline} Rủi ro {riskType}: ',
  'sms.escalationShort': '{headline} Rủi ro {riskType}',
  'digest.subject': 'Bản tin rủi ro: {count} hồ sơ rủi ro mới cần chú ý',
  'digest.intro': 'Các hồ sơ rủi ro mới cần chú ý, ghi nhận từ {since} đến {until}:',
  'digest.case': '- [{level}] Rủi ro {riskType}: {subject} ({count} lần xảy ra) — {link}',
  'digest.quiet': 'Không hồ sơ nào ở đây kích hoạt cảnh báo khẩn.',
  'followUp.headline.acknowledged': '[{level}] {name} đã tiếp nhận',
  'followUp.headline.resolved': '[{level}] {name} đã xử lý xong',
  'followUp.subject': '{headline}: Rủi ro {riskType}: {subject}',
  'followUp.acknowledged': '{name} đã tiếp nhận hồ sơ rủi ro này lúc {at}.',
  'followUp.resolved': '{name} đã xử lý xong hồ sơ rủi ro này lúc {at}.',
  'followUp.rootCause': 'Nguyên nhân gốc: {rootCause}',
  'followUp.reference': 'Cập nhật cho cảnh báo {id} (lần {tier}) lúc {at} đã gửi tới bạn.',
  'sms.followUp.rootCause': '{headline}, nguyên nhân gốc: ',
} as const satisfies Catalogue<NotificationMessageId>;
