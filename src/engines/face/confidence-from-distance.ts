/**
 * Maps the Euclidean distance between two dlib ResNet descriptors to a 0–1 confidence.
 *
 *   confidence = 1 / (1 + exp((distance − 0.56) / 0.05))
 *
 * The curve is anchored on the calibration set (`face-verification/pairs.csv`, 185 genuine and
 * 1,706 impostor pairs, see BENCHMARKS.md): every genuine pair measured ≤ 0.560 and every
 * impostor pair ≥ 0.599. The DocuPass default threshold 0.4 lands on distance 0.58, in the
 * middle of that gap, so at the default threshold the calibration set shows 0 false accepts
 * (0/1,706) and 0 false rejects (0/185). The cut sits below dlib's customary 0.6 on purpose:
 * a false accept is the costlier error for ID checks.
 * Other thresholds, as distances:
 *   0.3 → 0.602 (dlib's own published cut-off is 0.6)   0.5 → 0.560   0.7 → 0.518
 *   0.9 → 0.450 (well below any impostor seen, at the cost of false rejects: see BENCHMARKS.md)
 * The scale 0.05 spreads typical genuine pairs (median distance 0.41) to ~0.95 and typical
 * impostors (median 0.87) to ~0.002. It is a monotone score, not a probability.
 */
export const CONFIDENCE_CENTER = 0.56;
export const CONFIDENCE_SCALE = 0.05;

export function confidenceFromDistance(distance: number): number {
  if (!Number.isFinite(distance)) return 0;
  const c = 1 / (1 + Math.exp((distance - CONFIDENCE_CENTER) / CONFIDENCE_SCALE));
  return Math.round(c * 10000) / 10000;
}

/** The descriptor distance at which a given confidence threshold decides (inverse mapping). */
export function distanceForConfidence(confidence: number): number {
  const c = Math.min(1 - 1e-9, Math.max(1e-9, confidence));
  return CONFIDENCE_CENTER + CONFIDENCE_SCALE * Math.log(1 / c - 1);
}

export function euclidean(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`descriptor lengths differ: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return Math.sqrt(s);
}
