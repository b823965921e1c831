import type { DocupassData } from '../document/document-reading.ts';
import type { CheckResult } from './authentication-types.ts';
import type { CheckContext } from './check-context.ts';
import { fail, notPerformed, pass, round } from './check-context.ts';
import { KIND_RULES, mrzLineShape } from './document-rules.ts';
import { documentCoordinates, type Corners } from '../document/locate-document.ts';
import { normaliseName, normaliseNumber } from './known-documents.ts';

/** First letter of the document code each MRZ format allows (ICAO 9303 parts 4–7). */
const DOC_CODES: Record<string, RegExp> = { TD3: /^P/, MRVA: /^V/, MRVB: /^V/, TD1: /^[IAC]/, TD2: /^[IACP]/, FR_CNI: /^IDFRA/ };
/** Relative tolerance on the document's aspect ratio (perspective of a hand-held photo). */
export const ASPECT_TOLERANCE = 0.15;
/** Where the MRZ's centre may be, in document fractions: below its latest top by this much… */
const MRZ_HALF_HEIGHT = 0.1;
/** …and this far off the middle across (ICAO prints it centred between equal margins). */
const MRZ_MAX_OFF_CENTRE = 0.15;

/** Does the image that must carry the portrait, per the document kind, carry one? */
export function portraitExpectedOnFront(ctx: CheckContext): boolean | undefined {
  const kind = ctx.reading.documentKind;
  if (!kind || kind === 'UNKNOWN') return undefined;
  const rules = KIND_RULES[kind];
  const machineSideIsFront = !!ctx.frontSide?.mrzBox || (kind === 'AAMVA' && !ctx.input.back);
  if (rules.portraitOnMrzSide) return machineSideIsFront ? true : undefined;
  // TD1 / AAMVA: the portrait is on the front, the MRZ or barcode on the back.
  return machineSideIsFront ? undefined : true;
}

function visualAgreement(ctx: CheckContext): string[] {
  // The reader's own cross-check (names fuzzily, numbers and dates exactly) where it ran.
  const agreement = ctx.reading.visual?.agreement;
  if (agreement) return Object.entries(agreement).filter(([, same]) => same === false).map(([k]) => k);
  const v = ctx.reading.visual?.fields;
  if (!v) return [];
  const d = ctx.reading.data as Record<string, unknown>;
  const out: string[] = [];
  for (const [k, printed] of Object.entries(v)) {
    const src = ctx.reading.fieldSources[k as keyof DocupassData];
    const machine = d[k];
    if (!src || src === 'visual' || machine === undefined || !printed) continue;
    const a = /number/i.test(k) ? normaliseNumber(String(machine)) : normaliseName(String(machine));
    const b = /number/i.test(k) ? normaliseNumber(printed) : normaliseName(printed);
    if (a && b && a !== b) out.push(k);
  }
  return out;
}

/**
 * The layout matches the kind the reader recognised: document code and MRZ line shape, the MRZ
 * near the bottom and across the width, the document's aspect ratio (when its edges were found),
 * a portrait where the format prints one, and visual-zone fields equal to the MRZ/barcode.
 */
export async function checkFeatureReferencing(ctx: CheckContext): Promise<CheckResult> {
  const kind = ctx.reading.documentKind;
  if (!kind || kind === 'UNKNOWN') return notPerformed('the document kind could not be recognised');
  const rules = KIND_RULES[kind];
  const problems: string[] = [];
  const m: Record<string, number> = {};
  const mrz = ctx.reading.mrz;
  if (mrz) {
    const shape = mrzLineShape(mrz.format);
    if (mrz.lines.length !== shape.lines || mrz.lines.some((l) => l.length !== shape.length)) problems.push(`MRZ lines do not have the ${mrz.format} shape`);
    if (!DOC_CODES[mrz.format]!.test(mrz.lines[0] ?? '')) problems.push(`document code "${(mrz.lines[0] ?? '').slice(0, 2)}" does not belong on a ${mrz.format} document`);
  }
  const region = ctx.region;
  if (region?.corners && ctx.mrzBox) {
    // The outline is known: the MRZ's centre in the document's own frame (perspective undone).
    const [u, v] = documentCoordinates(region.corners as Corners, [ctx.mrzBox.x + ctx.mrzBox.w / 2, ctx.mrzBox.y + ctx.mrzBox.h / 2]);
    m.mrzCentreU = round(u, 2);
    m.mrzCentreV = round(v, 2);
    m.mrzWidth = round(ctx.mrzBox.w / region.box.w, 2);
    if (v < rules.mrzTopMin + MRZ_HALF_HEIGHT) problems.push('the MRZ is not at the bottom of the document');
    if (Math.abs(u - 0.5) > MRZ_MAX_OFF_CENTRE) problems.push('the MRZ is not centred across the document');
    if (m.mrzWidth < rules.mrzWidthMin) problems.push('the MRZ does not span the document width');
  } else if (region && ctx.mrzBox) {
    const top = (ctx.mrzBox.y - region.box.y) / region.box.h;
    const width = ctx.mrzBox.w / region.box.w;
    m.mrzTop = round(top, 2);
    m.mrzWidth = round(width, 2);
    if (region.source !== 'frame') {
      if (top < rules.mrzTopMin) problems.push('the MRZ is not at the bottom of the document');
      if (width < rules.mrzWidthMin) problems.push('the MRZ does not span the document width');
    } else if (top + ctx.mrzBox.h / region.box.h / 2 < 0.35) {
      problems.push('the MRZ is not at the bottom of the document');
    }
  }
  if (region && region.source !== 'frame') {
    m.aspect = round(region.aspect, 3);
    const fits = rules.aspects.some((a) => Math.abs(region.aspect / a - 1) <= ASPECT_TOLERANCE);
    if (!fits) problems.push(`aspect ratio ${region.aspect.toFixed(2)} does not match a ${kind} document`);
  }
  if (portraitExpectedOnFront(ctx)) {
    const faces = await ctx.faces();
    if (faces) {
      m.faces = faces.length;
      if (faces.length === 0) problems.push('no portrait where the format prints one');
    }
  }
  const disagree = visualAgreement(ctx);
  if (disagree.length) problems.push(`printed fields disagree with the machine-readable data (${disagree.join(', ')})`);
  return problems.length ? fail(`Layout does not match the document type: ${problems.join('; ')}`, m) : pass(m);
}
