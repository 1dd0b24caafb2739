/**
 * What a view can open behind a number: the drill-through endpoints of the API (/api/drill/…) with a view's unit,
 * period and a filter from the point clicked, and the columns each lists in the drawer (DrillDrawer.svelte). Columns
 * carry no personal data: a petition's title and labels, a post's public excerpt, never a contact or a full text.
 */
import { apiPath } from './resource.svelte';
import { formatDate, formatDateTime, formatNumber } from './format';
import { messages, topicName } from './i18n';
import { TOPIC_NAMES_VI } from '../../../analytics/nlp/taxonomy';
import type { TableColumn } from './charts/table';

export interface Drill<R> {
  title: string;
  /** The API address without paging. */
  path: string;
  columns: TableColumn<R>[];
  /** The topic the items were picked by: the drawer offers to filter the whole view by it. */
  topic?: string;
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

export interface OfficerRow {
  unit: { code: string; name: string };
  organisation: string;
  position: string;
  gender: string;
  ageBand: string;
  updatedAt: string;
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
    unit: 'Đơn vị',
    organisation: 'Tổ chức',
    position: 'Chức vụ',
    gender: 'Giới tính',
    ageBand: 'Độ tuổi',
    updated: 'Cập nhật',
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
    unit: 'Unit',
    organisation: 'Organisation',
    position: 'Position',
    gender: 'Gender',
    ageBand: 'Age band',
    updated: 'Updated',
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
    topic: typeof query.topic === 'string' && query.topic !== 'unlabelled' ? query.topic : undefined,
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
    topic: typeof query.topic === 'string' && query.topic !== 'unlabelled' ? query.topic : undefined,
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

/**
 * Officers behind a bar of the officers view: where they serve and what they are, never who (the API gives no names,
 * phones or e-mails). `name` says a group's code in words ("hoi_phu_nu" → "Hội Liên hiệp Phụ nữ").
 */
export function officerDrill(title: string, query: Query, name: (group: 'organisation' | 'position' | 'gender' | 'ageBand', code: string) => string): Drill<OfficerRow> {
  return {
    title,
    path: apiPath('/api/drill/officers', query),
    columns: [
      { label: m('unit'), value: (r) => r.unit.name },
      { label: m('organisation'), value: (r) => name('organisation', r.organisation) },
      { label: m('position'), value: (r) => name('position', r.position) },
      { label: m('gender'), value: (r) => name('gender', r.gender) },
      { label: m('ageBand'), value: (r) => name('ageBand', r.ageBand) },
      { label: m('updated'), value: (r) => formatDate(r.updatedAt), numeric: true },
    ],
  };
}
