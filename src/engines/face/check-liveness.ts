import { DEFAULT_LIVENESS_THRESHOLD } from '../../domain/verification/liveness-threshold.ts';
import type { AttackCheck, FaceSignals } from './face-types.ts';

/**
 * Default `liveness_threshold` (defined with the session options, calibrated there): the passive
 * score below which a selfie is refused. The score is the lower of @vladmandic/human's antispoof
 * and liveness outputs for the selfie face. 0 turns the check off (reported, never deciding).
 */
export const LIVENESS_THRESHOLD = DEFAULT_LIVENESS_THRESHOLD;

export function livenessScore(s: Pick<FaceSignals, 'antispoof' | 'liveness'>): number | undefined {
  if (s.antispoof === undefined || s.liveness === undefined) return undefined;
  return Math.min(s.antispoof, s.liveness);
}

/** The passive liveness scores decide once the threshold is above 0; without a model result the check is not performed. */
export function checkLiveness(signals: FaceSignals, threshold: number): AttackCheck {
  const score = livenessScore(signals);
  if (score === undefined) return { status: 'not_performed', reason: 'the liveness model gave no score for the selfie face', measurements: {} };
  const m = { livenessScore: score, threshold };
  if (threshold > 0 && score < threshold) return { status: 'failed', code: 'selfie_liveness_low', reason: `the passive liveness score ${score} is below ${threshold}`, measurements: m };
  return { status: 'passed', measurements: m };
}
