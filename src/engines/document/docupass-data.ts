import type { AamvaRecord, Ymd } from './aamva-parse.ts';
import { countryFromIcao, countryFromIso2 } from './country-names.ts';
import type { DocupassData } from './document-reading.ts';
import { cut, layoutFor } from './mrz-layout.ts';
import type { MrzParse } from './mrz-parse.ts';

const pad = (n: number) => String(n).padStart(2, '0');
export const fmtYmd = (d: Ymd) => `${d.year}/${pad(d.month)}/${pad(d.day)}`;
const DAY = 86_400_000;
const utc = (d: Ymd) => Date.UTC(d.year, d.month - 1, d.day);

export function validYmd(year: number, month: number, day: number): Ymd | undefined {
  const t = new Date(Date.UTC(year, month - 1, day));
  return t.getUTCMonth() === month - 1 && t.getUTCDate() === day ? { year, month, day } : undefined;
}

/** MRZ dates carry two-digit years: a birth date is never in the future, an expiry rarely > 50 years out. */
export function mrzDate(yymmdd: string, kind: 'birth' | 'expiry', now: Date): Ymd | undefined {
  if (!/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = +yymmdd.slice(0, 2), mm = +yymmdd.slice(2, 4), dd = +yymmdd.slice(4, 6);
  const nowYear = now.getUTCFullYear();
  let year = 2000 + yy;
  if (kind === 'birth' && year > nowYear) year -= 100;
  if (kind === 'expiry' && year > nowYear + 50) year -= 100;
  return validYmd(year, mm, dd);
}

function age(dob: Ymd, now: Date): number {
  let a = now.getUTCFullYear() - dob.year;
  if (now.getUTCMonth() + 1 < dob.month || (now.getUTCMonth() + 1 === dob.month && now.getUTCDate() < dob.day)) a--;
  return a;
}

/** Fills the DocuPass date fields and what derives from them (age, days to expiry, days from issue). */
export function putDates(d: DocupassData, now: Date, dates: { dob?: Ymd; expiry?: Ymd; issued?: Ymd }) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (dates.dob) Object.assign(d, { dob_day: dates.dob.day, dob_month: dates.dob.month, dob_year: dates.dob.year, dob: fmtYmd(dates.dob), age: age(dates.dob, now) });
  if (dates.expiry) Object.assign(d, { expiry_day: dates.expiry.day, expiry_month: dates.expiry.month, expiry_year: dates.expiry.year, expiry: fmtYmd(dates.expiry), daysToExpiry: Math.round((utc(dates.expiry) - today) / DAY) });
  if (dates.issued) Object.assign(d, { issued_day: dates.issued.day, issued_month: dates.issued.month, issued_year: dates.issued.year, issued: fmtYmd(dates.issued), daysFromIssue: Math.round((today - utc(dates.issued)) / DAY) });
}

const fullName = (...parts: Array<string | undefined>) => parts.filter(Boolean).join(' ');

/** Names read from a printed zone (surname and given names as printed): the first given name, the rest as middle names, and the full name. */
export function putPrintedNames(d: DocupassData, surname: string | undefined, given: string | undefined) {
  if (surname) d.lastName = surname;
  if (given) {
    const [first, ...rest] = given.split(' ');
    d.firstName = first;
    if (rest.length) d.middleName = rest.join(' ');
  }
  if (surname || given) d.fullName = fullName(given, surname);
}

/**
 * Given names one per entry. Where they have their own field (the French card) names are split by
 * `<<` and a single `<` stays inside a compound name (JEAN<PIERRE); in ICAO name fields every
 * `<` separates.
 */
function givenNameList(p: MrzParse): string[] {
  const span = layoutFor(p.lines.length, p.lines[0]?.length ?? 0, p.lines[0]?.slice(0, 5) ?? '')?.givenNames;
  if (!span) return p.fields.givenNames.split(' ').filter(Boolean);
  return cut(p.lines, span).split(/<<+/).map((n) => n.replace(/</g, ' ').trim()).filter(Boolean);
}

/**
 * Issue year and month where the MRZ encodes them (the French card's number). The day is not
 * there, so `issued`, `issued_day` and `daysFromIssue` stay absent rather than guessed.
 */
function putIssueMonth(d: DocupassData, yymm: string | undefined, now: Date) {
  if (!yymm || !/^\d{4}$/.test(yymm)) return;
  const month = +yymm.slice(2, 4);
  let year = 2000 + +yymm.slice(0, 2);
  if (year > now.getUTCFullYear()) year -= 100;
  if (month >= 1 && month <= 12) Object.assign(d, { issued_year: year, issued_month: month });
}

export function dataFromMrz(p: MrzParse, now: Date): DocupassData {
  const f = p.fields;
  const given = givenNameList(p);
  const d: DocupassData = {};
  if (f.documentNumber) d.documentNumber = f.documentNumber;
  if (given[0]) d.firstName = given[0];
  if (given.length > 1) d.middleName = given.slice(1).join(' ');
  if (f.surname) d.lastName = f.surname;
  d.fullName = fullName(f.givenNames, f.surname);
  if (f.personalNumber) d.personalNumber = f.personalNumber;
  if (f.sex === 'M' || f.sex === 'F' || f.sex === 'X') d.sex = f.sex;
  const code = f.documentCode[0];
  d.documentType = code === 'P' ? 'P' : code === 'V' ? 'V' : 'I';
  const issuer = countryFromIcao(f.issuer);
  if (issuer) Object.assign(d, { issuerOrg_full: issuer.full, issuerOrg_iso2: issuer.iso2, issuerOrg_iso3: issuer.iso3 });
  const nat = countryFromIcao(f.nationality);
  if (nat) Object.assign(d, { nationality_full: nat.full, nationality_iso2: nat.iso2, nationality_iso3: nat.iso3 });
  putDates(d, now, { dob: mrzDate(f.birth, 'birth', now), expiry: mrzDate(f.expiry, 'expiry', now) });
  putIssueMonth(d, f.issued, now);
  return d;
}

export function dataFromAamva(r: AamvaRecord, now: Date): DocupassData {
  const d: DocupassData = {};
  if (r.documentNumber) d.documentNumber = r.documentNumber;
  if (r.firstName) d.firstName = r.firstName;
  if (r.middleName) d.middleName = r.middleName;
  if (r.lastName) d.lastName = r.lastName;
  d.fullName = fullName(r.firstName, r.middleName, r.lastName, r.suffix);
  if (r.sex) d.sex = r.sex;
  if (r.heightCm) d.height = String(r.heightCm);
  if (r.weightKg) d.weight = r.weightKg.toFixed(1);
  if (r.street) d.address1 = r.street;
  const cityLine = [r.city, r.state].filter(Boolean).join(' ');
  if (cityLine) d.address2 = cityLine;
  if (r.postcode) d.postcode = r.postcode;
  if (r.documentDiscriminator) d.internalId = r.documentDiscriminator;
  d.documentType = r.subfile === 'DL' ? 'D' : 'I';
  if (r.jurisdiction) Object.assign(d, { issuerOrg_region_full: r.jurisdiction.name, issuerOrg_region_abbr: r.jurisdiction.abbr });
  const c = countryFromIso2(r.country);
  if (c) Object.assign(d, { issuerOrg_full: c.full, issuerOrg_iso2: c.iso2, issuerOrg_iso3: c.iso3, nationality_full: c.full, nationality_iso2: c.iso2, nationality_iso3: c.iso3 });
  putDates(d, now, { dob: r.dob, expiry: r.expiry, issued: r.issued });
  return d;
}
