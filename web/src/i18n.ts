import { en, type Strings } from './i18n-en.ts';
import { fr } from './i18n-fr.ts';
import { nl } from './i18n-nl.ts';
import { de } from './i18n-de.ts';
import { es } from './i18n-es.ts';
import { sr } from './i18n-sr.ts';
import { zhTW } from './i18n-zh-tw.ts';
import { zhCN } from './i18n-zh-cn.ts';
import type { CaptureLanguage } from '../../src/contract/capture-api.ts';

const ALL: Partial<Record<CaptureLanguage, Strings>> = { en, fr, nl, de, es, sr, 'zh-TW': zhTW, 'zh-CN': zhCN };
export type Key = keyof Strings;

/** A translator for one language; `{name}` placeholders are filled from `vars`. */
export function translator(lang: CaptureLanguage) {
  const table = ALL[lang] ?? en;
  return (key: Key, vars: Record<string, string | number> = {}) => table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
export type T = ReturnType<typeof translator>;
