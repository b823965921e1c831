import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { authenticateDocument, MODULE_CHECKS, publicAuthentication } from '../../src/engines/authenticity/authenticate-document.ts';
import type { AuthenticateInput, Authentication, PortraitFace } from '../../src/engines/authenticity/authentication-types.ts';
import { knownEntryFor, mergeKnownEntry } from '../../src/engines/authenticity/known-entry.ts';
import { knownDocumentsFile } from '../../src/engines/authenticity/known-documents.ts';
import type { DocumentReading } from '../../src/engines/document/document-reading.ts';
import { makePassportPage, photograph, td3Lines, type IdSpec, type Photographed } from '../fixtures/authenticity/make-id-document.ts';
import { blurred, cameraOnPrint, cameraOnScreen, chromiumAvailable, exiftoolAvailable, glared, screenshotInChromium, withExif, withZoneMoved } from '../fixtures/authenticity/make-variants.ts';
import { photographAngled, type Pt } from '../fixtures/authenticity/photograph-angled.ts';
import { readingFromMrz } from '../fixtures/authenticity/reading-from-mrz.ts';

const now = new Date('2026-11-25T12:00:00Z');
const PERSON: IdSpec = { surname: 'HALVORSEN', given: 'INGRID MARTE', number: 'K4821973', issuer: 'NOR', birth: '880314', sex: 'F', expiry: '310620' };
const shared = path.resolve(process.cwd(), '../shared/data');
const hasShared = fs.existsSync(path.join(shared, 'mrz-document-images'));
if (!hasShared) console.warn('authenticity tests: ../shared/data is absent; the tests on shared specimen, EXIF and face images are skipped');

type Case = { photo: Photographed; reading: DocumentReading; faces: PortraitFace[] };

/** A generated passport page photographed on a desk; faces = what the face engine reports (portrait + ghost). */
async function genuineCase(spec = PERSON, opts: { lines?: string[]; seed?: number } = {}): Promise<Case> {
  const doc = await makePassportPage(spec, { lines: opts.lines, seed: opts.seed });
  const photo = await photograph(doc, { seed: opts.seed });
  const reading = readingFromMrz(doc.lines, { width: photo.width, height: photo.height, mrzBox: photo.mrzBox }, now);
  const ghost = { x: photo.documentBox.x + 1100, y: photo.documentBox.y + 530, w: 80, h: 95 };
  return { photo, reading, faces: [{ box: { ...photo.portraitBox, y: photo.portraitBox.y + 40, h: 260 }, score: 0.95 }, { box: ghost, score: 0.7 }] };
}

const run = (c: Case, front: Buffer, extra: Partial<AuthenticateInput> = {}): Promise<Authentication> =>
  authenticateDocument({ front, reading: c.reading, module: '2', now, portraitFaces: c.faces, ...extra });

let genuine: Case;
let genuineResult: Authentication;
beforeAll(async () => {
  genuine = await genuineCase();
  genuineResult = await run(genuine, genuine.photo.jpeg);
});

describe('a genuine generated document', () => {
  it('passes all nine checks with score 1 and no warning', () => {
    expect(Object.keys(genuineResult.breakdown).sort()).toEqual([...MODULE_CHECKS['2']].sort());
    for (const [name, r] of Object.entries(genuineResult.breakdown)) expect(r, name).toEqual({ passed: true });
    expect(genuineResult.score).toBe(1);
    expect(genuineResult.warning).toEqual([]);
  });
  it('has a public form without measurements', () => {
    expect(Object.keys(publicAuthentication(genuineResult)).sort()).toEqual(['breakdown', 'score', 'warning']);
    expect(genuineResult.details.image_quality?.measurements?.sharpness).toBeGreaterThan(0);
  });
});

describe('data_visibility', () => {
  it('fails when nothing could be read, and when a key field is missing', async () => {
    const none: DocumentReading = { data: {}, fieldSources: {}, sides: [{ side: 'FRONT', width: 0, height: 0, rotation: 0 }], documentKind: 'UNKNOWN', failure: { reason: 'no machine-readable zone or PDF417 barcode could be read' } };
    const a = await run({ ...genuine, reading: none }, genuine.photo.jpeg);
    expect(a.breakdown.data_visibility).toMatchObject({ passed: false, reason: expect.stringContaining('could not be read') });
    const noDob = structuredClone(genuine.reading);
    delete noDob.data.dob;
    const b = await run({ ...genuine, reading: noDob }, genuine.photo.jpeg);
    expect(b.breakdown.data_visibility?.reason).toContain('date of birth');
  });
});

