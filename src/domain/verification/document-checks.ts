import countries from 'i18n-iso-countries';
import { isExpired } from '../matching/dates-match.ts';
import { documentNumberMatches } from '../matching/document-number-matches.ts';
import { latinFold } from '../matching/latin-fold.ts';
import { fail, missing, pass, type CheckResult } from './check-result.ts';
import { FailCode } from './fail-codes.ts';
import type { DocumentOutcome, VerificationData, VerificationOptions } from './verification-input.ts';
import { anyDoubtful, EXPIRY_FIELDS, notCertain, type Doubtful } from './doubtful-fields.ts';

const TYPE_NAMES: Record<string, string> = { P: 'passport', D: "driver's license", I: 'identity card', V: 'visa' };

/** `documenttype`: letters P, D, I; a visa (V) is never one of them. */
export function checkDocumentType(accepted: string[], data: VerificationData): CheckResult {
  if (!data.documentType) return missing('documenttype', 'document type');
  if (accepted.includes(data.documentType.toUpperCase())) return pass('documenttype');
  const names = accepted.map((t) => TYPE_NAMES[t] ?? t).join(', ');
  return fail('documenttype', FailCode.DocumentTypeNotAccepted, `Documents of this type (${TYPE_NAMES[data.documentType] ?? data.documentType}) are not accepted; accepted: ${names}.`);
}

function issuerIso2(data: VerificationData): string | undefined {
  if (data.issuerOrg_iso2) return data.issuerOrg_iso2.toUpperCase();
  return data.issuerOrg_iso3 ? countries.alpha3ToAlpha2(data.issuerOrg_iso3.toUpperCase()) : undefined;
}

/** `documentcountry`: the issuing country's ISO alpha-2 code must be listed. */
export function checkDocumentCountry(accepted: string[], data: VerificationData): CheckResult {
  const iso2 = issuerIso2(data);
  if (!iso2) return missing('documentcountry', 'issuing country');
  if (accepted.map((c) => c.toUpperCase()).includes(iso2)) return pass('documentcountry');
  return fail('documentcountry', FailCode.CountryNotAccepted, `Document was not issued by one of the accepted countries (${accepted.join(', ')}).`);
}

const regionKey = (s: string) => latinFold(s).replace(/[^A-Z0-9]/g, '');

/**
 * `documentregion`: a listed value equals the issuing region's full name or abbreviation, ignoring
 * case, accents and punctuation. A document that names no region (a passport, a national ID) was
 * not issued by a region at all, so it fails with 13 rather than 10.
 */
export function checkDocumentRegion(accepted: string[], data: VerificationData): CheckResult {
  const own = [data.issuerOrg_region_full, data.issuerOrg_region_abbr].filter((s): s is string => !!s).map(regionKey);
  if (accepted.some((r) => own.includes(regionKey(r)))) return pass('documentregion');
  return fail('documentregion', FailCode.RegionNotAccepted, `Document was not issued by one of the accepted regions (${accepted.join(', ')}).`);
}

/** `dualsidecheck`: only judged when both sides were read (a single side cannot contradict itself). */
export function checkDualSide(dual: NonNullable<DocumentOutcome['dualSide']>): CheckResult {
  if (dual.match) return pass('dualside');
  return fail('dualside', FailCode.FrontBackMismatch, `Information on the front and back of the document does not match (${dual.mismatches.join(', ')}).`);
}

/** `verify_expiry`: valid through the expiry date; no readable expiry date is key information missing. */
export function checkNotExpired(data: VerificationData, now: Date, doubtful?: Doubtful): CheckResult {
  const expired = isExpired(data, now);
  if (expired === null) return missing('notexpired', 'expiry date');
  // Nothing supplied can corroborate an expiry date: a doubtful one is as good as missing.
  if (anyDoubtful(doubtful, EXPIRY_FIELDS)) return notCertain('notexpired', 'expiry date');
  return expired ? fail('notexpired', FailCode.DocumentExpired, 'Document has expired.') : pass('notexpired');
}

export function checkDocumentNumber(expected: string, data: VerificationData, doubtful?: Doubtful): CheckResult {
  if (!data.documentNumber && !data.personalNumber) return missing('documentno', 'document number');
  // Numbers are compared exactly, so a match corroborates even a doubtful read; a mismatch with
  // a doubtful number may be the reader's slip, not the person's.
  if (documentNumberMatches(expected, data)) return pass('documentno');
  if (anyDoubtful(doubtful, ['documentNumber', 'personalNumber'])) return notCertain('documentno', 'document number');
  return fail('documentno', FailCode.DocumentNumberMismatch, 'Document number does not match the number provided.');
}

/** All document checks the options ask for, in `verification.result` order. */
export function documentChecks(o: VerificationOptions, doc: DocumentOutcome, now: Date): CheckResult[] {
  const out: CheckResult[] = [];
  const doubtful = doc.doubtful?.length ? new Set(doc.doubtful) : undefined;
  if (o.verify_expiry) out.push(checkNotExpired(doc.data, now, doubtful));
  if (o.verify_documentno) out.push(checkDocumentNumber(o.verify_documentno, doc.data, doubtful));
  if (o.documenttype?.length) out.push(checkDocumentType(o.documenttype, doc.data));
  if (o.documentcountry?.length) out.push(checkDocumentCountry(o.documentcountry, doc.data));
  if (o.documentregion?.length) out.push(checkDocumentRegion(o.documentregion, doc.data));
  if (o.dualsidecheck && doc.dualSide) out.push(checkDualSide(doc.dualSide));
  return out;
}
