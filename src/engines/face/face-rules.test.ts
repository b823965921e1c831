import { describe, expect, it } from 'vitest';
import { chooseFace, MIN_FACE_WIDTH, qualityFailure } from './face-rules.ts';

const f = (w: number) => ({ width: w, area: w * w * 1.2 });

describe('chooseFace', () => {
  it('fails with a role-specific code when there is no face', () => {
    expect(chooseFace('document', [])).toEqual({ failure: expect.objectContaining({ code: 'document_no_face' }) });
    expect(chooseFace('selfie', [])).toEqual({ failure: expect.objectContaining({ code: 'selfie_no_face' }) });
  });
  it('picks the largest face', () => {
    expect(chooseFace('selfie', [f(50), f(200), f(40)])).toEqual({ index: 1 });
  });
  it('fails a selfie with a second person close by, but tolerates a distant one', () => {
    expect(chooseFace('selfie', [f(200), f(120)])).toEqual({ failure: expect.objectContaining({ code: 'selfie_multiple_faces' }) });
    expect(chooseFace('selfie', [f(200), f(60)])).toEqual({ index: 0 });
  });
  it('tolerates the small ghost portrait on a document but not two full portraits', () => {
    expect(chooseFace('document', [f(100), f(40)])).toEqual({ index: 0 });
    expect(chooseFace('document', [f(100), f(90)])).toEqual({ failure: expect.objectContaining({ code: 'document_multiple_faces' }) });
  });
  it('fails a face narrower than the minimum', () => {
    expect(chooseFace('selfie', [f(MIN_FACE_WIDTH - 1)])).toEqual({ failure: expect.objectContaining({ code: 'selfie_face_too_small' }) });
  });
});

describe('qualityFailure', () => {
  it('flags blur on both roles and closed eyes on the selfie only', () => {
    expect(qualityFailure('selfie', { sharpness: 3, eyeOpenness: 0.3 })?.code).toBe('selfie_face_blurred');
    expect(qualityFailure('document', { sharpness: 3, eyeOpenness: 0.3 })?.code).toBe('document_face_blurred');
    expect(qualityFailure('selfie', { sharpness: 200, eyeOpenness: 0.08 })?.code).toBe('selfie_eyes_closed');
    expect(qualityFailure('document', { sharpness: 200, eyeOpenness: 0.08 })).toBeUndefined();
    expect(qualityFailure('selfie', { sharpness: 200, eyeOpenness: 0.3 })).toBeUndefined();
  });
  it('gives a human reason with every failure', () => {
    expect(qualityFailure('selfie', { sharpness: 200, eyeOpenness: 0.08 })?.reason).toMatch(/eyes/i);
  });
});
