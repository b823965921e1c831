import { describe, expect, it } from 'vitest';
import { parseOfacCsv } from './parse-ofac-csv.ts';
import { parseListFiles } from './parse-list-files.ts';
import { ofacCsvFixture, shared, sharedExists } from './aml-fixtures.test-helper.ts';

describe('parseOfacCsv on a generated fixture', () => {
  const { entities } = parseOfacCsv(ofacCsvFixture());
  const byId = new Map(entities.map((e) => [e.id, e]));

  it('reads persons with names in natural order, remarks facts and aliases', () => {
    const p = byId.get('101')!;
    expect(p).toMatchObject({ entity: 'person', fullname: ['Ivan Petrovich IVANOV'], firstname: ['Ivan Petrovich'], lastname: ['IVANOV'], dob: ['1961-02-14'], nationality: ['RU'], database: 'us_ofac', schema: 'sanction' });
    expect(p.alias).toEqual(expect.arrayContaining(['IVANOV, Ivan Petrovich', 'VANYA', 'Jean IVANOFF']));
    expect(p.documentnumber).toEqual([
      { id: '7201234567', id_formatted: '7201234567', country: 'ru', type: 'Passport' },
      { id: 'AB123456', id_formatted: 'AB123456', country: 'cy', type: 'Passport' },
    ]);
    expect(p.program).toEqual(['SDN List', 'RUSSIA-EO14024']);
  });

  it('reads organisations with programs, addresses, registration numbers but not phone numbers', () => {
    const o = byId.get('102')!;
    expect(o.entity).toBe('legalentity');
    expect(o.program).toEqual(['SDN List', 'SDGT', 'IFSR']);
    expect(o.alias).toContain('ACME GENERAL TRADING');
    expect(o.address).toEqual(['Office 5, Tower B, Dubai, United Arab Emirates']);
    expect(o.documentnumber.map((d) => d.id)).toEqual(['555001']);
  });

  it('expands a birth-year range', () => {
    expect(byId.get('103')!.dob).toEqual(['1970', '1971', '1972']);
  });
});

describe.skipIf(!sharedExists)('parseOfacCsv on the real OFAC files', () => {
  it('2021-07-07: sdn + alt + add + comments, every alias attached to its entity', () => {
    const d = 'sanctions-ofac-sdn/2021-07-07/';
    const r = parseListFiles(['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'].map((n) => ({ name: n, data: shared(d + n) })));
    expect(r.format).toBe('ofac-csv');
    expect(r.entities).toHaveLength(8976);
    const bnc = r.entities.find((e) => e.id === '306')!;
    expect(bnc.fullname).toEqual(['BANCO NACIONAL DE CUBA']);
    expect(bnc.alias).toEqual(expect.arrayContaining(['BNC', 'NATIONAL BANK OF CUBA']));
    expect(bnc.address.length).toBeGreaterThanOrEqual(3);
    // alt.csv has 11,910 rows; each lands on an entity (natural-order duplicates of remarks aliases merge).
    expect(r.entities.reduce((n, e) => n + e.alias.length, 0)).toBeGreaterThan(11_000);
  });

  it('2024-05-03: sdn.csv alone, structured facts from Remarks', () => {
    const r = parseListFiles([{ name: 'sdn.csv', data: shared('sanctions-ofac-sdn/2024-05-03/sdn.csv') }]);
    expect(r.entities).toHaveLength(14965);
    const putin = r.entities.find((e) => e.id === '35096')!;
    expect(putin).toMatchObject({ entity: 'person', fullname: ['Vladimir Vladimirovich PUTIN'], lastname: ['PUTIN'], dob: ['1952-10-07'], nationality: ['RU'] });
    expect(putin.program).toContain('RUSSIA-EO14024');
    expect(r.entities.filter((e) => e.entity === 'person').length).toBeGreaterThan(6000);
    expect(r.entities.filter((e) => e.documentnumber.some((d) => d.type === 'Passport')).length).toBeGreaterThan(1000);
  });

  it('tiny-2025-05: tolerates alias and address rows for unknown entities', () => {
    const d = 'sanctions-ofac-sdn/tiny-2025-05/';
    const r = parseListFiles(['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'].map((n) => ({ name: n, data: shared(d + n) })));
    expect(r.entities).toHaveLength(17);
  });

  it('the non-SDN consolidated list in the same layout', () => {
    const d = 'sanctions-us-other/';
    const r = parseListFiles(['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'].map((n) => ({ name: n, data: shared(d + n) })));
    expect(r.entities).toHaveLength(442); // SOURCE.md says 441; the file holds 442 records
    expect(r.entities[0]!.program[0]).toBe('Non-SDN Consolidated List');
  });
});
