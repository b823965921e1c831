import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../engines/document/read-document.ts';
import type { DocumentReading } from '../../engines/document/document-reading.ts';
import { generateDocument } from '../../../test/fixtures/documents/generate-document.ts';
import { cutOff, shownSide } from './capture-precheck.ts';

const now = new Date('2026-12-03T12:00:00Z');
const read = (front: Buffer): Promise<DocumentReading> => readDocument({ front: new Uint8Array(front), now, visualZone: 'never' });

/** The photo with `share` of its width cut off on the left (the document crosses the frame's edge). */
async function cutLeft(jpeg: Buffer, share: number): Promise<Buffer> {
  const m = await sharp(jpeg).metadata();
  const left = Math.round(m.width! * share);
  return sharp(jpeg).extract({ left, top: 0, width: m.width! - left, height: m.height! }).jpeg({ quality: 92 }).toBuffer();
}

/** The photo on a wider desk: the same document with a margin all round. */
async function onDesk(jpeg: Buffer): Promise<Buffer> {
  const m = await sharp(jpeg).metadata();
  const pad = Math.round(m.width! * 0.12);
  return sharp(jpeg).extend({ top: pad, bottom: pad, left: pad, right: pad, background: { r: 96, g: 84, b: 70 } }).jpeg({ quality: 92 }).toBuffer();
}

describe('precheck: which side a photo shows, by what the document engine read on it', () => {
  it('a passport page and a TD2 card are fronts; a TD1 zone and a licence barcode are backs', async () => {
    const passport = await generateDocument('TD3', 811);
    const td2 = await generateDocument('TD2', 812);
    const card = await generateDocument('TD1', 813);
    const licence = await generateDocument('AAMVA', 814);
    expect(shownSide(await read(passport.front))).toBe('front');
    expect(shownSide(await read(td2.front))).toBe('front');
    expect(shownSide(await read(card.back!))).toBe('back');
    expect(shownSide(await read(licence.back!))).toBe('back');
  }, 120_000);

  it('a front read from its print alone (no zone, no barcode) is a front; nothing read says nothing', () => {
    const base = { fieldSources: {}, sides: [] };
    expect(shownSide({ ...base, data: { documentType: 'I', documentSide: 'FRONT' } })).toBe('front');
    expect(shownSide({ ...base, data: { documentType: 'D', documentSide: 'FRONT' }, documentKind: 'DL_EU' })).toBe('front');
    expect(shownSide({ ...base, data: {} })).toBeUndefined();
  });
});

describe('precheck: cut off', () => {
  it('is not flagged for a whole document with a margin, and is for the same document cut at the portrait side', async () => {
    const passport = await generateDocument('TD3', 821);
    const whole = await read(await onDesk(passport.front));
    expect(whole.failure).toBeUndefined();
    expect(cutOff(whole)).toBe(false);
    const cut = await read(await cutLeft(await onDesk(passport.front), 0.2));
    expect(cut.failure, 'the zone is still read').toBeUndefined();
    expect(cutOff(cut)).toBe(true);
  }, 120_000);

  it('flags a zone reaching the edge even without an outline (the zone itself is truncated)', () => {
    const side = { side: 'BIODATA' as const, width: 1000, height: 700, rotation: 0 };
    expect(cutOff({ sides: [{ ...side, mrzBox: { x: 40, y: 560, w: 920, h: 100 } }] })).toBe(false);
    expect(cutOff({ sides: [{ ...side, mrzBox: { x: 40, y: 600, w: 920, h: 100 } }] })).toBe(true);
    expect(cutOff({ sides: [{ ...side, portraitBox: { x: -30, y: 100, w: 260, h: 330 } }] })).toBe(true);
    expect(cutOff({ sides: [{ ...side, documentCorners: [[-5, 10], [990, 10], [990, 690], [-5, 690]] }] })).toBe(true);
  });
});
