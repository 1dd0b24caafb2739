/**
 * What every view is about, read from the address: the unit (?unit=, the user's own when absent) and the period
 * (?from=&to=, the API's default twelve weeks when absent); links between views keep both. Also remembers each unit's
 * parent from the coverage answers seen, for the breadcrumbs (the API's unit answers carry no parent).
 */
import { page } from '$app/state';
import type { UnitSummary } from './api';
import type { CommonKey } from './i18n';
import type { Role } from './session.svelte';

/**
 * The pages in the navigation, each with its name's key in `i18n.ts`; `roles` = only for these roles (the handling
 * desk is for the Fronts that handle petitions, the rules for them and the admins who edit them, loading data for
 * those who may write it); `period` = the page reads the period filter.
 */
export const VIEWS: readonly { path: string; label: CommonKey; roles?: readonly Role[]; period: boolean }[] = [
  { path: '/', label: 'nav.overview', period: false },
  { path: '/trien-khai', label: 'nav.rollout', period: true },
  { path: '/can-bo', label: 'nav.officers', period: true },
  { path: '/bao-cao-tuan', label: 'nav.weekly', period: true },
  { path: '/bao-cao', label: 'nav.report', period: false },
  { path: '/don-thu', label: 'nav.petitions', period: true },
  { path: '/du-luan', label: 'nav.opinion', period: true },
  { path: '/tim-kiem', label: 'nav.search', period: true },
  { path: '/xu-ly', label: 'nav.handling', roles: ['central', 'province', 'commune'], period: false },
  { path: '/quy-tac', label: 'nav.rules', roles: ['central', 'province', 'commune', 'admin'], period: false },
  { path: '/nap-du-lieu', label: 'nav.ingest', roles: ['central', 'province', 'commune', 'admin'], period: false },
];

/** The pages a role is offered. */
export function viewsFor(role: Role | undefined): typeof VIEWS {
  return VIEWS.filter((v) => !v.roles || (role !== undefined && v.roles.includes(role)));
}

/** Whether a page reads the period filter (pages outside the navigation do not). */
export function hasPeriodFilter(path: string): boolean {
  return VIEWS.find((v) => v.path === path)?.period ?? false;
}

/**
 * Addresses anyone may open without logging in (the log-in page, the petition form and the status look-up): a path equal to
 * one of these or below it. Every other page sends a visitor without a session to /login.
 */
export const PUBLIC_PATHS: readonly string[] = ['/login', '/gui-kien-nghi', '/tra-cuu'];

export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

// The language too: a link followed, or shared, keeps the language it was made in.
// The topic filter too: the pages that read it (petitions, opinion) share it.
const KEPT = ['unit', 'from', 'to', 'topic', 'lang'] as const;

/** The unit, period and topic of the current address (the API takes the topic where it filters by one). */
export function scope(): { unit: string | null; from: string | null; to: string | null; topic: string | null } {
  const q = page.url.searchParams;
  return { unit: q.get('unit'), from: q.get('from'), to: q.get('to'), topic: q.get('topic') };
}

/** The pages whose figures the topic filter narrows. */
export const TOPIC_PAGES: readonly string[] = ['/don-thu', '/du-luan'];

/** An address within the dashboard keeping the current unit and period, with some of them changed. */
export function scopedHref(path: string, changes: Partial<Record<(typeof KEPT)[number], string | null>> = {}): string {
  const query = new URLSearchParams();
  for (const key of KEPT) {
    const value = key in changes ? changes[key] : page.url.searchParams.get(key);
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

const PARENTS_KEY = 'front-pulse.parents';
const parents = new Map<string, UnitSummary>(readParents());

function readParents(): [string, UnitSummary][] {
  try {
    return JSON.parse(sessionStorage.getItem(PARENTS_KEY) ?? '[]') as [string, UnitSummary][];
  } catch {
    return [];
  }
}

/** Remembers that these children are under this unit. */
export function rememberChildren(parent: UnitSummary, children: UnitSummary[]): void {
  for (const child of children) parents.set(child.code, parent);
  try {
    sessionStorage.setItem(PARENTS_KEY, JSON.stringify([...parents]));
  } catch {
    // A full or disabled storage only costs the breadcrumbs after a reload.
  }
}

/** The units from the user's home unit down to this one, as far as known; `gap` when a level above is not known. */
export function chainOf(unit: UnitSummary, homeCode: string): { chain: UnitSummary[]; gap: boolean } {
  const chain = [unit];
  let code = unit.code;
  while (code !== homeCode) {
    const parent = parents.get(code);
    if (!parent) return { chain, gap: true };
    chain.unshift(parent);
    code = parent.code;
  }
  return { chain, gap: false };
}

/** The dashboard view that shows a warning's evidence (an API path); the API's own answer where no view shows it yet. */
export function evidenceHref(evidence: string, unitCode: string): string {
  const view = evidence.startsWith('/api/drill/posts') || evidence.startsWith('/api/opinion')
    ? '/du-luan'
    : evidence.startsWith('/api/drill/reports') || evidence.startsWith('/api/reporting')
      ? '/bao-cao-tuan'
      : evidence.startsWith('/api/coverage')
        ? '/'
        : evidence.startsWith('/api/rosters')
          ? '/can-bo'
          : null;
  return view ? scopedHref(view, { unit: unitCode }) : evidence;
}
