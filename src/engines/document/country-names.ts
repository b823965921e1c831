import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries') as {
  alpha3ToAlpha2(c: string): string | undefined;
  getName(c: string, lang: string): string | undefined;
  registerLocale(l: unknown): void;
};
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** ICAO 9303 codes that are not ISO 3166 alpha-3 (Germany's `D`, British nationality variants). */
const ICAO_ALIASES: Record<string, string> = { D: 'DEU', GBD: 'GBR', GBN: 'GBR', GBO: 'GBR', GBP: 'GBR', GBS: 'GBR' };

export type Country = { iso2: string; iso3: string; full: string };

export function countryFromIcao(code: string): Country | undefined {
  const iso3 = ICAO_ALIASES[code] ?? code;
  const iso2 = countries.alpha3ToAlpha2(iso3);
  if (!iso2) return undefined;
  const full = countries.getName(iso2, 'en');
  return full ? { iso2, iso3, full } : undefined;
}

export function countryFromIso2(iso2: string): Country | undefined {
  const full = countries.getName(iso2, 'en');
  const iso3 = (countries as unknown as { alpha2ToAlpha3(c: string): string | undefined }).alpha2ToAlpha3(iso2);
  return full && iso3 ? { iso2, iso3, full } : undefined;
}
