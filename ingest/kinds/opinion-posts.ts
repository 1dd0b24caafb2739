/**
 * Opinion posts: public posts and comments collected from social networks, news sites and forums (files, or the feed
 * pulls of ingest/feeds/). Checked here: the source, the time, the text, the place if given; each new post is labelled
 * by the labelling threads. Posts and labels are gathered in the engine and written in large blocks, as petitions are
 * (pipeline/gathered-writes.ts).
 * Natural key: post_id, or when a source gives none, a hash of the link (or of source, time and text). The same post
 * collected again with new like, share or comment counts replaces the counts; with another text or time it is
 * quarantined.
 */
import crypto from 'node:crypto';
import { repairMojibake } from '../../analytics/nlp/legacy-encodings.js';
import type { TextItem } from '../../analytics/nlp/annotate.js';
import { ALIASES, OPINION_SOURCES } from '../../analytics/registry/vocabularies.js';
import { defineQuery } from '../../analytics/queries/define.js';
import { addDaysToTime, parseCount, parseTime, storedText, unitCode, vocabularyReader } from '../pipeline/values.js';
import { GatheredWrites } from '../pipeline/gathered-writes.js';
import { EarlyLabels } from '../pipeline/label-pool.js';
import { LABELS_MOVED_EVERY, MAX_TEXT_CHARS } from './petitions.js';
import { UnitIndex } from './unit-index.js';
import { outOfScope, type Fault, type JsKind, type JsKindRun, type StoredRecord } from './spec.js';
import { fault as faultOf, type FaultCode, type FaultParams } from '../faults.js';

interface PostRecord {
  post_id: string;
  source: string;
  source_name: string;
  url: string;
  author_handle: string;
  text: string;
  published_at: string;
  province_code: string;
  commune_code: string;
  likes: number;
  shares: number;
  comments: number;
}

const storedPosts = defineQuery<{ ids: string[]; version: string }, Omit<PostRecord, 'source_name' | 'author_handle'> & { ingest_run_id: string; labelled: number }>(
  'ingest/stored_posts',
);

const readSource = vocabularyReader(ALIASES.source);

/** The platform a link is on, when the row does not say. */
const HOSTS: [RegExp, string][] = [
  [/(^|\.)(facebook\.com|fb\.com|fb\.watch)$/, 'facebook'],
  [/(^|\.)zalo\.(me|vn)$/, 'zalo'],
  [/(^|\.)tiktok\.com$/, 'tiktok'],
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'youtube'],
];

function sourceOfUrl(url: URL | undefined): string | undefined {
  if (!url) return undefined;
  return HOSTS.find(([pattern]) => pattern.test(url.hostname))?.[1];
}

