import { describe, expect, it } from 'vitest';
import { buildMrz } from '../../../test/fixtures/documents/build-mrz.ts';
import { generateDocument } from '../../../test/fixtures/documents/generate-document.ts';
import { randomIdentity, rng } from '../../../test/fixtures/documents/random-identity.ts';
import type { Degradation } from '../../../test/fixtures/documents/degrade.ts';
import { dataFromMrz } from './docupass-data.ts';
import { normaliseImage } from './image-normalise.ts';
import { mrzCheckDigit } from './mrz-check-digit.ts';
import { parseMrz } from './mrz-parse.ts';
import { readMrz } from './mrz-read.ts';

const cd = (s: string) => String(mrzCheckDigit(s));
const pad = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);

/** A pre-2021 French identity card MRZ built field by field, every check digit computed. */
function frenchCard(o: { surname: string; given: string; number: string; admin: string; birth: string; sex: string }): string[] {
  const l1 = `IDFRA${pad(o.surname, 25)}${pad(o.admin, 6)}`;
  const l2 = `${o.number}${cd(o.number)}${pad(o.given, 14)}${o.birth}${cd(o.birth)}${o.sex}`;
  return [l1, l2 + cd(l1 + l2)];
}

const card = frenchCard({ surname: 'DE<LA<FONTAINE', given: 'JEAN<PIERRE<<LUC', number: '130675012345', admin: '075123', birth: '820314', sex: 'M' });
// Compound given name and a second one overflow the 14 cells: the card truncates, as printed ones do.
const given = 'JEAN<PIERRE<<L';

describe('the pre-2021 French identity card MRZ', () => {
  it('is recognised by its IDFRA prefix and read from its own spans', () => {
    const p = parseMrz(card)!;
    expect(p.format).toBe('FR_CNI');
    expect(p.valid).toBe(true);
    expect(p.checkDigits).toEqual({ documentNumber: true, birth: true, composite: true });
    expect(p.lines[1]!.slice(13, 27)).toBe(given);
    expect(p.fields).toMatchObject({
      documentCode: 'ID', issuer: 'FRA', nationality: 'FRA', surname: 'DE LA FONTAINE', givenNames: 'JEAN PIERRE L',
      documentNumber: '130675012345', issued: '1306', birth: '820314', sex: 'M', expiry: '', personalNumber: '', optional: ['075123'],
    });
    expect(p.repairs).toEqual([]);
  });

  it('gives DocuPass data: type I, names, number, birth date, sex, France; issue month, no expiry', () => {
    const d = dataFromMrz(parseMrz(card)!, new Date('2026-01-01T00:00:00Z'));
    expect(d).toMatchObject({
      documentType: 'I', lastName: 'DE LA FONTAINE', firstName: 'JEAN PIERRE', middleName: 'L', documentNumber: '130675012345',
      dob: '1982/03/14', sex: 'M', nationality_full: 'France', nationality_iso3: 'FRA', issuerOrg_iso2: 'FR', issued_year: 2013, issued_month: 6,
    });
    // The MRZ carries no expiry and no issue day: neither is invented.
    expect(d.expiry).toBeUndefined();
    expect(d.issued).toBeUndefined();
  });

  it('stays invalid when a printed check digit is wrong', () => {
    const badComposite = [card[0]!, card[1]!.slice(0, 35) + String((Number(card[1]![35]) + 1) % 10)];
    expect(parseMrz(badComposite)!.checkDigits.composite).toBe(false);
    expect(parseMrz(badComposite)!.valid).toBe(false);
    const badNumber = [card[0]!, card[1]!.slice(0, 12) + String((Number(card[1]![12]) + 1) % 10) + card[1]!.slice(13)];
    expect(parseMrz(badNumber)!.valid).toBe(false);
    // A changed name is caught by the final check digit, which covers line 1.
    expect(parseMrz([card[0]!.replace('FONTAINE', 'FONTAYNE'), card[1]!])!.valid).toBe(false);
  });

  it('repairs OCR look-alikes in the prefix and in digit fields where the check digits then agree', () => {
    const ocr = ['1DFRA' + card[0]!.slice(5), card[1]!.replace('820314', '82O3I4')];
    const p = parseMrz(ocr)!;
    expect(p.format).toBe('FR_CNI');
    expect(p.lines).toEqual(card);
    expect(p.valid).toBe(true);
  });

  it('leaves ICAO TD2 documents as TD2, a French-issued one included', () => {
    const icao = parseMrz(['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'])!;
    expect(icao.format).toBe('TD2');
    expect(icao.valid).toBe(true);
    expect(icao.fields).toMatchObject({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'D23145890', expiry: '120415' });
    const id = { ...randomIdentity(rng(7)), issuer: 'FRA', nationality: 'FRA' };
    const fr = parseMrz(buildMrz(id, 'TD2'))!;
    expect(fr.format).toBe('TD2');
    expect(fr.valid).toBe(true);
  });

  it('parses every generated French card', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const id = randomIdentity(rng(seed));
      const p = parseMrz(buildMrz(id, 'FR_CNI'))!;
      expect(p.format).toBe('FR_CNI');
      expect(p.valid).toBe(true);
      expect(p.fields.surname).toBe(id.surname);
      expect(p.fields.givenNames).toBe(id.given.join(' '));
      expect(p.fields.sex).toBe(id.sex);
    }
  });
});

describe('reading a generated French card photo with the glyph engine alone', () => {
  const cases: Degradation[] = [{}, { tilt: 3, background: true }, { rotate: 90, blur: 0.8 }, { rotate: 180, jpegQuality: 60 }];
  for (const [i, d] of cases.entries()) {
    it(`reads it ${JSON.stringify(d)} exactly`, async () => {
      const g = await generateDocument('FR_CNI', 400 + i, d);
      const r = await readMrz(await normaliseImage(g.front), { engines: 'glyphs' });
      expect(r?.engine).toBe('glyphs');
      expect(r?.format).toBe('FR_CNI');
      expect(r?.lines).toEqual(g.mrz);
      expect(r?.valid).toBe(true);
    });
  }
});
