import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from 'idanalyzer';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { createApiKey } from '../../src/services/accounts/api-keys.ts';
import { saveVaultEntry } from '../../src/services/vault/vault-save-entry.ts';
import { searchVaultByEmbedding } from '../../src/services/vault/vault-search-face.ts';

const pgAvailable = await postgresReachable();
const DAY = 24 * 3600 * 1000;

/** A real JPEG/PNG with a unique colour, made at test time. */
const makeImage = (seed: number, format: 'jpeg' | 'png' = 'jpeg') =>
  sharp({ create: { width: 320, height: 200, channels: 3, background: { r: (seed * 37) % 256, g: (seed * 91) % 256, b: 120 } } })
    .composite([{ input: Buffer.from(`<svg width="320" height="200"><text x="20" y="100" font-size="40">ID ${seed}</text></svg>`), left: 0, top: 0 }])
    [format]()
    .toBuffer();

/** A unit 128-d vector pointing mostly along axis `axis` (a stand-in descriptor with known distances). */
const unitVector = (axis: number, wobble = 0): number[] => {
  const v = Array.from({ length: 128 }, (_, i) => (i === axis ? 1 : i === (axis + 1) % 128 ? wobble : 0));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

const person = (first: string, last: string, extra: Record<string, unknown> = {}) => ({
  documentNumber: `X${first.length}${last.length}9931`,
  firstName: first,
  lastName: last,
  fullName: `${first} ${last}`,
  sex: 'M',
  dob: '1989/08/03',
  dob_day: 3,
  dob_month: 8,
  dob_year: 1989,
  address1: '910 GOVERNMENT STREET',
  postcode: 'V8W 3Y8',
  nationality_iso2: 'CA',
  documentType: 'P',
  ...extra,
});

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`Vault API on ${dialect}`, () => {
    let s: TestServer;
    let now = Date.UTC(2021, 1, 20, 12, 0, 0);
    let vault: any;
    const ids: Record<string, string> = {};
    const pictures: Record<string, Buffer> = {};

    beforeAll(async () => {
      s = await startTestServer({ dialect, clock: () => now });
      vault = new Vault(s.key, s.base);
      pictures.front = await makeImage(1);
      pictures.face = await makeImage(2, 'png');
      // Entries saved as the verification pipeline saves them, on different days.
      ids.john = (
        await saveVaultEntry(s.comp.deps, s.accountId, {
          data: person('JOHN', 'SMITH', { dob_year: 1989 }),
          reference: 'REFAAA000001',
          customid: 'user-john',
          success: true,
          verification: { passed: true, result: { face: true, notexpired: true } },
          authentication: { score: 0.9 },
          face: { isIdentical: true, confidence: '0.951' },
          contract: { key: 'sessions/x/contract.pdf', format: 'pdf' },
          images: [
            { type: 'document', side: 'front', bytes: pictures.front, ext: 'jpg' },
            { type: 'face', bytes: pictures.face, ext: 'png' },
          ],
          faceEmbedding: unitVector(0),
        })
      ).vaultid;
      now += DAY * 5; // 2021-02-25 12:00
      ids.anna = (await saveVaultEntry(s.comp.deps, s.accountId, { data: person('Anna', 'Łukasiewicz', { dob_year: 1975, sex: 'F' }), reference: 'REFANNA00002', images: [], faceEmbedding: unitVector(5) })).vaultid;
      now += DAY;
      ids.zoe = (await saveVaultEntry(s.comp.deps, s.accountId, { data: person('ZOE', 'ADAMS', { dob_year: 2001, sex: 'F' }), customid: 'user-zoe', images: [], faceEmbedding: unitVector(0, 0.3) })).vaultid;
      now += DAY;
    });
    afterAll(() => s?.close());

    it('saves entries with 32-character ids', () => {
      for (const id of Object.values(ids)) expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(new Set(Object.values(ids)).size).toBe(3);
    });

    it('get returns every stored field, the results and signed image URLs that serve the image', async () => {
      const r = await vault.get(ids.john);
      expect(r.success).toBe(true);
      expect(r.data).toMatchObject({
        id: ids.john,
        createtime: '2021-02-20 12:00:00',
        updatetime: '2021-02-20 12:00:00',
        docupass_reference: 'REFAAA000001',
        docupass_customid: 'user-john',
        docupass_success: true,
        documentNumber: 'X459931',
        firstName: 'JOHN',
        lastName: 'SMITH',
        dob: '1989/08/03',
        dob_day: 3,
        postcode: 'V8W 3Y8',
        verification: { passed: true, result: { face: true, notexpired: true } },
        authentication: { score: 0.9 },
        face: { isIdentical: true, confidence: '0.951' },
      });
      expect(JSON.stringify(r)).not.toMatch(/embedding|sealed|sessions\/x/);
      expect(r.data.contract).toEqual({ format: 'pdf', document_url: expect.stringMatching(new RegExp(`^${s.url}/files/`)) });
      expect(r.data.image).toHaveLength(2);
      const [doc, face] = r.data.image;
      expect(doc).toMatchObject({ type: 0, side: 'front', format: 'jpg' });
      expect(face).toMatchObject({ type: 1, format: 'png' });
      expect(doc.url.startsWith(`${s.url}/files/`)).toBe(true);
      const res = await fetch(doc.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await res.arrayBuffer()).equals(pictures.front)).toBe(true);
      const resFace = await fetch(face.url);
      expect(Buffer.from(await resFace.arrayBuffer()).equals(pictures.face)).toBe(true);
    });

    it('get returns base64 image content when asked (return_type 0)', async () => {
      const { json } = await postJson(`${s.url}/vault/get`, { apikey: s.key, id: ids.john, return_type: 0 });
      expect(Buffer.from(json.data.image[0].content, 'base64').equals(pictures.front)).toBe(true);
      expect(json.data.image[0].url).toBeUndefined();
    });

    it('list filters on encrypted fields (case-insensitive), times, ranges, and orders and pages', async () => {
      const names = (r: any) => r.items.map((i: any) => i.firstName);
      expect(names(await vault.list({ filter: ['firstName=john'] }))).toEqual(['JOHN']);
      expect(names(await vault.list({ filter: ['lastName=łukasiewicz'] }))).toEqual(['Anna']);
      expect(names(await vault.list({ filter: ['createtime>=2021/02/25'], orderby: 'firstName', sort: 'ASC' }))).toEqual(['Anna', 'ZOE']);
      expect(names(await vault.list({ filter: ['createtime<2021-02-25'] }))).toEqual(['JOHN']);
      expect(names(await vault.list({ filter: ['sex=F', 'dob_year>1980'] }))).toEqual(['ZOE']);
      expect(names(await vault.list({ filter: ['firstName!=JOHN'], orderby: 'createtime', sort: 'ASC' }))).toEqual(['Anna', 'ZOE']);
      expect(names(await vault.list({ filter: ['docupass_reference=REFANNA00002'] }))).toEqual(['Anna']);
      expect(names(await vault.list({ filter: ['docupass_reference!=REFANNA00002'] }))).toEqual(['ZOE', 'JOHN']);
      expect(names(await vault.list({ filter: ['docupass_customid=USER-ZOE'] }))).toEqual(['ZOE']);
      expect(names(await vault.list({ filter: ['docupass_success=true'] }))).toEqual(['JOHN']);
      expect(names(await vault.list({ filter: ['dob_day=03', 'nationality_iso2=ca', 'documentType=P', 'postcode=v8w  3y8', 'createtime>2021/01/01'] }))).toHaveLength(3);
      // Default order: createtime DESC.
      expect(names(await vault.list({}))).toEqual(['ZOE', 'Anna', 'JOHN']);
      expect(names(await vault.list({ orderby: 'dob_year', sort: 'DESC' }))).toEqual(['ZOE', 'JOHN', 'Anna']);
      const p1 = await vault.list({ orderby: 'lastName', sort: 'ASC', limit: 2 });
      expect(p1).toMatchObject({ limit: 2, offset: 0, nextoffset: 2 });
      expect(p1.items.map((i: any) => i.lastName)).toEqual(['ADAMS', 'SMITH']);
      const p2 = await vault.list({ orderby: 'lastName', sort: 'ASC', limit: 2, offset: 2 });
      expect(p2.items.map((i: any) => i.lastName)).toEqual(['Łukasiewicz']);
      expect(p2.nextoffset).toBeNull();
      const sqlPage = await vault.list({ orderby: 'createtime', sort: 'ASC', limit: 1, offset: 1 });
      expect(sqlPage).toMatchObject({ limit: 1, offset: 1, nextoffset: 2 });
      expect(names(sqlPage)).toEqual(['Anna']);
      expect(sqlPage.items[0].image).toEqual([]);
    });

    it('list rejects malformed filters, more than 5 filters and bad sort with error bodies', async () => {
      await expect(vault.list({ filter: ['firstName~JOHN'] })).rejects.toThrow(/^1002: .*filter/);
      await expect(vault.list({ filter: ['createtime>=yesterday'] })).rejects.toThrow(/^1002: .*createtime/);
      await expect(vault.list({ sort: 'UP' })).rejects.toThrow(/^1002: .*sort/);
      const { status, json } = await postJson(`${s.url}/vault/list`, { apikey: s.key, filter: ['a=1', 'b=1', 'c=1', 'd=1', 'e=1', 'f=1'] });
      expect(status).toBe(200);
      expect(json.error.code).toBe(1002);
    });

    it('update changes fields, keeps them searchable and moves updatetime', async () => {
      now += 3600_000;
      expect(await vault.update(ids.anna, { firstName: 'ANNE', email: 'anne@example.com' })).toEqual({ success: true });
      const r = await vault.get(ids.anna);
      expect(r.data).toMatchObject({ firstName: 'ANNE', email: 'anne@example.com', lastName: 'Łukasiewicz' });
      expect(r.data.updatetime).not.toBe(r.data.createtime);
      expect((await vault.list({ filter: ['firstName=Anna'] })).items).toHaveLength(0);
      expect((await vault.list({ filter: ['email=ANNE@EXAMPLE.COM'] })).items.map((i: any) => i.id)).toEqual([ids.anna]);
      // Concurrent updates of different fields both land (no lost update).
      const fields = Array.from({ length: 6 }, (_, i) => `custom_${i}`);
      await Promise.all(fields.map((f, i) => vault.update(ids.anna, { [f]: `v${i}` })));
      const after = (await vault.get(ids.anna)).data;
      for (const [i, f] of fields.entries()) expect(after[f]).toBe(`v${i}`);
      await expect(vault.update(ids.anna, { verification: 'x' })).rejects.toThrow(/^1002/);
      await expect(vault.update('NoSuchEntry000000000000000000000', { firstName: 'X' })).rejects.toThrow(/^1002: .*not found/);
    });

    it('addimage and deleteimage manage images and their encrypted files', async () => {
      const extra = await makeImage(7);
      const added = await vault.addImage(ids.zoe, extra.toString('base64'), 0);
      expect(added).toMatchObject({ success: true, image: { type: 0, format: 'jpg' } });
      const got = await vault.get(ids.zoe);
      expect(got.data.image.map((i: any) => i.id)).toEqual([added.image.id]);
      const dir = path.join(s.dataDir, 'files', 'vault', s.accountId, ids.zoe);
      expect(fs.readdirSync(dir)).toHaveLength(1);
      await expect(vault.addImage(ids.zoe, Buffer.from('not an image at all, just some text that is long enough to pass the client check..........').toString('base64'), 0)).rejects.toThrow(/^8: /);
      expect(await vault.deleteImage(ids.zoe, added.image.id)).toEqual({ success: true });
      expect((await vault.get(ids.zoe)).data.image).toEqual([]);
      expect(fs.readdirSync(dir)).toHaveLength(0);
      await expect(vault.deleteImage(ids.zoe, added.image.id)).rejects.toThrow(/^1002/);
    });

    it('addimage fetches an image from imageurl', async () => {
      const jpeg = await makeImage(11);
      const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const port = (server.address() as { port: number }).port;
        const { json } = await postJson(`${s.url}/vault/addimage`, { apikey: s.key, id: ids.anna, type: 0, imageurl: `http://127.0.0.1:${port}/card.jpg` });
        expect(json).toMatchObject({ success: true, image: { type: 0, format: 'jpg' } });
        const img = (await vault.get(ids.anna)).data.image.find((i: any) => i.id === json.image.id);
        expect(Buffer.from(await (await fetch(img.url)).arrayBuffer()).equals(jpeg)).toBe(true);
        expect(await vault.deleteImage(ids.anna, json.image.id)).toEqual({ success: true });
      } finally {
        server.close();
      }
    });

    it('stores personal fields, embeddings and images encrypted at rest', async () => {
      const db = s.comp.database.db;
      const row = await db.selectFrom('vault_entries').selectAll().where('id', '=', ids.john).executeTakeFirstOrThrow();
      const rawRow = JSON.stringify(row);
      for (const secret of ['JOHN', 'SMITH', 'X459931', '1989', 'GOVERNMENT', 'V8W', 'user-john', 'notexpired']) expect(rawRow).not.toContain(secret);
      // v1 = master-key sealing; k1 = the same under the entry's own data key (crypto-shredding, docs/privacy.md).
      expect(row.sealed).toMatch(/^(v1\.[0-9a-f]{12}\.|k1\.)/);
      const index = await db.selectFrom('vault_entry_index').selectAll().where('entry_id', '=', ids.john).execute();
      expect(index.map((i) => i.field)).toContain('firstName');
      expect(JSON.stringify(index)).not.toMatch(/JOHN|SMITH|X459931/);
      // Equal values in one account give equal tokens (that is what makes them filterable) …
      const anna = await db.selectFrom('vault_entry_index').selectAll().where('entry_id', '=', ids.anna).where('field', '=', 'nationality_iso2').executeTakeFirstOrThrow();
      const john = index.find((i) => i.field === 'nationality_iso2')!;
      expect(anna.token).toBe(john.token);
      const faces = await db.selectFrom('vault_faces').selectAll().where('entry_id', '=', ids.john).execute();
      expect(faces).toHaveLength(1);
      expect(faces[0].sealed_embedding).toMatch(/^(v1|k1)\./);
      const images = await db.selectFrom('vault_images').selectAll().where('entry_id', '=', ids.john).execute();
      for (const img of images) {
        const onDisk = fs.readFileSync(path.join(s.dataDir, 'files', img.storage_key));
        expect(onDisk.subarray(0, 4).toString()).toBe('IDG1');
        expect(onDisk.includes(pictures.front.subarray(0, 64))).toBe(false);
        expect(onDisk.includes(pictures.face.subarray(0, 64))).toBe(false);
        expect(img.storage_key).not.toMatch(/JOHN|SMITH/i);
      }
    });

    it('searches faces 1:N over stored descriptors with maxentry and threshold', async () => {
      const hits = await searchVaultByEmbedding(s.comp.deps, s.accountId, unitVector(0, 0.05), { maxentry: 10, threshold: 0.5 });
      expect(hits.map((h) => h.entryId)).toEqual([ids.john, ids.zoe]);
      expect(hits[0].confidence).toBeGreaterThan(hits[1].confidence);
      expect(await searchVaultByEmbedding(s.comp.deps, s.accountId, unitVector(0, 0.05), { maxentry: 1, threshold: 0.5 })).toHaveLength(1);
      expect(await searchVaultByEmbedding(s.comp.deps, s.accountId, unitVector(60), { maxentry: 10, threshold: 0.5 })).toEqual([]);
    });

    it('train and trainstatus answer that the index is always current', async () => {
      const t = await vault.trainFace();
      expect(t).toMatchObject({ success: true, status: 'ok', indexed_faces: 3 });
      const st = await vault.trainingStatus();
      expect(st).toMatchObject({ success: true, status: 'ok', indexed_faces: 3 });
      expect(st.message).toMatch(/no separate training/);
    });

    it('isolates accounts: another key can neither read, list, change nor delete', async () => {
      const other = await createApiKey(s.comp.deps, { name: 'other tenant' });
      const v2 = new Vault(other.key, s.base);
      await expect(v2.get(ids.john)).rejects.toThrow(/^1002: .*not found/);
      expect((await v2.list({})).items).toEqual([]);
      expect((await v2.list({ filter: ['firstName=JOHN'] })).items).toEqual([]);
      await expect(v2.update(ids.john, { firstName: 'EVE' })).rejects.toThrow(/^1002/);
      expect(await v2.delete(ids.john)).toMatchObject({ success: true, deleted: [] });
      await expect(v2.addImage(ids.john, (await makeImage(9)).toString('base64'), 0)).rejects.toThrow(/^1002/);
      const img = (await vault.get(ids.john)).data.image[0];
      await expect(v2.deleteImage(ids.john, img.id)).rejects.toThrow(/^1002/);
      expect(await searchVaultByEmbedding(s.comp.deps, other.row.account_id, unitVector(0), { maxentry: 10, threshold: 0 })).toEqual([]);
      expect((await vault.get(ids.john)).data.firstName).toBe('JOHN');
      expect((await vault.get(ids.john)).data.image).toHaveLength(2);
      await expect(new Vault('idg_wrong', s.base).get(ids.john)).rejects.toThrow(/^1: /);
    });

    it('signed image URLs expire after 7 days and refuse tampering', async () => {
      const url: string = (await vault.get(ids.john)).data.image[0].url;
      now += 7 * DAY - 60_000;
      expect((await fetch(url)).status).toBe(200);
      const token = url.split('/files/')[1];
      const [payload, sig] = token.split('.');
      const forged = Buffer.from(Buffer.from(payload, 'base64url').toString().replace(/\d+$/, String(Math.floor(now / 1000) + 10 * 86400))).toString('base64url');
      expect((await fetch(`${s.url}/files/${forged}.${sig}`)).status).toBe(403);
      expect((await fetch(`${s.url}/files/garbage`)).status).toBe(403);
      now += 120_000;
      const expired = await fetch(url);
      expect(expired.status).toBe(410);
      expect((await expired.json()).error.message).toMatch(/expired/);
      // A fresh get signs a fresh URL.
      expect((await fetch((await vault.get(ids.john)).data.image[0].url)).status).toBe(200);
    });

    it('delete removes entries (one or several) with their files', async () => {
      const url: string = (await vault.get(ids.john)).data.image[0].url;
      const dir = path.join(s.dataDir, 'files', 'vault', s.accountId, ids.john);
      expect(fs.existsSync(dir)).toBe(true);
      expect(await vault.delete(ids.john)).toEqual({ success: true, deleted: [ids.john] });
      expect(fs.existsSync(dir)).toBe(false);
      await expect(vault.get(ids.john)).rejects.toThrow(/^1002: .*not found/);
      expect((await fetch(url)).status).toBe(404);
      const db = s.comp.database.db;
      for (const t of ['vault_entry_index', 'vault_images', 'vault_faces'] as const) {
        expect(await db.selectFrom(t).selectAll().where('entry_id', '=', ids.john).execute()).toEqual([]);
      }
      expect(await vault.delete([ids.anna, ids.zoe])).toMatchObject({ success: true });
      expect((await vault.list({})).items).toEqual([]);
    });
  });
}
