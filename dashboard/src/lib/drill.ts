/**
 * What a view can open behind a number: the drill-through endpoints of the API (/api/drill/…) with a view's unit,
 * period and a filter from the point clicked, and the columns each lists in the drawer (DrillDrawer.svelte). Columns
 * carry no personal data: a petition's title and labels, a post's public excerpt, never a contact or a full text.
 */
import { apiPath } from './resource.svelte';
import { formatDate, formatDateTime, formatNumber } from './format';
import { messages, t, topicName } from './i18n';
import { TOPIC_NAMES_VI } from '../../../analytics/nlp/taxonomy';
import type { TableColumn } from './charts/table';

export interface Drill<R> {
  title: string;
  /** The API address without paging. */
  path: string;
  columns: TableColumn<R>[];
}

export interface PetitionRow {
  id: string;
  receivedAt: string;
  channel: string;
  holder: { code: string; name: string };
  status: string;
  dueAt: string;
  answeredAt: string | null;
  topic: string;
  title: string;
}

export interface PostRow {
  id: string;
  sourceName: string;
  url: string;
  publishedAt: string;
  place: { name: string | null };
  topic: string;
  sentiment: string;
  excerpt: string;
  engagement: { likes: number; shares: number; comments: number };
}

type Query = Record<string, string | number | null | undefined>;

const m = messages({
  vi: {
    received: 'Ngày nhận',
    title: 'Tiêu đề',
    topic: 'Chủ đề',
    holder: 'Đơn vị đang giữ',
    status: 'Tình trạng',
    due: 'Hạn',
    in_progress: 'Đang giải quyết',
    answered: 'Đã trả lời',
    overdue: 'Quá hạn',
    published: 'Ngày đăng',
    source: 'Nguồn',
    place: 'Địa bàn',
    sentiment: 'Sắc thái',
    excerpt: 'Trích đoạn',
    engagement: 'Tương tác',
    negative: 'Tiêu cực',
    neutral: 'Trung tính',
    positive: 'Tích cực',
    unlabelled: 'Chưa phân loại',
  },
  en: {
    received: 'Received',
    title: 'Title',
    topic: 'Topic',
    holder: 'Held by',
    status: 'Status',
    due: 'Due',
    in_progress: 'In progress',
    answered: 'Answered',
    overdue: 'Overdue',
    published: 'Published',
    source: 'Source',
    place: 'Place',
    sentiment: 'Sentiment',
    excerpt: 'Excerpt',
    engagement: 'Interactions',
    negative: 'Negative',
    neutral: 'Neutral',
    positive: 'Positive',
    unlabelled: 'Not classified',
  },
});

const KNOWN = ['in_progress', 'answered', 'overdue', 'negative', 'neutral', 'positive', 'unlabelled'] as const;
const label = (code: string): string => ((KNOWN as readonly string[]).includes(code) ? m(code as (typeof KNOWN)[number]) : code);
const topic = (code: string): string => {
  const vi = (TOPIC_NAMES_VI as Record<string, string>)[code];
  return vi ? topicName(code, vi) : label(code);
};

/** Petitions behind a figure of the petitions view. */
export function petitionDrill(title: string, query: Query): Drill<PetitionRow> {
  return {
    title,
    path: apiPath('/api/drill/petitions', query),
    columns: [
      { label: m('received'), value: (r) => formatDate(r.receivedAt), numeric: true },
      { label: m('title'), value: (r) => r.title },
      { label: m('topic'), value: (r) => topic(r.topic) },
      { label: m('holder'), value: (r) => r.holder.name },
      { label: m('status'), value: (r) => label(r.status) },
      { label: m('due'), value: (r) => formatDate(r.dueAt), numeric: true },
    ],
  };
}

/** Posts behind a figure of the opinion view. */
export function postDrill(title: string, query: Query): Drill<PostRow> {
  return {
    title,
    path: apiPath('/api/drill/posts', query),
    columns: [
      { label: m('published'), value: (r) => formatDateTime(r.publishedAt), numeric: true },
      { label: m('source'), value: (r) => r.sourceName },
      { label: m('place'), value: (r) => r.place.name ?? '–' },
      { label: m('topic'), value: (r) => topic(r.topic) },
      { label: m('sentiment'), value: (r) => label(r.sentiment) },
      { label: m('excerpt'), value: (r) => r.excerpt, href: (r) => (/^https?:\/\//.test(r.url) ? r.url : null) },
      { label: m('engagement'), value: (r) => formatNumber(r.engagement.likes + r.engagement.shares + r.engagement.comments), numeric: true },
    ],
  };
}

/** "Xem danh sách" / "See the list": the words of a button that opens a drill. */
export const seeList = (): string => t('drill.see');
