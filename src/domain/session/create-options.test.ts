import { describe, expect, it } from 'vitest';
import { parseCreateOptions, parseSignOptions } from './create-options.ts';
import { DomainError } from '../errors.ts';

const base = { companyname: 'Acme', type: 1, callbackurl: 'https://example.com/cb' };

function errorOf(raw: Record<string, unknown>): { code: number; message: string } {
  try {
    parseCreateOptions(raw);
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('parseCreateOptions defaults', () => {
  it('applies the documented defaults', () => {
    const o = parseCreateOptions(base);
    expect(o).toMatchObject({
      type: 1,
      biometric: 0,
      biometric_threshold: 0.4,
      authenticate_minscore: 0.3,
      authenticate_module: '2',
      maxattempt: 2,
      verify_expiry: true,
      vault_save: true,
      return_documentimage: true,
      return_faceimage: true,
      crop_document: false,
      return_type: 1,
      expiry: 15_552_000,
      qr_color: '000000',
      qr_bgcolor: 'FFFFFF',
      qr_size: 5,
      qr_margin: 1,
      reusable: false,
      aml_check: false,
      contract_format: 'PDF',
    });
  });

  it('treats the official client\'s empty strings as not given and ignores unknown keys', () => {
    const o = parseCreateOptions({ ...base, documenttype: '', verify_name: '', language: '', nobranding: '', logo: '', client: 'nodejs-sdk', crop_face: false, contract_prefill_data: '' });
    expect(o.documenttype).toBeUndefined();
    expect(o.verify_name).toBeUndefined();
    expect(o.language).toBeUndefined();
    expect(o.nobranding).toBe(false);
    expect(o.contract_prefill_data).toBeUndefined();
    expect('client' in o).toBe(false);
  });

  it('lets what the client sends win over documented defaults', () => {
    const o = parseCreateOptions({ ...base, maxattempt: 1, verify_expiry: false, authenticate_minscore: 0 });
    expect([o.maxattempt, o.verify_expiry, o.authenticate_minscore]).toEqual([1, false, 0]);
  });

  it('accepts form-body strings for booleans and numbers', () => {
    const o = parseCreateOptions({ ...base, type: '3', reusable: 'true', aml_check: '1', dualsidecheck: '0', biometric_threshold: '0.55', maxattempt: '10' });
    expect([o.type, o.reusable, o.aml_check, o.dualsidecheck, o.biometric_threshold, o.maxattempt]).toEqual([3, true, true, false, 0.55, 10]);
  });
});

describe('parseCreateOptions validation', () => {
  const bad: Array<[string, unknown]> = [
    ['type', 4], ['type', 'iframe'], ['companyname', ''], ['biometric', 3], ['biometric_threshold', 1.5],
    ['authenticate_minscore', -0.1], ['authenticate_module', '3'], ['maxattempt', 0], ['maxattempt', 11],
    ['expiry', 599], ['expiry', 15_552_001], ['qr_size', 0], ['qr_size', 51], ['qr_margin', 51],
    ['qr_color', 'red'], ['qr_bgcolor', '12345'], ['language', 'klingon'], ['documenttype', 'PX'],
    ['documentcountry', 'US,XX'], ['documentcountry', 'USA'], ['verify_dob', '1990-01-02'], ['verify_dob', '1990/02/30'],
    ['verify_age', '40-18'], ['verify_age', 'adult'], ['aml_database', 'us_ofac,nope'], ['return_type', 2],
    ['contract_format', 'ODT'], ['successredir', 'javascript:alert(1)'], ['callbackurl', 'ftp://x'], ['logo', 'not a url'],
    ['welcomemessage', 'x'.repeat(1001)], ['verify_phone', '+1 555'], ['contract_prefill_data', '[1,2]'], ['reusable', 'maybe'],
    ['contract_sign', 'bad id!'],
  ];
  it.each(bad)('rejects %s = %j with 1002 naming the parameter', (param, value) => {
    const err = errorOf({ ...base, [param]: value });
    expect(err.code).toBe(1002);
    expect(err.message).toContain(`\`${param}\``);
  });

  const good: Array<[string, unknown, unknown]> = [
    ['documenttype', 'pd', ['P', 'D']], ['documentcountry', 'us, ca', ['US', 'CA']], ['documentregion', 'CA,Texas', ['CA', 'Texas']],
    ['verify_dob', '1990/02/28', '1990/02/28'], ['verify_age', '18-40', { min: 18, max: 40 }], ['language', 'zh-tw', 'zh-TW'],
    ['aml_database', 'UN_SC,us_ofac', ['un_sc', 'us_ofac']], ['qr_color', '#ff00aa', 'FF00AA'], ['authenticate_module', 'quick', 'quick'],
    ['contract_prefill_data', '{"a":"b","n":3}', { a: 'b', n: '3' }], ['contract_prefill_data', { a: 'b' }, { a: 'b' }],
    ['verify_phone', '+14155552671', '+14155552671'], ['expiry', 600, 600], ['contract_format', 'docx', 'DOCX'],
  ];
  it.each(good)('accepts %s = %j', (param, value, expected) => {
    expect((parseCreateOptions({ ...base, [param]: value }) as Record<string, unknown>)[param]).toEqual(expected);
  });

  it('requires vault_save or a callbackurl', () => {
    expect(errorOf({ companyname: 'A', type: 0, vault_save: false }).message).toContain('`callbackurl`');
    expect(parseCreateOptions({ companyname: 'A', type: 0 }).vault_save).toBe(true);
  });

  it('reports an invalid SMS number as 1050', () => {
    expect(errorOf({ ...base, sms_verification_link: '12345' }).code).toBe(1050);
  });

  it('turns phone verification on when verify_phone is given', () => {
    expect(parseCreateOptions({ ...base, verify_phone: '+14155552671' }).phoneverification).toBe(true);
  });
});

describe('parseSignOptions', () => {
  it('accepts the signature parameters', () => {
    const o = parseSignOptions({ companyname: 'A', callbackurl: 'https://x.test/cb', template_id: 'tpl_1', contract_format: 'html', contract_prefill_data: { k: 'v' } });
    expect(o).toMatchObject({ template_id: 'tpl_1', contract_format: 'HTML', contract_prefill_data: { k: 'v' } });
  });
});
