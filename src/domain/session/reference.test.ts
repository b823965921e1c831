import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REFERENCE_ALPHABET, REFERENCE_LENGTH, referenceFromBytes } from './reference.ts';
import { canTransition, effectiveState } from './session-state.ts';
import { requiredSteps } from './required-steps.ts';
import { parseCreateOptions } from './create-options.ts';

describe('references', () => {
  it('carry at least 50 bits and avoid look-alike characters', () => {
    expect(Math.log2(REFERENCE_ALPHABET.length) * REFERENCE_LENGTH).toBeGreaterThanOrEqual(50);
    expect(REFERENCE_ALPHABET).not.toMatch(/[01OI]/);
    const refs = new Set(Array.from({ length: 2000 }, () => referenceFromBytes(randomBytes(REFERENCE_LENGTH))));
    expect(refs.size).toBe(2000);
    for (const r of refs) expect(r).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
  });
});

describe('session states', () => {
  it('never leaves a terminal state', () => {
    expect(canTransition('succeeded', 'failed')).toBe(false);
    expect(canTransition('created', 'opened')).toBe(true);
  });
  it('treats a session past its expiry as expired', () => {
    expect(effectiveState('opened', 1000, 1000)).toBe('expired');
    expect(effectiveState('succeeded', 1000, 5000)).toBe('succeeded');
    expect(effectiveState('created', 1000, 999)).toBe('created');
  });
});

describe('requiredSteps', () => {
  const none = { files: new Set<string>(), phoneVerified: false, contractSigned: false, backNotNeeded: false };
  it('asks for phone, both sides and a selfie when the session needs them', () => {
    const o = parseCreateOptions({ companyname: 'A', type: 1, biometric: 1, phoneverification: true });
    expect(requiredSteps('verification', o, none)).toEqual(['phone', 'document', 'document_back', 'selfie']);
  });
  it('skips the back for passport-only sessions and supplied images', () => {
    const o = parseCreateOptions({ companyname: 'A', type: 1, documenttype: 'P', biometric: 2 });
    expect(requiredSteps('verification', o, none)).toEqual(['document', 'selfie_video']);
    expect(requiredSteps('verification', o, { ...none, files: new Set(['document', 'face']) })).toEqual([]);
  });
  it('asks a signature session only for the contract', () => {
    expect(requiredSteps('signature', parseCreateOptions({ companyname: 'A', type: 0 }), none)).toEqual(['contract']);
  });
});
