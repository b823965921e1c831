import { describe, expect, it } from 'vitest';
import { parseCreateOptions } from '../session/create-options.ts';
import { decideVerification } from './decide-verification.ts';
import { FACE_MISMATCH_REASON } from './engine-checks.ts';
import { FAIL_CODE_PRIORITY } from './fail-codes.ts';
import type { VerificationData, VerificationInput } from './verification-input.ts';

const now = new Date(Date.UTC(2024, 5, 15, 10));

/** A US driver's license as the document engine reports it. */
const license: VerificationData = {
  documentNumber: 'D1234568', firstName: 'JANE', middleName: 'Q', lastName: 'CARDHOLDER',
  fullName: 'JANE Q CARDHOLDER', dob: '1990/08/03', dob_year: 1990, dob_month: 8, dob_day: 3,
  expiry: '2028/11/30', expiry_year: 2028, expiry_month: 11, expiry_day: 30,
  address1: '2570 24TH STREET', address2: 'ANYTOWN CA', postcode: '958201234', documentType: 'D',
  issuerOrg_region_full: 'California', issuerOrg_region_abbr: 'CA', issuerOrg_full: 'United States',
  issuerOrg_iso2: 'US', issuerOrg_iso3: 'USA', age: 33,
};

function input(raw: Record<string, unknown> = {}, over: Partial<VerificationInput> = {}): VerificationInput {
  const options = parseCreateOptions({ companyname: 'Acme', type: 0, callbackurl: 'https://example.com/cb', ...raw });
  return {
    options,
    document: { recognized: true, data: license, documentKind: 'AAMVA' },
    face: options.biometric > 0 ? { isIdentical: true, confidence: 0.9 } : null,
    authentication: options.authenticate_minscore > 0 ? { score: 0.8 } : null,
    phone: options.phoneverification ? { verified: true, number: '+14155552671', type: 'mobile' } : null,
    now,
    ...over,
  };
}
const withData = (patch: Partial<VerificationData>, drop: Array<keyof VerificationData> = []) => {
  const data: VerificationData = { ...license, ...patch };
  for (const k of drop) delete data[k];
  return { recognized: true, data };
};

const everything = {
  biometric: 1, verify_name: 'Jane Cardholder', verify_dob: '1990/08/03', verify_postcode: '95820',
  verify_address: '2570 24th St, Anytown, CA 95820', verify_documentno: 'D123-4568', verify_age: '18-99',
  documenttype: 'DP', documentcountry: 'US,CA', documentregion: 'california, TX', dualsidecheck: true,
  verify_phone: '+14155552671',
};

describe('decideVerification: passing', () => {
  it('passes with the defaults and reports the checks performed (expiry, authenticity)', () => {
    expect(decideVerification(input())).toEqual({
      passed: true, failcode: null, failreason: null, result: { notexpired: true, authentication: true },
    });
  });

  it('passes every option at once, with result keys in the reference order', () => {
    const d = decideVerification(input(everything, {
      document: { recognized: true, data: license, dualSide: { match: true, mismatches: [] } },
    }));
    expect(d.passed).toBe(true);
    expect(Object.keys(d.result)).toEqual([
      'face', 'notexpired', 'name', 'dob', 'postcode', 'address', 'documentno', 'age',
      'documenttype', 'documentcountry', 'documentregion', 'dualside', 'authentication', 'phone',
    ]);
    expect(Object.values(d.result).every(Boolean)).toBe(true);
  });

  it('records no check that was not asked for', () => {
    const d = decideVerification(input({ verify_expiry: false, authenticate_minscore: 0 }));
    expect(d).toEqual({ passed: true, failcode: null, failreason: null, result: {} });
  });

  it('AML matches never change the outcome', () => {
    const d = decideVerification(input({}, { aml: [{ entity: 'person', fullname: ['JANE CARDHOLDER'], database: 'us_ofac' }] }));
    expect(d.passed).toBe(true);
  });

  it('skips the dual-side check when only one side was read', () => {
    const d = decideVerification(input({ dualsidecheck: true }));
    expect(d.passed).toBe(true);
    expect(d.result).not.toHaveProperty('dualside');
  });
});

