import { analyzeFaceImage, type FaceAnalysis } from './analyze-face.ts';
import { confidenceFromDistance, euclidean } from './confidence-from-distance.ts';
import { faceFailure } from './face-rules.ts';
import { humanFaces } from './human-face.ts';
import type { CompareFacesInput, FaceBox, FaceComparison, FaceSignals } from './face-types.ts';

/**
 * Compares the portrait on an identity document with a selfie. A failure (no face, several
 * faces, too small, blurred, eyes closed, mismatch) comes back as `failure` with a human reason;
 * the caller maps any failure to DocuPass fail code 3 "Biometric verification failed".
 */
export async function compareFaces(input: CompareFacesInput): Promise<FaceComparison> {
  const doc = await analyzeDocument(input.document, input.documentPortraitBox);
  if (doc.failure) return failed(input.threshold, doc, null, doc.failure);
  const selfie = await analyzeFaceImage(input.selfie, 'selfie');
  const signals = await selfieSignals(selfie, input.signals ?? true);
  if (selfie.failure) return { ...failed(input.threshold, doc, selfie, selfie.failure), signals };
  return decide(input.threshold, doc, selfie, signals);
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
 * Presentation-attack signals, reported and never used to decide: human's antispoof and
 * liveness models are not calibrated on our data, and sharpness/glare only hint at a replay.
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
