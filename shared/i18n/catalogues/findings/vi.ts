import type { Catalogue } from '../../translator.ts';
import type { FindingMessageId } from './en.ts';

// Các phần dùng chung của câu về chi tiêu quảng cáo và dư luận (kèm placeholder).
/** Xác suất đuôi: impossible (< 1e-12), small (< 0.001, dạng khoa học) hoặc plain. */
const CHANCE =
  '{chance, select, impossible {p < 1E-12 (gần như không thể do ngẫu nhiên)} small {p = {p, number, ::scientific .#} (khoảng 1 trên {oneIn, number})} other {p = {p, number, ::@@} (khoảng 1 trên {oneIn, number})}}';
/** Xác suất thứ hai của một đợt tăng đột biến: khung trước đó, hoặc lượng đề cập tiêu cực theo giờ. */
const SUPPORT_CHANCE =
  '{supportChance, select, impossible {p < 1E-12} small {p = {supportP, number, ::scientific .#}, khoảng 1 trên {supportOneIn, number}} other {p = {supportP, number, ::@@}, khoảng 1 trên {supportOneIn, number}}}';
/** Giờ trong ngày của mức bình thường, hoặc không có (khung dài). */
const SEASON =
  '{season, select, hour {lúc {hour, number, ::integer-width/*00} giờ UTC} other {với khung thời gian dài như vậy}}';
/** Dữ liệu làm mức cơ sở dư luận. */
const SENTIMENT_BASELINE =
  'mức cơ sở dựa trên {baselineHours, number} giờ và {baselineMentions, number} lượt đề cập có trọng số';
/** Thay đổi kéo dài đã thành mức bình thường mới hay chưa. */
const SENTIMENT_ADOPTED =
  '{adopted, select, yes {Tình trạng này đã kéo dài {adaptHours, number} giờ, nên từ nay đây được coi là mức bình thường mới của đối tượng theo dõi.} other {Mức cơ sở tạm được giữ nguyên; nếu tình trạng kéo dài {adaptHours, number} giờ, mức này sẽ trở thành mức bình thường mới.}}';

