import { signal } from '@preact/signals';

/** The signed-in operator (null: signed out; undefined: not known yet). */
export type Me = { email: string; role: 'admin' | 'reviewer' | 'viewer' | 'developer'; capabilities: string[]; csrf: string; stage: 'password' | 'full'; account: string; secondFactor: boolean };
export const me = signal<Me | null | undefined>(undefined);
let csrf = '';
export const setCsrf = (token: string) => {
  csrf = token;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** JSON calls to /portal/api; state-changing ones carry the session's CSRF token. */
export async function api<T>(path: string, opts: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = opts.method ?? (opts.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const res = await fetch(`/portal/api${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), credentials: 'same-origin' });
  const json = (await res.json().catch(() => ({}))) as { error?: { code: number; message: string } };
  if (!res.ok || json.error) {
    if (res.status === 401 && me.value?.stage === 'full') me.value = null;
    throw new ApiError(res.status, json.error?.code ?? 0, json.error?.message ?? `HTTP ${res.status}`);
  }
  return json as T;
}

export async function loadMe(): Promise<void> {
  try {
    const m = await api<Me>('/me');
    setCsrf(m.csrf);
    me.value = m;
  } catch {
    me.value = null;
  }
}

export const query = (o: Record<string, string | number | boolean | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** A multipart upload with progress (fetch has no upload progress); carries the CSRF token. */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/portal/api${path}`);
    xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let json: { error?: { code: number; message: string } } = {};
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 400 || json.error) reject(new ApiError(xhr.status, json.error?.code ?? 0, json.error?.message ?? `HTTP ${xhr.status}`));
      else resolve(json as T);
    };
    xhr.onerror = () => reject(new ApiError(0, 0, 'Network error'));
    xhr.send(form);
  });
}
