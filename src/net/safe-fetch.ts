import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { isPublicAddress } from './address-policy.ts';

export class SafeFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafeFetchError';
  }
}

export type SafeFetchOptions = {
  allowPrivate: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer | string;
};

export type SafeResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; truncated: boolean };

/**
 * Outbound HTTP for user-supplied URLs (convention 9). The address check runs inside the
 * socket's DNS lookup, so the address that is checked is the one connected to: a hostname that
 * resolves to a public address for the check and a private one for the connection cannot slip by.
 * Redirects are never followed; responses are capped; the whole exchange times out.
 */
export function safeFetch(rawUrl: string, opts: SafeFetchOptions): Promise<SafeResponse> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.reject(new SafeFetchError('invalid URL'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new SafeFetchError('only http and https URLs are allowed'));
  if (url.username || url.password) return Promise.reject(new SafeFetchError('URLs with credentials are not allowed'));
  // Node skips the lookup hook for IP literals, so those are judged here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(literal) && !opts.allowPrivate && !isPublicAddress(literal)) {
    return Promise.reject(new SafeFetchError(`refused: ${literal} is a private or reserved address`));
  }
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxBytes = opts.maxBytes ?? 15 * 1024 * 1024;

  const lookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => !isPublicAddress(a.address));
      if (bad && !opts.allowPrivate) {
        return callback(new SafeFetchError(`refused: ${hostname} resolves to a private or reserved address`), '', 0);
      }
      const pick = list[0];
      if (!pick) return callback(new SafeFetchError(`no address for ${hostname}`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [pick]);
      callback(null, pick.address, pick.family);
    });
  };

  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(
      url,
      { method: opts.method ?? 'GET', headers: { 'user-agent': 'idgate', ...opts.headers }, lookup, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            truncated = true;
            res.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated }));
        res.on('error', (e) => (truncated ? undefined : reject(e)));
      },
    );
    const deadline = setTimeout(() => req.destroy(new SafeFetchError(`timed out after ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new SafeFetchError(`timed out after ${timeoutMs} ms`)));
    req.on('error', (e) => {
      clearTimeout(deadline);
      reject(e instanceof SafeFetchError ? e : new SafeFetchError(e.message));
    });
    req.on('close', () => clearTimeout(deadline));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
