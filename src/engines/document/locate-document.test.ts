import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makePassportPage, photograph, rng } from '../../../test/fixtures/authenticity/make-id-document.ts';
import { photographAngled, type Pt } from '../../../test/fixtures/authenticity/photograph-angled.ts';
import { generateDocument } from '../../../test/fixtures/documents/generate-document.ts';
import { normaliseImage, type Box } from './image-normalise.ts';
import { documentCoordinates, locateDocument, quadPoint, type Corners } from './locate-document.ts';

const SIZE = { TD3: { w: 1000, h: 704 }, TD2: { w: 840, h: 592 }, TD1: { w: 856, h: 540 } } as const;

/** Where `degrade()` (background → shear → tilt) puts the card's corners and its MRZ box. */
function degradedGeometry(kind: keyof typeof SIZE, d: { tilt: number; perspective: number }) {
  const { w, h } = SIZE[kind];
  const W = Math.round(w * 1.4), H = Math.round(h * 1.5);
  const ox = Math.round((W - w) / 2), oy = Math.round((H - h) / 2);
  const W2 = W + d.perspective * H;
  const a = (d.tilt * Math.PI) / 180;
  const RW = W2 * Math.abs(Math.cos(a)) + H * Math.abs(Math.sin(a)), RH = W2 * Math.abs(Math.sin(a)) + H * Math.abs(Math.cos(a));
  const map = ([x, y]: Pt): Pt => {
    const dx = x + ox + d.perspective * (y + oy) - W2 / 2, dy = y + oy - H / 2;
    return [RW / 2 + dx * Math.cos(a) - dy * Math.sin(a), RH / 2 + dx * Math.sin(a) + dy * Math.cos(a)];
  };
  const lines = kind === 'TD1' ? 3 : 2;
  const pitch = (w * 0.952) / (kind === 'TD1' ? 30 : kind === 'TD2' ? 36 : 44);
  const yb = kind === 'TD1' ? h * 0.9 : h * 0.93;
  const top = yb - (lines - 1) * (pitch / 0.62) * 1.45 - pitch / 0.62 * 0.8;
  const m = ([[w * 0.024, top], [w * 0.976, top], [w * 0.976, yb], [w * 0.024, yb]] as Pt[]).map(map);
  const xs = m.map((p) => p[0]), ys = m.map((p) => p[1]);
  return { corners: ([[0, 0], [w, 0], [w, h], [0, h]] as Pt[]).map(map), mrzBox: { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) } };
}

const cornerErrors = (found: Pt[], truth: Pt[]) => found.map((p, k) => Math.hypot(p[0] - truth[k]![0], p[1] - truth[k]![1]));
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
/** Share of box b inside box a. */
const covered = (a: Box, b: Box) => (Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y))) / (b.w * b.h);

/** A TD3 page photographed at an angle (±15° turn, corners jittered ±4% for perspective). */
async function angledPage(i: number, opts: { clutter: boolean }) {
  const r = rng(500 + i);
  const doc = await makePassportPage({ surname: 'TESTOVA', given: 'ANNA', number: `K${1000000 + i}`, issuer: 'NOR', birth: '880314', sex: 'F', expiry: '310620' }, { seed: i });
  const dw = 1600 * (0.5 + r() * 0.25), dh = (dw * 880) / 1250;
  const ang = ((r() - 0.5) * 30 * Math.PI) / 180;
  const cx = 800 + (r() - 0.5) * 100, cy = 600 + (r() - 0.5) * 100;
  const base: Pt[] = [[-dw / 2, -dh / 2], [dw / 2, -dh / 2], [dw / 2, dh / 2], [-dw / 2, dh / 2]];
  const corners = base.map(([x, y]) => [cx + x * Math.cos(ang) - y * Math.sin(ang) + (r() - 0.5) * 0.08 * dw, cy + x * Math.sin(ang) + y * Math.cos(ang) + (r() - 0.5) * 0.08 * dw] as Pt) as [Pt, Pt, Pt, Pt];
  // A light desk: the pages' dark header bands must differ from it in luminance (see the last test).
  return photographAngled(doc, { width: 1600, height: 1200, corners, seed: i, clutter: opts.clutter, desk: '#8a8276' });
}

