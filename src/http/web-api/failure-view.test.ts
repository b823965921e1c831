import { describe, expect, it } from 'vitest';
import type { StoredVerification } from '../../services/verification/verification-payload.ts';
import { FACE_REASONS } from '../../contract/capture-failures.ts';
import { checkFailures } from './failure-view.ts';

/** A stored attempt with only what checkFailures reads. */
function stored(result: Record<string, boolean>, failcode: number | null, face: unknown, reading: unknown = { data: { name: 'x' } }): StoredVerification {
  return { attempt: 1, images: [], decision: { passed: failcode === null, failcode, failreason: 'x', result }, evidence: { reading, face, sides: null, authentication: null, phone: null, aml: [], now: 0 } } as unknown as StoredVerification;
}
const photo = (failure?: { code: string; reason: string }) => ({ kind: 'photo', comparison: { isIdentical: false, confidence: 0, distance: 1, threshold: 0.6, document: null, selfie: null, signals: {}, ...(failure ? { failure } : {}) } });

describe('checkFailures: what the capture app is told about a failed attempt', () => {
  it('a screen replay is a face failure with its own reason, not a mismatch', () => {
    const f = checkFailures(stored({ face: false, notexpired: true }, 3, photo({ code: 'selfie_screen_replay', reason: 'The selfie appears to be a picture of a screen, not a live picture of you.' })));
    expect(f).toEqual([{ check: 'face', code: 3, reason: 'selfie_screen_replay' }]);
  });

  it('a different person is face_mismatch; every other failed check is listed with its code', () => {
    const f = checkFailures(stored({ face: false, notexpired: false, name: false, dob: true }, 4, photo()));
    expect(f).toEqual([
      { check: 'face', code: 3, reason: 'face_mismatch' },
      { check: 'notexpired', code: 4, reason: 'notexpired' },
      { check: 'name', code: 5, reason: 'name' },
    ]);
  });

  it('a video failure and a missing selfie have reasons too; an unread document comes first', () => {
    const video = { kind: 'video', video: { passed: false, comparison: null, failure: { code: 'video_challenge_not_followed', reason: '…' } } };
    expect(checkFailures(stored({ face: false }, 3, video))[0].reason).toBe('video_challenge_not_followed');
    expect(checkFailures(stored({ face: false }, 3, null))[0].reason).toBe('face_not_checked');
    const unread = checkFailures(stored({ face: false }, 1, photo({ code: 'document_no_face', reason: '…' }), { data: {}, failure: { reason: 'no MRZ' } }));
    expect(unread).toEqual([{ check: 'unread', code: 1, reason: 'unread' }, { check: 'face', code: 3, reason: 'document_no_face' }]);
  });

  it('every reason key is one the contract lists, and nothing personal leaves: only checks, codes and keys', () => {
    const f = checkFailures(stored({ face: false, name: false }, 5, photo({ code: 'selfie_document_replay', reason: '…' }), { data: { name: 'JANE DOE', documentNumber: 'X123' } }));
    expect(FACE_REASONS).toContain(f[0].reason);
    expect(JSON.stringify(f)).not.toMatch(/JANE|X123/);
    expect(checkFailures(stored({ face: true }, null, photo()))).toEqual([]);
  });
});
