import { describe, expect, it } from 'vitest';
import { searchFaces } from './search-faces.ts';

/** Unit vector along axis k in 128-d, scaled: distances between them are exact. */
const v = (k: number, s = 1): number[] => Array.from({ length: 128 }, (_, i) => (i === k ? s : 0));
const near = (base: number[], eps: number): number[] => base.map((x, i) => (i === 127 ? x + eps : x));

describe('searchFaces', () => {
  const candidates = [
    { id: 'far', embedding: v(1) },
    { id: 'close', embedding: near(v(0), 0.3) },
    { id: 'closest', embedding: near(v(0), 0.1) },
    { id: 'old-model', embedding: [1, 2, 3] },
  ];
  it('returns matches above the threshold, best first', () => {
    const hits = searchFaces(v(0), candidates, { threshold: 0.4, maxEntry: 10 });
    expect(hits.map((h) => h.id)).toEqual(['closest', 'close']);
    expect(hits[0]!.distance).toBeCloseTo(0.1, 4);
    expect(hits[0]!.confidence).toBeGreaterThan(hits[1]!.confidence);
  });
  it('limits to maxEntry and accepts a Float32Array query', () => {
    expect(searchFaces(Float32Array.from(v(0)), candidates, { threshold: 0.4, maxEntry: 1 }).map((h) => h.id)).toEqual(['closest']);
  });
  it('finds nothing when every candidate is another person', () => {
    expect(searchFaces(v(5), candidates, { threshold: 0.4, maxEntry: 10 })).toEqual([]);
  });
});
