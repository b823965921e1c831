import { describe, expect, it } from 'vitest';
import { buildClaimsPayload } from './claims.ts';

const base = { reference: 'R1', hash: 'h', customid: null, face: null, phoneVerified: null, aml: null };

describe('buildClaimsPayload', () => {
  it('says adult, name matched, document valid without the data', () => {
    const data = { firstName: 'ANNA', lastName: 'ERIKSSON', documentNumber: 'L898902C3', dob: '1974/08/12', age: 52, daysToExpiry: 400, address1: '1 Main St' };
    const p = buildClaimsPayload({ ...base, decision: { passed: true, failcode: null, failreason: null, result: { name: true, notexpired: true } }, data, face: { isIdentical: true }, aml: [] });
    expect(p).toEqual({ success: true, reference: 'R1', hash: 'h', customid: null, claims: { over_18: true, over_21: true, name_matched: true, document_valid: true, face_matched: true, phone_verified: null, aml_clear: true }, verification: { passed: true, result: { name: true, notexpired: true } } });
    expect(JSON.stringify(p)).not.toMatch(/ANNA|ERIKSSON|L898902C3|1974|Main/);
  });
  it('a minor with an expired document fails with its code; unknown claims are null', () => {
    const p = buildClaimsPayload({ ...base, decision: { passed: false, failcode: 4, failreason: 'Document expired.', result: { notexpired: false } }, data: { age: 16, daysToExpiry: -3 } });
    expect(p).toMatchObject({ success: false, failcode: 4, claims: { over_18: false, name_matched: null, document_valid: false, face_matched: null, aml_clear: null } });
  });
  it('no document read: not valid, age unknown', () => {
    expect(buildClaimsPayload({ ...base, decision: { passed: false, failcode: 1, failreason: 'x', result: {} }, data: {} }).claims).toMatchObject({ over_18: null, document_valid: false });
  });
});
