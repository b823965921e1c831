import { describe, expect, it } from 'vitest';
import { confidenceFromDistance, distanceForConfidence, euclidean } from './confidence-from-distance.ts';

describe('confidenceFromDistance', () => {
  it('puts the default threshold 0.4 at distance 0.58, inside the calibration gap (0.560–0.599)', () => {
    expect(distanceForConfidence(0.4)).toBeCloseTo(0.58, 2);
    expect(confidenceFromDistance(0.56)).toBeGreaterThanOrEqual(0.4);
    expect(confidenceFromDistance(0.599)).toBeLessThan(0.4);
  });
  it('is monotone decreasing and bounded in 0–1', () => {
    const ds = [0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.2, 2];
    const cs = ds.map(confidenceFromDistance);
    for (let i = 1; i < cs.length; i++) expect(cs[i]!).toBeLessThanOrEqual(cs[i - 1]!);
    expect(cs[0]!).toBeLessThanOrEqual(1);
    expect(cs.at(-1)!).toBeGreaterThanOrEqual(0);
    expect(confidenceFromDistance(Number.NaN)).toBe(0);
  });
  it('inverts: the distance for a confidence maps back to that confidence', () => {
    for (const c of [0.1, 0.3, 0.5, 0.7, 0.9]) expect(confidenceFromDistance(distanceForConfidence(c))).toBeCloseTo(c, 3);
  });
  it('computes Euclidean distance and refuses mismatched lengths', () => {
    expect(euclidean([0, 3], [4, 0])).toBe(5);
    expect(() => euclidean([1], [1, 2])).toThrow(/lengths/);
  });
});
