import type { RuleExamples } from '../types.ts';
import { diseaseClaimExamples } from './disease-claims.ts';

/** Each rule's examples (see RuleExamples): copy it must flag, and innocent copy it must leave alone. */
export const VN_AD_LAW_EXAMPLES: RuleExamples = {
  'vn.superlative.best': {
    positive: ['Dịch vụ tốt nhất cho bạn', 'tot nhat cho be yeu', 'Sản phẩm TỐT NHẤT'],
    negative: ['Sản phẩm tốt cho bé', 'Chất lượng cao, giá hợp lý'],
  },
  'vn.superlative.only': {
    positive: ['Sản phẩm duy nhất có chứng nhận', 'Công thức độc quyền'],
    negative: ['Ưu đãi áp dụng duy nhất một lần', 'Sản phẩm có chứng nhận'],
  },
  'vn.superlative.number-one': {
    positive: ['Thương hiệu số 1 Việt Nam', 'Top 1 bán chạy', 'so mot thi truong'],
    negative: ['Mua 10 tặng 1', 'Ưu đãi số lượng có hạn'],
  },
  'vn.superlative.leading': {
    positive: ['Nhà cung cấp hàng đầu', 'Vô địch về giá'],
    negative: ['Xếp ở hàng đầu tiên bên trái', 'Hơn 10 năm kinh nghiệm'],
  },
  'vn.superlative.cheapest': {
    positive: ['Giá rẻ nhất thị trường', 'Cam kết giá tốt nhất'],
    negative: ['Chỉ 99.000đ đến hết 30/11', 'Giá ưu đãi'],
  },
  'vn.superlative.nhat': {
    positive: ['Kem dưỡng được yêu thích nhất', 'chat luong cao nhat', 'Mẫu mã sang nhất'],
    negative: [
      'Nhất là vào mùa hè, da cần được dưỡng ẩm',
      'Giao hàng chậm nhất 3 ngày',
      'Dùng ít nhất 2 lần mỗi ngày',
      'Cập nhật bảng giá mới',
      'Vị nhạt, dễ uống',
      'Hàng Nhật nội địa',
    ],
  },
  'vn.comparison': {
    positive: ['Tốt hơn sản phẩm cùng loại', 'Rẻ hơn mọi cửa hàng'],
    negative: ['Tốt hơn cho làn da của bạn', 'Giá hợp lý'],
  },
  'vn.medical-terms': {
    positive: ['Đặc trị nám sau 7 ngày', 'Giúp chữa bệnh hiệu quả', 'Bài thuốc gia truyền', 'chua benh'],
    negative: [
      'Thực phẩm này không phải là thuốc, không có tác dụng thay thế thuốc chữa bệnh.',
      'Sản phẩm không phải là thuốc chữa bệnh',
      'Dưỡng ẩm cho da mềm mịn',
    ],
  },
  'vn.medicine-substitute': {
    positive: ['Có thể thay thế thuốc tây', 'Không cần dùng thuốc nữa'],
    negative: ['Thực phẩm này không phải là thuốc, không có tác dụng thay thế thuốc chữa bệnh.'],
  },
  'vn.guarantee.efficacy': {
    positive: ['Cam kết hiệu quả 100%', 'Không hiệu quả hoàn tiền'],
    negative: ['Hiệu quả tùy cơ địa mỗi người', 'Đổi trả trong 7 ngày'],
  },
  'vn.guarantee.safety': {
    positive: ['An toàn tuyệt đối, không tác dụng phụ', '100% an toàn cho bé'],
    negative: ['Ngưng sử dụng nếu có kích ứng', 'Đã kiểm nghiệm kích ứng da'],
  },
  'vn.permanent': {
    positive: ['Triệt lông vĩnh viễn', 'Sạch mụn tận gốc'],
    negative: ['Giữ ẩm suốt 24 giờ', 'Lưu hương lâu'],
  },
  'vn.time-bound-results': {
    positive: ['7 ngày trắng da', 'Hết mụn sau 3 ngày', 'giam can sau 2 tuan', 'Giảm 5 kg trong một tháng'],
    negative: ['Dùng đều đặn mỗi ngày để da sáng khỏe', 'Giao hàng trong 3 ngày'],
  },
  'vn.instant-results': {
    positive: ['Kem body trắng bật tông', 'Hiệu quả tức thì'],
    negative: ['Da mềm mịn hơn khi sử dụng đều đặn', 'Giao hàng ngay trong ngày'],
  },
  'vn.cosmetics.drug-effects': {
    positive: ['Serum kích thích mọc tóc', 'Kem xóa sẹo thâm'],
    negative: ['Dưỡng tóc mềm mượt', 'Làm sạch dịu nhẹ'],
  },
  'vn.weight-loss': {
    positive: ['Giảm cân không cần ăn kiêng', 'Đốt mỡ cấp tốc'],
    negative: ['Kết hợp chế độ ăn uống hợp lý', 'Bổ sung chất xơ'],
  },
  'vn.clinically-proven': {
    positive: ['Đã được chứng minh lâm sàng', 'Được khoa học chứng minh'],
    negative: ['Thành phần lành tính', 'Nghiên cứu cho thấy da ẩm hơn 30% (nguồn: Viện Da liễu, 2024)'],
  },
  'vn.professional-endorsement': {
    positive: ['Sản phẩm được bác sĩ khuyên dùng', 'Chuyên gia khuyên dùng mỗi ngày'],
    negative: ['Hỏi ý kiến bác sĩ trước khi dùng'],
  },
  'vn.miracle': {
    positive: ['Hiệu quả thần kỳ', 'Phép màu cho làn da'],
    negative: ['Làn da mịn màng hơn'],
  },
  'vn.natural-purity': {
    positive: ['Chiết xuất 100% thiên nhiên', 'Không chứa hóa chất độc hại'],
    negative: ['95% thành phần có nguồn gốc thiên nhiên'],
  },
  'vn.fda-claim': {
    positive: ['Sản phẩm được FDA chứng nhận', 'Đạt chuẩn FDA Hoa Kỳ'],
    negative: ['Số phiếu công bố: 123/2024/CBMP-QLD'],
  },
  'vn.celebrity-endorsement': {
    positive: ['Sản phẩm được sao Việt tin dùng', 'Hoa hậu tin dùng mỗi ngày'],
    negative: ['Khách hàng đánh giá 4,8/5 trên Shopee'],
  },
  'vn.education.guarantee': {
    positive: ['Cam kết đầu ra IELTS 6.5', 'Bao đậu đại học'],
    negative: ['Lộ trình học rõ ràng', 'Giảng viên giàu kinh nghiệm'],
  },
  'vn.finance.guarantee': {
    positive: ['Cam kết lợi nhuận 12%/năm', 'Đầu tư không rủi ro'],
    negative: ['Đầu tư có rủi ro, cân nhắc trước khi quyết định'],
  },
  'vn.breast-milk-substitute': {
    positive: ['Sữa công thức cho trẻ dưới 12 tháng', 'Tốt như sữa mẹ'],
    negative: [
      'Sữa tươi cho cả gia đình',
      'Sữa mẹ là thức ăn tốt nhất cho sức khỏe và sự phát triển toàn diện của trẻ nhỏ',
    ],
  },
  'vn.tobacco': {
    positive: ['Thuốc lá điện tử giá sốc', 'Xì gà Cuba chính hãng'],
    negative: ['Hút thuốc có hại cho sức khỏe'],
  },
  'vn.national-symbols': {
    positive: ['Khuyến mãi rực rỡ cùng quốc kỳ', 'Nhạc nền quốc ca'],
    negative: ['Mừng Quốc khánh 2/9 giảm giá 20%'],
  },
  'vn.alcohol': {
    positive: ['Rượu bổ tăng cường sinh lực', 'Bia tươi giải tỏa căng thẳng'],
    negative: ['Đã uống rượu, bia thì không lái xe', 'Hương vị đậm đà'],
  },
  'vn.required.health-food-notice': {
    positive: ['Bổ sung vitamin giúp tăng cường sức khỏe', 'Viên uống đẹp da từ collagen'],
    negative: [
      'Bổ sung vitamin. Thực phẩm này không phải là thuốc, không có tác dụng thay thế thuốc chữa bệnh.',
      'thuc pham nay khong phai la thuoc, khong co tac dung thay the thuoc chua benh',
    ],
  },
  'vn.required.medicine-notice': {
    positive: ['Giảm đau hạ sốt nhanh'],
    negative: ['Giảm đau hạ sốt. Đọc kỹ hướng dẫn sử dụng trước khi dùng.'],
  },
  ...diseaseClaimExamples('vi'),
};
