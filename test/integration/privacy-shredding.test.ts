import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { generateDocument } from '../fixtures/documents/generate-document.ts';
import { DiskFileStore, loadOrCreateFileKey } from '../../src/adapters/file-store-disk.ts';
import { FieldCrypto } from '../../src/adapters/field-crypto.ts';
import { SessionKeyedFileStore, keyScopeOf, rewrapSessionKeys } from '../../src/services/privacy/session-keyed-file-store.ts';

const pgAvailable = await postgresReachable();

function copyTree(from: string, to: string): string[] {
  const out: string[] = [];
  for (const d of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, d.name);
    const b = path.join(to, d.name);
    if (d.isDirectory()) {
      fs.mkdirSync(b, { recursive: true });
      out.push(...copyTree(a, b).map((k) => `${d.name}/${k}`));
    } else {
      fs.copyFileSync(a, b);
      out.push(d.name);
    }
  }
  return out;
}

/**
 * Crypto-shredding: a copy of the file store taken before an erasure (a backup, an object
 * version) still holds the session's files, but after the erasure they no longer open, even
 * with the master key: the session's data key is gone. File store: disk.
 */
for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`privacy crypto-shredding on ${dialect} (disk file store)`, () => {
    let s: TestServer;
    let rx: Awaited<ReturnType<typeof startReceiver>>;
    beforeAll(async () => {
      s = await startTestServer({ dialect, env: { IDGATE_WORKER_THREADS: '1' } });
      rx = await startReceiver();
    }, 120_000);
    afterAll(async () => {
      await rx?.close();
      await s?.close();
    });

    it('a backup of the files taken before the erasure cannot be opened after it', async () => {
      const doc = await generateDocument('TD3', 9101, {});
      const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, return_type: 0, maxattempt: 1, document_base64: doc.front.toString('base64') });
      const reference = json.reference as string;
      const end = Date.now() + 120_000;
      let hit;
      while (!(hit = rx.received.find((r) => r.json?.reference === reference)) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(hit).toBeTruthy();
      const surname = Buffer.from(hit!.json.data.lastName as string);

      const backup = fs.mkdtempSync(path.join(s.dataDir, '..', 'idgate-backup-'));
      const keys = copyTree(path.join(s.dataDir, 'files'), backup).filter((k) => keyScopeOf(k) === `session:${reference}` || k.startsWith(`vault/${s.accountId}/${hit!.json.vaultid}/`));
      expect(keys.length).toBeGreaterThanOrEqual(3); // upload, verification result, callback payload, vault image
      const master = loadOrCreateFileKey(s.dataDir, undefined);
      const outer = new DiskFileStore(backup, master);
      const layered = new SessionKeyedFileStore(outer, s.comp.deps.privacy!, new FieldCrypto(master));
      // Before: the backup opens with the master key and the session's data key.
      expect((await layered.get(keys.find((k) => k.startsWith('callbacks/'))!)).includes(surname)).toBe(true);

      const { json: erased } = await postJson(`${s.url}/privacy/erase`, { apikey: s.key, reference });
      expect(erased.erased[0].data_keys_destroyed).toBe(2); // the session's and its vault entry's
      const rows = await Promise.all([`session:${reference}`, `vault:${hit!.json.vaultid}`].map((sc) => s.comp.deps.privacy!.getKey(sc)));
      for (const r of rows) expect(r).toMatchObject({ wrapped: null, key_id: null, destroyed_at: expect.any(Number) });

      const fresh = new SessionKeyedFileStore(outer, s.comp.deps.privacy!, new FieldCrypto(master));
      for (const k of keys) {
        const stripped = await outer.get(k); // the master key opens only the outer layer
        expect(stripped.subarray(0, 4).toString(), k).toBe('IDK1');
        expect(stripped.includes(surname), k).toBe(false);
        await expect(fresh.get(k), k).rejects.toThrow(/data key .* destroyed/);
      }
      fs.rmSync(backup, { recursive: true, force: true });
    });

    it('files written before per-session keys existed still read', async () => {
      const master = loadOrCreateFileKey(s.dataDir, undefined);
      const plain = new DiskFileStore(path.join(s.dataDir, 'files'), master);
      const bytes = randomBytes(500);
      await plain.put(`sessions/${s.accountId}/OLDREF000/document-legacy.jpg`, bytes);
      expect((await s.comp.deps.files.get(`sessions/${s.accountId}/OLDREF000/document-legacy.jpg`)).equals(bytes)).toBe(true);
      // And a file outside any session (e.g. a template asset) is not layered at all.
      await s.comp.deps.files.put('templates/x/asset.bin', bytes);
      expect((await plain.get('templates/x/asset.bin')).equals(bytes)).toBe(true);
    });

    it('key rotation re-wraps the data keys: files written before open under the new master key', async () => {
      const dir = fs.mkdtempSync(path.join(s.dataDir, '..', 'idgate-rot-'));
      const k1 = randomBytes(32);
      const k2 = randomBytes(32);
      const outer = new DiskFileStore(dir, k1);
      const bytes = randomBytes(300);
      await new SessionKeyedFileStore(outer, s.comp.deps.privacy!, new FieldCrypto(k1)).put(`sessions/${s.accountId}/ROTREF000/face-1.jpg`, bytes);
      const row = await s.comp.deps.privacy!.getKey('session:ROTREF000');
      expect(row?.key_id).toBe(new FieldCrypto(k1).keyId);
      expect(await rewrapSessionKeys(s.comp.deps.privacy!, new FieldCrypto(k2, [k1, loadOrCreateFileKey(s.dataDir, undefined)]))).toBeGreaterThan(0);
      expect((await s.comp.deps.privacy!.getKey('session:ROTREF000'))?.key_id).toBe(new FieldCrypto(k2).keyId);
      await expect(new SessionKeyedFileStore(outer, s.comp.deps.privacy!, new FieldCrypto(k1)).get(`sessions/${s.accountId}/ROTREF000/face-1.jpg`)).rejects.toThrow();
      expect((await new SessionKeyedFileStore(outer, s.comp.deps.privacy!, new FieldCrypto(k2)).get(`sessions/${s.accountId}/ROTREF000/face-1.jpg`)).equals(bytes)).toBe(true);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
}