describe('locateDocument', () => {
  it('finds TD3 pages photographed at an angle within ~1 px per corner, and their portrait zone', async () => {
    const errors: number[] = [];
    for (let i = 0; i < 4; i++) {
      const photo = await angledPage(i, { clutter: i % 2 === 1 });
      const loc = locateDocument(await normaliseImage(photo.jpeg), { mrzBox: photo.mrzBox, format: 'TD3' });
      expect(loc.corners, `page ${i}`).toBeDefined();
      errors.push(...cornerErrors(loc.corners!, photo.corners));
      expect(loc.confidence).toBeGreaterThan(0.9);
      expect(loc.aspect!).toBeGreaterThan(1.3);
      expect(covered(loc.portraitBox!, photo.portraitBox), `page ${i}`).toBeGreaterThan(0.95);
    }
    expect(mean(errors)).toBeLessThan(2);
    expect(Math.max(...errors)).toBeLessThan(4);
  }, 60_000);

  it('orders the corners top-left, top-right, bottom-right, bottom-left in the upright image', async () => {
    const photo = await angledPage(7, { clutter: false });
    const c = locateDocument(await normaliseImage(photo.jpeg), { format: 'TD3' }).corners!;
    expect(Math.max(...cornerErrors(c, photo.corners))).toBeLessThan(4);
    expect(c[0][0]).toBeLessThan(c[1][0]);
    expect(c[1][1]).toBeLessThan(c[2][1]);
    expect(c[3][0]).toBeLessThan(c[2][0]);
  }, 30_000);

  it('finds the document engine\'s generated TD3, TD2 pages and TD1 backs on a cluttered table, tilted and sheared', async () => {
    const errors: number[] = [];
    for (const [kind, seed, tilt, perspective] of [['TD3', 1, 4, 0.03], ['TD3', 3, 10, 0.06], ['TD2', 2, -7, 0], ['TD2', 4, -12, 0.02], ['TD1', 1, 4, 0.03], ['TD1', 3, 10, 0.06]] as const) {
      const d = { background: true, tilt, perspective, jpegQuality: 85 };
      const g = await generateDocument(kind, seed, d);
      const truth = degradedGeometry(kind, d);
      const loc = locateDocument(await normaliseImage(kind === 'TD1' ? g.back! : g.front), { mrzBox: truth.mrzBox, format: kind });
      expect(loc.corners, `${kind} ${seed}`).toBeDefined();
      errors.push(...cornerErrors(loc.corners!, truth.corners));
      // A TD1 card's MRZ is on its back, where no portrait is printed.
      expect(!!loc.portraitBox, `${kind} ${seed}`).toBe(kind !== 'TD1');
    }
    expect(mean(errors)).toBeLessThan(2);
  }, 60_000);

  it('rejects a shape no ID format has, and without an outline estimates the portrait from the MRZ alone', async () => {
    // The page squeezed to a square and photographed on a desk: no ID-1/2/3 aspect ratio fits.
    const page = await makePassportPage({ surname: 'TESTOVA', given: 'ANNA', number: 'K1000003', issuer: 'NOR', birth: '880314', sex: 'F', expiry: '310620' }, { seed: 3 });
    const squeezed = { ...page.mrzBox, x: (page.mrzBox.x * 900) / 1250, w: (page.mrzBox.w * 900) / 1250, y: (page.mrzBox.y * 900) / 880, h: (page.mrzBox.h * 900) / 880 };
    const square = await photograph({ ...page, png: await sharp(page.png).resize(900, 900, { fit: 'fill' }).png().toBuffer(), width: 900, height: 900, mrzBox: squeezed }, { seed: 3, background: '#8a8276' });
    // (Without the MRZ an inner panel of TD3 shape — header band to MRZ band — is taken for the page.)
    expect(locateDocument(await normaliseImage(square.jpeg), { format: 'TD3', mrzBox: square.mrzBox }).corners).toBeUndefined();
    // …while the same page unsqueezed is found (axis-aligned).
    const plain = await photograph(page, { seed: 3, background: '#8a8276' });
    const found = locateDocument(await normaliseImage(plain.jpeg), { format: 'TD3', mrzBox: plain.mrzBox });
    const b = plain.documentBox;
    expect(Math.max(...cornerErrors(found.corners!, [[b.x, b.y], [b.x + b.w, b.y], [b.x + b.w, b.y + b.h], [b.x, b.y + b.h]]))).toBeLessThan(4);
    // A scan cropped to the page: no edge to find; the MRZ (known) places the portrait zone.
    const doc = await makePassportPage({ surname: 'TESTOVA', given: 'ANNA', number: 'K1000002', issuer: 'NOR', birth: '880314', sex: 'F', expiry: '310620' });
    const scan = await normaliseImage(await sharp(doc.png).jpeg({ quality: 90 }).toBuffer());
    const loc = locateDocument(scan, { mrzBox: doc.mrzBox });
    expect(loc.corners).toBeUndefined();
    expect(loc.confidence).toBe(0.3);
    expect(covered(loc.portraitBox!, doc.portraitBox)).toBeGreaterThan(0.9);
  }, 30_000);

  it('maps document fractions to the image and back through a perspective quadrilateral', () => {
    const c: Corners = [[260, 230], [1330, 170], [1370, 930], [230, 960]];
    expect(quadPoint(c, 0, 0)).toEqual([260, 230]);
    const [x, y] = quadPoint(c, 1, 1);
    expect(x).toBeCloseTo(1370, 6);
    expect(y).toBeCloseTo(930, 6);
    for (const [u, v] of [[0.5, 0.88], [0.1, 0.2], [0.9, 0.6]] as const) {
      const [uu, vv] = documentCoordinates(c, quadPoint(c, u, v));
      expect(uu).toBeCloseTo(u, 4);
      expect(vv).toBeCloseTo(v, 4);
    }
  });
});
