import { loadAnalysisImage, UndecodableImageError, type AnalysisImage } from './analysis-image.ts';
import { combineScore } from './authentication-score.ts';
import type { AuthenticateInput, AuthenticateModule, Authentication, CheckName, CheckResult, PortraitFace } from './authentication-types.ts';
import { checkBiometric } from './check-biometric.ts';
import type { CheckContext } from './check-context.ts';
import { checkDataVisibility } from './check-data-visibility.ts';
import { checkExif } from './check-exif.ts';
import { checkFeatureReferencing } from './check-feature-referencing.ts';
import { checkImageQuality } from './check-image-quality.ts';
import { checkPublicity } from './check-publicity.ts';
import { checkRecapture } from './check-recapture.ts';
import { checkSecurityFeatures } from './check-security-features.ts';
import { checkTextAnalysis } from './check-text-analysis.ts';
import { findDocumentRegion, regionFromCorners } from './document-region.ts';
import type { Rect } from '../document/document-reading.ts';
import { locateDocument, type Corners, type DocumentLocation, type LayoutFormat } from '../document/locate-document.ts';
import { shrinkGray } from './pixel-stats.ts';
import { detectPortraitFaces, toFineBox } from './portrait-faces.ts';

/**
 * What each module runs. Module 1 is the original seven-check set (the breakdown of DocuPass's
 * v1 results, as in the API reference's failed-session example); module 2 adds the two checks
 * that look for physical fraud in the pixels — security_feature_check and recapture_check.
 * `quick` is the "quick check against fake ID database": publicity and text logic only.
 */
export const MODULE_CHECKS: Record<AuthenticateModule, CheckName[]> = {
  '1': ['data_visibility', 'image_quality', 'feature_referencing', 'exif_check', 'publicity_check', 'text_analysis', 'biometric_analysis'],
  '2': ['data_visibility', 'image_quality', 'feature_referencing', 'exif_check', 'publicity_check', 'text_analysis', 'biometric_analysis', 'security_feature_check', 'recapture_check'],
  quick: ['publicity_check', 'text_analysis'],
};


async function decodeFront(input: AuthenticateInput, rotation: number): Promise<AnalysisImage | undefined> {
  try {
    return await loadAnalysisImage(input.front, rotation);
  } catch (e) {
    if (e instanceof UndecodableImageError) return undefined;
    throw e;
  }
}

/** Outlines are used when at least this share of them is backed by edges (true ones measured 0.97–1). */
const MIN_OUTLINE_CONFIDENCE = 0.9;

/**
 * The document's outline and portrait zone on the work raster, when the reader gave no corners.
 * The MRZ (when read on this side) must lie inside and marks the bottom; its format picks the
 * aspect ratio and the layout.
 */
function locateFront(front: AnalysisImage, reading: AuthenticateInput['reading'], mrzBox: Rect | undefined): DocumentLocation | undefined {
  const format: LayoutFormat | undefined = reading.mrz?.format ?? (reading.documentKind === 'AAMVA' ? 'AAMVA' : undefined);
  // At half the work size (~500 px): the outline to a pixel or two there is plenty for layout checks, at a third of the cost.
  const half = shrinkGray(front.work.gray, front.work.width, front.work.height, 2);
  const k = (b: Rect): Rect => ({ x: b.x / 2, y: b.y / 2, w: b.w / 2, h: b.h / 2 });
  const loc = locateDocument({ data: half.gray, width: half.width, height: half.height }, { mrzBox: mrzBox && k(mrzBox), format });
  if (!loc.corners || loc.confidence < MIN_OUTLINE_CONFIDENCE) return undefined;
  const up = (b: Rect): Rect => ({ x: b.x * 2 + 0.5, y: b.y * 2 + 0.5, w: b.w * 2, h: b.h * 2 });
  return { ...loc, corners: loc.corners.map(([x, y]) => [x * 2 + 0.5, y * 2 + 0.5]) as Corners, ...(loc.portraitBox && { portraitBox: up(loc.portraitBox) }) };
}

/** Runs the module's checks on a document already read by the document engine, and scores them. */
export async function authenticateDocument(input: AuthenticateInput): Promise<Authentication> {
  const frontSide = input.reading.sides[0];
  const rotation = frontSide?.rotation ?? 0;
  const front = await decodeFront(input, rotation);
  const mrzBox = front && frontSide?.mrzBox && frontSide.width > 0
    ? (({ x, y, w, h }) => { const s = front.work.width / frontSide.width; return { x: x * s, y: y * s, w: w * s, h: h * s }; })(frontSide.mrzBox)
    : undefined;
  const located = front && !frontSide?.documentCorners ? locateFront(front, input.reading, mrzBox) : undefined;
  const region = front ? (located?.corners ? regionFromCorners(located.corners) : findDocumentRegion(front.work, frontSide)) : undefined;
  const portraitZone = located?.corners && located.portraitBox && front
    ? (({ x, y, w, h }) => { const s = front.fine.width / front.work.width; return { x: x * s, y: y * s, w: w * s, h: h * s }; })(located.portraitBox)
    : undefined;
  let facesPromise: Promise<PortraitFace[] | undefined> | undefined;
  const faces = () => {
    facesPromise ??= (async () => {
      if (!front) return undefined;
      if (input.portraitFaces) return input.portraitFaces.map((f) => ({ ...f, box: toFineBox(f.box, front, rotation) }));
      return detectPortraitFaces(front);
    })();
    return facesPromise;
  };
  const ctx: CheckContext = { input, reading: input.reading, now: input.now, front, frontSide, region, mrzBox, portraitZone, faces };

  const run: Record<CheckName, () => CheckResult | Promise<CheckResult>> = {
    data_visibility: () => checkDataVisibility(ctx),
    image_quality: () => checkImageQuality(ctx),
    feature_referencing: () => checkFeatureReferencing(ctx),
    exif_check: () => checkExif(input.front, input.now),
    publicity_check: () => checkPublicity(ctx),
    text_analysis: () => checkTextAnalysis(ctx),
    biometric_analysis: () => checkBiometric(ctx),
    security_feature_check: () => checkSecurityFeatures(ctx),
    recapture_check: () => checkRecapture(ctx),
  };
  const results: Partial<Record<CheckName, CheckResult>> = {};
  const timingsMs: Partial<Record<CheckName, number>> = {};
  for (const name of MODULE_CHECKS[input.module]) {
    const t0 = performance.now();
    results[name] = await run[name]();
    timingsMs[name] = Math.round((performance.now() - t0) * 10) / 10;
  }

  const out: Authentication = { score: combineScore(results), breakdown: {}, warning: [], module: input.module, details: {}, timingsMs };
  for (const [name, r] of Object.entries(results) as Array<[CheckName, CheckResult]>) {
    out.breakdown[name] = r.reason ? { passed: r.passed, reason: r.reason } : { passed: r.passed };
    out.details[name] = { performed: r.performed, ...(r.measurements && { measurements: r.measurements }) };
    if (!r.passed && r.reason) out.warning.push(r.reason);
  }
  return out;
}

/** The block as the callback and the Core API show it: no measurements, no module echo. */
export function publicAuthentication(a: Authentication): Pick<Authentication, 'score' | 'breakdown' | 'warning'> {
  return { score: a.score, breakdown: a.breakdown, warning: a.warning };
}
