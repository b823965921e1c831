import { CAPTURE_LANGUAGES, type CaptureLanguage } from '../../contract/capture-api.ts';

/** Traditional script regions and tags; every other Chinese request gets Simplified. */
const TRADITIONAL = /^zh-(tw|hk|mo|hant)/i;

function match(tag: string): CaptureLanguage | undefined {
  const t = tag.trim().toLowerCase();
  if (!t || t === '*') return undefined;
  if (t.startsWith('zh')) return TRADITIONAL.test(t) ? 'zh-TW' : 'zh-CN';
  const primary = t.split('-')[0] === 'no' || t.split('-')[0] === 'nn' ? 'nb' : t.split('-')[0];
  return CAPTURE_LANGUAGES.find((l) => l === primary);
}

/** The session's `language` wins; else the browser's Accept-Language by quality; else English. */
export function pickLanguage(override: string | undefined, acceptLanguage: string | undefined): CaptureLanguage {
  if (override && (CAPTURE_LANGUAGES as readonly string[]).includes(override)) return override as CaptureLanguage;
  const ranked = String(acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const found = match(tag);
    if (found) return found;
  }
  return 'en';
}
