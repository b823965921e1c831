import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AamvaError, parseAamva } from './aamva-parse.ts';
import { dataFromAamva } from './docupass-data.ts';
import { buildAamva } from '../../../test/fixtures/documents/build-aamva.ts';
import { randomIdentity, rng } from '../../../test/fixtures/documents/random-identity.ts';

const base = path.resolve(process.cwd(), '../shared/data/aamva-payloads');
const haveShared = fs.existsSync(path.join(base, 'expected.json'));
if (!haveShared) console.warn(`skipping shared AAMVA payloads: ${base} not found`);
const iso = (d?: { year: number; month: number; day: number }) => d && `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('parseAamva on generated payloads', () => {
  for (let version = 1; version <= 10; version++) {
    for (const juris of [{ iin: '636014', state: 'CA', country: 'USA' as const }, { iin: '636028', state: 'BC', country: 'CAN' as const }]) {
      it(`reads version ${version} from ${juris.state}`, () => {
        const id = randomIdentity(rng(version * 31 + juris.iin.length));
        const r = parseAamva(buildAamva(id, version, juris).payload);
        expect(r.version).toBe(version);
        expect(r.jurisdiction?.abbr).toBe(juris.state);
        expect(r.lastName).toBe(id.surname);
        expect(r.firstName).toBe(id.given[0]);
        expect(r.documentNumber).toBe(id.documentNumber);
        expect(r.dob).toEqual({ year: id.birth.y, month: id.birth.m, day: id.birth.d });
        expect(r.expiry).toEqual({ year: id.expiry.y, month: id.expiry.m, day: id.expiry.d });
        expect(r.sex).toBe(id.sex);
        expect(r.heightCm).toBe(version === 1 ? 175 : 178);
        expect(r.documentDiscriminator).toBe('DISC' + id.documentNumber.slice(-4));
      });
    }
  }

  it('maps to DocuPass data with region, country and dates', () => {
    const id = randomIdentity(rng(7));
    const d = dataFromAamva(parseAamva(buildAamva(id, 10, { iin: '636028', state: 'BC', country: 'CAN' }).payload), new Date('2026-01-01T00:00:00Z'));
    expect(d).toMatchObject({ issuerOrg_region_full: 'British Columbia', issuerOrg_region_abbr: 'BC', issuerOrg_iso3: 'CAN', issuerOrg_full: 'Canada', documentType: 'D', postcode: 'K1A 0B1', address1: '123 MAIN ST', address2: 'SPRINGFIELD BC' });
    expect(d.dob).toBe(`${id.birth.y}/${String(id.birth.m).padStart(2, '0')}/${String(id.birth.d).padStart(2, '0')}`);
  });

  it('reports truncation flags and weight in kg from pounds', () => {
    const id = randomIdentity(rng(9));
    const payload = buildAamva(id, 9, { iin: '636015', state: 'TX', country: 'USA' }, { DAW: '150' }).payload.replace('DDEN', 'DDET');
    const r = parseAamva(payload);
    expect(r.truncated.lastName).toBe(true);
    expect(r.weightKg).toBeCloseTo(68.0, 1);
  });

  it('rejects a payload without header or without date of birth', () => {
    expect(() => parseAamva('hello')).toThrow(AamvaError);
    const id = randomIdentity(rng(3));
    expect(() => parseAamva(buildAamva(id, 8, { iin: '636000', state: 'VA', country: 'USA' }).payload.replace(/DBB\d+/, ''))).toThrow(/DBB/);
  });
});

describe.skipIf(!haveShared)('parseAamva on the shared real-world payloads', () => {
  const expected = haveShared ? (JSON.parse(fs.readFileSync(path.join(base, 'expected.json'), 'utf8')) as Record<string, { derived: { aamva_version: number; dob_iso: string | null; expiry_iso: string | null; elements: Record<string, string> } }>) : {};
  it('parses every good file: version, number, dates, issuer, names', () => {
    const good = Object.entries(expected).filter(([f]) => !f.includes('/bad/'));
    expect(good.length).toBeGreaterThan(60);
    const versions = new Set<number>();
    for (const [file, e] of good) {
      const r = parseAamva(fs.readFileSync(path.join(base, file), 'latin1'));
      versions.add(r.version);
      expect(r.version, file).toBe(e.derived.aamva_version);
      expect(r.documentNumber, file).toBe(e.derived.elements.DAQ);
      expect(iso(r.dob) ?? null, file).toBe(e.derived.dob_iso);
      expect(iso(r.expiry) ?? null, file).toBe(e.derived.expiry_iso);
      expect(r.jurisdiction, file).toBeDefined();
      expect(r.lastName && r.firstName, file).toBeTruthy();
    }
    expect(versions.size).toBeGreaterThanOrEqual(8);
  });
  it('rejects the file missing its date of birth', () => {
    const bad = Object.keys(expected).filter((f) => f.includes('/bad/'));
    for (const f of bad) expect(() => parseAamva(fs.readFileSync(path.join(base, f), 'latin1'))).toThrow(/DBB/);
  });
  it('reads the winfinit payloads that lost their separators', () => {
    const cases = JSON.parse(fs.readFileSync(path.join(base, 'winfinit_pdf417_cases.json'), 'utf8')).cases as Array<{ payload: string; expected: Record<string, string> }>;
    for (const c of cases) {
      const r = parseAamva(c.payload);
      expect(r.state).toBe(c.expected.state);
      expect(r.lastName).toBe(c.expected['name.last']);
      expect(r.postcode).toBe(c.expected.postal_code);
      expect(iso(r.dob)?.replace(/-/g, '')).toBe(c.expected.birthday);
    }
  });
});