describe('decideVerification: one case per fail code', () => {
  const cases: Array<[number, Record<string, unknown>, Partial<VerificationInput>, string, string | null]> = [
    [1, {}, { document: { recognized: false, data: {}, failureReason: 'No MRZ or barcode found' } },
      'Document not recognized or supported. No MRZ or barcode found.', null],
    [2, {}, { authentication: { score: 0.1 } }, 'Document failed the authenticity check (score 0.1 is below the required 0.3).', 'authentication'],
    [3, { biometric: 1 }, { face: { isIdentical: false, confidence: 0.091, failure: { code: 'face_mismatch', reason: 'x' } } }, FACE_MISMATCH_REASON, 'face'],
    [4, {}, { document: withData({ expiry: '2024/06/14', expiry_year: 2024, expiry_month: 6, expiry_day: 14 }) }, 'Document has expired.', 'notexpired'],
    [5, { verify_name: 'Janet Cardholder' }, {}, 'Name on the document does not match the name provided.', 'name'],
    [6, { verify_dob: '1990/08/04' }, {}, 'Date of birth on the document does not match the date provided.', 'dob'],
    [7, { verify_address: '2572 24th Street, Anytown CA' }, {}, 'Address on the document does not match the address provided.', 'address'],
    [8, { verify_postcode: '95821' }, {}, 'Postcode on the document does not match the postcode provided.', 'postcode'],
    [9, { verify_age: '18-30' }, {}, 'Age of the document holder is outside the accepted range (18-30).', 'age'],
    [10, {}, { document: withData({}, ['expiry', 'expiry_year', 'expiry_month', 'expiry_day']) }, 'Key information missing from document: expiry date.', 'notexpired'],
    [11, { dualsidecheck: true }, { document: { recognized: true, data: license, dualSide: { match: false, mismatches: ['documentNumber'] } } },
      'Information on the front and back of the document does not match (documentNumber).', 'dualside'],
    [12, { documentcountry: 'CA,GB' }, {}, 'Document was not issued by one of the accepted countries (CA, GB).', 'documentcountry'],
    [13, { documentregion: 'TX,New York' }, {}, 'Document was not issued by one of the accepted regions (TX, New York).', 'documentregion'],
    [14, { documenttype: 'PI' }, {}, "Documents of this type (driver's license) are not accepted; accepted: passport, identity card.", 'documenttype'],
    [15, { phoneverification: true }, { phone: { verified: false } }, 'Phone number could not be verified.', 'phone'],
    [16, { verify_documentno: 'D1234569' }, {}, 'Document number does not match the number provided.', 'documentno'],
    [99, { biometric: 2 }, { face: null }, 'Verification could not be completed: no face comparison result.', 'face'],
  ];
  for (const [code, raw, over, reason, key] of cases) {
    it(`fail code ${code}`, () => {
      const d = decideVerification(input(raw, over));
      expect(d.passed).toBe(false);
      expect(d.failcode).toBe(code);
      expect(d.failreason).toBe(reason);
      if (key) expect(d.result[key]).toBe(false);
      // Only the failing check is false: a single failure cannot spill into other results.
      expect(Object.entries(d.result).filter(([, v]) => !v).map(([k]) => k)).toEqual(key ? [key] : []);
    });
  }
});

describe('decideVerification: details', () => {
  it('uses the face engine reason when it could not compare', () => {
    const d = decideVerification(input({ biometric: 1 }, {
      face: { isIdentical: false, confidence: 0, failure: { code: 'selfie_no_face', reason: 'No face was found in the selfie.' } },
    }));
    expect(d).toMatchObject({ failcode: 3, failreason: 'No face was found in the selfie.', result: { face: false } });
  });

  it('re-applies biometric_threshold to the confidence', () => {
    const d = decideVerification(input({ biometric: 1, biometric_threshold: 0.95 }, { face: { isIdentical: true, confidence: 0.9 } }));
    expect(d).toMatchObject({ failcode: 3, failreason: FACE_MISMATCH_REASON });
  });

  it('a fixed verify_phone number must be the verified one', () => {
    const d = decideVerification(input({ verify_phone: '+14155552671' }, { phone: { verified: true, number: '+14155550000' } }));
    expect(d).toMatchObject({ failcode: 15, result: { phone: false } });
    expect(decideVerification(input({ verify_phone: '+14155552671' }, { phone: { verified: true, number: '+1 415-555-2671' } })).passed).toBe(true);
  });

  it('a region list matches the full name or the abbreviation, any case', () => {
    expect(decideVerification(input({ documentregion: 'ca' })).passed).toBe(true);
    expect(decideVerification(input({ documentregion: 'CALIFORNIA' })).passed).toBe(true);
  });

  it('a passport (no region) fails a region restriction with 13', () => {
    const d = decideVerification(input({ documentregion: 'CA' }, { document: withData({ documentType: 'P' }, ['issuerOrg_region_full', 'issuerOrg_region_abbr']) }));
    expect(d.failcode).toBe(13);
  });

  it('a visa is never an accepted document type', () => {
    expect(decideVerification(input({ documenttype: 'PDI' }, { document: withData({ documentType: 'V' }) })).failcode).toBe(14);
  });

  it('the issuing country may come from the alpha-3 code', () => {
    expect(decideVerification(input({ documentcountry: 'US' }, { document: withData({}, ['issuerOrg_iso2']) })).passed).toBe(true);
  });

  it('fields a requested check needs but the document lacks are key information missing, all listed', () => {
    const d = decideVerification(input({ verify_address: '1 Main St', verify_dob: '1990/08/03' }, {
      document: withData({}, ['address1', 'address2', 'dob', 'dob_year', 'dob_month', 'dob_day']),
    }));
    expect(d).toMatchObject({ failcode: 10, failreason: 'Key information missing from document: date of birth, address.' });
    expect(d.result).toMatchObject({ dob: false, address: false });
  });

  it('with several failures, the documented priority picks the code; every result is still reported', () => {
    const d = decideVerification(input({ biometric: 1, verify_name: 'John Doe', documentcountry: 'GB' }, {
      document: withData({ expiry: '2020/01/01', expiry_year: 2020, expiry_month: 1, expiry_day: 1 }),
      face: { isIdentical: false, confidence: 0.1 },
      authentication: { score: 0.05 },
    }));
    expect(d.failcode).toBe(12);
    expect(d.result).toEqual({ face: false, notexpired: false, name: false, documentcountry: false, authentication: false });
    expect(FAIL_CODE_PRIORITY.indexOf(12)).toBeLessThan(FAIL_CODE_PRIORITY.indexOf(4));
  });

  it('an unrecognised document still reports the face and authenticity results it has', () => {
    const d = decideVerification(input({ biometric: 1 }, { document: { recognized: false, data: {} }, face: { isIdentical: false, confidence: 0.2 } }));
    expect(d).toEqual({
      passed: false, failcode: 1, failreason: 'Document not recognized or supported.', result: { face: false, authentication: true },
    });
  });

  it('the priority lists every fail code except 0 exactly once', () => {
    expect([...FAIL_CODE_PRIORITY].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 99]);
  });
});
