import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreAPI } from 'idanalyzer';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startCallbackSessionStack, type CallbackSessionStack } from '../helpers/callback-session.ts';
import { generateIdCard, type GeneratedIdCard } from '../fixtures/documents/generate-id-card.ts';
import { ID_FRONT_SPECS } from '../fixtures/documents/render-id-front.ts';

// A national ID card: its printed front (no MRZ) with the holder's portrait, its TD1 back, and a
// selfie of the same person, through the verification pipeline and the Core API on both
// databases. The photos are the shared face-verification set's (test use only, never committed).
const FACES = path.resolve(process.cwd(), '../shared/data/face-verification/images');
const hasFaces = fs.existsSync(FACES);
if (!hasFaces) console.warn(`${FACES} not found: the ID card end-to-end tests are skipped`);
const pgAvailable = await postgresReachable();
const pad = (n: number) => String(n).padStart(2, '0');

for (const dialect of DIALECTS) {
  describe.skipIf(!hasFaces || (dialect === 'postgres' && !pgAvailable))(`ID card front and MRZ back end to end on ${dialect}`, () => {
    let stack: CallbackSessionStack;
    let s: TestServer;
    let card: GeneratedIdCard;
    let selfie: string;
    beforeAll(async () => {
      stack = await startCallbackSessionStack(dialect);
      s = stack.s;
      const portrait = fs.readFileSync(path.join(FACES, 'deepface__img1.jpg'));
      card = await generateIdCard(2111, { spec: ID_FRONT_SPECS.find((x) => x.iso2 === 'FR'), degradation: { jpegQuality: 85 }, portrait });
      selfie = fs.readFileSync(path.join(FACES, 'deepface__img10.jpg')).toString('base64');
    }, 120_000);
    afterAll(() => stack?.close());

    const create = (extra: Record<string, unknown>) => stack.create(extra);
    const callbackFor = (reference: string) => stack.callbackFor(reference);

    it('verifies a session with the ID front, its MRZ back and a selfie: type I, French documents only', async () => {
      const id = card.identity;
      const { reference, error } = await create({
        document_base64: card.front.toString('base64'), document_back_base64: card.back.toString('base64'), face_base64: selfie, biometric: 1,
        documenttype: 'I', documentcountry: 'FR', verify_name: `${id.given.join(' ')} ${id.surname}`, verify_documentno: card.number,
      });
      expect(error).toBeUndefined();
      const json = await callbackFor(reference);
      expect(json.data).toMatchObject({
        documentType: 'I', issuerOrg_iso2: 'FR', lastName: id.surname, firstName: id.given[0], documentNumber: card.number,
        dob: `${id.birth.y}/${pad(id.birth.m)}/${pad(id.birth.d)}`, expiry: `${id.expiry.y}/${pad(id.expiry.m)}/${pad(id.expiry.d)}`,
      });
      expect(json.verification.result).toMatchObject({ face: true, notexpired: true, name: true, documentno: true, documenttype: true, documentcountry: true });
      expect(json).toMatchObject({ success: true });
    }, 300_000);

    it('refuses the same card where only German documents are accepted', async () => {
      const de = await callbackFor((await create({ document_base64: card.front.toString('base64'), document_back_base64: card.back.toString('base64'), verify_expiry: false, documentcountry: 'DE' })).reference);
      expect(de).toMatchObject({ success: false, failcode: 12 });
    }, 300_000);

    it('scans the front alone through the Core API: type I and the country from the print, the face compared', async () => {
      const api = new CoreAPI(s.key, `${s.url}/`);
      const r = await api.scan({ document_primary: card.front.toString('base64'), biometric_photo: selfie });
      expect(r.error).toBeUndefined();
      expect(r.result).toMatchObject({ documentType: 'I', documentSide: 'FRONT', issuerOrg_iso2: 'FR', lastName: card.identity.surname });
      expect(r.confidence.lastName).toBeGreaterThan(0);
      expect(r.face.isIdentical).toBe(true);
      api.config.type = 'D';
      const refused = await api.scan({ document_primary: card.front.toString('base64') });
      expect(refused.error.code).toBe(10);
    }, 300_000);
  });
}
