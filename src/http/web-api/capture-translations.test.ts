/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { CAPTURE_LANGUAGES, RTL_LANGUAGES } from '../../contract/capture-languages.ts';
import { LANGUAGES } from '../../domain/session/create-options.ts';
import { en } from '../../../web/src/i18n-en.ts';
import { pickLanguage } from './pick-language.ts';

/**
 * The capture app's translations (web/src/i18n-*.ts; tested here because vitest collects src/**):
 * every language has exactly English's keys, the same placeholders, and no string left in English.
 */
const files = import.meta.glob<{ default: Record<string, string> }>('../../../web/src/i18n-*.ts', { eager: true });
const table = (lang: string) => files[`../../../web/src/i18n-${lang.toLowerCase()}.ts`]?.default;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Values that are the same word in English and in that language (checked by a speaker, not a
 * loophole): each entry names the language and the key.
 */
const SAME_AS_ENGLISH = new Set<string>([]);

describe('capture app translations', () => {
  const others = CAPTURE_LANGUAGES.filter((l) => l !== 'en');

  it('offers at least 30 languages, right-to-left Arabic, Hebrew, Persian and Urdu among them, all accepted by create', () => {
    expect(CAPTURE_LANGUAGES.length).toBeGreaterThanOrEqual(30);
    expect([...RTL_LANGUAGES].sort()).toEqual(['ar', 'fa', 'he', 'ur']);
    expect([...LANGUAGES].sort()).toEqual([...CAPTURE_LANGUAGES].sort());
  });

  it.each(others)('%s has every key, no extra key, the same placeholders, and nothing left in English', (lang) => {
    const t = table(lang);
    expect(t, `web/src/i18n-${lang.toLowerCase()}.ts exports a default table`).toBeDefined();
    expect(Object.keys(t!).sort()).toEqual(Object.keys(en).sort());
    const untranslated: string[] = [];
    for (const [key, english] of Object.entries(en)) {
      const value = t![key]!;
      expect(value.trim().length, `${lang}.${key} is empty`).toBeGreaterThan(0);
      expect(placeholders(value), `${lang}.${key} placeholders`).toEqual(placeholders(english));
      if (value === english && !SAME_AS_ENGLISH.has(`${lang}.${key}`)) untranslated.push(key);
    }
    expect(untranslated, `${lang}: values identical to English`).toEqual([]);
  });

  it('the browser language is the default: Accept-Language picks any of the languages, the session option wins', () => {
    expect(pickLanguage(undefined, 'ar-EG,ar;q=0.9,en;q=0.5')).toBe('ar');
    expect(pickLanguage(undefined, 'he-IL')).toBe('he');
    expect(pickLanguage(undefined, 'no-NO,en;q=0.5')).toBe('nb');
    expect(pickLanguage(undefined, 'xx,fi;q=0.8')).toBe('fi');
    expect(pickLanguage('ur', 'de-DE')).toBe('ur');
    expect(pickLanguage(undefined, 'tlh')).toBe('en');
  });
});
