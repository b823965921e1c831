/** The reference's retry intervals in seconds: 10 min, 1 h, 12 h, 24 h (4 retries after the first attempt). */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = Object.freeze([600, 3600, 43200, 86400]);

/**
 * Delay before the next delivery attempt, in the schedule's unit (seconds for
 * `IDGATE_CALLBACK_RETRY_SCHEDULE`). `attemptsSoFar` counts attempts already made, the first
 * included: 0 → send now (0), 1 → schedule[0], …; null once every retry has been used.
 */
export function nextAttemptDelay(schedule: readonly number[], attemptsSoFar: number): number | null {
  if (!Number.isInteger(attemptsSoFar) || attemptsSoFar < 0) throw new RangeError(`attemptsSoFar must be a non-negative integer, got ${attemptsSoFar}`);
  if (attemptsSoFar === 0) return 0;
  const delay = schedule[attemptsSoFar - 1];
  return delay === undefined ? null : delay;
}

/** Total attempts a schedule allows: the first plus one per entry. */
export const maxAttempts = (schedule: readonly number[]): number => schedule.length + 1;
