/**
 * What a pulled document says, as opinion_posts rows: RSS 2.0 items and Atom entries (title and text, HTML stripped
 * to plain Vietnamese text in NFC, RFC 822 dates made ISO), or the posts of a JSON document with the feed's field map.
 * Rows are checked by the opinion_posts kind like rows of a file: a post without text or date is quarantined there.
 */
import { XMLParser } from 'fast-xml-parser';
import { decodeHTML } from 'entities';
import type { FeedSpec } from './config.js';

export type PostRow = Record<string, string>;

export class FeedFormatError extends Error {
  constructor(feed: string, message: string) {
    super(`feed ${feed}: ${message}`);
    this.name = 'InputError';
  }
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['item', 'entry', 'link', 'category'].includes(name),
  processEntities: true,
});

/** Plain text from HTML: scripts and styles dropped, blocks become line breaks, entities decoded, spaces tidied. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return decodeHTML(text)
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
    .normalize('NFC');
}

/** The text of an XML node: a string, or { "#text": … } when it has attributes. */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'object') return textOf((node as Record<string, unknown>)['#text']);
  return String(node);
}

/** An RFC 822 date (RSS) or ISO date (Atom) as an ISO instant; the kind turns it into Vietnam time. */
export function feedTime(value: string): string {
  const text = value.trim();
  if (text === '') return '';
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text;
  const ms = Date.parse(text.replace(/\b(ICT|GMT\+7)\b/i, '+0700'));
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/** Title and body as one text, without saying the title twice when the body starts with it. */
function joinTitle(title: string, body: string): string {
  if (!title) return body;
  if (!body || body.startsWith(title)) return body || title;
  return `${title}\n${body}`;
}

function rssRows(feed: FeedSpec, channel: Record<string, unknown>): PostRow[] {
  const siteName = htmlToText(textOf(channel.title));
  return ((channel.item as Record<string, unknown>[] | undefined) ?? []).map((item) => {
    const link = textOf((item.link as unknown[] | undefined)?.[0]).trim();
    const guid = textOf(item.guid).trim();
    return {
      post_id: link ? '' : guid ? `${feed.name}:${guid}` : '',
      url: link,
      text: joinTitle(htmlToText(textOf(item.title)), htmlToText(textOf(item['content:encoded']) || textOf(item.description))),
      published_at: feedTime(textOf(item.pubDate) || textOf(item['dc:date'])),
      author_handle: htmlToText(textOf(item['dc:creator']) || textOf(item.author)),
      source_name: feed.sourceName ?? siteName,
    };
  });
}

function atomRows(feed: FeedSpec, root: Record<string, unknown>): PostRow[] {
  const siteName = htmlToText(textOf(root.title));
  return ((root.entry as Record<string, unknown>[] | undefined) ?? []).map((entry) => {
    const links = (entry.link as Record<string, string>[] | undefined) ?? [];
    const link = (links.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate') ?? links[0])?.['@_href'] ?? '';
    const id = textOf(entry.id).trim();
    const author = entry.author as Record<string, unknown> | undefined;
    return {
      post_id: link ? '' : id ? `${feed.name}:${id}` : '',
      url: link,
      text: joinTitle(htmlToText(textOf(entry.title)), htmlToText(textOf(entry.content) || textOf(entry.summary))),
      published_at: feedTime(textOf(entry.published) || textOf(entry.updated)),
      author_handle: htmlToText(textOf(author?.name)),
      source_name: feed.sourceName ?? siteName,
    };
  });
}

function at(value: unknown, dotPath: string | undefined): unknown {
  if (!dotPath) return value;
  return dotPath.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

/** A JSON value as cell text: numbers of seconds or milliseconds since 1970 in a date column become ISO instants. */
function cell(column: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && column === 'published_at') return new Date(value < 1e11 ? value * 1000 : value).toISOString();
  if (typeof value === 'object') return undefined;
  return String(value);
}

function jsonRows(feed: FeedSpec, doc: unknown): PostRow[] {
  const list = at(doc, feed.items);
  if (!Array.isArray(list)) throw new FeedFormatError(feed.name, `no list of posts at "${feed.items ?? '(the document)'}"`);
  return list.map((post) => {
    const row: PostRow = {};
    if (post && typeof post === 'object') {
      for (const [key, value] of Object.entries(post as Record<string, unknown>)) {
        const text = cell(key, value);
        if (text !== undefined) row[key] = text;
      }
    }
    for (const [column, from] of Object.entries(feed.fields ?? {})) {
      const text = cell(column, at(post, from));
      if (from !== column) delete row[from];
      if (text !== undefined) row[column] = text;
    }
    return row;
  });
}

/** The rows of one pulled document; the feed's source, name and province fill what the posts leave out. */
export function feedRows(feed: FeedSpec, body: string, contentType: string): PostRow[] {
  let rows: PostRow[];
  const text = body.replace(/^\uFEFF/, '');
  if (feed.type === 'json') {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      // JSON Lines: one post per line.
      try {
        doc = text.split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
      } catch (error) {
        throw new FeedFormatError(feed.name, `the answer (${contentType || 'no content type'}) is not JSON: ${(error as Error).message}`);
      }
    }
    rows = jsonRows(feed, doc);
  } else {
    let doc: Record<string, Record<string, unknown>>;
    try {
      doc = xml.parse(text, true) as Record<string, Record<string, unknown>>;
    } catch (error) {
      throw new FeedFormatError(feed.name, `the answer (${contentType || 'no content type'}) is not XML: ${(error as Error).message}`);
    }
    if (doc.rss?.channel) rows = rssRows(feed, doc.rss.channel as Record<string, unknown>);
    else if (doc.feed) rows = atomRows(feed, doc.feed);
    else if (doc['rdf:RDF']) rows = rssRows(feed, { ...(doc['rdf:RDF'].channel as Record<string, unknown>), item: doc['rdf:RDF'].item });
    else throw new FeedFormatError(feed.name, 'the answer is neither RSS nor Atom');
  }
  return rows.map((row) => {
    const filled: PostRow = { source: feed.source, ...row };
    if (feed.sourceName && !filled.source_name) filled.source_name = feed.sourceName;
    if (feed.province && !filled.province_code && !filled.commune_code) filled.province_code = feed.province;
    for (const [k, v] of Object.entries(filled)) if (v === '') delete filled[k];
    return filled;
  });
}
