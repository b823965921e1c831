/**
 * Default of the session option `liveness_threshold` (0–1): a selfie whose passive liveness
 * score (the lower of @vladmandic/human's antispoof and liveness outputs) is below it is refused
 * with fail code 3. Calibrated on the selfie-attack bench for a bona fide refusal rate (BPCER)
 * of at most ~2%; see docs/selfie-liveness.md. 0 reports the score without letting it decide.
 */
export const DEFAULT_LIVENESS_THRESHOLD = 0.1;
