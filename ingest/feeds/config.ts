/**
 * The opinion sources to pull (FEEDS_FILE): RSS/Atom feeds of news sites and JSON endpoints of the collecting tools,
 * each on its own cron schedule. The file is checked whole when the server starts; a bad entry stops the start with
 * every problem named, like a bad environment.
 *
 * {
 *   "feeds": [
 *     { "name": "bao-ha-tinh", "url": "https://baohatinh.vn/rss/thoi-su.rss", "type": "rss", "schedule": "0,30 * * * *",
 *       "source": "news", "sourceName": "Báo Hà Tĩnh", "province": "42" },
 *     { "name": "zalo-oa", "url": "http://collector.local/api/posts", "type": "json", "schedule": "0 * * * *",
 *       "source": "zalo", "items": "data.posts", "fields": { "text": "message", "published_at": "created_time" } }
 *   ]
 * }
 */
import fs from 'node:fs';
import cron from 'node-cron';
import { OPINION_SOURCES } from '../../analytics/registry/vocabularies.js';

export interface FeedSpec {
  /** Names the feed in runs and logs (letters, digits, - and _). */
  name: string;
  url: string;
  /** rss: RSS 2.0 or Atom; json: a JSON document (or JSON Lines) with the posts. */
  type: 'rss' | 'json';
  /** When to pull, cron in Vietnam time. */
  schedule: string;
  /** The opinion source code (news, facebook, zalo, tiktok, youtube, forum). */
  source: string;
  /** The page or site name; default: the feed's own title. */
  sourceName?: string;
  /** The province (2-digit code) a local feed speaks for, when its posts do not say. */
  province?: string;
  /** json: the dot path of the list of posts in the document (default: the document itself). */
  items?: string;
  /** json: the post's field (dot path) for each opinion_posts column; other fields are read by their names. */
  fields?: Record<string, string>;
  /** Give up a pull after this long (default 30 s). */
  timeoutSeconds: number;
  /** Refuse a larger answer (default 20 MB). */
  maxBytes: number;
}

export class FeedsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: the feeds file is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FeedsFileError';
  }
}

const COLUMNS = ['post_id', 'source', 'source_name', 'url', 'author_handle', 'text', 'published_at', 'province_code', 'commune_code', 'likes', 'shares', 'comments'];

export function parseFeeds(file: string, text: string): FeedSpec[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FeedsFileError(file, [`not JSON: ${(error as Error).message}`]);
  }
  const list = Array.isArray(doc) ? doc : (doc as { feeds?: unknown })?.feeds;
  if (!Array.isArray(list)) throw new FeedsFileError(file, ['expected { "feeds": [ … ] }']);
  const problems: string[] = [];
  const names = new Set<string>();
  const feeds = list.map((entry: Record<string, unknown>, i): FeedSpec => {
    const at = `feeds[${i}]${typeof entry?.name === 'string' ? ` (${entry.name})` : ''}`;
    const problem = (field: string, message: string) => problems.push(`${at}.${field}: ${message}`);
    if (!entry || typeof entry !== 'object') {
      problems.push(`${at}: expected an object`);
      return {} as FeedSpec;
    }
    const name = String(entry.name ?? '');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) problem('name', 'letters, digits, - and _ (at most 64)');
    else if (names.has(name)) problem('name', `"${name}" is used twice`);
    names.add(name);
    const url = String(entry.url ?? '');
    try {
      if (!['http:', 'https:'].includes(new URL(url).protocol)) problem('url', 'must be http or https');
    } catch {
      problem('url', `"${url}" is not a URL`);
    }
    const type = entry.type ?? 'rss';
    if (type !== 'rss' && type !== 'json') problem('type', 'rss (RSS or Atom) or json');
    const schedule = String(entry.schedule ?? '');
    if (!cron.validate(schedule)) problem('schedule', `"${schedule}" is not a cron expression (e.g. "*/15 * * * *")`);
    const source = String(entry.source ?? (type === 'rss' ? 'news' : ''));
    if (!(source in OPINION_SOURCES)) problem('source', `one of ${Object.keys(OPINION_SOURCES).join(', ')}`);
    if (entry.province !== undefined && !/^\d{2}$/.test(String(entry.province))) problem('province', 'a 2-digit province code');
    const fields = (entry.fields ?? {}) as Record<string, string>;
    for (const [column, from] of Object.entries(fields)) {
      if (!COLUMNS.includes(column)) problem(`fields.${column}`, `not a column of opinion posts (${COLUMNS.join(', ')})`);
      if (typeof from !== 'string' || from === '') problem(`fields.${column}`, 'the dot path of a field in each post');
    }
    const timeoutSeconds = Number(entry.timeoutSeconds ?? 30);
    if (!(timeoutSeconds > 0 && timeoutSeconds <= 600)) problem('timeoutSeconds', 'above 0, at most 600');
    const maxBytes = Number(entry.maxBytes ?? 20 * 2 ** 20);
    if (!(Number.isInteger(maxBytes) && maxBytes > 0)) problem('maxBytes', 'a whole number of bytes');
    return {
      name,
      url,
      type: type as FeedSpec['type'],
      schedule,
      source,
      sourceName: entry.sourceName === undefined ? undefined : String(entry.sourceName),
      province: entry.province === undefined ? undefined : String(entry.province),
      items: entry.items === undefined ? undefined : String(entry.items),
      fields,
      timeoutSeconds,
      maxBytes,
    };
  });
  if (problems.length > 0) throw new FeedsFileError(file, problems);
  return feeds;
}

export function loadFeeds(file: string): FeedSpec[] {
  if (!fs.existsSync(file)) throw new FeedsFileError(file, ['no such file (FEEDS_FILE)']);
  return parseFeeds(file, fs.readFileSync(file, 'utf8'));
}
