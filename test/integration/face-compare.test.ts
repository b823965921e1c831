import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFaceImage } from '../../src/engines/face/analyze-face.ts';
import { compareFaces } from '../../src/engines/face/compare-faces.ts';
import { decodeImage } from '../../src/engines/face/decode-image.ts';
import { detectFaces } from '../../src/engines/face/detect-faces.ts';
import { embedFace } from '../../src/engines/face/embed-face.ts';
import { loadFaceApi } from '../../src/engines/face/face-models.ts';
import type { FaceBox } from '../../src/engines/face/face-types.ts';
import { loadHuman } from '../../src/engines/face/human-models.ts';
import { packageDir } from '../../src/engines/face/package-dir.ts';
import { searchFaces } from '../../src/engines/face/search-faces.ts';
import { EnginePool } from '../../src/engines/pool/engine-pool.ts';
import { makeDocumentCard } from '../fixtures/faces/make-document-card.ts';

const dataDir = path.resolve(process.cwd(), '../shared/data/face-verification');
const hasData = fs.existsSync(path.join(dataDir, 'pairs.csv'));
if (!hasData) console.warn(`face tests: ${dataDir} not found; shared-photo tests skipped`);
const photo = (name: string): Buffer => fs.readFileSync(path.join(dataDir, 'images', name));

/** Face boxes of a photo in its own pixel coordinates, largest first. */
async function faceBoxes(bytes: Uint8Array): Promise<FaceBox[]> {
  const img = await decodeImage(bytes);
  const s = img.origin!.scale;
  const faces = await detectFaces(img, { withDescriptors: false });
  return faces
    .map((f) => ({ x: f.box.x * s, y: f.box.y * s, w: f.box.w * s, h: f.box.h * s }))
    .sort((a, b) => b.w * b.h - a.w * a.h);
}

/** A head-and-shoulders crop around a face box, as a stand-in selfie from a group photo. */
async function headCrop(bytes: Uint8Array, b: FaceBox): Promise<Buffer> {
  const meta = await sharp(bytes).metadata();
  const left = Math.max(0, Math.round(b.x - b.w));
  const top = Math.max(0, Math.round(b.y - b.h * 0.8));
  const width = Math.min(meta.width! - left, Math.round(b.w * 3));
  const height = Math.min(meta.height! - top, Math.round(b.h * 3));
  return sharp(bytes).extract({ left, top, width, height }).jpeg({ quality: 90 }).toBuffer();
}

beforeAll(async () => {
  // One model load for the whole file; every test below reuses it.
  await loadFaceApi();
  await loadHuman();
});

describe('face comparison on fixtures generated from the model package sample photo', () => {
  const group = fs.readFileSync(path.join(packageDir('@vladmandic/face-api'), 'demo/sample1.jpg'));
  let boxes: FaceBox[] = [];
  let selfieA: Buffer;
  let selfieB: Buffer;
  beforeAll(async () => {
    boxes = await faceBoxes(group);
    selfieA = await headCrop(group, boxes[0]!);
    selfieB = await headCrop(group, boxes[1]!);
  });

  it('finds the three people of the group photo and refuses it as a selfie', async () => {
    expect(boxes.length).toBe(3);
    const r = await analyzeFaceImage(group, 'selfie');
    expect(r.failure?.code).toBe('selfie_multiple_faces');
    expect(r.detection?.facesFound).toBe(3);
  });

  it('matches a printed, scaled, JPEG-compressed portrait with the same person', async () => {
    const card = await makeDocumentCard(group, boxes[0]!);
    const r = await compareFaces({ document: card.card, documentPortraitBox: card.portraitBox, selfie: selfieA, threshold: 0.4 });
    expect(r.failure).toBeUndefined();
    expect(r.isIdentical).toBe(true);
    expect(r.confidence).toBeGreaterThanOrEqual(0.4);
    expect(r.selfieEmbedding).toHaveLength(128);
    // The portrait box maps back into the card: the detected face lies inside it.
    expect(r.document!.box.x).toBeGreaterThanOrEqual(card.portraitBox.x - 5);
    expect(r.document!.box.x + r.document!.box.w).toBeLessThanOrEqual(card.portraitBox.x + card.portraitBox.w + 5);
  });

  it('falls back to the whole document when the reported portrait box holds no face', async () => {
    const card = await makeDocumentCard(group, boxes[0]!);
    const r = await compareFaces({ document: card.card, documentPortraitBox: { x: 300, y: 150, w: 200, h: 150 }, selfie: selfieA, threshold: 0.4, signals: false });
    expect(r.isIdentical).toBe(true);
    expect(r.document!.box.x).toBeLessThan(card.portraitBox.x + card.portraitBox.w);
  });

  it('rejects two different people from the same photo with a mismatch reason', async () => {
    const card = await makeDocumentCard(group, boxes[1]!);
    const r = await compareFaces({ document: card.card, selfie: selfieA, threshold: 0.4, signals: false });
    expect(r.isIdentical).toBe(false);
    expect(r.confidence).toBeLessThan(0.4);
    expect(r.failure?.code).toBe('face_mismatch');
    const back = await compareFaces({ document: card.card, selfie: selfieB, threshold: 0.4, signals: false });
    expect(back.isIdentical).toBe(true);
  });

  it('reports no face on a card without a portrait and no face in a faceless selfie', async () => {
    const blankCard = await sharp({ create: { width: 856, height: 540, channels: 3, background: '#dbe8f2' } }).jpeg().toBuffer();
    const r = await compareFaces({ document: blankCard, selfie: selfieA, threshold: 0.4 });
    expect(r.failure?.code).toBe('document_no_face');
    expect(r.document).toBeNull();
    const card = await makeDocumentCard(group, boxes[0]!);
    const wall = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a7f70' } }).blur(2).jpeg().toBuffer();
    const s = await compareFaces({ document: card.card, selfie: wall, threshold: 0.4 });
    expect(s.failure?.code).toBe('selfie_no_face');
    expect(s.failure?.reason).toMatch(/no face/i);
  });

  it('reports a face too small and a blurred face', async () => {
    const w = boxes[0]!.w;
    const meta = await sharp(selfieA).metadata();
    // A person far from the camera: the head shrunk to a ~28 px face inside a 320×240 frame.
    const head = await sharp(selfieA).resize(Math.round((meta.width! * 28) / w)).png().toBuffer();
    const far = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#777777' } }).composite([{ input: head, left: 100, top: 60 }]).png().toBuffer();
    const small = await analyzeFaceImage(far, 'selfie');
    expect(small.failure?.code).toBe('selfie_face_too_small');
    expect(small.detection!.quality.faceWidth).toBeLessThan(40);
    // Defocus of about a fortieth of the face width: still detected, far below the sharpness floor.
    const blurred = await sharp(selfieA).blur(Math.max(3, w / 35)).jpeg().toBuffer();
    expect((await analyzeFaceImage(blurred, 'selfie')).failure?.code).toBe('selfie_face_blurred');
  });

  it('reports antispoof, liveness and own signals as numbers without gating on them', async () => {
    const card = await makeDocumentCard(group, boxes[0]!);
    const r = await compareFaces({ document: card.card, selfie: selfieA, threshold: 0.4 });
    for (const k of ['antispoof', 'liveness', 'selfieSharpness', 'selfieGlare'] as const) expect(typeof r.signals[k]).toBe('number');
    expect(r.signals.antispoof!).toBeGreaterThanOrEqual(0);
    expect(r.signals.antispoof!).toBeLessThanOrEqual(1);
  });
});

