import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callbackHash, hashMatches } from './hash.ts';
import {
  buildExpiredPayload, buildFailurePayload, buildSignaturePayload, buildSuccessPayload, buildVerificationPayload,
  formatConfidence, type VerificationParts,
} from './payload.ts';

/** Top-level keys of the reference's four examples, in their order. */
const REFERENCE_KEYS = {
  success: ['success', 'reference', 'hash', 'customid', 'data', 'contract', 'phone', 'face', 'verification', 'authentication', 'aml', 'documentimage', 'faceimage'],
  failure: ['success', 'reference', 'hash', 'customid', 'failreason', 'failcode', 'data', 'phone', 'face', 'verification', 'authentication', 'aml', 'documentimage', 'faceimage', 'vaultid'],
  signature: ['success', 'reference', 'hash', 'customid', 'contract'],
  expired: ['success', 'reference', 'hash', 'customid', 'failreason', 'failcode'],
};

const secret = 'test-callback-secret';
const data = { documentNumber: '1234561', firstName: 'FIRSTNAME', lastName: 'LASTNAME', documentSide: 'BIODATA' };
const authentication = { score: 1, breakdown: { data_visibility: { passed: true } } };

function parts(passed: boolean, over: Partial<VerificationParts> = {}): VerificationParts {
  const failcode = passed ? null : 3;
  return {
    reference: 'VQTAP6ZN',
    hash: callbackHash(secret, { reference: 'VQTAP6ZN', success: passed, failcode }),
    customid: 'testid123',
    decision: {
      passed, failcode, failreason: passed ? null : 'Face photo does not match with provided document.',
      result: { face: passed, notexpired: true, name: true, dob: true, postcode: true, address: true },
    },
    data,
    contract: { document_url: 'https://idgate.example/files/c.pdf' },
    phone: { number: '+1234567899', type: 'mobile' },
    face: { isIdentical: passed, confidence: passed ? 0.9012 : 0.0911 },
    authentication,
    aml: [],
    documentimage: [{ side: 'FRONT', type: 'jpg', content: 'AAAA' }, { side: 'BACK', type: 'jpg', content: 'BBBB' }],
    faceimage: [{ type: 'jpg', content: 'CCCC' }],
    ...over,
  };
}

describe('callback payloads', () => {
  it('success has the reference example keys in order, face confidence as a 3-decimal string', () => {
    const p = buildSuccessPayload(parts(true));
    expect(Object.keys(p)).toEqual(REFERENCE_KEYS.success);
    expect(p.face).toEqual({ isIdentical: true, confidence: '0.901' });
    expect(p.verification).toEqual({ passed: true, result: { face: true, notexpired: true, name: true, dob: true, postcode: true, address: true } });
    expect(p.documentimage[0]).toEqual({ side: 'FRONT', type: 'jpg', content: 'AAAA' });
    expect(hashMatches(secret, { reference: p.reference, success: true, failcode: null }, p.hash)).toBe(true);
  });

  it('failure has the reference example keys (failreason, failcode after customid; vaultid last)', () => {
    const p = buildFailurePayload(parts(false, { contract: null, vaultid: 'I3MS6XjOqsB7Zbye54ohG9F7rtvW02Zv' }));
    expect(Object.keys(p)).toEqual(REFERENCE_KEYS.failure);
    expect(p).toMatchObject({ success: false, failcode: 3, failreason: 'Face photo does not match with provided document.' });
    expect(p.face).toEqual({ isIdentical: false, confidence: '0.091' });
  });

  it('signature and expired bodies', () => {
    const sig = buildSignaturePayload({ reference: 'R', hash: 'h', customid: 'c', contract: { document_url: 'https://x/y.pdf' } });
    expect(Object.keys(sig)).toEqual(REFERENCE_KEYS.signature);
    const exp = buildExpiredPayload({ reference: 'R', hash: 'h', customid: 'c' });
    expect(exp).toEqual({ success: false, reference: 'R', hash: 'h', customid: 'c', failreason: 'Session expired', failcode: 0 });
  });

  it('omits blocks the session did not ask for; images stay as (empty) arrays', () => {
    const p = buildVerificationPayload(parts(true, {
      face: null, authentication: null, phone: null, contract: null, vaultid: null, documentimage: [], faceimage: [],
    }));
    expect(Object.keys(p)).toEqual(['success', 'reference', 'hash', 'customid', 'data', 'verification', 'aml', 'documentimage', 'faceimage']);
    expect(p.documentimage).toEqual([]);
  });

  it('hosted images carry a url and no content; base64 images the reverse', () => {
    const p = buildVerificationPayload(parts(true, {
      documentimage: [{ side: 'BIODATA', type: 'jpg', url: 'https://idgate.example/f/1?sig=abc', content: 'ignored' }],
    }));
    expect(p.documentimage).toEqual([{ side: 'BIODATA', type: 'jpg', url: 'https://idgate.example/f/1?sig=abc' }]);
    expect(buildVerificationPayload(parts(true)).faceimage).toEqual([{ type: 'jpg', content: 'CCCC' }]);
  });

  it('customid is null when the session had none; data is {} when nothing was read', () => {
    const p = buildVerificationPayload(parts(false, { customid: undefined, data: null }));
    expect(p.customid).toBeNull();
    expect(p.data).toEqual({});
  });

  it('refuses a decision that contradicts the builder', () => {
    expect(() => buildSuccessPayload(parts(false))).toThrow();
    expect(() => buildFailurePayload(parts(true))).toThrow();
  });

  it('serialises to JSON and back unchanged', () => {
    const p = buildVerificationPayload(parts(false));
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('formats confidence', () => {
    expect(formatConfidence(0.9)).toBe('0.900');
    expect(formatConfidence(1.2)).toBe('1.000');
    expect(formatConfidence(Number.NaN)).toBe('0.000');
  });
});

const spec = path.resolve(process.cwd(), '../shared/spec/docupass-api-reference.txt');
const specExists = fs.existsSync(spec);
if (!specExists) console.warn(`skipping reference key extraction: ${spec} not found`);

describe.skipIf(!specExists)('key lists above match the reference text', () => {
  it('extracts the same top-level keys from each example', () => {
    const text = fs.readFileSync(spec, 'utf8');
    const section = (title: string) => {
      const start = text.indexOf(title);
      const end = text.indexOf('\n}', start);
      return [...text.slice(start, end).matchAll(/^ {4}"(\w+)":/gm)].map((m) => m[1]);
    };
    expect(section('POST Body - Successful Identity Verification Session')).toEqual(REFERENCE_KEYS.success);
    expect(section('POST Body - Failed Identity Verification Session')).toEqual(REFERENCE_KEYS.failure);
    expect(section('POST Body - Successful Signature Session')).toEqual(REFERENCE_KEYS.signature);
    expect(section('POST Body - Expired DocuPass Session')).toEqual(REFERENCE_KEYS.expired);
  });
});
