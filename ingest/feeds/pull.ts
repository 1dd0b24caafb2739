/**
 * One pull of one feed: fetched with a time limit and a size limit, asked conditionally (ETag, Last-Modified) so an
 * unchanged feed costs nothing, then its posts go in as an opinion_posts run (way in: feed). Posts pulled again are
 * found stored (their link is their key) and counted as duplicates; new counts of likes and shares replace old ones.
 */
import { jsonEachRow, type Store } from '../../analytics/store/index.js';
import type { Sealer } from '../../analytics/privacy/seal.js';
import { ingestFile } from '../pipeline/ingest.js';
import type { IngestSummary } from '../pipeline/run.js';
import { bufferSource } from '../readers/index.js';
import type { FeedSpec } from './config.js';
import { feedRows } from './items.js';

export interface FeedState {
  etag?: string;
  lastModified?: string;
}

export type PullResult = { feed: string; status: 'not-modified' } | { feed: string; status: 'empty' } | { feed: string; status: 'loaded'; summary: IngestSummary };

export class FeedFetchError extends Error {
  constructor(feed: FeedSpec, message: string) {
    super(`feed ${feed.name} (${feed.url}): ${message}`);
    this.name = 'FeedFetchError';
  }
}

async function readCapped(response: Response, feed: FeedSpec): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > feed.maxBytes) throw new FeedFetchError(feed, `the answer is ${declared} bytes, more than ${feed.maxBytes} (maxBytes)`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > feed.maxBytes) throw new FeedFetchError(feed, `the answer is more than ${feed.maxBytes} bytes (maxBytes)`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** The body as text, in the charset the answer names (or its XML declaration names); UTF-8 by default. */
function decodeBody(body: Buffer, contentType: string): string {
  const declared = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1] ?? /^<\?xml[^>]*encoding=["']([\w-]+)/i.exec(body.subarray(0, 200).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(body).normalize('NFC');
  } catch {
    return body.toString('utf8').normalize('NFC');
  }
}

export async function pullFeed(store: Store, feed: FeedSpec, state: FeedState, sealer: Sealer): Promise<PullResult> {
  const headers: Record<string, string> = { accept: feed.type === 'json' ? 'application/json' : 'application/rss+xml, application/atom+xml, application/xml, text/xml' };
  if (state.etag) headers['if-none-match'] = state.etag;
  if (state.lastModified) headers['if-modified-since'] = state.lastModified;
  let response: Response;
  try {
    response = await fetch(feed.url, { headers, signal: AbortSignal.timeout(feed.timeoutSeconds * 1000), redirect: 'follow' });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${feed.timeoutSeconds} s` : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
    throw new FeedFetchError(feed, reason);
  }
  if (response.status === 304) return { feed: feed.name, status: 'not-modified' };
  if (!response.ok) throw new FeedFetchError(feed, `the source answered ${response.status} ${response.statusText}`);
  const contentType = response.headers.get('content-type') ?? '';
  const rows = feedRows(feed, decodeBody(await readCapped(response, feed), contentType), contentType);
  const remember = () => {
    state.etag = response.headers.get('etag') ?? undefined;
    state.lastModified = response.headers.get('last-modified') ?? undefined;
  };
  // A source with nothing in it now (a new forum, a quiet week) is a pull, not a failure: no run, nothing to store.
  if (rows.length === 0) {
    remember();
    return { feed: feed.name, status: 'empty' };
  }
  const jsonl = Buffer.from(jsonEachRow(rows), 'utf8');
  const summary = await ingestFile(store, 'opinion_posts', bufferSource(`feed:${feed.name} ${feed.url}`, jsonl), {
    format: 'jsonl',
    encoding: 'utf-8',
    wayIn: 'feed',
    startedBy: `feed:${feed.name}`,
    sealer,
  });
  // Remembered only once the posts are stored: a failed load is asked for in full again next time.
  remember();
  return { feed: feed.name, status: 'loaded', summary };
}
