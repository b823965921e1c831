import sharp from 'sharp';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMrz } from '../../../test/fixtures/documents/build-mrz.ts';
import { randomIdentity, rng } from '../../../test/fixtures/documents/random-identity.ts';
import { renderMrzDocument, renderTd1Back } from '../../../test/fixtures/documents/render-document.ts';
import { closeMrzWorker, ocrMrzText } from './mrz-ocr.ts';
import { readDocument } from './read-document.ts';

// The real OCR, counted: the budget is about which tesseract passes start, not about time taken.
vi.mock('./mrz-ocr.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('./mrz-ocr.ts')>();
  return { ...real, ocrMrzText: vi.fn(real.ocrMrzText) };
});
const ocrCalls = vi.mocked(ocrMrzText);
// A block body: a function returned from beforeEach would be run as its teardown.
beforeEach(() => {
  ocrCalls.mockClear();
});
afterAll(() => closeMrzWorker());

const now = new Date('2026-01-01T00:00:00Z');

describe('readDocument time budget', () => {
  it('starts no tesseract pass on a page with no MRZ once the budget is spent', async () => {
    const blank = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#dcd' } }).png().toBuffer();
    const r = await readDocument({ front: blank, now, budgetMs: 0, visualZone: 'never' });
    expect(ocrCalls).not.toHaveBeenCalled();
    expect(r.documentKind).toBe('UNKNOWN');
  });

  it('lets a clearly read MRZ with a misprinted check digit stand, with no tesseract pass', async () => {
    const id = randomIdentity(rng(320));
    const good = buildMrz(id, 'TD3');
    // A misprinted composite check digit: every character is read surely, one check fails.
    const bad = [good[0]!, good[1]!.slice(0, 43) + String((Number(good[1]![43]) + 3) % 10)];
    const r = await readDocument({ front: await renderMrzDocument(id, 'TD3', bad), now, visualZone: 'never' });
    // Tesseract's look-alike repairs would only make such a print falsely valid.
    expect(ocrCalls).not.toHaveBeenCalled();
    expect(r.mrz?.lines).toEqual(bad);
    expect(r.mrz?.valid).toBe(false);
    expect(r.mrz?.checkDigits).toMatchObject({ birth: true, expiry: true, composite: false });
  });

  it('lets a clearly read card with a blank nationality and misprinted checks stand, with no tesseract pass', async () => {
    // As US border-crossing cards print it: fillers where ICAO has the nationality.
    const id = { ...randomIdentity(rng(322)), nationality: '<<<' };
    const good = buildMrz(id, 'TD1');
    const bad = [good[0]!, good[1]!.slice(0, 29) + String((Number(good[1]![29]) + 4) % 10), good[2]!];
    const r = await readDocument({ front: await renderTd1Back(bad), now, visualZone: 'never' });
    expect(ocrCalls).not.toHaveBeenCalled();
    expect(r.mrz?.lines).toEqual(bad);
    expect(r.mrz?.valid).toBe(false);
    expect(r.mrz?.checkDigits).toMatchObject({ birth: true, expiry: true, composite: false });
  });

  it('without a budget cap reads on as before', async () => {
    const blank = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#dcd' } }).png().toBuffer();
    await readDocument({ front: blank, now, visualZone: 'never' });
    // Nothing located: the whole page is OCR'd once.
    expect(ocrCalls).toHaveBeenCalledTimes(1);
  });
});
