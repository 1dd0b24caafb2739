/**
 * The label vocabularies of Front Pulse's NLP: topic codes and sentiments.
 * These codes are part of the public API (issue #4): never rename one; add new codes at the end.
 */

export const TOPICS = [
  'dat_dai', // land, housing, compensation
  'moi_truong', // environment, waste, pollution
  'ha_tang', // roads, bridges, electricity, clean water, transport
  'chinh_sach_xa_hoi', // welfare, poverty lists, people with merit, social insurance
  'y_te', // health, health insurance, food safety
  'giao_duc', // schools, fees, teachers
  'an_ninh_trat_tu', // crime, public order, fraud, traffic safety
  'thu_tuc_hanh_chinh', // administrative procedures, public services, officials' attitude, digital ID
  'tham_nhung_tieu_cuc', // corruption, misconduct, waste of public assets
  'kinh_te_viec_lam', // prices, jobs, farm produce, business
  'khac', // other
] as const;
export type Topic = (typeof TOPICS)[number];

/** Vietnamese display names, as the dashboard shows them. */
export const TOPIC_NAMES_VI: Record<Topic, string> = {
  dat_dai: 'Đất đai, nhà ở, bồi thường',
  moi_truong: 'Môi trường',
  ha_tang: 'Hạ tầng, điện, nước, giao thông',
  chinh_sach_xa_hoi: 'Chính sách xã hội',
  y_te: 'Y tế, an toàn thực phẩm',
  giao_duc: 'Giáo dục',
  an_ninh_trat_tu: 'An ninh, trật tự',
  thu_tuc_hanh_chinh: 'Thủ tục hành chính, dịch vụ công',
  tham_nhung_tieu_cuc: 'Tham nhũng, tiêu cực',
  kinh_te_viec_lam: 'Kinh tế, giá cả, việc làm',
  khac: 'Khác',
};

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const SENTIMENT_NAMES_VI: Record<Sentiment, string> = {
  negative: 'Tiêu cực',
  neutral: 'Trung lập',
  positive: 'Tích cực',
};

export function isTopic(value: string): value is Topic {
  return (TOPICS as readonly string[]).includes(value);
}

export function isSentiment(value: string): value is Sentiment {
  return (SENTIMENTS as readonly string[]).includes(value);
}
