import { computed, signal } from '@preact/signals';
import { en, type Strings } from '../i18n-en.ts';
import { RTL_LANGUAGES, type CaptureLanguage } from '../../../src/contract/capture-languages.ts';

export type Key = keyof Strings;
export type T = (key: Key, vars?: Record<string, string | number>) => string;

/** Every language but English is its own lazy chunk: the initial bundle carries English only. */
const LOADERS: Record<Exclude<CaptureLanguage, 'en'>, () => Promise<{ default: Strings }>> = {
  fr: () => import('../i18n-fr.ts'), nl: () => import('../i18n-nl.ts'), de: () => import('../i18n-de.ts'), es: () => import('../i18n-es.ts'),
  sr: () => import('../i18n-sr.ts'), 'zh-TW': () => import('../i18n-zh-tw.ts'), 'zh-CN': () => import('../i18n-zh-cn.ts'),
  ar: () => import('../i18n-ar.ts'), he: () => import('../i18n-he.ts'), fa: () => import('../i18n-fa.ts'), ur: () => import('../i18n-ur.ts'),
  it: () => import('../i18n-it.ts'), pt: () => import('../i18n-pt.ts'), pl: () => import('../i18n-pl.ts'), ru: () => import('../i18n-ru.ts'),
  uk: () => import('../i18n-uk.ts'), tr: () => import('../i18n-tr.ts'), ja: () => import('../i18n-ja.ts'), ko: () => import('../i18n-ko.ts'),
  hi: () => import('../i18n-hi.ts'), id: () => import('../i18n-id.ts'), vi: () => import('../i18n-vi.ts'), th: () => import('../i18n-th.ts'),
  sv: () => import('../i18n-sv.ts'), da: () => import('../i18n-da.ts'), nb: () => import('../i18n-nb.ts'), fi: () => import('../i18n-fi.ts'),
  cs: () => import('../i18n-cs.ts'), el: () => import('../i18n-el.ts'), ro: () => import('../i18n-ro.ts'), hu: () => import('../i18n-hu.ts'),
};

/** Each language's own name, for the picker. */
export const LANGUAGE_NAMES: Record<CaptureLanguage, string> = {
  en: 'English', fr: 'Français', nl: 'Nederlands', de: 'Deutsch', es: 'Español', sr: 'Srpski', 'zh-TW': '繁體中文', 'zh-CN': '简体中文',
  ar: 'العربية', he: 'עברית', fa: 'فارسی', ur: 'اردو', it: 'Italiano', pt: 'Português', pl: 'Polski', ru: 'Русский', uk: 'Українська',
  tr: 'Türkçe', ja: '日本語', ko: '한국어', hi: 'हिन्दी', id: 'Bahasa Indonesia', vi: 'Tiếng Việt', th: 'ไทย', sv: 'Svenska', da: 'Dansk',
  nb: 'Norsk bokmål', fi: 'Suomi', cs: 'Čeština', el: 'Ελληνικά', ro: 'Română', hu: 'Magyar',
};

export const language = signal<CaptureLanguage>('en');
const table = signal<Strings>(en);
export const isRtl = computed(() => RTL_LANGUAGES.includes(language.value));

/** Loads a language and switches the page to it (lang and dir on <html>). */
export async function setLanguage(lang: CaptureLanguage): Promise<void> {
  const strings = lang === 'en' ? en : (await LOADERS[lang]?.().then((m) => m.default).catch(() => undefined)) ?? en;
  table.value = strings;
  language.value = strings === en ? 'en' : lang;
  document.documentElement.lang = language.value;
  document.documentElement.dir = isRtl.value ? 'rtl' : 'ltr';
}

/** Translates with `{name}` placeholders filled from `vars`; reading the table subscribes the component. */
export const t: T = (key, vars = {}) => (table.value[key] ?? en[key]).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
export const hasKey = (key: string): key is Key => key in en;
