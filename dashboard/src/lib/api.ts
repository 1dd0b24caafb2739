/**
 * Talking to the Front Pulse API: typed fetches that turn the API's { error, message } answers into errors to show.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string, fetcher: typeof fetch = fetch): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ Front Pulse.');
  }
  const body = (await response.json().catch(() => ({}))) as T & { error?: string; message?: string };
  if (!response.ok) throw new ApiError(response.status, body.error ?? 'error', body.message ?? `Lỗi ${response.status}`);
  return body;
}

export type Level = 'central' | 'province' | 'commune' | 'village';

export interface UnitSummary {
  code: string;
  name: string;
  level: Level;
}

export interface CoverageFigures {
  communes: { total: number; withVillageList: number; withVillageListPct: number };
  villages: { created: number; expected: number; createdPct: number };
  rosters: {
    provincesTotal: number;
    provincesUpdated: number;
    communesUpdated: number;
    communesUpdatedPct: number;
    officers: { province: number; commune: number; village: number };
    updatedAt: string | null;
  };
}

export interface Coverage extends CoverageFigures {
  asOf: string;
  unit: UnitSummary;
  children: (CoverageFigures & { unit: UnitSummary })[];
}

export interface Health {
  status: 'ok' | 'preparing' | 'failed';
  engine: 'embedded' | 'server';
  phase: string;
  step: string | null;
  progress: number | null;
  message: string;
  referenceDate: string | null;
  background: string | null;
  demoLogins: { login: string; role: string; unit: string }[];
}
