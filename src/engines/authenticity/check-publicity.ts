import type { CheckResult } from './authentication-types.ts';
import type { CheckContext } from './check-context.ts';
import { fail, pass } from './check-context.ts';
import { cropGray } from './analysis-image.ts';
import { dHash, hammingDistance } from './dhash.ts';
import { loadKnownDocuments, normaliseName, normaliseNumber, type KnownDocuments } from './known-documents.ts';

export const PUBLIC_DOMAIN_REASON = 'This document could be obtained in the public domain';
/** dHash distance (of 64 bits) under which two images are taken as the same picture. */
export const HASH_MATCH_BITS = 10;

const tokens = (s: string): string[] => normaliseName(s).split(' ').filter(Boolean);

/** Numbers no issuer assigns but specimens love: one repeated digit or a plain counting run. */
export function isPlaceholderNumber(n: string): boolean {
  const s = normaliseNumber(n).replace(/^[A-Z]{1,3}(?=\d)/, '');
  if (s.length < 6 || !/^\d+$/.test(s)) return false;
  return /^(\d)\1+$/.test(s) || '01234567890123456789'.includes(s) || '98765432109876543210'.includes(s);
}

function textMatch(ctx: CheckContext, db: KnownDocuments): string | undefined {
  const d = ctx.reading.data;
  const nameParts = [d.lastName, d.firstName, d.middleName].filter((v): v is string => !!v);
  const docTokens = new Set(tokens(nameParts.length ? nameParts.join(' ') : (d.fullName ?? '')));
  const issuer = (d.issuerOrg_iso3 ?? '').toUpperCase();
  const nationality = (d.nationality_iso3 ?? '').toUpperCase();
  const mrzCodes = ctx.reading.mrz ? [ctx.reading.mrz.lines[0]!.slice(2, 5).replace(/</g, '')] : [];
  const codes = new Set([issuer, nationality, ...mrzCodes].filter(Boolean));
  for (const s of db.specimenIssuers) if (codes.has(s.code)) return `issuing state ${s.code} (${s.source})`;
  const words = new Set(db.specimenWords);
  const word = [...docTokens].find((t) => words.has(t));
  if (word) return `specimen word "${word}" in the name`;
  const numbers = [d.documentNumber, d.personalNumber].filter((v): v is string => !!v).map(normaliseNumber);
  for (const k of db.documents) {
    const byNumber = k.numbers?.some((n) => normaliseNumber(n).length >= 6 && numbers.includes(normaliseNumber(n)));
    if (byNumber) return `specimen number of ${k.source}`;
    const byName = docTokens.size > 1 && k.names?.some((n) => {
      const t = tokens(n);
      return t.length === docTokens.size && t.every((x) => docTokens.has(x));
    });
    if (byName && (!k.commonName || (k.issuer && codes.has(k.issuer)))) return `specimen name of ${k.source}`;
  }
  const visual = ctx.reading.visual?.text ? tokens(ctx.reading.visual.text) : [];
  const printed = visual.find((t) => words.has(t) && t.length >= 6);
  if (printed) return `"${printed}" printed on the document`;
  const placeholder = numbers.find(isPlaceholderNumber);
  if (placeholder) return `placeholder document number ${placeholder}`;
  return undefined;
}

/** The image's own dHash and its document region's, for lookup in (and addition to) the database. */
export async function imageHashes(ctx: Pick<CheckContext, 'front' | 'region'>): Promise<string[]> {
  if (!ctx.front) return [];
  const out = [await dHash(ctx.front.work)];
  if (ctx.region && ctx.region.source !== 'frame') out.push(await dHash(cropGray(ctx.front.work, ctx.region.box)));
  return out;
}

/**
 * Is this a document anyone can find published? Specimen issuers (ICAO's Utopia), specimen words
 * in the name or print, names and numbers of known specimens, placeholder numbers, and a
 * perceptual-hash match with known specimen images (shipped, plus those added with the CLI).
 */
export async function checkPublicity(ctx: CheckContext): Promise<CheckResult> {
  const db = loadKnownDocuments(ctx.input.dataDir);
  const byText = textMatch(ctx, db);
  const hashes = await imageHashes(ctx);
  let best = 64;
  let bestId: string | undefined;
  for (const h of hashes) {
    for (const k of db.imageHashes) {
      const dist = hammingDistance(h, k.dhash);
      if (dist < best) { best = dist; bestId = `${k.id} (${k.source})`; }
    }
  }
  const measurements = { nearestKnownImageBits: best, knownDocuments: db.documents.length, knownImages: db.imageHashes.length };
  if (best <= HASH_MATCH_BITS) return fail(`${PUBLIC_DOMAIN_REASON}: the image matches known specimen ${bestId}`, measurements);
  if (byText) return fail(`${PUBLIC_DOMAIN_REASON}: ${byText}`, measurements);
  return pass(measurements);
}