describe.skipIf(!hasData)('face comparison on the shared photos (../shared/data/face-verification)', () => {
  it('matches a document card made from one photo with another photo of the same person', async () => {
    const src = photo('face_recognition__obama.jpg');
    const card = await makeDocumentCard(src, (await faceBoxes(src))[0]!);
    const r = await compareFaces({ document: card.card, documentPortraitBox: card.portraitBox, selfie: photo('face_recognition__obama1.jpg'), threshold: 0.4 });
    expect(r.isIdentical).toBe(true);
    expect(r.selfie!.facesFound).toBe(1);
  });

  it('matches two photos of the same person and separates different people', async () => {
    const same = await compareFaces({ document: photo('deepface__img1.jpg'), selfie: photo('deepface__img2.jpg'), threshold: 0.4, signals: false });
    expect(same.isIdentical).toBe(true);
    const diff = await compareFaces({ document: photo('face_recognition__obama.jpg'), selfie: photo('face_recognition__biden_biden2.jpg'), threshold: 0.4, signals: false });
    expect(diff.isIdentical).toBe(false);
    expect(diff.distance).toBeGreaterThan(same.distance);
  });

  it('refuses every group photo of multi_face_images.csv as a selfie', async () => {
    const rows = fs.readFileSync(path.join(dataDir, 'multi_face_images.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const file = row.split(',')[0]!;
      const r = await analyzeFaceImage(photo(file), 'selfie');
      expect(r.failure?.code, file).toBe('selfie_multiple_faces');
    }
  });

  it('finds the right person in a 1:N search over embedded photos', async () => {
    const gallery = ['face_recognition__obama.jpg', 'face_recognition__biden_biden2.jpg', 'deepface__img1.jpg', 'deepface__img13.jpg', 'face_recognition__alex_lacamoire1.jpg'];
    const candidates = [];
    for (const f of gallery) {
      const e = await embedFace(photo(f));
      if (!('embedding' in e)) throw new Error(`no embedding for ${f}`);
      candidates.push({ id: f, embedding: e.embedding });
    }
    const q = await embedFace(photo('face_recognition__obama2.jpg'));
    if (!('embedding' in q)) throw new Error('no query embedding');
    const hits = searchFaces(q.embedding, candidates, { threshold: 0.4, maxEntry: 3 });
    expect(hits.map((h) => h.id)).toEqual(['face_recognition__obama.jpg']);
  });
});

describe.skipIf(!hasData)('face tasks in the worker pool', () => {
  const pool = new EnginePool({ threads: 1 });
  afterAll(() => pool.close());

  it('runs face.compare, face.embed and face.video in a worker thread', async () => {
    const r = await pool.run('face.compare', {
      document: new Uint8Array(photo('face_recognition__obama.jpg')),
      selfie: new Uint8Array(photo('face_recognition__obama2.jpg')),
      threshold: 0.4,
      signals: false,
    });
    expect(r.isIdentical).toBe(true);
    const e = await pool.run('face.embed', { image: new Uint8Array(photo('deepface__img2.jpg')) });
    expect('embedding' in e ? e.embedding : []).toHaveLength(128);
    const frames = ['face_recognition__obama.jpg', 'face_recognition__obama1.jpg', 'face_recognition__obama2.jpg'].map((f) => new Uint8Array(photo(f)));
    const v = await pool.run('face.video', {
      frames,
      challenge: ['left', 'right'],
      // Not obama-1080p.jpg: obama.jpg is a crop of that very portrait, which the replay check
      // (rightly) refuses as the document's own photo.
      document: new Uint8Array(photo('face_recognition__obama3.jpg')),
      threshold: 0.4,
    });
    expect(v.frameSource).toBe('client');
    expect(v.passed).toBe(true);
    expect(v.bestFrame).toBeInstanceOf(Uint8Array);
  });
});
