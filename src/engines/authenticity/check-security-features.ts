import { IIN } from '../document/aamva-jurisdictions.ts';
import { parseMrz } from '../document/mrz-parse.ts';
import type { CheckResult } from './authentication-types.ts';
import { splitPortraits } from './check-biometric.ts';
import type { CheckContext } from './check-context.ts';
import { fail, notPerformed, pass } from './check-context.ts';
import { normaliseName, normaliseNumber } from './known-documents.ts';

const mrzDateOf = (aamva: string | undefined, us: boolean): string | undefined => {
  // AAMVA dates are MMDDCCYY in the US and CCYYMMDD in Canada; the MRZ prints YYMMDD.
  if (!aamva || !/^\d{8}$/.test(aamva)) return undefined;
  return us ? aamva.slice(6, 8) + aamva.slice(0, 4) : aamva.slice(2, 8);
};

/**
 * Only what a photo can show: the barcode's header against its own issuer field (the IIN names
 * the jurisdiction that encoded it), the barcode's data against the MRZ printed on the same
 * document, and a ghost image beside the portrait. Where none of these exists for a document,
 * the check is reported as not performed instead of passed.
 */
export async function checkSecurityFeatures(ctx: CheckContext): Promise<CheckResult> {
  const r = ctx.reading;
  const problems: string[] = [];
  let measured = 0;
  const m: Record<string, number> = {};
  const bc = r.barcode;
  if (bc && Object.keys(bc.fields).length) {
    const iin = /ANSI ?(\d{6})/.exec(bc.raw)?.[1] ?? /AAMVA(\d{6})/.exec(bc.raw)?.[1];
    const dajState = bc.fields.DAJ?.trim().toUpperCase();
    const j = iin ? IIN[iin] : undefined;
    if (j && dajState) {
      measured++;
      m.barcodeIssuerConsistent = j.abbr === dajState ? 1 : 0;
      if (j.abbr !== dajState) problems.push(`barcode issuer number ${iin} belongs to ${j.abbr}, but the barcode says ${dajState}`);
    }
    if (r.mrz) {
      const p = parseMrz(r.mrz.lines);
      if (p) {
        measured++;
        const us = (bc.fields.DCG ?? 'USA').toUpperCase() !== 'CAN';
        const diffs: string[] = [];
        const num = bc.fields.DAQ && normaliseNumber(bc.fields.DAQ);
        if (num && !normaliseNumber(p.fields.documentNumber).includes(num) && !num.includes(normaliseNumber(p.fields.documentNumber))) diffs.push('document number');
        const last = bc.fields.DCS && normaliseName(bc.fields.DCS);
        if (last && normaliseName(p.fields.surname) !== last) diffs.push('surname');
        const dob = mrzDateOf(bc.fields.DBB, us);
        if (dob && dob !== p.fields.birth) diffs.push('date of birth');
        m.barcodeMrzDifferences = diffs.length;
        if (diffs.length) problems.push(`barcode and printed MRZ disagree (${diffs.join(', ')})`);
      }
    }
  }
  const faces = ctx.front ? await ctx.faces() : undefined;
  if (faces) {
    const { main, ghosts } = splitPortraits(faces);
    if (main && ghosts.length) {
      measured++;
      m.ghostImage = 1;
    }
  }
  m.featuresMeasured = measured;
  if (measured === 0) return notPerformed('no security feature can be measured from this photo (no barcode to compare with the printed data, no ghost image found)', m);
  return problems.length ? fail(`Security feature check failed: ${problems.join('; ')}`, m) : pass(m);
}
