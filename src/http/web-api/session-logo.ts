import { fileTypeFromBuffer } from 'file-type';
import type { ServiceDeps } from '../../services/deps.ts';
import { safeFetch } from '../../net/safe-fetch.ts';

const cache = new Map<string, { at: number; logo: { bytes: Buffer; mime: string } | null }>();
const ALLOWED = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The business's logo, fetched server-side and served from idgate so the user's browser never
 * contacts a third party. Only raster images (SVG can carry script) up to 2 MB.
 */
export async function fetchSessionLogo(deps: Pick<ServiceDeps, 'config' | 'logger' | 'clock'>, url: string): Promise<{ bytes: Buffer; mime: string } | null> {
  const hit = cache.get(url);
  const now = deps.clock();
  if (hit && now - hit.at < 10 * 60_000) return hit.logo;
  let logo: { bytes: Buffer; mime: string } | null = null;
  try {
    const res = await safeFetch(url, { allowPrivate: deps.config.allowPrivateUrls, maxBytes: 2 * 1024 * 1024, timeoutMs: 5000 });
    const type = res.status === 200 && !res.truncated ? await fileTypeFromBuffer(res.body) : undefined;
    if (type && ALLOWED.has(type.mime)) logo = { bytes: res.body, mime: type.mime };
    else deps.logger.warn({ url, status: res.status }, 'logo is not a PNG, JPEG, GIF or WebP image');
  } catch (e) {
    deps.logger.warn({ url, err: e }, 'logo could not be fetched');
  }
  if (cache.size > 1000) cache.clear();
  cache.set(url, { at: now, logo });
  return logo;
}
