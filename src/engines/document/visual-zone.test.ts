import { afterAll, describe, expect, it } from 'vitest';
import { generateDocument } from '../../../test/fixtures/documents/generate-document.ts';
import { buildMrz } from '../../../test/fixtures/documents/build-mrz.ts';
import { degrade } from '../../../test/fixtures/documents/degrade.ts';
import { renderMrzDocument } from '../../../test/fixtures/documents/render-document.ts';
import { closeMrzWorker } from './mrz-ocr.ts';
import { closeLicenceWorkers } from './licence-ocr.ts';
import { readDocument } from './read-document.ts';
import { crossCheckVisual, dataFromVisual, datesInText, visualFields } from './visual-zone.ts';

afterAll(() => Promise.all([closeMrzWorker(), closeLicenceWorkers()]));
const now = new Date('2026-01-01T00:00:00Z');

describe('printed-zone text logic', () => {
  it('finds dates in the usual printed layouts', () => {
    const text = 'Date of birth 07.03.1984\nExpiry 2031-11-30\nIssued 12 JAN/JAN 2021\nGültig bis 05 MÄR 29\nnot a date 31.02.2020';
    expect(datesInText(text).sort()).toEqual(['1984/03/07', '2021/01/12', '2029/03/05', '2031/11/30']);
  });

  it('agrees on names with an OCR slip, on numbers and dates only exactly', () => {
    const text = 'SURNAME\nMUSTERMANN\nGIVEN NAMES\nER1KA\nDOCUMENT NO C01X00T47\nDATE OF BIRTH 12.08.1964';
    const a = crossCheckVisual(text, { lastName: 'MUSTERMANN', firstName: 'ERIKA', documentNumber: 'C01X00T47', dob: '1964/08/12' });
    expect(a).toEqual({ lastName: true, firstName: true, documentNumber: true, dob: true });
    const b = crossCheckVisual(text, { lastName: 'SCHMIDT', documentNumber: 'C01X00T48', dob: '1964/08/13' });
    expect(b).toEqual({ lastName: false, documentNumber: false, dob: false });
  });

  it('names the document type from its printed title, in the issuing country\'s language', () => {
    expect(visualFields('BUNDESREPUBLIK DEUTSCHLAND\nPERSONALAUSWEIS\nName\nMUSTERMANN', now).documentType).toBe('I');
    expect(visualFields("RÉPUBLIQUE FRANÇAISE\nCARTE NATIONALE D'IDENTITÉ\nNom: MARTIN", now).documentType).toBe('I');
    expect(visualFields('REINO DE ESPAÑA\nPASAPORTE', now).documentType).toBe('P');
    expect(visualFields('Some text\nSurname SMITH', now).documentType).toBeUndefined();
    expect(dataFromVisual(visualFields('DOWÓD OSOBISTY\nNAZWISKO\nKOWALSKA', now), now).documentType).toBe('I');
  });

  it('reads labelled values when there is nothing machine-readable', () => {
    const f = visualFields('IDENTITY CARD\nSurname\nOKAFOR\nGiven names\nCHIDI EMEKA\nDate of birth 03.04.1990\nDate of expiry 03.04.2030\nDocument no. AB1234567', now);
    const d = dataFromVisual(f, now);
    expect(d).toMatchObject({ lastName: 'OKAFOR', firstName: 'CHIDI', middleName: 'EMEKA', documentNumber: 'AB1234567', dob: '1990/04/03', expiry: '2030/04/03' });
  });
});

describe('printed zone on generated documents (tesseract LSTM)', () => {
  it('cross-checks a passport page whose print matches its MRZ', async () => {
    const g = await generateDocument('TD3', 41, { jpegQuality: 85 });
    const r = await readDocument({ front: g.front, now, visualZone: 'always' });
    expect(r.mrz?.valid).toBe(true);
    expect(r.visual?.agreement).toMatchObject({ lastName: true, documentNumber: true, dob: true, expiry: true });
  });

  it('flags a page whose printed surname and birth date were changed but the MRZ kept', async () => {
    const g = await generateDocument('TD3', 42, {});
    const forged = { ...g.identity, surname: g.identity.surname === 'WAKEFIELD' ? 'HOLLOWAY' : 'WAKEFIELD', birth: { ...g.identity.birth, y: g.identity.birth.y - 7 } };
    const front = await degrade(await renderMrzDocument(forged, 'TD3', buildMrz(g.identity, 'TD3')), {}, 42);
    const r = await readDocument({ front, now, visualZone: 'always' });
    expect(r.data.lastName).toBe(g.identity.surname);
    expect(r.visual?.agreement?.lastName).toBe(false);
    expect(r.visual?.agreement?.dob).toBe(false);
    expect(r.visual?.agreement?.documentNumber).toBe(true);
  });

  it('reads a card front alone (no machine-readable side) from its print, and says so', async () => {
    const g = await generateDocument('TD1', 43, {});
    const r = await readDocument({ front: g.front, now });
    expect(r.failure).toBeUndefined();
    expect(r.fieldSources.lastName).toBe('visual');
    expect(r.data.lastName).toBe(g.identity.surname);
    // Print OCR is not check-digit protected: the number is found by its label, but may carry a slip.
    expect(r.data.documentNumber).toMatch(/^[A-Z0-9]{6,14}$/);
    expect(r.fieldSources.documentNumber).toBe('visual');
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(r.data.dob).toBe(`${g.identity.birth.y}/${pad(g.identity.birth.m)}/${pad(g.identity.birth.d)}`);
  });
});
