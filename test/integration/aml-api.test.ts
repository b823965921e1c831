import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMLAPI } from 'idanalyzer';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { importAmlList } from '../../src/services/aml/aml-import.ts';
import { screenPerson } from '../../src/services/aml/aml-screening.ts';

const pgAvailable = await postgresReachable();

// A small OFAC-layout list, so re-import tests do not depend on shared data.
const sdn = (rows: string[]) => ({ name: 'sdn.csv', data: Buffer.from(`${rows.join('\r\n')}\r\n`, 'latin1') });

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`AML API on ${dialect}`, () => {
    let s: TestServer;
    let aml: InstanceType<typeof AMLAPI>;
    beforeAll(async () => {
      s = await startTestServer({ dialect });
      aml = new AMLAPI(s.key, `${s.url}/aml`);
    }, 120_000);
    afterAll(() => s?.close());

    it('imports the bundled OFAC and UN snapshots on first use and finds a listed person by a variant', async () => {
      const r = await aml.searchByName('Wladimir Putin');
      const top = r.items[0];
      expect(top).toMatchObject({ entity: 'person', database: 'us_ofac', schema: 'sanction', fullname: ['Vladimir Vladimirovich PUTIN'], dob: ['1952-10-07'], nationality: ['RU'] });
      expect(top.score).toBeGreaterThanOrEqual(0.85);
      expect(top.matched.fields).toContain('name');
      expect(top.matched.tokens.map((t: { listed: string }) => t.listed).sort()).toEqual(['putin', 'vladimir']);
      expect(Object.keys(top)).toEqual(expect.arrayContaining(['fullname', 'firstname', 'lastname', 'alias', 'address', 'documentnumber', 'program', 'note', 'time', 'source']));
      expect(top).not.toHaveProperty('id');
      const lists = await s.comp.deps.aml!.repo.findLists();
      expect(lists.map((l) => [l.database, l.entity_count])).toEqual([['un_sc', 1003], ['us_ofac', 14965]]);
    }, 120_000);

    it('searchByIDNumber finds the holder of a listed passport, whatever its punctuation', async () => {
      const r = await aml.searchByIDNumber('t-321642');
      expect(r.items).toHaveLength(1);
      expect(r.items[0]).toMatchObject({ fullname: ['Gilberto Jose RODRIGUEZ OREJUELA'], score: 1 });
      expect(r.items[0].matched).toMatchObject({ fields: ['documentnumber'], documentnumber: 't-321642' });
    });

    it('filters by database and entity type, and narrows by birth date and country', async () => {
      aml.setAMLDatabase('un_sc');
      expect((await aml.searchByName('Vladimir Putin')).items).toEqual([]);
      aml.setAMLDatabase('');
      aml.setEntityType('legalentity');
      expect((await aml.searchByName('Vladimir Putin')).items).toEqual([]);
      aml.setEntityType('person');
      const withDob = await aml.searchByName('Vladimir Putin', 'RU', '1952-10-07');
      expect(withDob.items[0].matched).toMatchObject({ dob: 'match', nationality: 'match' });
      expect(withDob.items[0].matched.fields).toEqual(['name', 'dob', 'nationality']);
      aml.setEntityType('');
    });

    it('strict mode keeps only entities with the same nationality and birth date', async () => {
      const base = { apikey: s.key, name: 'Vladimir Putin', strict: true };
      expect((await postJson(`${s.url}/aml`, { ...base, country: 'RU', dob: '1952-10-07' })).json.items).toHaveLength(1);
      expect((await postJson(`${s.url}/aml`, { ...base, country: 'RU', dob: '1960-01-01' })).json.items).toEqual([]);
      expect((await postJson(`${s.url}/aml`, { ...base, country: 'FR', dob: '1952-10-07' })).json.items).toEqual([]);
      expect((await postJson(`${s.url}/aml`, { ...base })).json.items).toEqual([]);
    });

    it('answers errors with HTTP 200 and the DocuPass error body', async () => {
      const bad = await postJson(`${s.url}/aml`, { apikey: s.key, name: 'Vladimir Putin', database: 'xx_nope' });
      expect(bad.status).toBe(200);
      expect(bad.json.error).toMatchObject({ code: 1002 });
      expect(bad.json.error.message).toMatch(/database/);
      expect((await postJson(`${s.url}/aml`, { apikey: s.key })).json.error.code).toBe(1002);
      expect((await postJson(`${s.url}/aml`, { apikey: 'wrong', name: 'Vladimir Putin' })).json.error.code).toBe(1);
      await expect(aml.searchByName('Vladimir Putin', 'Russia')).rejects.toThrow(/1002/);
    });

    it('re-import replaces a list atomically and the index follows', async () => {
      const deps = s.comp.deps;
      const r = await importAmlList(deps, [sdn(['900001,"EXAMPLE, Testperson Alpha","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1980; Passport X9999999 (France)."'])], { snapshotDate: '2030-01-01' });
      expect(r).toMatchObject({ database: 'us_ofac', entities: 1, persons: 1 });
      expect((await aml.searchByName('Testperson Example')).items[0]).toMatchObject({ fullname: ['Testperson Alpha EXAMPLE'] });
      expect((await aml.searchByName('Vladimir Putin')).items).toEqual([]);
      expect((await aml.searchByIDNumber('X9999999')).items).toHaveLength(1);
      const lists = await deps.aml!.repo.findLists();
      expect(lists.find((l) => l.database === 'us_ofac')).toMatchObject({ entity_count: 1, snapshot_date: '2030-01-01' });
      // UN untouched.
      expect(lists.find((l) => l.database === 'un_sc')?.entity_count).toBe(1003);
      // A failing import leaves the previous list in place.
      await expect(importAmlList(deps, [{ name: 'x.txt', data: Buffer.from('nothing') }])).rejects.toThrow();
      const still = await screenPerson(deps, { fullName: 'Testperson Alpha Example' }, { strict: false });
      expect(still).toHaveLength(1);
    });
  });
}
