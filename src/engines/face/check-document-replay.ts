import { alignedFace, detail, zncc } from './aligned-face.ts';
import type { FaceAnalysis } from './analyze-face.ts';
import { euclidean } from './confidence-from-distance.ts';
import type { AttackCheck } from './face-types.ts';

/**
 * Thresholds of the replay check; measured on the selfie-attack bench (BENCHMARKS.md, docs/selfie-liveness.md).
 * - strongDistance: a crop of the document's own portrait gives a descriptor distance ~0.07–0.2;
 *   two different photos of one person came no closer than 0.28 on the shared pairs.
 * - maxDistance + minAlignedCorrelation: a photo of the whole document, or a crop rescaled and
 *   re-encoded several times, drifts to ~0.26, but its aligned grey crop still matches the
 *   portrait's (correlation ≥ ~0.87); two genuine photos that close in descriptor space (a
 *   frontal, neutral pose twice) correlated up to 0.91 at distance 0.286, hence the tighter distance.
 */
export const REPLAY = {
  strongDistance: 0.2,
  maxDistance: 0.27,
  minAlignedCorrelation: 0.86,
};

/** Is the selfie's face the document portrait itself (cropped, scaled, re-encoded, or photographed)? */
export function checkDocumentReplay(doc: FaceAnalysis, selfie: FaceAnalysis): AttackCheck {
  const dd = doc.descriptor ?? doc.rawDescriptor;
  const sd = selfie.descriptor ?? selfie.rawDescriptor;
  if (!doc.image || !doc.landmarks || !dd) return { status: 'not_performed', reason: 'no face was found on the document to compare with', measurements: {} };
  if (!selfie.image || !selfie.landmarks || !sd) return { status: 'not_performed', reason: 'no face was found in the selfie', measurements: {} };
  const distance = euclidean(dd, sd);
  const a = alignedFace(doc.image, doc.landmarks);
  const b = alignedFace(selfie.image, selfie.landmarks);
  const grey = zncc(a, b);
  const fine = zncc(detail(a), detail(b));
  const m = { replayDistance: r4(distance), alignedCorrelation: r4(grey), detailCorrelation: r4(fine) };
  const replay = distance < REPLAY.strongDistance || (distance < REPLAY.maxDistance && grey >= REPLAY.minAlignedCorrelation);
  return replay
    ? { status: 'failed', code: 'selfie_document_replay', reason: 'the selfie face is the document portrait itself', measurements: m }
    : { status: 'passed', measurements: m };
}

const r4 = (v: number): number => Math.round(v * 10000) / 10000;
