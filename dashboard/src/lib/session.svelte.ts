/**
 * Who is logged in, for every page: read once from /api/auth/me; a page that gets 401 sends the user to /login and
 * back to where they were after logging in.
 */
import { goto } from '$app/navigation';
import { ApiError, getJson } from './api';
import { lang, t } from './i18n';

export type Role = 'central' | 'province' | 'commune' | 'analyst' | 'admin';

export interface Me {
  user_id: string;
  login: string;
  display_name: string;
  role: Role;
  home_unit_code: string;
}

/** A role's name in the interface's language. */
export function roleName(role: Role): string {
  return t(`role.${role}`);
}

export const session = $state<{ me: Me | null; checked: boolean }>({ me: null, checked: false });

export async function loadMe(): Promise<Me | null> {
  try {
    session.me = await getJson<Me>('/api/auth/me');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
    session.me = null;
  }
  session.checked = true;
  return session.me;
}

/** To the log-in page, coming back to the current address afterwards. */
export function toLogin(): Promise<void> {
  const next = `${location.pathname}${location.search}`;
  const query = new URLSearchParams();
  if (next !== '/') query.set('next', next);
  if (lang() === 'en') query.set('lang', 'en');
  const text = query.toString();
  return goto(`/login${text ? `?${text}` : ''}`, { replaceState: true });
}

export async function logOut(): Promise<void> {
  await fetch('/api/auth/logout', { method: 'POST' });
  session.me = null;
  await goto(lang() === 'en' ? '/login?lang=en' : '/login');
}
