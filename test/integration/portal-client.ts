import { authenticator } from 'otplib';

/**
 * A portal client for tests: keeps the session cookie and CSRF token like the browser does and
 * sends the Origin header browsers send. `raw` exposes the text for "no masked value" checks.
 */
export class PortalClient {
  cookie = '';
  csrf = '';
  totpSecret = '';
  constructor(readonly base: string) {}

  async call(path: string, opts: { method?: string; body?: unknown; csrf?: string | null; origin?: string | null } = {}): Promise<{ status: number; json: any; raw: string; headers: Headers }> {
    const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = {};
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    const origin = opts.origin === undefined ? this.base : opts.origin;
    if (origin !== null && method !== 'GET') headers.origin = origin;
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (csrf !== null && method !== 'GET') headers['x-csrf-token'] = csrf;
    const res = await fetch(`${this.base}/portal/api${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const raw = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(raw);
    } catch {
      /* CSV, images */
    }
    return { status: res.status, json, raw, headers: res.headers };
  }

  /** Password, then (for admin/reviewer) enrolment on first sign-in or a code from the secret. */
  async signIn(email: string, password: string): Promise<void> {
    const r = await this.call('/auth/sign-in', { body: { email, password }, csrf: null });
    if (r.status !== 200) throw new Error(`sign-in failed: ${r.raw}`);
    this.csrf = r.json.csrf;
    if (r.json.stage === 'done') return;
    if (r.json.stage === 'enrol') {
      const e = await this.call('/auth/totp/enrol', { method: 'POST' });
      this.totpSecret = e.json.secret;
    }
    const v = await this.call('/auth/totp/verify', { body: { code: authenticator.generate(this.totpSecret) } });
    if (v.status !== 200) throw new Error(`second factor failed: ${v.raw}`);
    this.csrf = v.json.csrf;
  }
}
