import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocuPass, Vault } from 'idanalyzer';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';

const SHARED = path.resolve(process.cwd(), '../shared/data');
const hasShared = fs.existsSync(SHARED);
if (!hasShared) console.warn('../shared/data is absent: the end-to-end pipeline tests on real documents are skipped');
const img = (p: string) => fs.readFileSync(path.join(SHARED, p)).toString('base64');

/** Sessions with every image supplied at create run at once; these follow them to the callback. */
describe.skipIf(!hasShared)('verification pipeline over HTTP alone (real OCR and face models)', () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    s = await startTestServer({ env: { IDGATE_WORKER_THREADS: '1' } });
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx?.close();
    await s?.close();
  });

  const create = async (extra: Record<string, unknown>) =>
    (await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, customid: 'c-1', verify_expiry: false, authenticate_minscore: 0, ...extra })).json;
  const callbackFor = async (reference: string) => {
    const end = Date.now() + 120_000;
    while (Date.now() < end) {
      const hit = rx.received.find((r) => r.json?.reference === reference);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no callback for ${reference}`);
  };

  it('reads a passport supplied at create and calls back with the success payload', async () => {
    const { reference, error } = await create({ document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'), aml_check: true, return_type: 1 });
    expect(error).toBeUndefined();
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: true, reference, customid: 'c-1' });
    expect(Object.keys(json)).toEqual(['success', 'reference', 'hash', 'customid', 'data', 'verification', 'aml', 'documentimage', 'faceimage', 'vaultid']);
    expect(json.data).toMatchObject({ documentNumber: 'L898902C3', lastName: 'ERIKSSON', firstName: 'ANNA', documentType: 'P', dob: '1974/08/12', sex: 'F' });
    expect(json.verification.passed).toBe(true);
    expect(json.documentimage).toHaveLength(1);
    const image = await fetch(json.documentimage[0].url);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(await new DocuPass(s.key, 'Acme', s.base).validate(reference, json.hash)).toBe(true);
    const entry = await new Vault(s.key, s.base).get(json.vaultid);
    expect(JSON.stringify(entry)).toContain('ERIKSSON');
  });

  it('fails with code 5 when the name does not match, after the last attempt', async () => {
    const { reference } = await create({ document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'), verify_name: 'John Smith', maxattempt: 1, return_type: 0 });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode: 5, customid: 'c-1' });
    expect(typeof json.failreason).toBe('string');
    expect(json.verification.result.name).toBe(false);
    expect(json.documentimage[0].content.length).toBeGreaterThan(1000);
  });

  it('fails with code 3 when the selfie is of someone else', async () => {
    const { reference } = await create({
      document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'),
      face_base64: img('face-verification/images/deepface__img1.jpg'),
      biometric: 1,
      maxattempt: 1,
    });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode: 3 });
    expect(json.face.isIdentical).toBe(false);
    expect(json.face.confidence).toMatch(/^\d\.\d{3}$/);
    expect(json.faceimage).toHaveLength(1);
  });

  it('fails with code 2 when the authenticity check finds a public specimen', async () => {
    const { reference } = await create({ document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'), authenticate_minscore: 0.3, authenticate_module: 2, maxattempt: 1 });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode: 2 });
    expect(Object.keys(json.authentication.breakdown)).toEqual(expect.arrayContaining(['data_visibility', 'image_quality', 'feature_referencing', 'exif_check', 'publicity_check', 'text_analysis', 'biometric_analysis', 'security_feature_check', 'recapture_check']));
    expect(json.authentication.breakdown.publicity_check.passed).toBe(false);
    expect(json.authentication.warning.join(' ')).toContain('public domain');
    expect(json.authentication.score).toBeLessThan(0.3);
    // Internal measurements never reach the callback.
    expect(JSON.stringify(json.authentication)).not.toContain('details');
  });

  it('fails with code 1 when the image holds no document', async () => {
    const { reference } = await create({ document_base64: img('face-verification/images/deepface__img1.jpg'), maxattempt: 1 });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode: 1 });
  });

  it('lets the user retry while attempts are left: no callback yet', async () => {
    const { reference } = await create({ document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'), verify_name: 'John Smith', maxattempt: 2 });
    const end = Date.now() + 60_000;
    while (Date.now() < end && (await s.comp.deps.verificationAttempts.findForReference(reference)).length === 0) await new Promise((r) => setTimeout(r, 200));
    const status = await (await import('../../src/services/session-status.ts')).getSessionStatus(s.comp.deps, reference);
    expect(status).toMatchObject({ state: 'opened', attemptsLeft: 1, failcode: 5 });
    expect(rx.received.some((r) => r.json?.reference === reference)).toBe(false);
  });
});
