import { describe, expect, it } from 'vitest';
import { parseCreateOptions } from '../session/create-options.ts';
import { decideVerification } from './decide-verification.ts';
import type { VerificationData } from './verification-input.ts';

const now = new Date(Date.UTC(2024, 5, 15, 10));
/** A passport as the document engine reports it; ERIKSSON is the read the reader was unsure of. */
const passport: VerificationData = {
  documentNumber: 'L898902C3', firstName: 'ANNA', middleName: 'MARIA', lastName: 'ERIKSSON', fullName: 'ANNA MARIA ERIKSSON',
  dob: '1974/08/12', dob_year: 1974, dob_month: 8, dob_day: 12, age: 49,
  expiry: '2031/04/15', expiry_year: 2031, expiry_month: 4, expiry_day: 15, documentType: 'P', issuerOrg_iso2: 'SE',
};

function decide(raw: Record<string, unknown>, doubtful?: string[]) {
  const options = parseCreateOptions({ companyname: 'Acme', type: 0, callbackurl: 'https://example.com/cb', authenticate_minscore: 0, ...raw });
  return decideVerification({ options, document: { recognized: true, data: passport, doubtful }, face: null, authentication: null, phone: null, now });
}

describe('doubtful fields never pass a verify_* check silently', () => {
  it('a sure name that differs by one OCR-tolerated letter passes, as before', () => {
    expect(decide({ verify_name: 'Anna Eriksson' }).passed).toBe(true);
    expect(decide({ verify_name: 'Anna Eriksen' }).failcode).toBe(5);
  });

  it('a doubtful name passes only when the supplied name shows it letter for letter', () => {
    expect(decide({ verify_name: 'Anna Maria Eriksson' }, ['lastName', 'fullName']).passed).toBe(true);
    // "Erikson" is within the one-slip tolerance of ERIKSSON: a sure read would pass; a doubtful one must not.
    const d = decide({ verify_name: 'Anna Erikson' }, ['lastName', 'fullName']);
    expect(d.passed).toBe(false);
    expect(d.failcode).toBe(10);
    expect(d.failreason).toContain('name (not read with certainty)');
  });

  it('a mismatch on a doubtful field fails with 10 (maybe the reader), never the mismatch code', () => {
    expect(decide({ verify_name: 'Karl Svensson' }, ['lastName', 'firstName', 'fullName']).failcode).toBe(10);
    expect(decide({ verify_documentno: 'L898902C4' }, ['documentNumber']).failcode).toBe(10);
    expect(decide({ verify_documentno: 'L898902C4' }).failcode).toBe(16);
    expect(decide({ verify_dob: '1974/08/13' }, ['dob', 'dob_day']).failcode).toBe(10);
    expect(decide({ verify_dob: '1974/08/13' }).failcode).toBe(6);
  });

  it('an exact match corroborates a doubtful number or birth date', () => {
    expect(decide({ verify_documentno: 'L898902C3', verify_dob: '1974/08/12' }, ['documentNumber', 'dob']).passed).toBe(true);
  });

  it('a doubtful expiry date is as good as missing; a doubtful birth date holds no age check', () => {
    const e = decide({ verify_expiry: true }, ['expiry', 'expiry_year']);
    expect(e.failcode).toBe(10);
    expect(e.result.notexpired).toBe(false);
    expect(decide({ verify_expiry: true }).passed).toBe(true);
    expect(decide({ verify_age: '18-99' }, ['dob', 'age']).failcode).toBe(10);
    expect(decide({ verify_age: '18-99', verify_dob: '1974/08/12' }, ['dob', 'age']).passed).toBe(true);
  });
});