describe('image_quality', () => {
  it('fails a blurred photo and says so', async () => {
    const a = await run(genuine, await blurred(genuine.photo.jpeg, 7));
    expect(a.breakdown.image_quality).toMatchObject({ passed: false, reason: expect.stringContaining('blurred') });
  });
  it('fails glare over the MRZ and says so', async () => {
    const m = genuine.photo.mrzBox;
    const a = await run(genuine, await glared(genuine.photo.jpeg, { cx: m.x + 450, cy: m.y + 70, r: 110 }));
    expect(a.breakdown.image_quality).toMatchObject({ passed: false, reason: expect.stringContaining('glare') });
  });
  it('fails a dark photo and a tiny one', async () => {
    const dark = await sharp(genuine.photo.jpeg).linear(0.22, 0).jpeg().toBuffer();
    expect((await run(genuine, dark)).breakdown.image_quality?.reason).toContain('underexposed');
    const tiny = await sharp(genuine.photo.jpeg).resize(420).jpeg({ quality: 92 }).toBuffer();
    expect((await run(genuine, tiny)).breakdown.image_quality?.reason).toContain('resolution too low');
  });
});

describe('feature_referencing', () => {
  it('fails a document whose shape is not the passport page its MRZ claims', async () => {
    const doc = await makePassportPage(PERSON);
    const squashed = await sharp(doc.png).resize(900, 900, { fit: 'fill' }).png().toBuffer();
    const photo = await photograph({ ...doc, png: squashed, width: 900, height: 900, mrzBox: { ...doc.mrzBox, w: doc.mrzBox.w * 0.72, y: doc.mrzBox.y * 900 / 880 } });
    const reading = readingFromMrz(doc.lines, { width: photo.width, height: photo.height, mrzBox: photo.mrzBox }, now);
    const a = await authenticateDocument({ front: photo.jpeg, reading, module: '2', now, portraitFaces: genuine.faces });
    expect(a.breakdown.feature_referencing).toMatchObject({ passed: false, reason: expect.stringContaining('aspect ratio') });
  });
  it('fails when no portrait is found where a passport prints one', async () => {
    const a = await run({ ...genuine, faces: [] }, genuine.photo.jpeg);
    expect(a.breakdown.feature_referencing?.reason).toContain('no portrait');
  });
});

describe('document outline (locateDocument) in feature_referencing and biometric_analysis', () => {
  const corners: [Pt, Pt, Pt, Pt] = [[260, 230], [1330, 170], [1370, 930], [230, 960]];
  /** A page photographed at an angle, in perspective, on a light desk; faces where the page has its portrait. */
  async function angled(doc: Awaited<ReturnType<typeof makePassportPage>>) {
    const p = await photographAngled(doc, { width: 1600, height: 1200, corners, seed: 2, desk: '#8a8276' });
    const reading = readingFromMrz(doc.lines, { width: 1600, height: 1200, mrzBox: p.mrzBox }, now);
    return authenticateDocument({ front: p.jpeg, reading, module: '2', now, portraitFaces: [{ box: p.portraitBox, score: 0.9 }] });
  }
  it('passes the genuine page and measures the MRZ in the page\'s own frame (perspective undone)', async () => {
    const a = await angled(await makePassportPage(PERSON, { seed: 4 }));
    expect(a.breakdown.feature_referencing).toEqual({ passed: true });
    expect(a.breakdown.biometric_analysis).toEqual({ passed: true });
    expect(a.details.feature_referencing?.measurements).toMatchObject({ mrzCentreU: expect.closeTo(0.5, 1), mrzCentreV: expect.closeTo(0.88, 1) });
    expect(a.details.biometric_analysis?.measurements?.portraitInZone).toBe(1);
  });
  it('fails a page whose MRZ was pasted at the top', async () => {
    const a = await angled(await withZoneMoved(await makePassportPage(PERSON, { seed: 4 }), 'mrzBox', { x: 40, y: 110 }));
    expect(a.breakdown.feature_referencing).toMatchObject({ passed: false, reason: expect.stringContaining('the MRZ is not at the bottom') });
  });
  it('fails a page whose portrait was moved to the right, where the layout prints text', async () => {
    const a = await angled(await withZoneMoved(await makePassportPage(PERSON, { seed: 4 }), 'portraitBox', { x: 880, y: 150 }));
    expect(a.breakdown.biometric_analysis).toEqual({ passed: false, reason: 'The portrait is not where the document layout prints it' });
  });
});

