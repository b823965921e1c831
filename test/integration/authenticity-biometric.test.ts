import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { authenticateDocument } from '../../src/engines/authenticity/authenticate-document.ts';
import type { Authentication } from '../../src/engines/authenticity/authentication-types.ts';
import { makePassportPage, photograph, type IdSpec } from '../fixtures/authenticity/make-id-document.ts';
import { readingFromMrz } from '../fixtures/authenticity/reading-from-mrz.ts';

const faces = path.resolve(process.cwd(), '../shared/data/face-verification/images');
const hasFaces = fs.existsSync(faces);
if (!hasFaces) console.warn('authenticity biometric tests skipped: ../shared/data/face-verification is absent');
const now = new Date('2026-11-25T12:00:00Z');
const PERSON: IdSpec = { surname: 'HALVORSEN', given: 'INGRID MARTE', number: 'K4821973', issuer: 'NOR', birth: '880314', sex: 'F', expiry: '310620' };

/** Real face detection (the face engine's SSD, loaded once for the file) on pages carrying real photos. */
describe.skipIf(!hasFaces)('biometric_analysis with the face engine', () => {
  const check = async (portrait?: Buffer, edit?: (png: Buffer) => Promise<Buffer>): Promise<Authentication> => {
    const doc = await makePassportPage(PERSON, { portrait });
    const png = edit ? await edit(doc.png) : doc.png;
    const photo = await photograph({ ...doc, png });
    const reading = readingFromMrz(doc.lines, { width: photo.width, height: photo.height, mrzBox: photo.mrzBox }, now);
    return authenticateDocument({ front: photo.jpeg, reading, module: '2', now });
  };
  let withFace: Authentication;
  beforeAll(async () => {
    withFace = await check(fs.readFileSync(path.join(faces, 'deepface__img1.jpg')));
  }, 120_000);

  it('passes one usable portrait, and counts its ghost image as a measured security feature', () => {
    expect(withFace.breakdown.biometric_analysis).toEqual({ passed: true });
    expect(withFace.details.biometric_analysis?.measurements?.portraitWidthPx).toBeGreaterThan(40);
    expect(withFace.breakdown.security_feature_check).toEqual({ passed: true });
    expect(withFace.details.security_feature_check?.measurements?.ghostImage).toBe(1);
  });

  it('fails a page whose portrait is a drawing, not a face', async () => {
    const a = await check(undefined);
    expect(a.breakdown.biometric_analysis).toEqual({ passed: false, reason: 'No portrait was found on the document' });
  }, 60_000);

  it('fails a page with a second full-size portrait pasted beside the first', async () => {
    const second = await sharp(fs.readFileSync(path.join(faces, 'deepface__img10.jpg'))).rotate().resize(300, 390, { fit: 'cover', position: 'attention' }).png().toBuffer();
    const a = await check(fs.readFileSync(path.join(faces, 'deepface__img1.jpg')), (png) => sharp(png).composite([{ input: second, left: 760, top: 150 }]).png().toBuffer());
    expect(a.breakdown.biometric_analysis).toEqual({ passed: false, reason: 'More than one portrait was found on the document' });
  }, 60_000);
});
