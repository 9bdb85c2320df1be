/**
 * Giải thích từng trường của ma trận rủi ro và các ngưỡng chi tiêu, dư luận (tiếng Việt), khóa là
 * `<chính sách>.<mẫu trường>`, tương ứng từng câu tiếng Anh gốc trong shared/domain/policy-fields.ts
 * (test/unit/i18n/policies-catalogues.test.ts kiểm tra).
 */

const GRADE = {
  grade: 'Cách xếp hạng một phát hiện của phép kiểm tra này khi được báo cáo lần đầu.',
  gradeProbability:
    'Xác suất rủi ro được ghi nhận khi phép kiểm tra này báo cáo lần đầu; cấp càng cao thì cảnh báo càng khẩn cấp.',
  gradeImpact:
    'Mức thiệt hại của vấn đề được ghi nhận khi phép kiểm tra này báo cáo lần đầu; cấp càng cao thì cảnh báo càng khẩn cấp.',
  escalated: 'Cách xếp hạng một phát hiện của phép kiểm tra này khi vấn đề kéo dài hoặc bằng chứng áp đảo.',
  escalatedProbability:
    'Xác suất rủi ro được ghi nhận khi vấn đề kéo dài hoặc bằng chứng áp đảo; cấp càng cao thì cảnh báo đã nâng mức càng khẩn cấp.',
  escalatedImpact:
    'Mức thiệt hại của vấn đề được ghi nhận khi nó kéo dài hoặc bằng chứng áp đảo; cấp càng cao thì cảnh báo đã nâng mức càng khẩn cấp.',
} as const;

const grades = (detector: string, escalates: boolean): Record<string, string> => ({
  [`${detector}.grade`]: GRADE.grade,
  [`${detector}.grade.probability`]: GRADE.gradeProbability,
  [`${detector}.grade.impact`]: GRADE.gradeImpact,
  ...(escalates
    ? {
        [`${detector}.escalated`]: GRADE.escalated,
        [`${detector}.escalated.probability`]: GRADE.escalatedProbability,
        [`${detector}.escalated.impact`]: GRADE.escalatedImpact,
      }
    : {}),
});