describe.skipIf(!exiftoolAvailable)('exif_check', () => {
  it('fails an image whose metadata names Photoshop (written with exiftool)', async () => {
    const a = await run(genuine, withExif(genuine.photo.jpeg, { Software: 'Adobe Photoshop 25.0 (Windows)' }));
    expect(a.breakdown.exif_check).toEqual({ passed: false, reason: 'Image edited in Photoshop' });
    expect(a.warning).toContain('Image edited in Photoshop');
  });
  it('fails contradictory dates and passes plain camera metadata', async () => {
    const future = await run(genuine, withExif(genuine.photo.jpeg, { DateTimeOriginal: '2031:01:01 10:00:00', CreateDate: '2031:01:01 10:00:00' }));
    expect(future.breakdown.exif_check?.reason).toContain('future');
    const camera = await run(genuine, withExif(genuine.photo.jpeg, { Make: 'Canon', Model: 'EOS 40D', DateTimeOriginal: '2026:11:20 10:00:00', CreateDate: '2026:11:20 10:00:00' }));
    expect(camera.breakdown.exif_check).toEqual({ passed: true });
  });
  it('fails an image whose EXIF thumbnail still shows the portrait that was replaced', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-thumb-'));
    const thumb = path.join(dir, 'thumb.jpg');
    fs.writeFileSync(thumb, await sharp(genuine.photo.jpeg).resize(160).jpeg({ quality: 75 }).toBuffer());
    const p = genuine.photo.portraitBox;
    const patch = await sharp({ create: { width: Math.round(p.w), height: Math.round(p.h), channels: 3, background: '#242018' } }).png().toBuffer();
    const pasted = await sharp(genuine.photo.jpeg).composite([{ input: patch, left: Math.round(p.x), top: Math.round(p.y) }]).jpeg({ quality: 90 }).toBuffer();
    const keepsThumb = async (img: Buffer) => {
      const file = path.join(dir, 'img.jpg');
      fs.writeFileSync(file, img);
      execFileSync('exiftool', ['-q', '-overwrite_original', '-Make=Canon', `-ThumbnailImage<=${thumb}`, file]);
      return fs.readFileSync(file);
    };
    const edited = await run(genuine, await keepsThumb(pasted));
    expect(edited.breakdown.exif_check?.reason).toContain('EXIF thumbnail differs from the image');
    const untouched = await run(genuine, await keepsThumb(genuine.photo.jpeg));
    expect(untouched.breakdown.exif_check).toEqual({ passed: true });
  });
  it('does not fail an image without any EXIF', () => {
    expect(genuineResult.details.exif_check?.measurements?.metadataFound).toBe(0);
    expect(genuineResult.breakdown.exif_check?.passed).toBe(true);
  });
});

describe.skipIf(!hasShared)('exif_check on the shared EXIF samples', () => {
  const dir = path.join(shared, 'image-metadata-exif/jpg');
  it('flags the GIMP re-save and survives corrupt EXIF', async () => {
    const gimp = await run(genuine, fs.readFileSync(path.join(dir, 'Canon_40D_photoshop_import.jpg')), { module: 'quick' });
    expect(gimp.breakdown.exif_check).toBeUndefined();
    const full = await run(genuine, fs.readFileSync(path.join(dir, 'Canon_40D_photoshop_import.jpg')));
    expect(full.breakdown.exif_check?.reason).toContain('GIMP');
    const corrupt = await run(genuine, fs.readFileSync(path.join(dir, 'corrupted.jpg')));
    expect(corrupt.breakdown.exif_check?.passed).toBe(true);
  });
});

