import sanitizeHtml from 'sanitize-html';
import type { ServiceDeps } from '../../services/deps.ts';
import { safeFetch } from '../../net/safe-fetch.ts';

/** The documented element in the business's page where the app mounts. */
export const MOUNT_PLACEHOLDER = '<div id="idgate-app"></div>';
// Plain text survives sanitising (comments do not); no page contains this by chance.
const MARK = 'IDGATE-APP-MOUNT-6f1c2b9e';

export type CustomFrame = { before: string; after: string; origin: string };

/**
 * Scripts, event handlers, frames, forms and `javascript:` URLs are removed; relative URLs are
 * made absolute against the business's page so its CSS and images still load (the page CSP
 * allows that one origin for styles, fonts and images).
 */
export function sanitizeCustomHtml(html: string, pageUrl: string): CustomFrame {
  const abs = (v: string | undefined) => {
    if (!v) return v;
    try {
      const u = new URL(v, pageUrl);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
    } catch {
      return undefined;
    }
  };
  const marked = html.replace(/<div\s+id\s*=\s*["']idgate-app["']\s*>\s*<\/div>/i, MARK);
  const clean = sanitizeHtml(marked, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'style', 'link', 'header', 'footer', 'main', 'section', 'nav', 'picture', 'source', 'svg', 'path'],
    nonTextTags: ['script', 'textarea', 'option', 'noscript', 'title'],
    allowVulnerableTags: true, // <style> is wanted; scripts are still removed and CSP forbids inline script.
    allowedAttributes: {
      '*': ['class', 'id', 'style', 'title', 'lang', 'dir', 'role', 'aria-*'],
      a: ['href', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height', 'srcset'],
      source: ['srcset', 'type', 'media'],
      link: ['rel', 'href', 'media'],
      svg: ['viewBox', 'width', 'height', 'fill', 'xmlns'],
      path: ['d', 'fill'],
    },
    allowedSchemes: ['http', 'https', 'data', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowProtocolRelative: false,
    allowedClasses: undefined,
    exclusiveFilter: (frame) => frame.tag === 'link' && String(frame.attribs.rel ?? '').toLowerCase() !== 'stylesheet',
    transformTags: {
      a: (tag, attribs) => ({ tagName: tag, attribs: { ...attribs, href: abs(attribs.href) ?? '#', rel: 'noopener noreferrer' } }),
      img: (tag, attribs) => ({ tagName: tag, attribs: { ...attribs, src: attribs.src?.startsWith('data:') ? attribs.src : (abs(attribs.src) ?? '') } }),
      link: (tag, attribs) => ({ tagName: tag, attribs: { ...attribs, href: abs(attribs.href) ?? '' } }),
    },
  });
  const restored = clean;
  const at = restored.indexOf(MARK);
  const origin = new URL(pageUrl).origin;
  if (at < 0) return { before: restored, after: '', origin };
  return { before: restored.slice(0, at), after: restored.slice(at + MARK.length), origin };
}

const cache = new Map<string, { at: number; frame: CustomFrame | null }>();
const CACHE_MS = 10 * 60_000;

/**
 * Fetched once when a session's page first opens (and again after ten minutes), as the reference
 * describes. A page that cannot be fetched falls back to idgate's own frame, logged.
 */
export async function loadCustomFrame(deps: Pick<ServiceDeps, 'config' | 'logger' | 'clock'>, reference: string, url: string): Promise<CustomFrame | null> {
  const hit = cache.get(reference);
  const now = deps.clock();
  if (hit && now - hit.at < CACHE_MS) return hit.frame;
  let frame: CustomFrame | null = null;
  try {
    const res = await safeFetch(url, { allowPrivate: deps.config.allowPrivateUrls, maxBytes: 1024 * 1024, timeoutMs: 5000 });
    if (res.status === 200 && !res.truncated) frame = sanitizeCustomHtml(res.body.toString('utf8'), url);
    else deps.logger.warn({ reference, status: res.status }, 'customhtmlurl did not answer 200; using the default page');
  } catch (e) {
    deps.logger.warn({ reference, err: e }, 'customhtmlurl could not be fetched; using the default page');
  }
  if (cache.size > 5000) cache.clear();
  cache.set(reference, { at: now, frame });
  return frame;
}
