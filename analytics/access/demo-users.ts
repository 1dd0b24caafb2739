/**
 * The demo's users, one per role, so that each view of the dashboard can be tried: created on a demo store that has no
 * users yet, with DEMO_PASSWORD or a generated password that is printed once, then never again.
 */
import crypto from 'node:crypto';
import type { Store } from '../store/index.js';
import { createUser, listUsers, type NewUser } from './users.js';

export const DEMO_USERS: Omit<NewUser, 'password'>[] = [
  { login: 'trunguong', display_name: 'Ban Thường trực Trung ương', role: 'central', home_unit_code: 'VN' },
  { login: 'hanoi', display_name: 'Ủy ban MTTQ Việt Nam thành phố Hà Nội', role: 'province', home_unit_code: '01' },
  { login: 'vanmieu', display_name: 'Ủy ban MTTQ phường Văn Miếu - Quốc Tử Giám', role: 'commune', home_unit_code: '00226' },
  { login: 'phantich', display_name: 'Chuyên viên phân tích dư luận', role: 'analyst', home_unit_code: 'VN' },
  { login: 'quantri', display_name: 'Quản trị hệ thống', role: 'admin', home_unit_code: 'VN' },
];

/** Creates the demo users when the store has none; returns the generated password, if one was generated. */
export async function ensureDemoUsers(store: Store, asOf: string, password: string | undefined): Promise<{ created: number; generatedPassword?: string }> {
  if ((await listUsers(store, {})).length > 0) return { created: 0 };
  const chosen = password ?? crypto.randomBytes(12).toString('base64url');
  for (const user of DEMO_USERS) await createUser(store, { ...user, password: chosen }, asOf);
  return { created: DEMO_USERS.length, generatedPassword: password ? undefined : chosen };
}