describe('publicity_check', () => {
  it('fails the ICAO Utopia specimen and the German MUSTERMANN specimen', async () => {
    const uto = await genuineCase({ surname: 'ERIKSSON', given: 'ANNA MARIA', number: 'L898902C3', issuer: 'UTO', birth: '740812', sex: 'F', expiry: '300415' });
    const a = await run(uto, uto.photo.jpeg);
    expect(a.breakdown.publicity_check).toMatchObject({ passed: false, reason: expect.stringContaining('This document could be obtained in the public domain') });
    expect(a.score).toBeLessThan(0.3);
    const deu = await genuineCase({ surname: 'MUSTERMANN', given: 'ERIKA', number: 'C01X00T47', issuer: 'D', birth: '830812', sex: 'F', expiry: '310531' });
    expect((await run(deu, deu.photo.jpeg, { module: 'quick' })).breakdown.publicity_check?.passed).toBe(false);
  });
  it('recognises an image added with add-known after re-compression and resizing', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-known-'));
    const entry = await knownEntryFor(genuine.photo.jpeg, { id: 'leaked-sample', source: 'test' });
    fs.mkdirSync(path.dirname(knownDocumentsFile(dataDir)), { recursive: true });
    fs.writeFileSync(knownDocumentsFile(dataDir), JSON.stringify(mergeKnownEntry({ specimenWords: [], specimenIssuers: [], documents: [], imageHashes: [] }, entry, 'leaked-sample')));
    const copy = await sharp(genuine.photo.jpeg).resize(1200).jpeg({ quality: 60 }).toBuffer();
    const a = await run(genuine, copy, { dataDir, module: 'quick' });
    expect(a.breakdown.publicity_check?.reason).toContain('leaked-sample');
    expect((await run(genuine, copy, { module: 'quick' })).breakdown.publicity_check?.passed).toBe(true);
  });
});

