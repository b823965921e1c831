import { analyzeDecoded, analyzeFaceImage, type FaceAnalysis } from './analyze-face.ts';
import { confidenceFromDistance, euclidean } from './confidence-from-distance.ts';
import { faceFailure } from './face-rules.ts';
import { decodeImage, MAX_SIDE, type RgbImage } from './decode-image.ts';
import { humanFaces } from './human-face.ts';
import { attackFailure, detectPresentationAttack } from './presentation-attack.ts';
import type { CompareFacesInput, FaceBox, FaceComparison, FaceSignals } from './face-types.ts';

/**
 * Compares the portrait on an identity document with a selfie. A failure (no face, several
 * faces, too small, blurred, eyes closed, mismatch) comes back as `failure` with a human reason;
 * the caller maps any failure to DocuPass fail code 3 "Biometric verification failed".
 */
export async function compareFaces(input: CompareFacesInput): Promise<FaceComparison> {
  const doc = await analyzeDocument(input.document, input.documentPortraitBox);
  if (doc.failure) return withoutDocumentFace(input, doc);
  return compareWithDocument(doc, input);
}

/** The selfie side of `compareFaces` once the document's face is known (the bench reuses one document analysis). */
export async function compareWithDocument(doc: FaceAnalysis, input: Omit<CompareFacesInput, 'document' | 'documentPortraitBox'>): Promise<FaceComparison> {
  const fine = input.attackChecks === false ? undefined : await fineImage(input.selfie);
  const selfie = await analyzeSelfie(input.selfie, fine);
  const signals = await selfieSignals(selfie, input.signals ?? true);
  // An attack outranks every other finding: its reason is the one that helps the person.
  const attack = input.attackChecks === false ? undefined : detectPresentationAttack(doc, selfie, signals, input.livenessThreshold, fine);
  if (attack) signals.presentationAttack = attack;
  const refused = attack && attackFailure(attack);
  if (selfie.failure || refused) return { ...failed(input.threshold, doc, selfie, refused ?? selfie.failure), signals };
  return decide(input.threshold, doc, selfie, signals);
}

/**
 * The selfie at up to FINE_SIDE px for the recapture check: a screen's pixel grid or a print's
 * dots 2–3 camera pixels apart do not survive the 1280 px analysis copy.
 */
const FINE_SIDE = 2048;
async function fineImage(bytes: Uint8Array): Promise<RgbImage | undefined> {
  try {
    return await decodeImage(bytes, { maxSide: FINE_SIDE });
  } catch {
    return undefined;
  }
}

/**
 * The selfie's analysis. A selfie no larger than the analysis size (MAX_SIDE) decodes to the same
 * pixels at both sizes, so the fine copy is analysed instead of decoding the photo twice.
 */
async function analyzeSelfie(bytes: Uint8Array, fine: RgbImage | undefined): Promise<FaceAnalysis> {
  if (fine && Math.max(fine.width, fine.height) <= MAX_SIDE) return analyzeDecoded(fine, 'selfie');
  return analyzeFaceImage(bytes, 'selfie');
}

/**
 * The document's face: inside the portrait box the document reader reported, when there is one,
 * else (or when the box holds no face, e.g. a misread layout) on the whole document.
 */
export async function analyzeDocument(document: Uint8Array, portraitBox?: FaceBox): Promise<FaceAnalysis> {
  if (portraitBox) {
    const inBox = await analyzeFaceImage(document, 'document', { crop: widenBox(portraitBox) });
    if (inBox.failure?.code !== 'document_no_face') return inBox;
  }
  return analyzeFaceImage(document, 'document');
}

/**
 * No usable face on the document: no comparison, but the selfie is still checked for the attacks
 * that need no portrait (document in frame, screen, print, liveness), so the stored result says
 * what was and was not performed.
 */
async function withoutDocumentFace(input: CompareFacesInput, doc: FaceAnalysis): Promise<FaceComparison> {
  const base = failed(input.threshold, doc, null, doc.failure);
  if (input.attackChecks === false) return base;
  const fine = await fineImage(input.selfie);
  const selfie = await analyzeSelfie(input.selfie, fine);
  const signals = await selfieSignals(selfie, input.signals ?? true);
  signals.presentationAttack = detectPresentationAttack(null, selfie, signals, input.livenessThreshold, fine);
  return { ...base, selfie: selfie.detection, signals };
}

/** Identity decision once both faces have descriptors. Shared with the video analysis. */
export function decide(threshold: number, doc: FaceAnalysis, selfie: FaceAnalysis, signals: FaceSignals): FaceComparison {
  const distance = euclidean(doc.descriptor!, selfie.descriptor!);
  const confidence = confidenceFromDistance(distance);
  const isIdentical = confidence >= threshold;
  return {
    isIdentical,
    confidence,
    distance: Math.round(distance * 10000) / 10000,
    threshold,
    document: doc.detection,
    selfie: selfie.detection,
    ...(isIdentical ? {} : { failure: faceFailure('face_mismatch') }),
    signals,
    selfieEmbedding: [...selfie.descriptor!],
  };
}

export function failed(threshold: number, doc: FaceAnalysis, selfie: FaceAnalysis | null, failure: FaceComparison['failure']): FaceComparison {
  return {
    isIdentical: false,
    confidence: 0,
    distance: Number.NaN,
    threshold,
    document: doc.detection,
    selfie: selfie?.detection ?? null,
    failure,
    signals: {},
  };
}

/**
 * Selfie signals: sharpness, glare and human's antispoof and liveness scores. The presentation-attack
 * checks (presentation-attack.ts) decide on them; sharpness and glare are only reported.
 */
export async function selfieSignals(selfie: FaceAnalysis, withModels: boolean): Promise<FaceSignals> {
  const signals: FaceSignals = {};
  if (selfie.detection) signals.selfieSharpness = selfie.detection.quality.sharpness;
  if (selfie.glare !== null) signals.selfieGlare = selfie.glare;
  if (withModels && selfie.image && selfie.detection) {
    try {
      const faces = await humanFaces(selfie.image);
      const main = faces.sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h)[0];
      if (main?.antispoof !== undefined) signals.antispoof = main.antispoof;
      if (main?.liveness !== undefined) signals.liveness = main.liveness;
    } catch {
      // Signals are optional extras; a failure to compute them must not fail the comparison.
    }
  }
  return signals;
}

/** Grows a portrait box so the detector sees the whole head, not only the inner face. */
export function widenBox(b: FaceBox, by = 0.3): FaceBox {
  return { x: b.x - b.w * by, y: b.y - b.h * by, w: b.w * (1 + 2 * by), h: b.h * (1 + 2 * by) };
}
