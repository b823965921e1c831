import type { CheckName, CheckResult } from './authentication-types.ts';

/**
 * How the checks combine into the score (0–1):
 *
 *   score = (Σ weight of passed checks / Σ weight of performed checks) × Π factor of failed checks
 *
 * The weighted share rewards breadth; the factors make one decisive failure sink the score below
 * DocuPass's default `authenticate_minscore` of 0.3 on its own (a public specimen, broken text
 * logic, a recapture), while softer findings (image quality, a portrait problem, an editor in the
 * metadata) need a second one to get there. A check that was not performed (nothing could be
 * measured) is left out of both sums and multiplies nothing: it neither helps nor hurts. With
 * no check performed at all the score is 0.
 */
export const SCORE_WEIGHTS: Record<CheckName, { weight: number; failFactor: number }> = {
  data_visibility: { weight: 1, failFactor: 0.6 },
  image_quality: { weight: 0.8, failFactor: 0.8 },
  feature_referencing: { weight: 1, failFactor: 0.5 },
  exif_check: { weight: 1, failFactor: 0.5 },
  publicity_check: { weight: 1.5, failFactor: 0.2 },
  text_analysis: { weight: 1.5, failFactor: 0.3 },
  biometric_analysis: { weight: 1, failFactor: 0.6 },
  security_feature_check: { weight: 1, failFactor: 0.5 },
  recapture_check: { weight: 1.2, failFactor: 0.3 },
};

export function combineScore(results: Partial<Record<CheckName, CheckResult>>): number {
  let total = 0;
  let passed = 0;
  let factor = 1;
  for (const [name, r] of Object.entries(results) as Array<[CheckName, CheckResult]>) {
    if (!r.performed) continue;
    const w = SCORE_WEIGHTS[name];
    total += w.weight;
    if (r.passed) passed += w.weight;
    else factor *= w.failFactor;
  }
  if (total === 0) return 0;
  return Math.round((passed / total) * factor * 100) / 100;
}
