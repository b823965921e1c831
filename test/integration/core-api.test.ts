import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreAPI } from 'idanalyzer';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { generateDocument, type GeneratedDocument } from '../fixtures/documents/generate-document.ts';

const pgAvailable = await postgresReachable();
const pad = (n: number) => String(n).padStart(2, '0');

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`Core API on ${dialect}`, () => {
    let s: TestServer;
    let passport: GeneratedDocument;
    let licence: GeneratedDocument;
    let card: GeneratedDocument;
    beforeAll(async () => {
      s = await startTestServer({ dialect });
      passport = await generateDocument('TD3', 501, { tilt: 2, jpegQuality: 85 });
      licence = await generateDocument('AAMVA', 502, {});
      card = await generateDocument('TD1', 503, {});
    }, 120_000);
    afterAll(() => s?.close());

    const client = () => new CoreAPI(s.key, `${s.url}/`);

    it('scans a passport sent by the official client and answers the DocuPass data', async () => {
      const r = await client().scan({ document_primary: passport.front.toString('base64') });
      expect(r.error).toBeUndefined();
      const id = passport.identity;
      expect(r.result).toMatchObject({
        documentNumber: id.documentNumber,
        lastName: id.surname,
        firstName: id.given[0],
        documentType: 'P',
        documentSide: 'BIODATA',
        sex: id.sex,
        dob: `${id.birth.y}/${pad(id.birth.m)}/${pad(id.birth.d)}`,
        nationality_iso3: id.nationality,
      });
      expect(typeof r.executionTime).toBe('number');
    }, 120_000);

    it('reads a licence from its barcode back and honours the region restriction', async () => {
      const api = client();
      const ok = await api.scan({ document_primary: licence.front.toString('base64'), document_secondary: licence.back!.toString('base64') });
      expect(ok.result).toMatchObject({ documentNumber: licence.identity.documentNumber, documentType: 'D', lastName: licence.identity.surname });
      expect(ok.result.issuerOrg_region_abbr).toBeTruthy();
      api.config.region = 'ZZ';
      const refused = await api.scan({ document_primary: licence.front.toString('base64'), document_secondary: licence.back!.toString('base64') });
      expect(refused.error.code).toBe(10);
    }, 120_000);

    it('rejects front and back of different documents with dualsidecheck (error 14)', async () => {
      const api = client();
      api.enableDualsideCheck(true);
      const r = await api.scan({ document_primary: passport.front.toString('base64'), document_secondary: card.back!.toString('base64') });
      expect(r.error.code).toBe(14);
      expect(r.error.message).toMatch(/documentNumber|lastName/);
    }, 180_000);

    it('answers a clear error for a file that is not an image, and for a missing key', async () => {
      const bad = await client().scan({ document_primary: Buffer.from('not an image at all, just some text padding it out to over one hundred characters for the client to accept it as base64').toString('base64') });
      expect(bad.error.code).toBe(8);
      const res = await fetch(`${s.url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ file_base64: passport.front.toString('base64') }) });
      expect(res.status).toBe(200);
      expect((await res.json()).error.code).toBe(1);
    });
  });
}

const SHARED = (await import('node:path')).resolve(process.cwd(), '../shared/data');
const hasShared = (await import('node:fs')).existsSync(SHARED);

describe.skipIf(!hasShared)('Core API face and verification blocks (real passport and face photo)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { IDGATE_WORKER_THREADS: '1' } });
  });
  afterAll(() => s?.close());

  it('compares the selfie with the portrait and applies verify_* like DocuPass', async () => {
    const fs = await import('node:fs');
    const api = new CoreAPI(s.key, `${s.url}/`);
    api.verifyName('Anna Maria Eriksson');
    api.verifyDocumentNumber('X1234567');
    const r = await api.scan({
      document_primary: fs.readFileSync(`${SHARED}/mrz-document-images/images/passporteye__passport-td3.jpg`).toString('base64'),
      biometric_photo: fs.readFileSync(`${SHARED}/face-verification/images/deepface__img1.jpg`).toString('base64'),
    });
    expect(r.error).toBeUndefined();
    expect(r.result.lastName).toBe('ERIKSSON');
    expect(r.face.isIdentical).toBe(false);
    expect(r.face.confidence).toMatch(/^\d\.\d{3}$/);
    expect(r.verification.passed).toBe(false);
    expect(r.verification.result).toMatchObject({ name: true, documentno: false, face: false });
  }, 180_000);

  it('takes liveness_threshold like a DocuPass session: a stricter threshold refuses the selfie, a bad value is named', async () => {
    const fs = await import('node:fs');
    const body = {
      apikey: s.key,
      file_base64: fs.readFileSync(`${SHARED}/mrz-document-images/images/passporteye__passport-td3.jpg`).toString('base64'),
      face_base64: fs.readFileSync(`${SHARED}/face-verification/images/deepface__img1.jpg`).toString('base64'),
    };
    const post = async (extra: Record<string, unknown>) => (await fetch(`${s.url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, ...extra }) })).json() as Promise<Record<string, any>>;
    const lenient = await post({ liveness_threshold: 0 });
    expect(lenient.error).toBeUndefined();
    // With the check off, only the identity decision speaks: no liveness refusal in the face block.
    expect(String(lenient.face.error ?? '')).not.toMatch(/live picture/);
    const strict = await post({ liveness_threshold: '1' });
    expect(strict.error).toBeUndefined();
    expect(strict.face.isIdentical).toBe(false);
    expect(strict.face.error).toMatch(/could not be confirmed as a live picture/);
    const bad = await post({ liveness_threshold: 'high' });
    expect(bad.error).toMatchObject({ code: 1002 });
    expect(bad.error.message).toMatch(/liveness_threshold/);
  }, 180_000);
});
