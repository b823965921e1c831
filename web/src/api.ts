import type { ApiError, PrecheckAnswer, SessionView } from '../../src/contract/capture-api.ts';

export class ApiFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Calls the session's web API with its upload token; failures carry the server's reason. */
export function apiClient(reference: string, token: string) {
  const base = `/api/s/${reference}`;
  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await fetch(base + path, { ...init, headers: { 'x-capture-token': token, ...(init.headers ?? {}) }, credentials: 'omit' });
    const body = (await res.json().catch(() => ({}))) as T | ApiError;
    if (!res.ok || (body as ApiError).error) {
      const err = (body as ApiError).error;
      throw new ApiFailure(err?.reason ?? (res.status === 403 || err?.code === 1 ? 'token' : err?.code === 8 ? 'image' : 'generic'), err?.message ?? `HTTP ${res.status}`, err?.retryAfterSeconds);
    }
    return body as T;
  }
  const json = (path: string, body: unknown) => call<SessionView>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    status: () => call<SessionView>('/status'),
    upload: (role: string, file: Blob, frames: Blob[] = []) => {
      const form = new FormData();
      form.append('file', file, role);
      frames.forEach((f, i) => form.append('frames', f, `frame-${i}.jpg`));
      return call<SessionView>(`/upload/${role}`, { method: 'POST', body: form });
    },
    noBack: () => json('/no-back', {}),
    sendCode: (number?: string) => json('/phone/send', number ? { number } : {}),
    confirmCode: (code: string) => json('/phone/confirm', { code }),
    contract: () => call<{ html: string; needsName: boolean }>('/contract'),
    sign: (body: { signaturePng?: string; typedName?: string; agree: true }) => json('/contract/sign', body),
    submit: () => json('/submit', {}),
    /** Feedback at capture: what is wrong with this photo, before it is used. */
    check: (role: 'document' | 'document_back' | 'face', file: Blob) => {
      const form = new FormData();
      form.append('file', file, role);
      return call<PrecheckAnswer>(`/check/${role}`, { method: 'POST', body: form });
    },
    /** Ends a session whose last failure no retry can mend. */
    finish: () => json('/finish', {}),
  };
}
export type Api = ReturnType<typeof apiClient>;
