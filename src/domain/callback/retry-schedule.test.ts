import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE, maxAttempts, nextAttemptDelay } from './retry-schedule.ts';

describe('nextAttemptDelay', () => {
  it('follows the reference: first attempt at once, then 10 min, 1 h, 12 h, 24 h, then stop', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6].map((n) => nextAttemptDelay(DEFAULT_RETRY_SCHEDULE, n));
    expect(delays).toEqual([0, 600, 3600, 43200, 86400, null, null]);
    expect(maxAttempts(DEFAULT_RETRY_SCHEDULE)).toBe(5);
  });
  it('uses a custom (test) schedule', () => {
    expect([1, 2, 3].map((n) => nextAttemptDelay([1, 2], n))).toEqual([1, 2, null]);
    expect(nextAttemptDelay([], 1)).toBeNull();
  });
  it('rejects a negative or fractional count', () => {
    expect(() => nextAttemptDelay(DEFAULT_RETRY_SCHEDULE, -1)).toThrow(RangeError);
    expect(() => nextAttemptDelay(DEFAULT_RETRY_SCHEDULE, 1.5)).toThrow(RangeError);
  });
});
