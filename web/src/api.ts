/** The pages speak to the API only through this. */
import { locale } from './i18n.ts';

export type ApiResult = { ok: boolean; status: number; body: any };

export const staffToken = () => sessionStorage.getItem('pic-token');
export const setStaffToken = (token: string | null) =>
  token ? sessionStorage.setItem('pic-token', token) : sessionStorage.removeItem('pic-token');

export function staffRole(): { role: 'coordination' | 'partner'; partnerId?: string } | null {
  const token = staffToken();
  if (!token) return null;
  if (!token.includes('.')) return { role: 'coordination' };
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    const groups: string[] = payload['cognito:groups'] ?? [];
    if (groups.includes('coordination')) return { role: 'coordination' };
    const p = groups.find((g) => g.startsWith('partner-'));
    return p ? { role: 'partner', partnerId: p.slice(8) } : null;
  } catch {
    return null;
  }
}

export async function api(
  path: string,
  opts: { method?: string; body?: unknown; staff?: boolean; statusToken?: string; idempotencyKey?: string } = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = { 'accept-language': locale() };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.staff && staffToken()) headers.authorization = `Bearer ${staffToken()}`;
  if (opts.statusToken) headers['x-status-token'] = opts.statusToken;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  try {
    const res = await fetch(path, {
      method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });
    const type = res.headers.get('content-type') ?? '';
    const body = type.includes('json') ? await res.json().catch(() => undefined) : await res.text();
    return { ok: res.ok, status: res.status, body };
  } catch {
    return { ok: false, status: 0, body: undefined };
  }
}
