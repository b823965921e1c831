import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The vendor's own client, unchanged: idgate's base URL goes where it expects a region.
import { DocuPass } from 'idanalyzer';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { addTemplate } from '../../src/services/contracts/templates.ts';
import { callbackHash } from '../../src/domain/callback/hash.ts';

describe('official idanalyzer@1.2.7 client against idgate', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s?.close());

  const client = () => {
    const d = new DocuPass(s.key, 'Acme Ltd', s.base);
    d.setCallbackURL('https://example.com/callback');
    return d;
  };

  it.each([
    ['createIframe', 0],
    ['createMobile', 1],
    ['createRedirection', 2],
    ['createLiveMobile', 3],
  ] as const)('%s creates a type %i session', async (method, type) => {
    const d = client();
    d.setCustomID(`cust-${type}`);
    const r = await d[method]();
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ type, customid: `cust-${type}`, url: `${s.url}/${r.reference}` });
    const row = await s.comp.deps.sessions.findForAccount(s.accountId, r.reference);
    // The client's own defaults (maxattempt 1, verify_expiry false) win over the documented ones.
    expect(row!.options).toMatchObject({ maxattempt: 1, verify_expiry: false, authenticate_minscore: 0, companyname: 'Acme Ltd' });
  });

  it('passes options set through the client', async () => {
    const d = client();
    d.setMaxAttempt(5);
    d.enableFaceVerification(true, 1, 0.6);
    d.restrictType('PD');
    d.restrictCountry('US,CA');
    d.verifyAge('21-99');
    d.enableAMLCheck(true);
    d.setAMLDatabase('us_ofac,un_sc');
    d.setLanguage('fr');
    d.setQRCodeFormat('112233', 'EEEEEE', 6, 2);
    const r = await d.createMobile();
    expect(r.error).toBeUndefined();
    const o = (await s.comp.deps.sessions.findForAccount(s.accountId, r.reference))!.options;
    expect(o).toMatchObject({ maxattempt: 5, biometric: 1, biometric_threshold: 0.6, documenttype: ['P', 'D'], documentcountry: ['US', 'CA'], verify_age: { min: 21, max: 99 }, aml_check: true, aml_database: ['us_ofac', 'un_sc'], language: 'fr', qr_color: '112233', qr_size: 6 });
  });

  it('returns validation errors in the body the client expects', async () => {
    const d = client();
    d.setMaxAttempt(5);
    (d as unknown as { config: Record<string, unknown> }).config.expiry = 5;
    const r = await d.createMobile();
    expect(r.error).toEqual({ code: 1002, message: expect.stringContaining('`expiry`') });
  });

  it('creates a signature session', async () => {
    const tpl = await addTemplate(s.comp.deps, s.accountId, 'Agreement', '<h1>Agreement</h1><p>%{fullName} agrees with %{myparameter}.</p>');
    const r = await client().createSignature(tpl.id, 'PDF', { myparameter: 'abc' });
    expect(r.error).toBeUndefined();
    expect(r.html_iframe).toContain(r.url);
    const row = await s.comp.deps.sessions.findForAccount(s.accountId, r.reference);
    expect(row?.kind).toBe('signature');
    expect(row!.options.contract_prefill_data).toEqual({ myparameter: 'abc' });
  });

  it('validates a callback hash', async () => {
    const r = await client().createIframe();
    await s.comp.deps.sessions.recordOutcome(r.reference, { state: 'succeeded', success: true, failcode: null, at: Date.now() });
    const secret = (await s.comp.deps.accounts.getAccount(s.accountId))!.callback_secret;
    const d = client();
    expect(await d.validate(r.reference, callbackHash(secret, { reference: r.reference, success: true }))).toBe(true);
    expect(await d.validate(r.reference, 'f'.repeat(32))).toBe(false);
  });
});
