import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../../../test/fixtures/documents/generate-document.ts';
import { buildMrz } from '../../../test/fixtures/documents/build-mrz.ts';
import { renderMrzDocument, renderTd1Back } from '../../../test/fixtures/documents/render-document.ts';
import type { FixtureFormat } from '../../../test/fixtures/documents/build-mrz.ts';
import type { Degradation } from '../../../test/fixtures/documents/degrade.ts';
import { normaliseImage, resizeGray } from './image-normalise.ts';
import { textTiltDegrees } from './mrz-locate.ts';
import { classifyGlyph, MRZ_CLASSES } from './mrz-glyph-classify.ts';
import { GLYPH_LINE_PX, segmentMrz } from './mrz-glyphs.ts';
import { readMrz } from './mrz-read.ts';

const esc = (c: string) => (c === '<' ? '&lt;' : c);

/** An MRZ block drawn in OCR-B with a given cap height, as grey pixels. */
async function drawBlock(lines: string[], cap: number, opts: { tiltDeg?: number; blur?: number; lineSlantDeg?: number[] } = {}) {
  const size = cap / 0.7, pitch = size * 0.62, lh = size * 1.5, pad = 2 * pitch;
  const W = Math.ceil(pad * 2 + pitch * lines[0]!.length), H = Math.ceil(pad * 2 + lh * lines.length);
  // A line slanted on its own (keystone, page curl) turns about its middle.
  const slant = (li: number) => `transform="rotate(${opts.lineSlantDeg?.[li] ?? 0} ${W / 2} ${pad + (li + 0.5) * lh})"`;
  const text = lines.map((l, li) => `<g ${slant(li)}>` + [...l].map((c, ci) => `<text x="${pad + ci * pitch}" y="${pad + (li + 0.8) * lh}" font-family="OCR B" font-size="${size}">${esc(c)}</text>`).join('') + '</g>').join('');
  let img = sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#f4f1ea"/>${text}</svg>`));
  if (opts.tiltDeg) img = sharp(await img.png().toBuffer()).rotate(opts.tiltDeg, { background: '#f4f1ea' });
  if (opts.blur) img = sharp(await img.png().toBuffer()).blur(opts.blur);
  const { data, info } = await img.grayscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

describe('MRZ glyph segmentation and classification', () => {
  const td1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

  it('cuts a three-line block into 30 cells per line and classifies every cell', async () => {
    const img = await drawBlock(td1, GLYPH_LINE_PX * 0.85);
    const [block] = segmentMrz(img, 3, [30]);
    expect(block?.lines.map((l) => l.features.length)).toEqual([30, 30, 30]);
    const read = block!.lines.map((l) => l.features.map((f) => { const s = classifyGlyph(f); return MRZ_CLASSES[s.indexOf(Math.max(...s))]; }).join(''));
    // Alone, a cell cannot tell O from 0 for sure (OCR-B differs only in width); the reader
    // settles that by field alphabets and check digits.
    expect(read.map((l) => l.replace(/0/g, 'O'))).toEqual(td1.map((l) => l.replace(/0/g, 'O')));
  });

  it('takes out a few degrees of skew before cutting lines', async () => {
    const img = await drawBlock(td1, GLYPH_LINE_PX * 0.85, { tiltDeg: 3, blur: 0.8 });
    const [block] = segmentMrz(img, 3, [30]);
    expect(Math.abs(Math.abs(block!.skewDeg) - 3)).toBeLessThan(0.6);
    expect(block!.lines).toHaveLength(3);
  });

  it('straightens a line slanted apart from the others (keystone), so its ends are read too', async () => {
    const td3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
    const img = await drawBlock(td3, GLYPH_LINE_PX * 0.85, { lineSlantDeg: [0, 1.6], blur: 0.6 });
    const [block] = segmentMrz(img, 2, [44]);
    const read = block!.lines.map((l) => l.features.map((f) => { const s = classifyGlyph(f); return MRZ_CLASSES[s.indexOf(Math.max(...s))]; }).join(''));
    expect(read.map((l) => l.replace(/0/g, 'O'))).toEqual(td3.map((l) => l.replace(/0/g, 'O')));
  });

  it('finds no MRZ lines in a blank crop', async () => {
    const blank = { data: new Uint8Array(400 * 120).fill(230), width: 400, height: 120 };
    expect(segmentMrz(blank, 2, [44, 36])).toEqual([]);
  });
});

describe('readMrz with the glyph engine alone, on generated documents', () => {
  const cases: Array<[FixtureFormat, Degradation]> = [
    ['TD3', {}],
    ['TD3', { rotate: 180, jpegQuality: 60 }],
    ['TD2', { tilt: 3, background: true }],
    ['MRVA', { rotate: 90, blur: 0.8 }],
    ['MRVB', { perspective: 0.04 }],
  ];
  for (const [i, [kind, d]] of cases.entries()) {
    it(`reads ${kind} ${JSON.stringify(d)} exactly, without tesseract`, async () => {
      const g = await generateDocument(kind, 300 + i, d);
      const r = await readMrz(await normaliseImage(g.front), { engines: 'glyphs' });
      expect(r?.engine).toBe('glyphs');
      expect(r?.lines).toEqual(g.mrz);
      expect(r?.valid).toBe(true);
    });
  }

  it('measures a page tilted well past the fixed poses and reads it turned straight', async () => {
    const g = await generateDocument('TD3', 330, { tilt: -11, background: true });
    const img = await normaliseImage(g.front);
    expect(Math.abs(textTiltDegrees(await resizeGray(img, 360)) + 11)).toBeLessThanOrEqual(0.75);
    const r = await readMrz(img, { engines: 'glyphs' });
    expect(r?.lines).toEqual(g.mrz);
    expect(r?.valid).toBe(true);
  });

  it('reads a very dim photo (a tenth of the contrast) once its grey range is stretched', async () => {
    const g = await generateDocument('TD3', 341, {});
    const dim = await sharp(g.front).linear(0.09, 120).png().toBuffer();
    const r = await readMrz(await normaliseImage(dim), { engines: 'glyphs' });
    expect(r?.lines).toEqual(g.mrz);
  });

  it('reads the back of a TD1 card', async () => {
    const g = await generateDocument('TD1', 310, { jpegQuality: 70 });
    const r = await readMrz(await normaliseImage(g.back!), { engines: 'glyphs' });
    expect(r?.lines).toEqual(g.mrz);
    expect(r?.valid).toBe(true);
  });

  it('leaves a printed bad check digit invalid instead of inventing a repair', async () => {
    const g = await generateDocument('TD3', 320, {});
    const good = buildMrz(g.identity, 'TD3');
    // Composite check digit printed wrong, as some specimens do on purpose.
    const bad = [good[0]!, good[1]!.slice(0, 43) + String((Number(good[1]![43]) + 3) % 10)];
    const r = await readMrz(await normaliseImage(await renderMrzDocument(g.identity, 'TD3', bad)), { engines: 'glyphs' });
    expect(r?.lines).toEqual(bad);
    expect(r?.valid).toBe(false);
    expect(r?.checkDigits).toMatchObject({ documentNumber: true, birth: true, expiry: true, composite: false });
  });

  it('reads a letter printed where a check digit belongs (a malformed card) as that letter', async () => {
    const g = await generateDocument('TD1', 321, {});
    const good = buildMrz(g.identity, 'TD1');
    // The expiry check digit printed as an A, as on a known malformed Austrian specimen.
    const bad = [good[0]!, good[1]!.slice(0, 14) + 'A' + good[1]!.slice(15), good[2]!];
    const r = await readMrz(await normaliseImage(await renderTd1Back(bad)), { engines: 'glyphs' });
    expect(r?.lines).toEqual(bad);
    expect(r?.valid).toBe(false);
    expect(r?.checkDigits).toMatchObject({ birth: true, expiry: false });
  });
});
