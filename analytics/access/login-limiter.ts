/**
 * Failed log-ins are limited: after 5 failures for one login from one address, or 20 from one address, within 15
 * minutes, further attempts are refused until the oldest failure is 15 minutes old. A success clears the login's count.
 */
const WINDOW_MS = 15 * 60_000;
const PER_LOGIN = 5;
const PER_ADDRESS = 20;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds to wait before trying again, or 0 when an attempt may be made. */
  retryAfter(login: string, ip: string): number {
    const byLogin = this.recent(`${login}|${ip}`);
    const byAddress = this.recent(ip);
    const blocking = byLogin.length >= PER_LOGIN ? byLogin : byAddress.length >= PER_ADDRESS ? byAddress : undefined;
    if (!blocking) return 0;
    return Math.max(1, Math.ceil(((blocking[0] as number) + WINDOW_MS - this.now()) / 1000));
  }

  failed(login: string, ip: string): void {
    for (const key of [`${login}|${ip}`, ip]) this.failures.set(key, [...this.recent(key), this.now()]);
    if (this.failures.size > 100_000) this.failures.clear();
  }

  succeeded(login: string, ip: string): void {
    this.failures.delete(`${login}|${ip}`);
  }
}
