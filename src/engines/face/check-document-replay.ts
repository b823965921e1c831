import { alignedFace, detail, zncc } from './aligned-face.ts';
import type { FaceAnalysis } from './analyze-face.ts';
import { euclidean } from './confidence-from-distance.ts';
import type { AttackCheck } from './face-types.ts';

/**
 * Thresholds of the replay check; measured on the selfie-attack bench (BENCHMARKS.md, docs/selfie-liveness.md).
 * - maxDistance: a crop of the document's own portrait gives a descriptor distance ~0.05–0.2; two
 *   photos of one person taken apart never came that close on the shared pairs.
 * - minDetailCorrelation: the aligned crops' fine detail correlates ~0.6–0.95 for a replay, far
 *   lower for two different photos (expression, lighting and hair differ at that scale).
 */
export const REPLAY = {
  maxDistance: 0.2,
  minDetailCorrelation: 0.5,
  /** Either signal alone decides when it is this far past its threshold. */
  strongDistance: 0.12,
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
  const replay = distance < REPLAY.strongDistance || (distance < REPLAY.maxDistance && fine >= REPLAY.minDetailCorrelation);
  return replay
    ? { status: 'failed', code: 'selfie_document_replay', reason: 'the selfie face is the document portrait itself', measurements: m }
    : { status: 'passed', measurements: m };
}

const r4 = (v: number): number => Math.round(v * 10000) / 10000;