describe.skipIf(!hasShared)('publicity_check on shared specimen images', () => {
  it('matches the PassportEye ICAO specimen by its shipped image hash and by its name', async () => {
    const file = path.join(shared, 'mrz-document-images/images/passporteye__passport-td3.jpg');
    const img = fs.readFileSync(file);
    const meta = await sharp(img).metadata();
    const reading = readingFromMrz(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'], { width: meta.width!, height: meta.height!, mrzBox: { x: 0, y: meta.height! * 0.8, w: meta.width!, h: meta.height! * 0.15 } }, now);
    const a = await authenticateDocument({ front: img, reading, module: 'quick', now });
    expect(a.breakdown.publicity_check?.reason).toContain('matches known specimen');
  });
});

describe('text_analysis', () => {
  it('fails a tampered MRZ digit and names the check digit', async () => {
    const lines = td3Lines(PERSON);
    // The birth date altered (a younger holder) without recomputing its check digit.
    const tampered = [lines[0]!, lines[1]!.replace('880314', '890314')];
    const c = await genuineCase(PERSON, { lines: tampered });
    const a = await run(c, c.photo.jpeg, { module: 'quick' });
    expect(a.breakdown.text_analysis).toMatchObject({ passed: false, reason: expect.stringContaining('check digit invalid (birth date, composite)') });
    expect(a.score).toBeLessThan(0.3);
  });
  it('fails impossible date logic (expiry before birth, validity too long)', async () => {
    const c = await genuineCase({ ...PERSON, birth: '950101', expiry: '600101' });
    expect((await run(c, c.photo.jpeg, { module: 'quick' })).breakdown.text_analysis?.reason).toMatch(/expiry date precedes the date of birth|implausible/);
  });
  it('fails an AAMVA licence number that does not follow its state format', async () => {
    const reading: DocumentReading = {
      data: { documentNumber: '12345678', lastName: 'RIVERA', firstName: 'ANA', dob: '1990/04/02', dob_year: 1990, dob_month: 4, dob_day: 2, expiry_year: 2029, expiry_month: 4, expiry_day: 2, issued_year: 2021, issued_month: 4, issued_day: 2, issuerOrg_region_abbr: 'CA', issuerOrg_iso3: 'USA' },
      fieldSources: {}, sides: [{ side: 'BACK', width: 100, height: 60, rotation: 0 }], documentKind: 'AAMVA',
      barcode: { format: 'PDF417', raw: '@\n\x1e\rANSI 636014090002DL00410278ZC03190008DLDAQ12345678', fields: { DAQ: '12345678', DAJ: 'CA' } },
    };
    const a = await authenticateDocument({ front: genuine.photo.jpeg, reading, module: 'quick', now });
    expect(a.breakdown.text_analysis?.reason).toContain('does not follow the CA format');
  });
});

describe('security_feature_check', () => {
  it('passes on a measured ghost image and reports "not performed" (no score effect) when nothing is measurable', async () => {
    expect(genuineResult.details.security_feature_check).toMatchObject({ performed: true, measurements: { ghostImage: 1 } });
    const a = await run({ ...genuine, faces: genuine.faces.slice(0, 1) }, genuine.photo.jpeg);
    expect(a.breakdown.security_feature_check?.reason).toMatch(/^Not performed: /);
    expect(a.details.security_feature_check?.performed).toBe(false);
    expect(a.score).toBe(1);
  });
  it('fails a barcode whose issuer number belongs to another state', async () => {
    const reading: DocumentReading = {
      data: { documentNumber: 'D1234567', lastName: 'RIVERA', dob: '1990/04/02' }, fieldSources: {}, sides: [{ side: 'BACK', width: 100, height: 60, rotation: 0 }], documentKind: 'AAMVA',
      barcode: { format: 'PDF417', raw: '@\n\x1e\rANSI 636001090002DL00410278ZC03190008DLDAQD1234567', fields: { DAQ: 'D1234567', DAJ: 'CA' } },
    };
    const a = await authenticateDocument({ front: genuine.photo.jpeg, reading, module: '2', now, portraitFaces: [] });
    expect(a.breakdown.security_feature_check?.reason).toContain('636001 belongs to NY');
  });
});

describe('recapture_check', () => {
  it('fails a photo of a printed (halftoned) copy', async () => {
    const doc = await makePassportPage(PERSON);
    const a = await run(genuine, await cameraOnPrint(doc.png));
    expect(a.breakdown.recapture_check).toMatchObject({ passed: false, reason: expect.stringContaining('photo of a screen or a print') });
  });
  it.skipIf(!chromiumAvailable)('fails the document shown by headless Chromium and re-photographed at every camera distance (sub-pixel grid, moiré)', async () => {
    const doc = await makePassportPage(PERSON);
    const shot = await screenshotInChromium(doc.png, 800);
    // 1.4–2.7 camera pixels per screen pixel; 1.8, 2.3 and 2.5 were missed by the single-tile measure.
    for (const outWidth of [1200, 1500, 1700, 1900, 2100, 2300]) {
      const a = await run(genuine, await cameraOnScreen(shot, { outWidth }));
      expect(a.breakdown.recapture_check?.passed, `${outWidth} px wide`).toBe(false);
      expect(a.details.recapture_check?.measurements?.lumaPeak, `${outWidth} px wide`).toBeGreaterThan(7);
      if (outWidth === 2300) expect(a.score).toBeLessThan(0.3);
    }
  }, 120_000);
  it('passes genuine photos from 0.7× to 1.5× scale with their peak well under the threshold', async () => {
    for (const [i, scale] of [0.7, 1.1, 1.5].entries()) {
      const doc = await makePassportPage({ ...PERSON, surname: ['DUBOIS', 'TANAKA', 'SILVA'][i]! }, { seed: 30 + i });
      const photo = await photograph(doc, { seed: 30 + i, scale });
      const reading = readingFromMrz(doc.lines, { width: photo.width, height: photo.height, mrzBox: photo.mrzBox }, now);
      const a = await authenticateDocument({ front: photo.jpeg, reading, module: '2', now, portraitFaces: genuine.faces });
      expect(a.breakdown.recapture_check, `scale ${scale}`).toEqual({ passed: true });
      expect(a.details.recapture_check?.measurements?.lumaPeak, `scale ${scale}`).toBeLessThan(5.5);
    }
  });
});

describe('modules', () => {
  it('module 1 runs the seven v1 checks, module 2 all nine, quick only publicity and text', async () => {
    const one = await run(genuine, genuine.photo.jpeg, { module: '1' });
    expect(Object.keys(one.breakdown)).toEqual(MODULE_CHECKS['1']);
    expect(one.breakdown.recapture_check).toBeUndefined();
    const quick = await run(genuine, genuine.photo.jpeg, { module: 'quick' });
    expect(Object.keys(quick.breakdown).sort()).toEqual(['publicity_check', 'text_analysis']);
  });
});
