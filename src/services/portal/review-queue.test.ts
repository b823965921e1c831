import { describe, expect, it } from 'vitest';
import { summarise } from './review-queue.ts';
import type { StoredVerification } from '../verification/verification-payload.ts';

/** A stored attempt with just what the queue looks at. */
function stored(p: { aml?: number; face?: { confidence: number; threshold: number }; auth?: number; passed?: boolean; authFailed?: boolean }): StoredVerification {
  return {
    attempt: 1,
    images: [],
    decision: { passed: p.passed ?? true, failcode: null, failreason: null, result: p.authFailed ? { authentication: false } : {} },
    evidence: {
      reading: null,
      sides: null,
      face: p.face ? ({ kind: 'photo', comparison: { isIdentical: p.face.confidence >= p.face.threshold, confidence: p.face.confidence, threshold: p.face.threshold } } as never) : null,
      authentication: p.auth === undefined ? null : { score: p.auth, breakdown: {} },
      phone: null,
      aml: Array.from({ length: p.aml ?? 0 }, () => ({}) as never),
      now: 0,
    },
  };
}

describe('review queue reasons', () => {
  it('flags AML hits', () => {
    expect(summarise(stored({ aml: 1 }))).toEqual({ aml: true, near: false });
    expect(summarise(stored({}))).toEqual({ aml: false, near: false });
  });
  it('flags a face confidence within 0.05 of its threshold, either side', () => {
    expect(summarise(stored({ face: { confidence: 0.43, threshold: 0.4 } })).near).toBe(true);
    expect(summarise(stored({ face: { confidence: 0.37, threshold: 0.4 } })).near).toBe(true);
    expect(summarise(stored({ face: { confidence: 0.96, threshold: 0.4 } })).near).toBe(false);
  });
  it('flags a failed authenticity check that scored at least 0.4', () => {
    expect(summarise(stored({ auth: 0.45, passed: false, authFailed: true })).near).toBe(true);
    expect(summarise(stored({ auth: 0.1, passed: false, authFailed: true })).near).toBe(false);
    expect(summarise(stored({ auth: 0.45, passed: true })).near).toBe(false);
  });
});
