import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMrz } from './mrz-parse.ts';
import { mrzDate } from './docupass-data.ts';
import { buildMrz, type FixtureFormat } from '../../../test/fixtures/documents/build-mrz.ts';
import { randomIdentity, rng } from '../../../test/fixtures/documents/random-identity.ts';

const samplesPath = path.resolve(process.cwd(), '../shared/data/mrz-text-samples/samples.json');
const haveSamples = fs.existsSync(samplesPath);
if (!haveSamples) console.warn(`skipping shared MRZ text samples: ${samplesPath} not found`);

const FORMATS: FixtureFormat[] = ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB'];

describe('parseMrz document codes', () => {
  it('takes a 2×44 MRZ whose code does not start with P (nor V, a visa) as no passport', () => {
    const good = buildMrz(randomIdentity(rng(5)), 'TD3');
    expect(parseMrz(good)!.valid).toBe(true);
    const p = parseMrz(['C' + good[0]!.slice(1), good[1]!], { repair: false })!;
    expect(p.format).toBe('TD3');
    expect(p.structureProblems).toContain('documentCode');
    expect(p.valid).toBe(false);
  });
});

describe('parseMrz on generated MRZs', () => {
  for (const format of FORMATS) {
    it(`reads every field of a ${format} and passes every check digit`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const id = randomIdentity(rng(seed));
        const p = parseMrz(buildMrz(id, format))!;
        expect(p.format).toBe(format);
        expect(p.valid).toBe(true);
        expect(p.fields.surname).toBe(id.surname);
        expect(p.fields.givenNames).toBe(id.given.join(' '));
        expect(p.fields.documentNumber).toBe(id.documentNumber);
        expect(p.fields.nationality).toBe(id.nationality);
        expect(p.fields.sex).toBe(id.sex);
        expect(p.repairs).toEqual([]);
      }
    });
  }

  it('repairs O/0, I/1, S/5, B/8, Z/2 confusions only where check digits then agree', () => {
    const lines = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
    const ocr = ['P<UT0ERIKSS0N<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8989O2C36UT074O8I22F12O4I59ZE184226B<<<<<1O'];
    const p = parseMrz(ocr)!;
    expect(p.lines).toEqual(lines);
    expect(p.valid).toBe(true);
    expect(p.repairs.length).toBeGreaterThan(5);
  });

  it('turns a K inside a filler run back into <', () => {
    const p = parseMrz(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<K<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'])!;
    expect(p.fields.givenNames).toBe('ANNA MARIA');
    expect(p.nameValid).toBe(true);
  });

  it('keeps a document that prints a wrong check digit invalid', () => {
    const p = parseMrz(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C37UTO7408122F1204159ZE184226B<<<<<10'])!;
    expect(p.checkDigits.documentNumber).toBe(false);
    expect(p.valid).toBe(false);
  });

  it('flags names with digits the repair cannot explain', () => {
    const p = parseMrz(['P<UTOERIKSSON<<AN9A<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'])!;
    expect(p.nameValid).toBe(false);
  });

  it('reads long TD1 document numbers that overflow into the optional field', () => {
    const p = parseMrz(['I<PRT007777779<ZZ92<<<<<<<<<<<', '8303143M3405282PRT<<<<<<<<<<<2', 'CACADOR<DE<ARAUJO<<ANDRE<ESTEV'])!;
    expect(p.fields.documentNumber).toBe('007777779ZZ9');
    expect(p.valid).toBe(true);
  });

  it('rejects lines of no ICAO length', () => {
    expect(parseMrz(['P<UTOERIKSSON<<ANNA', 'L898902C36'])).toBeUndefined();
  });

  it('resolves two-digit years: birth in the past, expiry up to 50 years ahead', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(mrzDate('740812', 'birth', now)).toEqual({ year: 1974, month: 8, day: 12 });
    expect(mrzDate('250101', 'birth', now)).toEqual({ year: 2025, month: 1, day: 1 });
    expect(mrzDate('350101', 'expiry', now)).toEqual({ year: 2035, month: 1, day: 1 });
    expect(mrzDate('991301', 'expiry', now)).toBeUndefined();
  });
});

describe.skipIf(!haveSamples)('parseMrz on the shared ICAO text samples', () => {
  const samples = haveSamples ? (JSON.parse(fs.readFileSync(samplesPath, 'utf8')).samples as Array<{ id: string; mrz_lines: string[]; icao_layout: string | null; all_icao_check_digits_valid?: boolean }>) : [];
  it('finds the layout and the check-digit verdict of every ICAO sample', () => {
    const icao = samples.filter((s) => s.icao_layout);
    expect(icao.length).toBeGreaterThan(40);
    for (const s of icao) {
      const p = parseMrz(s.mrz_lines);
      expect(p?.format, s.id).toBe(s.icao_layout);
      expect(p?.valid, s.id).toBe(s.all_icao_check_digits_valid);
    }
  });
  it('covers every ICAO format', () => {
    expect(new Set(samples.map((s) => s.icao_layout).filter(Boolean))).toEqual(new Set(['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB']));
  });
});