/** Câu của các phát hiện (tiếng Việt). Thuật ngữ: ngoại lệ, kiểm duyệt pháp lý, ma trận rủi ro, ngân sách kế hoạch, chi phí mỗi chuyển đổi (CPA). */
export const FINDINGS_VI = {
  'claim.violation': '{quoted}: {message}',
  'claim.advisory': '{quoted}: chỉ hợp pháp khi có nguồn được dẫn — hãy kiểm tra nguồn. {message}',
  'claim.missing': '{message}',
  'exception.allowed': 'Được phép theo ngoại lệ {id} đến hết ngày {expiresOn} ({evidence}): {message}',
  'spend.overrun':
    'Chi tiêu thực tế của chiến dịch {campaign} trên {channel} là {spent}, so với ngân sách kế hoạch {planned}: vượt kế hoạch {overrun, number, ::percent .#} (ngưỡng cảnh báo {warningLine, number, ::percent .#}).',
  'spend.overrun.suggestion':
    'Rà soát chiến dịch cùng bộ phận tài chính: tạm dừng hoặc đặt mức trần chi tiêu cho kênh, hoặc phê duyệt điều chỉnh ngân sách.',
  'spend.pacing':
    'Với mức chi thường lệ khoảng {dailySpend} mỗi ngày, chiến dịch {campaign} trên {channel} dự kiến sẽ chi khoảng {projected} đến hết ngày {periodEnd} (khoảng dự báo {interval, number, ::percent .#}: {low} – {high}), so với ngân sách kế hoạch {planned}: ngay cả mức thấp nhất cũng vượt kế hoạch {lowOverrun, number, ::percent .#}, vượt ngưỡng cảnh báo {warningLine, number, ::percent .#}. Đã qua {elapsedShare, number, ::percent .#} thời gian của kỳ, chi tiêu thực tế là {spent}; tốc độ chi dựa trên {reports, plural, other {# báo cáo}} gần nhất ({planDays, plural, other {# ngày}} theo kế hoạch hiện tại).',
  'spend.pacing.suggestion':
    'Hạ ngay mức trần chi tiêu hằng ngày hoặc giá thầu, hoặc đề nghị bộ phận tài chính phê duyệt mức chi cao hơn trước khi kỳ kết thúc.',
  'spend.cpa-spike': `Chiến dịch {campaign} trên {channel} đã chi {spend} {span, select, run {trong {days, number, ::.0} ngày qua} other {kể từ báo cáo trước}} nhưng chỉ đạt {conversions, plural, other {# chuyển đổi}}, trong khi theo mức cơ sở của chính chiến dịch lẽ ra phải có khoảng {expected, number} chuyển đổi (chi phí mỗi chuyển đổi (CPA) {cpa} so với mức thường lệ {usualCpa}). Xác suất có ít chuyển đổi như vậy do ngẫu nhiên: ${CHANCE}; mức cơ sở dựa trên {baselineDays, plural, other {# ngày}} báo cáo. {lowReports, plural, =0 {} =1 {} other {Đã thấp trong # báo cáo liên tiếp. }}{adopted, select, yes {Tình trạng này đã kéo dài từ {adaptDays, plural, other {# ngày}} trở lên, nên từ nay mức chi phí này được coi là mức bình thường mới của chiến dịch.} other {Nếu không cải thiện, sau {adaptDays, plural, other {# ngày}} mức chi phí này sẽ trở thành mức bình thường mới của chiến dịch.}}`,
  'spend.cpa-spike.suggestion':
    'Kiểm tra chất lượng lưu lượng của đối tác kênh, trang đích và việc đo lường chuyển đổi trước khi chi thêm.',
  'spend.tracking-broken': `Chiến dịch {campaign} trên {channel} vẫn báo cáo {conversions, plural, other {# chuyển đổi}} kể từ ngày {since} ({days, number, ::.0} ngày) mà không có thêm chuyển đổi mới nào, trong khi đã chi {spent}; theo tỷ lệ chuyển đổi của chính chiến dịch, mức chi này lẽ ra mang về khoảng {expected, number} chuyển đổi. Xác suất không có chuyển đổi nào do ngẫu nhiên: ${CHANCE}. Nhiều khả năng việc đo lường chuyển đổi (pixel, postback, API chuyển đổi) đã ngừng hoạt động.`,
  'spend.tracking-broken.suggestion':
    'Kiểm tra ngay việc đo lường chuyển đổi; cho đến khi khắc phục xong, hệ thống đặt giá thầu đang chạy mù và không thể đánh giá CPA.',
  'spend.delivery-stopped':
    'Chiến dịch {campaign} trên {channel} chỉ chi {spent} trong {days, number, ::.0} ngày kể từ báo cáo trước, trong khi thường chi khoảng {expected}{weekday, select, sunday { vào Chủ nhật} monday { vào thứ Hai} tuesday { vào thứ Ba} wednesday { vào thứ Tư} thursday { vào thứ Năm} friday { vào thứ Sáu} saturday { vào thứ Bảy} other {}}; {reports, plural, =1 {báo cáo này cho thấy quảng cáo đã ngừng phân phối} other {đã # báo cáo liên tiếp cho thấy quảng cáo ngừng phân phối}}, trong khi kỳ còn {leftShare, number, ::percent .#} thời gian và {leftBudget} ngân sách kế hoạch; mức chi thường lệ dựa trên {baselineDays, plural, other {# ngày}} báo cáo.',
  'spend.delivery-stopped.suggestion':
    'Kiểm tra trạng thái chiến dịch trên nền tảng: bị tạm dừng, quảng cáo bị từ chối, thanh toán thất bại, hoặc tệp đối tượng không còn phân phối được.',
  'sentiment.negative-share': `{share, number, ::percent .#} trong số {mentions, plural, other {# lượt đề cập}} đến {subject} là tiêu cực ({negative, number}); với độ tin cậy {confidence, number, ::percent .#}, tỷ lệ đề cập tiêu cực ít nhất là {lowerBound, number, ::percent .#}, bằng hoặc vượt ngưỡng {line, number, ::percent .#} {settled, select, yes {(mức bình thường vốn có ${SEASON}: {expectedShare, number, ::percent .#}; xác suất có nhiều đề cập tiêu cực như vậy do ngẫu nhiên: ${CHANCE}; ${SENTIMENT_BASELINE}).} other {(mức bình thường vốn có vẫn đang được xác lập: mới có {baselineHours, plural, other {# giờ}} dữ liệu).}}`,
  'sentiment.negative-share.suggestion':
    'Đọc các đề cập tiêu cực, tìm nguyên nhân chung và chuẩn bị phản hồi công khai trong vòng 24 giờ.',
  'sentiment.spike': `{negative, number} trong số {mentions, plural, other {# lượt đề cập}} đến {subject} là tiêu cực ({share, number, ::percent .#}), trong khi mức bình thường vốn có ${SEASON} là {expectedShare, number, ::percent .#} (dự kiến khoảng {expectedNegative, number}). Xác suất có nhiều đề cập tiêu cực như vậy do ngẫu nhiên: ${CHANCE}; ${SENTIMENT_BASELINE}.{why, select, overwhelming { Chỉ riêng khung này đã đủ để khẳng định.} persistent { Đã có {spikeWindows, number} khung liên tiếp tăng đột biến.} other {{support, select, previous { Khung trước đó cũng cao hơn mức bình thường (xác suất ngẫu nhiên: ${SUPPORT_CHANCE}).} volume { Số đề cập tiêu cực cao hơn nhiều so với thường lệ vào giờ này (theo lượng thảo luận thông thường chỉ khoảng {usualNegative, number}; xác suất ngẫu nhiên: ${SUPPORT_CHANCE}).} other {}} Mới có một khung tăng đột biến: cần theo dõi, chưa cần báo động khẩn.}} ${SENTIMENT_ADOPTED}`,
  'sentiment.spike.pooled': `Trong {windows, number} khung gần nhất ({hours, number} giờ), {negative, number} trong số {mentions, plural, other {# lượt đề cập}} đến {subject} là tiêu cực ({share, number, ::percent .#}), trong khi mức bình thường vốn có là {expectedShare, number, ::percent .#} (dự kiến khoảng {expectedNegative, number}); riêng từng khung thì quá nhỏ để chứng minh điều này. Xác suất có nhiều đề cập tiêu cực như vậy do ngẫu nhiên: ${CHANCE}; ${SENTIMENT_BASELINE}.{persistent, select, yes { Đã có {spikeWindows, number} khung liên tiếp tăng đột biến.} other { Cần theo dõi, chưa cần báo động khẩn.}} ${SENTIMENT_ADOPTED}`,
  'sentiment.spike.burst': `Trong khoảng {hours, number} giờ qua, tỷ lệ đề cập tiêu cực về {subject} cao hơn mức bình thường vốn có {points, number, ::.0} điểm phần trăm (khung này: {negative, number} trong số {mentions, number}, {share, number, ::percent .#} so với {expectedShare, number, ::percent .#}). Xác suất chênh lệch như vậy do ngẫu nhiên: ${CHANCE}; ${SENTIMENT_BASELINE}.{persistent, select, yes { Đã có {spikeWindows, number} khung liên tiếp tăng đột biến.} other { Cần theo dõi, chưa cần báo động khẩn.}} ${SENTIMENT_ADOPTED}`,
  'sentiment.spike.suggestion':
    'Tìm ra điều đã thay đổi (một lô sản phẩm, một bài đăng, một lần đổi giá) và thông báo cho đội xử lý khủng hoảng truyền thông.',
  'sentiment.drift': `Trong khoảng {hours, number} giờ qua, tỷ lệ đề cập tiêu cực về {subject} cao hơn mức bình thường vốn có {points, number, ::.0} điểm phần trăm (trung bình mỗi khung có thêm khoảng {excess, number} đề cập tiêu cực trên {mentions, plural, other {# lượt đề cập}}); xác suất xu hướng tăng như vậy do ngẫu nhiên: ${CHANCE}. Khung này: {share, number, ::percent .#} so với {expectedShare, number, ::percent .#}; ${SENTIMENT_BASELINE}. ${SENTIMENT_ADOPTED}`,
  'sentiment.drift.suggestion':
    'Tìm nguyên nhân âm ỉ kéo dài (sự cố sản phẩm đang lan rộng, chiến dịch của đối thủ, thay đổi về dịch vụ).',
} as const satisfies Catalogue<FindingMessageId>;