function hashId(prefix: string, ...parts: string[]): string {
  return prefix + crypto.createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

export const opinionPosts: JsKind = {
  kind: 'opinion_posts',
  engine: 'js',
  keyField: 'post_id',
  labels: true,
  description: 'Dư luận trên không gian mạng / public opinion posts',
  naturalKey: 'post_id (or a hash of url, or of source, published_at and text)',
  columns: [
    { key: 'post_id', aliases: ['mã bài', 'ma_bai', 'mã bài viết', 'id'], required: false },
    { key: 'source', aliases: ['nguồn', 'nguon', 'nền tảng', 'mạng xã hội', 'platform'], required: false },
    { key: 'source_name', aliases: ['tên nguồn', 'trang', 'kênh', 'nhóm', 'page', 'site'], required: false },
    { key: 'url', aliases: ['đường dẫn', 'duong_dan', 'liên kết', 'link'], required: false },
    { key: 'author_handle', aliases: ['tác giả', 'tac_gia', 'người đăng', 'author'], required: false },
    { key: 'text', aliases: ['nội dung', 'noi_dung', 'bài viết', 'content', 'message', 'body'], required: true },
    { key: 'published_at', aliases: ['thời gian đăng', 'ngày đăng', 'ngay_dang', 'thời gian', 'published', 'created_time', 'date'], required: true },
    { key: 'province_code', aliases: ['mã tỉnh', 'ma_tinh', 'province'], required: false },
    { key: 'commune_code', aliases: ['mã xã', 'ma_xa', 'commune'], required: false },
    { key: 'likes', aliases: ['lượt thích', 'luot_thich', 'cảm xúc', 'reactions'], required: false },
    { key: 'shares', aliases: ['chia sẻ', 'chia_se', 'lượt chia sẻ'], required: false },
    { key: 'comments', aliases: ['bình luận', 'binh_luan', 'lượt bình luận'], required: false },
  ],

  async prepare({ store, ctx }, pool): Promise<JsKindRun<PostRecord>> {
    if (!pool) throw new Error('opinion posts need the labelling threads');
    const units = await UnitIndex.load(store, ctx.asOf, ['province', 'commune']);
    const latest = addDaysToTime(ctx.loadedAt, 1);
    /** Ids of the batch being settled that are stored with their label (set by lookup, read by write). */
    const labelled = new Set<string>();
    // Posts and their labels wait in the engine and are written a large block at a time, labels every few times only,
    // as petitions' are (kinds/petitions.ts). Each gathered post is remembered as it was described until all is written.
    const gathered = new GatheredWrites<{ content: string; detail: string }>(store, ctx.runId, ['opinion_posts', 'nlp_labels'], { nlp_labels: LABELS_MOVED_EVERY });
    const labels = new EarlyLabels(pool, 'post', textItem);

    return {
      check(v) {
        const faults: Fault[] = [];
        const fault = (field: string, code: FaultCode, params?: FaultParams) => faults.push(faultOf(field, code, params));

        let url: URL | undefined;
        // In NFC, as every text kept: a key made from a name or an address written decomposed (a Mac) would make the
        // same post two.
        const urlGiven = v.url?.trim().normalize('NFC') ?? '';
        if (urlGiven) {
          try {
            url = new URL(urlGiven);
            if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
          } catch {
            fault('url', 'not_url', { value: urlGiven.slice(0, 200) });
          }
        }
        const source = v.source?.trim() ? readSource(v.source) : sourceOfUrl(url);
        if (!v.source?.trim() && !source) fault('source', 'source_unknown', { choices: Object.keys(OPINION_SOURCES).join(', ') });
        else if (!source) fault('source', 'not_source', { value: v.source, choices: Object.keys(OPINION_SOURCES).join(', ') });

        const publishedAt = parseTime(v.published_at ?? '');
        if (!v.published_at?.trim()) fault('published_at', 'empty');
        else if (!publishedAt) fault('published_at', 'not_datetime', { value: v.published_at });
        else if (publishedAt > latest) fault('published_at', 'in_future', { value: v.published_at });

        const text = repairMojibake(storedText(v.text ?? '')).text;
        if (text === '') fault('text', 'empty');
        else if (text.length > MAX_TEXT_CHARS) fault('text', 'too_long', { length: text.length, max: MAX_TEXT_CHARS });

        let province = '';
        let commune = '';
        if (v.commune_code?.trim()) {
          const unit = units.get(unitCode(v.commune_code, 'commune'));
          if (unit?.level !== 'commune') fault('commune_code', 'commune_not_in_force', { value: v.commune_code, day: ctx.asOf });
          else {
            commune = unit.code;
            province = unit.province_code;
          }
        }
        if (v.province_code?.trim()) {
          const unit = units.get(unitCode(v.province_code, 'province'));
          if (unit?.level !== 'province') fault('province_code', 'province_not_in_force', { value: v.province_code, day: ctx.asOf });
          else if (province && unit.code !== province) fault('province_code', 'not_province_of', { value: v.province_code, commune, province });
          else province = unit.code;
        }
        // A province's or commune's own collection: posts it does not place are about its area.
        if (ctx.scope && !province) {
          province = ctx.scope.province_code;
          commune = ctx.scope.commune_code;
        }
        const outside = province ? outOfScope(ctx.scope, province, commune) : undefined;
        if (outside) faults.push(outside);

        const counts = { likes: 0, shares: 0, comments: 0 };
        for (const field of ['likes', 'shares', 'comments'] as const) {
          const given = v[field]?.trim() ?? '';
          if (given === '') continue;
          const n = parseCount(given);
          if (n === undefined) fault(field, 'not_count', { value: given });
          else counts[field] = n;
        }

        if (faults.length > 0) return { faults };
        const id =
          v.post_id?.trim().normalize('NFC') ||
          (url ? hashId('u', url.href) : hashId('t', source as string, v.source_name?.trim().normalize('NFC') ?? '', publishedAt as string, text));
        if (id.length > 200) return { faults: [faultOf('post_id', 'longer_than', { max: 200 })] };
        return {
          key: id,
          record: {
            post_id: id,
            source: source as string,
            source_name: storedText(v.source_name ?? '').replace(/\n/g, ' '),
            url: url?.href ?? '',
            author_handle: storedText(v.author_handle ?? '').replace(/\n/g, ' '),
            text,
            published_at: publishedAt as string,
            province_code: province,
            commune_code: commune,
            ...counts,
          },
        };
      },

      describe: (r) => describePost(r),

      async lookup(keys) {
        const found = new Map<string, StoredRecord>();
        labelled.clear();
        for (const r of await storedPosts(store, { ids: keys, version: pool.version })) {
          if (r.labelled) labelled.add(r.post_id);
          found.set(r.post_id, { ...describePost({ ...r, likes: Number(r.likes), shares: Number(r.shares), comments: Number(r.comments) }), runId: r.ingest_run_id, missing: r.labelled ? [] : ['label'] });
        }
        // A post gathered, or written while its label waits, is found as gathered, with its label.
        for (const key of keys) {
          const waiting = gathered.recall(key);
          if (waiting === undefined) continue;
          found.set(key, { ...waiting, runId: ctx.runId, missing: [] });
          labelled.add(key);
        }
        return found;
      },

      conflict(record, stored) {
        const before = JSON.parse(stored.detail ?? '{}') as { core?: string; counts?: number[] };
        if (before.core !== core(record)) {
          return faultOf('post_id', 'post_stored', { value: record.post_id, run: stored.runId });
        }
        // The same post with other counts: counts only grow, so higher ones are a later reading, lower ones an earlier.
        const counts = [record.likes, record.shares, record.comments];
        return counts.every((n, i) => n >= (before.counts?.[i] ?? 0)) ? 'store' : 'duplicate';
      },

      async write(records, repairs) {
        const now = new Date().toISOString();
        // A newer version of a post still gathered (higher counts) may be moved in the same insert as the older one: the
        // table keeps the later collected_at (ReplacingMergeTree's version), this batch's time, whatever their order.
        // A newer version of a stored post has its label already: only new posts and repairs are labelled. The labels are
        // written after their posts (see petitions.ts).
        const needLabel = [...records.filter((r) => !labelled.has(r.post_id)), ...repairs.map((r) => r.record)];
        const labelBody = labels.body(needLabel);
        labelBody.catch(() => {});
        await gathered.insertRows('opinion_posts', records.map((r) => ({ ...r, ingest_run_id: ctx.runId, collected_at: now })));
        for (const r of records) gathered.remember(r.post_id, describePost(r));
        await gathered.insert('nlp_labels', await labelBody, needLabel.length);
        return gathered.settle();
      },

      foresee: (records) => labels.foresee(records),
      ...gathered.ends(),
    };
  },
};

function describePost(r: PostRecord | (Omit<PostRecord, 'source_name' | 'author_handle'>)): { content: string; detail: string } {
  const counts = [r.likes, r.shares, r.comments];
  const digest = core(r);
  return { content: JSON.stringify([digest, ...counts]), detail: JSON.stringify({ core: digest, counts }) };
}

/**
 * What two readings of a post must share, as a digest: posts waiting to be written are remembered by it (a text, twice
 * over, for each of tens of thousands of posts would weigh on memory).
 */
function core(r: Pick<PostRecord, 'source' | 'url' | 'text' | 'published_at' | 'province_code' | 'commune_code'>): string {
  return crypto.hash('sha1', JSON.stringify([r.source, r.url, r.text, r.published_at, r.province_code, r.commune_code]), 'base64');
}

function textItem(r: PostRecord): TextItem {
  return {
    item_id: r.post_id,
    text: r.text,
    occurred_at: r.published_at,
    province_code: r.province_code,
    commune_code: r.commune_code,
    channel: r.source,
  };
}
