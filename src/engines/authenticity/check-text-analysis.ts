import type { DocupassData } from '../document/document-reading.ts';
import { countryFromIcao } from '../document/country-names.ts';
import { parseMrz } from '../document/mrz-parse.ts';
import { aamvaNumberFits } from './aamva-number-formats.ts';
import type { CheckResult } from './authentication-types.ts';
import type { CheckContext } from './check-context.ts';
import { fail, notPerformed, pass } from './check-context.ts';
import { KIND_RULES } from './document-rules.ts';

/** ICAO 9303 part 3 codes that are not countries but are valid on documents. */
const ICAO_SPECIAL = new Set(['XXA', 'XXB', 'XXC', 'XXX', 'UNO', 'UNA', 'UNK', 'XOM', 'XPO', 'XCC', 'XES', 'XMP', 'XDC', 'XBT', 'XCE', 'XEC', 'XIM', 'EUE', 'RKS', 'ZIM']);
const CHECK_NAMES: Record<string, string> = { document_number: 'document number', documentNumber: 'document number', birth: 'birth date', birthDate: 'birth date', expiry: 'expiry date', expirationDate: 'expiry date', personal: 'personal number', personalNumber: 'personal number', optional: 'optional data', composite: 'composite' };

const ymd = (y?: number, m?: number, d?: number): number | undefined => (y && m && d ? Date.UTC(y, m - 1, d) : undefined);
const YEAR = 365.25 * 86_400_000;
const validYymmdd = (s: string): boolean => {
  if (!/^\d{6}$/.test(s)) return false;
  const m = Number(s.slice(2, 4));
  const d = Number(s.slice(4, 6));
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(2000 + Number(s.slice(0, 2)), m, 0)).getUTCDate();
};

/**
 * Text logic: every MRZ check digit, calendar-valid dates, birth < issue < expiry, a plausible
 * age and validity period for the kind, and field formats where the issuer's format is known
 * (ICAO codes and sex in the MRZ, AAMVA licence-number formats per state).
 */
export function checkTextAnalysis(ctx: CheckContext): CheckResult {
  const r = ctx.reading;
  const d: DocupassData = r.data;
  if (r.failure || Object.keys(d).length === 0) return notPerformed('no text could be read from the document');
  const problems: string[] = [];
  let checked = 0;

  if (r.mrz) {
    const bad = Object.entries(r.mrz.checkDigits).filter(([, ok]) => !ok).map(([k]) => CHECK_NAMES[k] ?? k);
    checked += Object.keys(r.mrz.checkDigits).length;
    if (bad.length) problems.push(`MRZ check digit invalid (${bad.join(', ')})`);
    if (!r.mrz.nameValid) problems.push('MRZ name field malformed');
    const p = parseMrz(r.mrz.lines);
    if (p) {
      if (!validYymmdd(p.fields.birth)) problems.push('MRZ birth date is not a calendar date');
      if (!validYymmdd(p.fields.expiry) && p.fields.expiry.replace(/</g, '') !== '') problems.push('MRZ expiry date is not a calendar date');
      for (const [label, code] of [['issuer', p.fields.issuer], ['nationality', p.fields.nationality]] as const) {
        const c = code.replace(/</g, '');
        if (c && !countryFromIcao(c) && !ICAO_SPECIAL.has(c)) problems.push(`MRZ ${label} code "${c}" is not an ICAO code`);
      }
      if (!/^[MFX<]$/.test(p.fields.sex)) problems.push('MRZ sex field is not M, F, X or <');
    }
  }

  const birth = ymd(d.dob_year, d.dob_month, d.dob_day);
  const issue = ymd(d.issued_year, d.issued_month, d.issued_day);
  const expiry = ymd(d.expiry_year, d.expiry_month, d.expiry_day);
  const now = ctx.now.getTime();
  const kind = r.documentKind && r.documentKind !== 'UNKNOWN' ? KIND_RULES[r.documentKind] : undefined;
  const maxValidity = kind?.maxValidityYears ?? 20;
  const measurements: Record<string, number> = {};
  if (birth !== undefined) {
    checked++;
    const age = (now - birth) / YEAR;
    measurements.ageYears = Math.round(age * 10) / 10;
    if (birth > now) problems.push('date of birth lies in the future');
    else if (age > 120) problems.push(`implausible age (${Math.floor(age)} years)`);
  }
  if (issue !== undefined) {
    checked++;
    if (issue > now + 86_400_000) problems.push('issue date lies in the future');
    if (birth !== undefined && issue < birth) problems.push('issue date precedes the date of birth');
    // A driving licence needs a holder of driving age (learner permits start at 14).
    const subfileDl = r.documentKind === 'AAMVA' && /DL\d{8}/.test(r.barcode?.raw.slice(0, 80) ?? '');
    if (subfileDl && birth !== undefined && (issue - birth) / YEAR < 14) problems.push('driving licence issued to a holder under 14');
  }
  if (expiry !== undefined) {
    checked++;
    if (birth !== undefined && expiry <= birth) problems.push('expiry date precedes the date of birth');
    if (issue !== undefined && expiry <= issue) problems.push('expiry date precedes the issue date');
    const validity = ((expiry - (issue ?? now)) / YEAR);
    measurements.validityYears = Math.round(validity * 10) / 10;
    // Arizona licences run to the holder's 65th birthday; elsewhere the kind's maximum applies.
    const azUntil65 = d.issuerOrg_region_abbr === 'AZ' && birth !== undefined && Math.abs(expiry - (birth + 65 * YEAR)) < YEAR;
    if (!azUntil65 && validity > maxValidity + 0.5) {
      problems.push(issue !== undefined ? `validity period of ${Math.round(validity)} years is implausible for this document type` : `expiry more than ${maxValidity} years ahead is implausible for this document type`);
    }
  }
  if (r.documentKind === 'AAMVA' && d.documentNumber && d.issuerOrg_region_abbr) {
    const fits = aamvaNumberFits(d.issuerOrg_region_abbr, d.documentNumber);
    if (fits !== undefined) {
      checked++;
      if (!fits) problems.push(`document number does not follow the ${d.issuerOrg_region_abbr} format`);
    }
  }
  measurements.fieldsChecked = checked;
  if (checked === 0) return notPerformed('no check digit, date or known field format to test', measurements);
  return problems.length ? fail(`Text analysis failed: ${problems.join('; ')}`, measurements) : pass(measurements);
}
