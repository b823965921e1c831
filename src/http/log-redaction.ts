import type { FastifyInstance, FastifyRequest } from 'fastify';
import pino from 'pino';

/**
 * Request logs without personal data or live credentials (issue 19, DESIGN 18). Fastify logs
 * every request with its URL; `/files/<token>` URLs are 7-day links to ID images and other long
 * path segments are tokens, so both are replaced; query values go (keys stay); the client
 * address keeps its network only (IPv4 /24, IPv6 /48). Error messages and any object logged
 * through a request logger pass through `scrubText`, which removes signed links, e-mail
 * addresses, phone numbers, dates of birth and MRZ-like runs.
 */
const TOKEN_SEGMENT = /^[A-Za-z0-9_~.=-]{24,}$/;

export function redactUrl(url: string): string {
  const [pathPart, query] = url.split('?', 2);
  const segments = (pathPart ?? '').split('/').map((seg, i, all) => (all[i - 1] === 'files' || TOKEN_SEGMENT.test(seg) ? '[redacted]' : seg));
  const q = query === undefined ? '' : `?${query.split('&').map((kv) => `${kv.split('=')[0]}=[redacted]`).join('&')}`;
  return segments.join('/') + q;
}

export function truncateAddress(ip: string | undefined): string | undefined {
  if (!ip) return ip;
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::/48`;
  return '[redacted]';
}

const TEXT_RULES: Array<[RegExp, string]> = [
  [/\/files\/[A-Za-z0-9_~.=%-]+/g, '/files/[redacted]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  [/\+\d[\d ()-]{6,18}\d/g, '[phone]'],
  [/\b(19|20)\d\d[/.-](0?[1-9]|1[0-2])[/.-](0?[1-9]|[12]\d|3[01])\b/g, '[date]'],
  [/\b[A-Z0-9<]{20,}\b/g, '[mrz]'],
  [/data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/gi, '[data-url]'],
  [/[A-Za-z0-9+/]{200,}={0,2}/g, '[base64]'],
];

export function scrubText(s: string): string {
  let out = s;
  for (const [re, rep] of TEXT_RULES) out = out.replace(re, rep);
  return out;
}

/** Keys whose values are personal data or secrets wherever they appear in a logged object. */
const PERSONAL_KEYS = /^(first_?name|middle_?name|last_?name|full_?name|name|surname|given|dob|birth.*|date_?of_?birth|address\d?|street|postcode|zip|document_?number|documentno|personal_?number|number|phone|to|email|customid|verify_[a-z]+|content|base64|.*_base64|image|apikey|api_?key|authorization|cookie|password|secret|token|code)$/i;

function scrubValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return scrubText(v);
  if (depth > 4 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.slice(0, 50).map((x) => scrubValue(x, depth + 1));
  if (Buffer.isBuffer(v)) return `[${v.length} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = PERSONAL_KEYS.test(k) ? '[redacted]' : scrubValue(x, depth + 1);
  return out;
}

export const redactingSerializers = {
  req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: truncateAddress(req.ip) }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  err: (err: Error) => {
    const e = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
    return { ...e, message: scrubText(String(e.message ?? '')), stack: typeof e.stack === 'string' ? scrubText(e.stack) : e.stack };
  },
  sms: (v: unknown) => scrubValue(v),
  data: (v: unknown) => scrubValue(v),
  body: (v: unknown) => scrubValue(v),
  options: (v: unknown) => scrubValue(v),
};

/** The one-line hook in app.ts: every request logger (and so Fastify's own request lines) redacts. */
export function registerLogRedaction(app: FastifyInstance): void {
  app.setChildLoggerFactory((logger, bindings, opts) => logger.child(bindings, { ...opts, serializers: { ...(opts.serializers ?? {}), ...redactingSerializers } }));
}
