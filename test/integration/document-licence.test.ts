import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreAPI } from 'idanalyzer';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startCallbackSessionStack, type CallbackSessionStack } from '../helpers/callback-session.ts';
import { generateLicence, type GeneratedLicence } from '../fixtures/documents/generate-licence.ts';
import { LICENCE_SPECS } from '../fixtures/documents/render-licence.ts';

// An EU-model driving licence front (no MRZ, no barcode) with the holder's portrait, and a
// selfie of the same person, through the verification pipeline and the Core API on both
// databases. The photos are the shared face-verification set's (test use only, never committed).
const FACES = path.resolve(process.cwd(), '../shared/data/face-verification/images');
const hasFaces = fs.existsSync(FACES);
if (!hasFaces) console.warn(`${FACES} not found: the EU licence end-to-end tests are skipped`);
const pgAvailable = await postgresReachable();
const pad = (n: number) => String(n).padStart(2, '0');

for (const dialect of DIALECTS) {
  describe.skipIf(!hasFaces || (dialect === 'postgres' && !pgAvailable))(`EU driving licence end to end on ${dialect}`, () => {
    let stack: CallbackSessionStack;
    let s: TestServer;
    let lic: GeneratedLicence;
    let selfie: string;
    beforeAll(async () => {
      stack = await startCallbackSessionStack(dialect);
      s = stack.s;
      const portrait = fs.readFileSync(path.join(FACES, 'deepface__img1.jpg'));
      lic = await generateLicence(2101, { spec: LICENCE_SPECS.find((x) => x.iso2 === 'DE'), degradation: { jpegQuality: 85 }, portrait });
      selfie = fs.readFileSync(path.join(FACES, 'deepface__img10.jpg')).toString('base64');
    }, 120_000);
    afterAll(() => stack?.close());

    const create = (extra: Record<string, unknown>) => stack.create(extra);
    const callbackFor = (reference: string) => stack.callbackFor(reference);

    it('verifies a session with the licence front and a selfie: type D, German licences only', async () => {
      const id = lic.identity;
      const { reference, error } = await create({
        document_base64: lic.front.toString('base64'), face_base64: selfie, biometric: 1,
        documenttype: 'D', documentcountry: 'DE,AT', verify_name: `${id.given.join(' ')} ${id.surname}`,
      });
      expect(error).toBeUndefined();
      const json = await callbackFor(reference);
      expect(json.data).toMatchObject({ documentType: 'D', issuerOrg_iso2: 'DE', lastName: id.surname, firstName: id.given[0], dob: `${id.birth.y}/${pad(id.birth.m)}/${pad(id.birth.d)}`, expiry: `${id.expiry.y}/${pad(id.expiry.m)}/${pad(id.expiry.d)}` });
      expect(json.verification.result).toMatchObject({ face: true, notexpired: true, name: true, documenttype: true, documentcountry: true });
      expect(json).toMatchObject({ success: true });
    }, 300_000);

    it('refuses the same licence where only French documents or only passports are accepted', async () => {
      const fr = await callbackFor((await create({ document_base64: lic.front.toString('base64'), documentcountry: 'FR', verify_expiry: false })).reference);
      expect(fr).toMatchObject({ success: false, failcode: 12 });
      const passportsOnly = await callbackFor((await create({ document_base64: lic.front.toString('base64'), documenttype: 'P', verify_expiry: false })).reference);
      expect(passportsOnly).toMatchObject({ success: false, failcode: 14 });
    }, 300_000);

    it('scans it through the Core API: DocuPass data, per-field confidence beside it, the face compared', async () => {
      const api = new CoreAPI(s.key, `${s.url}/`);
      const r = await api.scan({ document_primary: lic.front.toString('base64'), biometric_photo: selfie });
      expect(r.error).toBeUndefined();
      expect(r.result).toMatchObject({ documentType: 'D', documentSide: 'FRONT', issuerOrg_iso2: 'DE', lastName: lic.identity.surname });
      expect(r.confidence.lastName).toBeGreaterThan(0);
      expect(r.confidence.lastName).toBeLessThanOrEqual(1);
      expect(r.result.confidence).toBeUndefined();
      expect(r.face.isIdentical).toBe(true);
      api.config.type = 'P';
      const refused = await api.scan({ document_primary: lic.front.toString('base64') });
      expect(refused.error.code).toBe(10);
    }, 300_000);
  });
}
