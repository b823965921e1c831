/**
 * Pure check that a head-yaw track follows a challenge such as ['left', 'right'].
 *
 * Yaw is in degrees, > 0 when the person turned to their own left (see face-geometry.ts).
 * Each step must be reached, in order, by some later frame: 'left' needs yaw ≥ +minTurn,
 * 'right' yaw ≤ −minTurn, 'center' |yaw| ≤ centerBand. Frames without a single face (null)
 * are skipped. The default minTurn suits human's mesh-based yaw, which reads real head turns
 * smaller than they are (a clear three-quarter view in the shared photos measures ~8–13°).
 */
export interface ChallengeResult {
  followed: boolean;
  /** Frame index that satisfied each step, or -1 from the first unmet step on. */
  matchedFrames: number[];
  unknownSteps: string[];
}

export const CHALLENGE_STEPS = ['left', 'right', 'center'] as const;

export function checkChallenge(
  yaws: Array<number | null>,
  challenge: string[],
  opts: { minTurn?: number; centerBand?: number } = {},
): ChallengeResult {
  const minTurn = opts.minTurn ?? 7;
  const centerBand = opts.centerBand ?? 5;
  const steps = challenge.map((s) => s.trim().toLowerCase());
  const unknownSteps = steps.filter((s) => !(CHALLENGE_STEPS as readonly string[]).includes(s));
  const matchedFrames: number[] = [];
  let i = 0;
  for (const step of steps) {
    const test = (y: number): boolean => (step === 'left' ? y >= minTurn : step === 'right' ? y <= -minTurn : Math.abs(y) <= centerBand);
    while (i < yaws.length && (yaws[i] === null || !test(yaws[i]!))) i++;
    if (i >= yaws.length) {
      matchedFrames.push(-1);
      break;
    }
    matchedFrames.push(i);
    i++;
  }
  while (matchedFrames.length < steps.length) matchedFrames.push(-1);
  const followed = steps.length > 0 && unknownSteps.length === 0 && matchedFrames.every((f) => f >= 0);
  return { followed, matchedFrames, unknownSteps };
}
