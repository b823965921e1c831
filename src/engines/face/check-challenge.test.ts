import { describe, expect, it } from 'vitest';
import { checkChallenge } from './check-challenge.ts';

describe('checkChallenge', () => {
  const track = [1, 3, 12, 15, 2, -10, -14, 0];
  it('accepts a track that turns left then right in that order', () => {
    const r = checkChallenge(track, ['left', 'right']);
    expect(r.followed).toBe(true);
    expect(r.matchedFrames).toEqual([2, 5]);
  });
  it('rejects the same track for the reverse order', () => {
    const r = checkChallenge(track, ['right', 'left']);
    expect(r.followed).toBe(false);
    expect(r.matchedFrames).toEqual([5, -1]);
  });
  it('rejects a frontal-only track (a held-up photo)', () => {
    expect(checkChallenge([0, 1, -1, 2, 0], ['left', 'right']).followed).toBe(false);
  });
  it('skips frames without a single face and accepts center steps', () => {
    expect(checkChallenge([null, 10, null, -1], ['left', 'center']).followed).toBe(true);
  });
  it('fails unknown steps and an empty challenge instead of passing them', () => {
    const r = checkChallenge(track, ['left', 'jump']);
    expect(r.followed).toBe(false);
    expect(r.unknownSteps).toEqual(['jump']);
    expect(checkChallenge(track, []).followed).toBe(false);
  });
  it('is case-insensitive and honours a custom minimum turn', () => {
    expect(checkChallenge([0, 9, -9], ['LEFT', 'Right'], { minTurn: 10 }).followed).toBe(false);
    expect(checkChallenge([0, 9, -9], ['LEFT', 'Right'], { minTurn: 8 }).followed).toBe(true);
  });
});
