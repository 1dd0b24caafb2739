/**
 * Stories the demo year tells on top of its steady flow, so that trends, spikes, rising keywords and mass petitions
 * have something real to find: a storm, a river pollution incident, the paperwork after the 2025 commune mergers,
 * a campaign over compensation, a fall in rice prices. Each has its own hand-written phrases.
 */
import type { Sentiment, Topic } from '../../analytics/nlp/taxonomy.js';

export interface Scenario {
  name: string;
  topic: Topic;
  /** Province codes it happens in; empty = the whole country. */
  provinces: string[];
  /** Only one commune of the first province (a local campaign). */
  singleCommune?: boolean;
  start: string;
  /** Last day, inclusive. */
  end: string;
  /** Items at scale 1. */
  petitions: number;
  posts: number;
  sentiments: Partial<Record<Sentiment, number>>;
  /** Scenario-specific bodies; slots as in the phrase banks. */
  petitionPhrases: Partial<Record<Sentiment, string[]>>;
  postPhrases: Partial<Record<Sentiment, string[]>>;
  /** Mass petition: every petition is a light edit of the first phrase, from a different sender. */
  mass?: boolean;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'bao-so-5',
    topic: 'ha_tang',
    provinces: ['40', '42'],
    start: '2025-08-25',
    end: '2025-09-10',
    petitions: 3000,
    posts: 12000,
    sentiments: { negative: 0.7, neutral: 0.2, positive: 0.1 },
    petitionPhrases: {
      negative: [
        'Sau cơn bão số 5, {thon} mất điện đã {so} ngày, nhiều cột điện gãy đổ chắn ngang đường mà chưa thấy ngành điện đến khắc phục.',
        'Bão số 5 làm sạt lở một đoạn đường dẫn vào {thon}, xe cứu thương và xe chở hàng cứu trợ không vào được.',
        'Cây xanh bật gốc sau bão đè lên đường dây điện trước cổng trường ở {xa}, đến nay vẫn chưa được dọn.',
        'Nước lũ sau bão số 5 làm hỏng hệ thống cấp nước sạch của {thon}, bà con phải dùng nước giếng đục.',
      ],
      neutral: [
        'Đề nghị {xa} thông báo lịch cấp điện trở lại cho các thôn bị ảnh hưởng bởi bão số 5 để người dân chủ động.',
        'Xin hỏi kinh phí sửa chữa đường giao thông nông thôn bị hư hỏng do bão số 5 sẽ do cấp nào bố trí?',
      ],
      positive: [
        'Cảm ơn lực lượng điện lực và bộ đội đã dầm mưa khôi phục điện cho {thon} chỉ sau hai ngày bão số 5 đi qua.',
      ],
    },
    postPhrases: {
      negative: [
        'Bão số 5 qua mấy ngày rồi mà {thon} vẫn mất điện, nước cũng không có, khổ quá bà con ơi.',
        'Đường vào {xa} sạt lở sau bão, xe cứu trợ không vào được, ai có cách gì giúp với.',
        'Cột điện đổ sau bão nằm giữa đường {so} ngày rồi chưa ai dọn, đi qua mà sợ.',
        'Sau bão số 5 cả xóm tối om, điện thoại hết pin, không liên lạc được với ai.',
      ],
      neutral: [
        'Có ai biết lịch có điện lại ở {xa} sau bão số 5 không ạ?',
        'Cập nhật tình hình giao thông {tinh} sau bão: một số đoạn đường vẫn ngập, bà con hạn chế đi lại.',
      ],
      positive: [
        'Cảm ơn anh em điện lực làm xuyên đêm, {thon} đã có điện lại sau bão rồi.',
        'Bộ đội về giúp dân dọn cây đổ sau bão số 5, quý lắm.',
      ],
    },
  },
  {
    name: 'ca-chet-song',
    topic: 'moi_truong',
    provinces: ['75'],
    start: '2025-09-08',
    end: '2025-09-16',
    petitions: 1200,
    posts: 9000,
    sentiments: { negative: 0.85, neutral: 0.13, positive: 0.02 },
    petitionPhrases: {
      negative: [
        'Từ đầu tuần, cá chết hàng loạt trôi dạt trên đoạn sông chảy qua {thon}, nước có màu đen và bốc mùi hôi, nghi do nước thải từ khu công nghiệp xả ra.',
        'Các hộ nuôi cá lồng trên sông ở {xa} bị thiệt hại nặng vì cá chết trắng lồng, đề nghị làm rõ nguồn xả thải.',
        'Mùi hôi từ xác cá chết trên sông lan vào khu dân cư {thon}, trẻ em và người già bị buồn nôn, khó thở.',
      ],
      neutral: [
        'Đề nghị cơ quan chức năng công bố kết quả quan trắc chất lượng nước sông đoạn qua {xa} sau sự cố cá chết.',
        'Xin hỏi người nuôi cá lồng bị thiệt hại do cá chết hàng loạt có được hỗ trợ không và thủ tục thế nào?',
      ],
      positive: [],
    },
    postPhrases: {
      negative: [
        'Cá chết trắng sông đoạn qua {xa}, hôi không chịu nổi, chắc chắn là do xả thải rồi.',
        'Nuôi cá lồng mấy năm trời, một đêm cá chết sạch, ai đền cho dân đây?',
        'Nước sông đen kịt, cá chết nổi đầy, mà vẫn chưa thấy ai lên tiếng.',
        'Cá chết hàng loạt lần thứ hai trong năm rồi, xả thải ra sông mà không ai bị xử lý.',
      ],
      neutral: [
        'Có ai biết kết quả lấy mẫu nước sông sau vụ cá chết ở {xa} chưa ạ?',
        'Thông tin: đoàn kiểm tra môi trường đã về lấy mẫu nước tại đoạn sông có cá chết.',
      ],
      positive: [],
    },
  },
  {
    name: 'thu-tuc-sau-sap-nhap',
    topic: 'thu_tuc_hanh_chinh',
    provinces: [],
    start: '2025-07-01',
    end: '2025-09-16',
    petitions: 15000,
    posts: 20000,
    sentiments: { negative: 0.55, neutral: 0.35, positive: 0.1 },
    petitionPhrases: {
      negative: [
        'Sau khi sáp nhập, địa chỉ trên căn cước của tôi vẫn là xã cũ nên ngân hàng từ chối làm thủ tục, lên {xa} hỏi thì được bảo chờ hướng dẫn.',
        'Trung tâm phục vụ hành chính công {xa} sau sáp nhập ở quá xa, người già như tôi phải đi hơn {so} cây số mới làm được giấy tờ.',
        'Hồ sơ tôi nộp ở xã cũ trước ngày sáp nhập nay không biết ai giải quyết, hỏi đâu cũng bảo không phải việc của mình.',
      ],
      neutral: [
        'Xin hỏi sau khi sáp nhập có bắt buộc phải đổi địa chỉ trên căn cước và sổ đỏ không, nếu có thì làm ở đâu?',
        'Đề nghị {xa} niêm yết rõ danh mục thủ tục hành chính và nơi tiếp nhận sau khi sắp xếp đơn vị hành chính.',
      ],
      positive: [
        'Trung tâm phục vụ hành chính công {xa} mới hướng dẫn tận tình, tôi làm thủ tục đổi địa chỉ chỉ mất nửa buổi sáng.',
      ],
    },
    postPhrases: {
      negative: [
        'Sáp nhập xong giờ làm cái giấy tờ phải đi mấy chục cây số, mệt thật sự.',
        'Địa chỉ trên căn cước vẫn là xã cũ, ra ngân hàng bị làm khó, ai bị giống mình không?',
        'Hỏi xã mới thì bảo chờ hướng dẫn, hỏi tỉnh thì bảo về xã, dân biết hỏi ai bây giờ.',
      ],
      neutral: [
        'Sau sáp nhập có cần đổi địa chỉ trên căn cước không mọi người?',
        'Chia sẻ danh sách địa chỉ trung tâm phục vụ hành chính công các xã mới của {tinh} cho ai cần.',
      ],
      positive: [
        'Làm thủ tục ở trung tâm hành chính công xã mới nhanh gọn ghê, cán bộ trẻ nhiệt tình.',
      ],
    },
  },
  {
    name: 'khieu-nai-boi-thuong-kcn',
    topic: 'dat_dai',
    provinces: ['33'],
    singleCommune: true,
    start: '2025-09-01',
    end: '2025-09-12',
    petitions: 420,
    posts: 800,
    sentiments: { negative: 1 },
    mass: true,
    petitionPhrases: {
      negative: [
        'Chúng tôi là các hộ dân có đất nông nghiệp bị thu hồi để làm khu công nghiệp tại {xa}. Đơn giá bồi thường 180.000 đồng/m² thấp hơn nhiều so với giá đất thực tế và so với các dự án lân cận. Chúng tôi đề nghị Ủy ban MTTQ Việt Nam {tinh} giám sát, kiến nghị điều chỉnh đơn giá bồi thường và hỗ trợ chuyển đổi nghề cho các hộ mất đất.',
      ],
    },
    postPhrases: {
      negative: [
        'Giá bồi thường đất làm khu công nghiệp ở {xa} có 180 nghìn một mét, dân mất đất biết sống bằng gì?',
        'Cả trăm hộ {xa} cùng ký đơn vì giá đền bù khu công nghiệp quá thấp, mong được lắng nghe.',
      ],
    },
  },
  {
    name: 'gia-lua-giam',
    topic: 'kinh_te_viec_lam',
    provinces: ['82', '86', '91', '92'],
    start: '2025-08-18',
    end: '2025-09-16',
    petitions: 800,
    posts: 8000,
    sentiments: { negative: 0.8, neutral: 0.18, positive: 0.02 },
    petitionPhrases: {
      negative: [
        'Vụ lúa hè thu năm nay được mùa nhưng giá lúa tươi tại ruộng giảm xuống dưới 6.000 đồng/kg, nông dân {thon} sản xuất không có lời.',
        'Thương lái ép giá lúa, nhiều hộ ở {xa} phải bán lỗ để trả nợ vật tư phân bón.',
      ],
      neutral: [
        'Đề nghị {tinh} có giải pháp kết nối tiêu thụ lúa gạo cho nông dân trong lúc giá lúa giảm mạnh.',
      ],
    },
    postPhrases: {
      negative: [
        'Giá lúa rớt thê thảm, làm cả vụ trừ chi phí còn lỗ, nông dân khổ quá.',
        'Lúa chín đầy đồng mà thương lái không mua, có mua thì ép giá, buồn ghê.',
        'Giá phân bón thì tăng mà giá lúa thì giảm, dân trồng lúa sống sao nổi.',
      ],
      neutral: [
        'Giá lúa hôm nay ở {tinh} bao nhiêu vậy mọi người?',
      ],
    },
  },
];
