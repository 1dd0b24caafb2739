/**
 * The shape of the demo generator's hand-written Vietnamese phrase banks.
 * The generator (ingest/demo) combines these pieces with seeded variety (diacritics dropped,
 * teencode, typos) to build a national-scale dataset; the banks themselves are plain, correct Vietnamese.
 *
 * Slots a phrase may contain, filled by the generator:
 *   {xa}    the commune with its type, lower-case type: "xã Tân Lập", "phường Ba Đình", "đặc khu Phú Quốc"
 *   {thon}  a village or residential group: "thôn Đông", "tổ dân phố 5"
 *   {tinh}  the province: "tỉnh Nghệ An", "thành phố Hà Nội"
 *   {so}    a small whole number (2..60)
 */
import type { Sentiment, Topic } from '../../../analytics/nlp/taxonomy.js';

export interface TopicBank {
  topic: Topic;
  /** Short subject lines a citizen might give a petition. */
  titles: string[];
  /** Petition bodies: one to three complete sentences on the matter, by the writer's sentiment. */
  petitions: Record<Sentiment, string[]>;
  /** Social-media posts and comments on the matter, by sentiment: short, informal, as people write online. */
  posts: Record<Sentiment, string[]>;
}

export interface CommonBank {
  /** Formal openings of a petition letter ("Kính gửi Ban Thường trực Ủy ban MTTQ Việt Nam {xa}."). */
  petitionOpenings: string[];
  /** Who writes: "Tôi là người dân sinh sống tại {thon}, {xa}." */
  petitionIntros: string[];
  /** Requests that close a complaint ("Đề nghị các cơ quan chức năng sớm kiểm tra, xử lý dứt điểm."). */
  petitionRequests: string[];
  /** Polite closings ("Xin trân trọng cảm ơn."). */
  petitionClosings: string[];
  /** Openers for social posts ("Mọi người ơi,", "Bức xúc quá,"), by sentiment. */
  postOpeners: Record<Sentiment, string[]>;
  /** Tails for social posts ("Ai có cùng hoàn cảnh không?", "Mong chính quyền sớm vào cuộc."), by sentiment. */
  postTails: Record<Sentiment, string[]>;
}
