/**
 * Demo step "opinion_posts": a year of public posts and comments from social networks, news sites and forums,
 * with the same scenarios as the petitions. A post's place is known for most, only the province for some, unknown for the rest.
 */
import type { Sentiment, Topic } from '../../analytics/nlp/taxonomy.js';
import type { OpinionSource } from '../../analytics/registry/vocabularies.js';
import { DEMO_LABEL_VERSION } from '../../analytics/nlp/labels.js';
import { postText } from './compose.js';
import { handle } from './names.js';
import { hash32, type Random, WeightedPicker } from '../../analytics/random.js';
import { generateYear, type ItemDraft } from './flow.js';
import { BatchWriter, communePicker, placeFor, wallTime, type DemoContext } from './context.js';
import { shortName } from './villages.js';

const TOPIC_WEIGHTS: Record<Topic, number> = {
  dat_dai: 12, moi_truong: 11, ha_tang: 13, chinh_sach_xa_hoi: 9, y_te: 9, giao_duc: 9,
  an_ninh_trat_tu: 12, thu_tuc_hanh_chinh: 8, tham_nhung_tieu_cuc: 4, kinh_te_viec_lam: 8, khac: 5,
};
const SENTIMENT_WEIGHTS: Record<Sentiment, number> = { negative: 45, neutral: 35, positive: 20 };
const SOURCE_WEIGHTS: Record<Exclude<OpinionSource, 'rss'>, number> = { facebook: 55, zalo: 10, tiktok: 10, youtube: 5, news: 15, forum: 5 };

function sourceName(source: OpinionSource, province: string, random: Random): string {
  const p = shortName(province);
  switch (source) {
    case 'facebook':
      return random.pick([`Cộng đồng ${p}`, `Hội những người yêu ${p}`, `${p} 24h`, `Chợ dân sinh ${p}`, `Tin nóng ${p}`]);
    case 'zalo':
      return random.pick([`Nhóm cư dân ${p}`, `Bà con ${p}`]);
    case 'tiktok':
      return random.pick([`${p} hôm nay`, `Review ${p}`]);
    case 'youtube':
      return random.pick([`${p} TV`, `Kênh tin ${p}`]);
    case 'news':
      return random.pick([`Báo ${p}`, 'Báo Đại Đoàn Kết', 'Báo Tin tức', 'Báo Lao động', 'Báo Dân trí']);
    default:
      return random.pick(['Diễn đàn Otofun', 'Diễn đàn Webtretho', 'Voz', 'Diễn đàn dân sinh']);
  }
}

function url(source: OpinionSource, id: string): string {
  const n = hash32(id);
  switch (source) {
    case 'facebook':
      return `https://www.facebook.com/groups/${100000 + (n % 900000)}/posts/${id.slice(3)}`;
    case 'zalo':
      return `https://zalo.me/g/${n.toString(36)}`;
    case 'tiktok':
      return `https://www.tiktok.com/@${n.toString(36)}/video/${id.slice(3)}`;
    case 'youtube':
      return `https://www.youtube.com/watch?v=${n.toString(36)}${id.slice(-4)}`;
    case 'news':
      return `https://example-news.vn/dan-sinh/${id.toLowerCase()}.html`;
    default:
      return `https://forum.example.vn/threads/${id.slice(3)}`;
  }
}

export function postId(seq: number): string {
  return `OP-${String(seq).padStart(8, '0')}`;
}

export async function buildOpinionPosts(ctx: DemoContext): Promise<void> {
  const topics = new WeightedPicker(Object.keys(TOPIC_WEIGHTS) as Topic[], Object.values(TOPIC_WEIGHTS));
  const sentiments = new WeightedPicker(Object.keys(SENTIMENT_WEIGHTS) as Sentiment[], Object.values(SENTIMENT_WEIGHTS));
  const sources = new WeightedPicker(Object.keys(SOURCE_WEIGHTS) as OpinionSource[], Object.values(SOURCE_WEIGHTS));
  const places = communePicker(ctx);
  const provinceName = new Map(ctx.provinces.map((p) => [p.code, p.name]));
  const posts = new BatchWriter(ctx.store, 'opinion_posts', 50_000);
  const labels = new BatchWriter(ctx.store, 'nlp_labels', 50_000);
  const collectedAt = new Date().toISOString();

  const write = async (d: ItemDraft, random: Random) => {
    const source = sources.pick(random);
    const province = provinceName.get(d.commune.province_code) as string;
    const text = postText(random, d.topic, d.sentiment, placeFor(ctx, d.commune, province, random), d.body);
    // What the source tells of the place: the commune, only the province, or nothing.
    const known = random.next();
    const provinceCode = known < 0.8 ? d.commune.province_code : '';
    const communeCode = known < 0.65 ? d.commune.code : '';
    const reach = random.logNormal(15, 1.4);
    await posts.add({
      post_id: d.id,
      source,
      source_name: sourceName(source, province, random),
      url: url(source, d.id),
      author_handle: handle(random),
      text,
      published_at: wallTime(d.at),
      province_code: provinceCode,
      commune_code: communeCode,
      likes: Math.round(reach * 4),
      shares: Math.round(reach * random.next()),
      comments: Math.round(reach * random.next() * 1.5),
      ingest_run_id: 'demo',
      collected_at: collectedAt,
    });
    await labels.add({
      item_kind: 'post',
      item_id: d.id,
      model_version: DEMO_LABEL_VERSION,
      topic: d.topic,
      topic_confidence: 1,
      sentiment: d.sentiment,
      sentiment_confidence: 1,
      occurred_at: wallTime(d.at),
      province_code: provinceCode,
      commune_code: communeCode,
      channel: source,
      labelled_at: collectedAt,
    });
  };

  await generateYear(ctx, { kind: 'post', total: ctx.posts, topics, sentiments, id: postId, places }, write);
  await Promise.all([posts.close(), labels.close()]);
}