export const POLICY_FIELDS_VI: Readonly<Record<string, string>> = {
  'matrix.version':
    'Tên của phiên bản ma trận này, được ghi trên mọi đánh giá dùng nó để mỗi cảnh báo đều truy được về ma trận đang áp dụng.',
  'matrix.probabilities':
    'Thang xác suất, từ ít có khả năng nhất đến nhiều khả năng nhất; càng nhiều nhãn thì phát hiện được xếp càng chi tiết.',
  'matrix.probabilities.*':
    'Một nhãn trên thang xác suất (thang liệt kê mức ít có khả năng nhất trước); mọi phát hiện đều rơi vào một trong các nhãn này.',
  'matrix.impacts':
    'Thang tác động, từ ít thiệt hại nhất đến nhiều thiệt hại nhất; càng nhiều nhãn thì phát hiện được xếp càng chi tiết.',
  'matrix.impacts.*':
    'Một nhãn trên thang tác động (thang liệt kê mức ít thiệt hại nhất trước); mọi phát hiện đều rơi vào một trong các nhãn này.',
  'matrix.levels': 'Các mức cảnh báo, như xanh, vàng và đỏ, mà các ô của lưới sử dụng.',
  'matrix.levels.*': 'Một mức cảnh báo của ma trận.',
  'matrix.levels.*.id':
    'Mã ngắn của mức này, dùng trong lưới, trong thông báo và báo cáo; hãy giữ nguyên để các báo cáo vẫn so sánh được.',
  'matrix.levels.*.label': 'Tên người dùng nhìn thấy cho mức này, ví dụ “khẩn cấp”.',
  'matrix.levels.*.rank':
    'Mức này khẩn cấp đến đâu so với các mức khác: thứ hạng càng cao càng khẩn cấp, và phát hiện khẩn cấp nhất quyết định mức của một đánh giá.',
  'matrix.cells': 'Lưới gán mức cảnh báo cho mọi tổ hợp xác suất và tác động.',
  'matrix.cells.{probability}':
    'Một hàng của lưới: các mức cảnh báo của một nhãn xác suất, theo từng tác động.',
  'matrix.cells.{probability}.{impact}':
    'Mức cảnh báo cho xác suất và tác động này; nó không bao giờ được thấp hơn mức của ô có xác suất hoặc tác động thấp hơn, và nâng nó lên làm các phát hiện như vậy khẩn cấp hơn.',

  'spend.version':
    'Tên của phiên bản ngưỡng chi tiêu này, được ghi trên mọi đánh giá dùng nó để mỗi cảnh báo đều truy được về các ngưỡng đang áp dụng.',
  'spend.overrunBands':
    'Các mức vượt chi so với kế hoạch tạo ra cảnh báo ngân sách, thấp nhất trước; mức đầu tiên là ngưỡng cảnh báo mà dự báo được đối chiếu.',
  'spend.overrunBands.*': 'Một mức vượt chi so với kế hoạch, và cách xếp hạng chiến dịch vượt quá mức đó.',
  'spend.overrunBands.*.above':
    'Chi tiêu phải vượt kế hoạch bao nhiêu mới qua mức này, tính theo tỷ lệ của kế hoạch (0,1 là vượt 10 %); nâng lên thì ít chiến dịch bị cảnh báo hơn và muộn hơn.',
  'spend.overrunBands.*.probability':
    'Xác suất rủi ro được ghi nhận khi chi tiêu đã vượt mức này; cấp càng cao thì cảnh báo càng khẩn cấp.',
  'spend.overrunBands.*.impact':
    'Mức thiệt hại của việc vượt chi được ghi nhận khi chi tiêu đã vượt mức này; cấp càng cao thì cảnh báo càng khẩn cấp.',
  'spend.pacing':
    'Dự báo cảnh báo trước khi chiến dịch vượt chi, dựa trên tốc độ chi tiêu của chính nó đến nay.',
  'spend.pacing.interval':
    'Dự báo phải chắc chắn đến đâu rằng chi tiêu sẽ vượt ngưỡng cảnh báo thì mới cảnh báo (0,9 là 90 %); nâng lên thì cảnh báo đến muộn hơn nhưng ít sai hơn.',
  'spend.pacing.probability':
    'Xác suất vượt chi được ghi nhận khi dự báo cảnh báo; cấp càng cao thì cảnh báo dự báo càng khẩn cấp.',
  'spend.pacing.lateFrom':
    'Tỷ lệ của kỳ mà sau đó một dự báo vượt chi được coi là gần như chắc chắn (0,8 là một phần năm cuối kỳ); hạ xuống thì cảnh báo dự báo trở nên khẩn cấp sớm hơn.',
  'spend.pacing.lateProbability':
    'Xác suất vượt chi được ghi nhận khi dự báo cảnh báo vào cuối kỳ; cấp càng cao thì cảnh báo cuối kỳ càng khẩn cấp.',
  'spend.cpaSpike':
    'Phép kiểm tra xem chi phí mỗi chuyển đổi có đột nhiên đắt hơn mức bình thường của chính chiến dịch không.',
  'spend.cpaSpike.p':
    'Việc thiếu chuyển đổi phải khó xảy ra do ngẫu nhiên đến đâu mới tính là chi phí tăng đột biến (0,001 là một phần nghìn); hạ xuống thì ít đột biến được báo cáo hơn nhưng chắc chắn hơn.',
  'spend.cpaSpike.overwhelmingP':
    'Việc thiếu chuyển đổi phải khó xảy ra do ngẫu nhiên đến đâu để nâng mức ngay, không chờ thêm ngày; hạ xuống thì ít đột biến được nâng mức ngay hơn.',
  'spend.cpaSpike.escalateAfterDays':
    'Chi phí tăng đột biến phải kéo dài bao nhiêu ngày liên tiếp mới được nâng mức; nâng lên thì việc nâng mức đến muộn hơn và ít hơn.',
  'spend.cpaSpike.minIncrease':
    'Mỗi chuyển đổi phải đắt hơn bình thường bao nhiêu thì đột biến mới đáng kể (0,25 là đắt hơn 25 %); nâng lên thì các mức tăng chi phí nhỏ bị bỏ qua.',
  'spend.cpaSpike.shift':
    'Mức tăng chi phí mà phép kiểm tra qua nhiều ngày được điều chỉnh để phát hiện (1,5 là đắt thêm một nửa); hạ xuống để bắt các mức tăng nhỏ và chậm hơn, hoặc nâng lên để chỉ phản ứng với mức tăng lớn.',
  'spend.cpaSpike.dispersion':
    'Tỷ lệ chuyển đổi của chiến dịch được giả định ổn định đến đâu giữa các ngày cho đến khi nó cho thấy biến động của chính mình; nâng lên thì dao động thông thường trông bất thường hơn, nên đột biến được báo cáo sớm hơn và thường xuyên hơn.',
  ...grades('spend.cpaSpike', true),
  'spend.trackingBroken':
    'Phép kiểm tra xem việc theo dõi chuyển đổi có bị hỏng không: chiến dịch vẫn chi tiêu nhưng số chuyển đổi đứng yên.',
  'spend.trackingBroken.expectedConversions':
    'Chiến dịch lẽ ra phải mang lại bao nhiêu chuyển đổi theo tỷ lệ thông thường trong lúc số đếm đứng yên thì mới tạo cảnh báo; nâng lên thì theo dõi hỏng được báo cáo muộn hơn nhưng chắc chắn hơn.',
  'spend.trackingBroken.escalatedExpectedConversions':
    'Thiếu bao nhiêu chuyển đổi thì cảnh báo được nâng mức, ít nhất bằng số tạo ra cảnh báo; nâng lên thì việc nâng mức đến muộn hơn.',
  ...grades('spend.trackingBroken', true),
  'spend.deliveryStopped': 'Phép kiểm tra xem một chiến dịch đang chạy có ngừng chi tiêu không.',
  'spend.deliveryStopped.share':
    'Tỷ lệ của mức chi tiêu thông thường vào ngày đó trong tuần mà dưới mức ấy chiến dịch bị coi là đã ngừng (0,1 là một phần mười); nâng lên thì nhiều lần chậm lại được báo cáo là ngừng hơn.',
  'spend.deliveryStopped.escalateAfterReports':
    'Tình trạng ngừng phải kéo dài qua bao nhiêu báo cáo liên tiếp mới được nâng mức; nâng lên thì việc nâng mức đến muộn hơn.',
  ...grades('spend.deliveryStopped', true),
  'spend.learning': 'Cách học mức bình thường của từng chiến dịch từ lịch sử của nó.',
  'spend.learning.halfLifeDays':
    'Sau bao nhiêu ngày thì trọng số của một ngày trong tỷ lệ chuyển đổi bình thường của chiến dịch giảm một nửa; nâng lên thì mức bình thường nhớ lâu hơn và theo kịp thay đổi chậm hơn.',
  'spend.learning.minDays':
    'Chiến dịch cần bao nhiêu ngày báo cáo trước khi chi phí và phân phối của nó được đánh giá; nâng lên thì chiến dịch mới được để yên lâu hơn.',
  'spend.learning.paceDays':
    'Tốc độ chi tiêu được lấy từ bao nhiêu ngày gần nhất, cho dự báo và phép kiểm tra ngừng phân phối; nâng lên thì tốc độ ổn định hơn nhưng theo kịp thay đổi chậm hơn.',
  'spend.learning.weekdayAlpha':
    'Tốc độ học chênh lệch chi tiêu thông thường giữa các ngày trong tuần, từ lớn hơn 0 một chút đến 1; nâng lên thì quy luật chi tiêu theo thứ bám sát các tuần gần đây hơn (hệ số chuyển đổi theo thứ học theo lượng bằng chứng).',
  'spend.learning.learnP':
    'Một ngày phải bất thường đến đâu để bị loại khỏi mức bình thường của chiến dịch, để mức bình thường không học luôn cả vấn đề; nâng lên thì nhiều ngày bị loại hơn.',
  'spend.learning.adaptAfterDays':
    'Sau bao nhiêu ngày thì một thay đổi chi phí lâu dài trở thành mức bình thường mới của chiến dịch; nâng lên thì thay đổi lâu dài được báo cáo lâu hơn trước khi được chấp nhận.',
  'spend.learning.reportingLag':
    'Tỷ lệ chuyển đổi của một ngày mà các nền tảng quảng cáo chỉ báo cáo vào những ngày sau (0,3 là 30 %); nâng lên khi chuyển đổi về muộn, để số đếm muộn không bị coi là chi phí tăng đột biến.',

  'sentiment.version':
    'Tên của phiên bản ngưỡng dư luận này, được ghi trên mọi đánh giá dùng nó để mỗi cảnh báo đều truy được về các ngưỡng đang áp dụng.',
  'sentiment.minMentions':
    'Một khung thời gian cần bao nhiêu lượt nhắc trước khi được đánh giá riêng; nâng lên thì các khung nhỏ được để yên, nên cảnh báo ít hơn nhưng chắc chắn hơn.',
  'sentiment.shareBands':
    'Các mức tỷ lệ tiêu cực tạo ra cảnh báo bất kể mức bình thường của đối tượng theo dõi, thấp nhất trước.',
  'sentiment.shareBands.*': 'Một mức tỷ lệ tiêu cực, và cách xếp hạng khung thời gian vượt quá mức đó.',
  'sentiment.shareBands.*.atLeast':
    'Tỷ lệ lượt nhắc tiêu cực đạt tới mức này (0,25 là 25 %); nâng lên thì ít khung thời gian đạt tới hơn.',
  'sentiment.shareBands.*.probability':
    'Xác suất rủi ro được ghi nhận khi một khung thời gian đạt tới mức này; cấp càng cao thì cảnh báo càng khẩn cấp.',
  'sentiment.shareBands.*.impact':
    'Mức thiệt hại của các lượt nhắc tiêu cực được ghi nhận khi một khung thời gian đạt tới mức này; cấp càng cao thì cảnh báo càng khẩn cấp.',
  'sentiment.ceiling': 'Phép kiểm tra theo các mức tỷ lệ tiêu cực cố định phải chắc chắn đến đâu.',
  'sentiment.ceiling.confidence':
    'Phải chắc chắn đến đâu rằng tỷ lệ tiêu cực của một khung thời gian thật sự đạt tới một mức chứ không phải ngẫu nhiên (0,95 là 95 %); nâng lên thì các khung nhỏ ít đạt tới mức hơn.',
  'sentiment.ceiling.ownNormalP':
    'Một khung thời gian còn phải bất thường đến đâu đối với đối tượng này để được báo cáo khi dưới mức cao nhất (0,0001 là một phần mười nghìn); hạ xuống thì các đối tượng thường bị chỉ trích ít bị báo cáo hơn.',
  'sentiment.spike':
    'Phép kiểm tra xem một khung thời gian có nhiều lượt nhắc tiêu cực hơn hẳn mức bình thường của đối tượng vào giờ đó và ngày đó trong tuần không.',
  'sentiment.spike.p':
    'Các lượt nhắc tiêu cực phải khó xảy ra do ngẫu nhiên đến đâu mới tính là tăng đột biến (0,0001 là một phần mười nghìn); hạ xuống thì ít đột biến được báo cáo hơn nhưng chắc chắn hơn.',
  'sentiment.spike.minShift':
    'Tỷ lệ tiêu cực của khung thời gian phải cao hơn mức bình thường của đối tượng bao nhiêu mới tính là tăng đột biến (0,05 là 5 điểm phần trăm); nâng lên thì các mức tăng nhỏ bị bỏ qua.',
  'sentiment.spike.aloneP':
    'Một khung thời gian phải khó xảy ra do ngẫu nhiên đến đâu để tự nó tính là tăng đột biến, khi khung trước đó không cao — và khung đó còn phải có nhiều lượt nhắc hơn mức đối tượng thường có vào giờ ấy (một khung có lượng bình thường chỉ được tính khi chắc chắn, ở ngưỡng đỏ); hạ xuống thì các khung lẻ bất thường ít được báo cáo hơn.',
  'sentiment.spike.supportP':
    'Với một đột biến tự nó chưa đủ mạnh, khung thời gian trước đó phải bất thường đến đâu để nó được tính (0,1 là một phần mười); nâng lên thì nhiều đột biến theo sau một khung hơi cao được báo cáo hơn.',
  'sentiment.spike.volumeP':
    'Với một đột biến tự nó chưa đủ mạnh, số lượt nhắc tiêu cực phải bất thường đến đâu so với lượng đối tượng thường nhận vào giờ đó trong ngày để nó được tính (0,001 là một phần nghìn); nâng lên thì nhiều đột biến đi kèm làn sóng phàn nàn được báo cáo ngay hơn.',
  'sentiment.spike.volumeDispersion':
    'Số lượt nhắc trong một khung thời gian thường dao động thêm bao nhiêu ngoài yếu tố ngẫu nhiên (4 cho phép khoảng ±50 %); hạ xuống thì làn sóng lượt nhắc tiêu cực phải lớn hơn mới được tính.',
  'sentiment.spike.poolWindows':
    'Có thể gộp bao nhiêu khung thời gian gần nhất, kể cả khung hiện tại, để cho thấy một khủng hoảng mà không khung nhỏ riêng lẻ nào chứng minh được; nâng lên để bắt các khủng hoảng chậm hơn ở những đối tượng nhỏ.',
  'sentiment.spike.overwhelmingP':
    'Một đột biến phải khó xảy ra do ngẫu nhiên đến đâu để được nâng mức ngay; hạ xuống thì ít đột biến được nâng mức ngay hơn.',
  'sentiment.spike.escalateAfterWindows':
    'Bao nhiêu khung thời gian đột biến liên tiếp thì cảnh báo được nâng mức; nâng lên thì việc nâng mức đến muộn hơn.',
  ...grades('sentiment.spike', true),
  'sentiment.drift':
    'Phép kiểm tra xem tỷ lệ tiêu cực có tăng dần trong khoảng một ngày dù không khung thời gian riêng lẻ nào nổi bật không.',
  'sentiment.drift.timeScaleHours':
    'Phép kiểm tra trôi dần cân nhắc các khung thời gian gần đây trong khoảng bao nhiêu giờ; nâng lên để bắt các xu hướng trôi chậm hơn, được báo cáo muộn hơn.',
  'sentiment.drift.p':
    'Xu hướng trôi phải khó xảy ra do ngẫu nhiên đến đâu mới được báo cáo (0,0001 là một phần mười nghìn); hạ xuống thì ít xu hướng trôi được báo cáo hơn nhưng chắc chắn hơn.',
  'sentiment.drift.minShift':
    'Xu hướng trôi phải cao hơn tỷ lệ tiêu cực bình thường của đối tượng bao nhiêu (0,02 là 2 điểm phần trăm); nâng lên thì các xu hướng trôi nhỏ bị bỏ qua.',
  ...grades('sentiment.drift', false),
  'sentiment.learning': 'Cách học tỷ lệ tiêu cực bình thường của từng đối tượng theo dõi từ lịch sử của nó.',
  'sentiment.learning.halfLifeHours':
    'Sau bao nhiêu giờ thì trọng số của một khung thời gian trong tỷ lệ bình thường của đối tượng giảm một nửa; nâng lên thì mức bình thường theo kịp thay đổi chậm hơn, nên xu hướng trôi qua vài ngày được nhận ra trước khi bị hấp thụ.',
  'sentiment.learning.minHours':
    'Một đối tượng cần bao nhiêu giờ dữ liệu khung thời gian trước khi được đánh giá theo mức bình thường của chính nó; nâng lên thì đối tượng mới chỉ được đánh giá theo các mức cố định lâu hơn.',
  'sentiment.learning.learnP':
    'Một khung thời gian phải bất thường đến đâu để bị loại khỏi mức bình thường của đối tượng, để mức bình thường không học luôn cả vấn đề; nâng lên thì nhiều khung bị loại hơn.',
  'sentiment.learning.driftHoldP':
    'Một xu hướng trôi đang hình thành trong ngày qua phải bất thường đến đâu để giữ nguyên mức bình thường của đối tượng (tối đa đến số giờ mà sau đó thay đổi được chấp nhận), để xu hướng trôi chậm không bị hấp thụ trước khi được nhận ra; nâng lên thì mức bình thường được giữ thường xuyên hơn.',
  'sentiment.learning.adaptAfterHours':
    'Sau bao nhiêu giờ thì một thay đổi lâu dài trở thành mức bình thường mới của đối tượng; nâng lên thì thay đổi lâu dài được báo cáo lâu hơn trước khi được chấp nhận.',
  'sentiment.learning.seasonalAlpha':
    'Tốc độ học nhịp thông thường trong ngày và trong tuần, cùng độ dao động thông thường giữa các khung thời gian, từ lớn hơn 0 một chút đến 1; nâng lên thì chúng bám sát những ngày gần đây hơn.',
  'sentiment.learning.volumeAlpha':
    'Tốc độ học lưu lượng thông thường ở mỗi giờ trong ngày (đêm vắng, tối đông), từ lớn hơn 0 một chút đến 1; nâng lên thì nó bám sát những ngày gần đây hơn.',
  'sentiment.learning.volumeCap':
    'Một khung thời gian được tính nặng tối đa bao nhiêu lần lưu lượng thông thường của nó trong mức bình thường, để một cơn bão lan truyền không viết lại suy nghĩ của khán giả thường ngày; hạ xuống thì các cơn bão ảnh hưởng ít hơn đến mức bình thường.',
  'sentiment.learning.initialRho':
    'Tỷ lệ tiêu cực của một đối tượng mới được giả định dao động bao nhiêu giữa các khung thời gian cho đến khi học được biến động của chính nó; nâng lên thì đối tượng mới tạo ít cảnh báo hơn.',
};
