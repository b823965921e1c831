/**
 * Default of the session option `liveness_threshold` (0–1): a selfie whose passive liveness
 * score (the lower of @vladmandic/human's antispoof and liveness outputs) is below it is refused
 * with fail code 3. Calibrated on the selfie-attack bench: genuine selfies of the shared photo
 * pairs scored 0.14–0.9 and the (simulated) attacks as high, so the default sits below every
 * genuine score measured (BPCER contribution 0 of 172); it refuses only the clearest spoofs. See docs/selfie-liveness.md. 0 reports the score without letting it decide.
 */
export const DEFAULT_LIVENESS_THRESHOLD = 0.1;
