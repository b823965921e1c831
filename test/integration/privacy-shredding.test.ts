import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, type TestServer } from '../helpers/test-server.ts';
import { startPrivacyStack, verifyGeneratedPassport, type PrivacyStack } from '../helpers/privacy-stack.ts';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { DiskFileStore, loadOrCreateFileKey } from '../../src/adapters/file-store-disk.ts';
import { FieldCrypto } from '../../src/adapters/field-crypto.ts';
import { FileCipher } from '../../src/adapters/file-store-cipher.ts';
import type { FileStore } from '../../src/ports/file-store.ts';
import { storedObjects, type TestS3 } from '../helpers/s3-server.ts';
import { withVaultKeys } from '../../src/services/privacy/keyed-vault-repository.ts';
import type { VaultRepository } from '../../src/database/repositories/vault-repository.ts';
import { DataKeyRing, SessionKeyedFileStore, keyScopeOf, rewrapSessionKeys } from '../../src/services/privacy/session-keyed-file-store.ts';

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
 * with the master key: the session's data key is gone. File stores: disk and S3 (s3rver).
 */
for (const dialect of DIALECTS) for (const store of ['disk', 's3'] as const) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`privacy crypto-shredding on ${dialect} (${store} file store)`, () => {
    let stack: PrivacyStack;
    let s: TestServer;
    let s3: TestS3 | undefined;
    beforeAll(async () => {
      stack = await startPrivacyStack(dialect, store);
      ({ s, s3 } = stack);
    }, 120_000);
    afterAll(() => stack?.close());

    it('a backup of the stored objects taken before the erasure cannot be opened after it', async () => {
      const { reference, callback } = await verifyGeneratedPassport(stack, 9101);
      const hit = { json: callback };
      const surname = Buffer.from(hit.json.data.lastName as string);

      // The backup: every stored object's raw bytes (disk files, or S3 objects as s3rver keeps them: versions, replicas alike).
      const bdir = fs.mkdtempSync(path.join(s.dataDir, '..', 'idgate-backup-'));
      const all = s3 ? storedObjects(s3).map((o) => [o.key, o.bytes] as const) : copyTree(path.join(s.dataDir, 'files'), bdir).map((k) => [k, fs.readFileSync(path.join(bdir, k))] as const);
      fs.rmSync(bdir, { recursive: true, force: true });
      const backup = new Map(all.filter(([k]) => keyScopeOf(k) === `session:${reference}` || k.startsWith(`vault/${s.accountId}/${hit.json.vaultid}/`)));
      expect(backup.size).toBeGreaterThanOrEqual(3); // upload, verification result, callback payload, vault image
      const master = s3 ? Buffer.from(s.config.encryptionKey!, 'hex') : loadOrCreateFileKey(s.dataDir, undefined);
      const cipher = new FileCipher(master);
      const restored: FileStore = {
        get: async (k) => cipher.open(backup.get(k)!, k),
        put: async () => {}, delete: async () => {}, deletePrefix: async () => {}, ping: async () => true,
        list: async function* () {},
      };
      const layered = () => new SessionKeyedFileStore(restored, s.comp.deps.privacy!, new FieldCrypto(master));
      // Before: the backup opens with the master key and the session's data key.
      expect((await layered().get([...backup.keys()].find((k) => k.startsWith('callbacks/'))!)).includes(surname)).toBe(true);

      // A database backup: the vault entry's sealed record and descriptor as stored.
      const dbRow = await s.comp.database.db.selectFrom('vault_entries').selectAll().where('id', '=', hit.json.vaultid).executeTakeFirstOrThrow();
      expect(dbRow.sealed.startsWith('k1.')).toBe(true);
      const backupRepo = withVaultKeys({ findEntry: async () => dbRow } as unknown as VaultRepository, new DataKeyRing(s.comp.deps.privacy!, new FieldCrypto(master)));
      const opened = (await backupRepo.findEntry(s.accountId, dbRow.id))!;
      expect(new FieldCrypto(master).open(opened.sealed, `vault-entry:${s.accountId}:${dbRow.id}`).includes(surname)).toBe(true);

      const { json: erased } = await postJson(`${s.url}/privacy/erase`, { apikey: s.key, reference });
      expect(erased.erased[0].data_keys_destroyed).toBe(3); // the session's, its vault entry's images' and record's
      await expect(withVaultKeys({ findEntry: async () => dbRow } as unknown as VaultRepository, new DataKeyRing(s.comp.deps.privacy!, new FieldCrypto(master))).findEntry(s.accountId, dbRow.id)).rejects.toThrow(/destroyed/);
      const rows = await Promise.all([`session:${reference}`, `vault:${hit.json.vaultid}`, `vault-record:${hit.json.vaultid}`].map((sc) => s.comp.deps.privacy!.getKey(sc)));
      for (const r of rows) expect(r).toMatchObject({ wrapped: null, key_id: null, destroyed_at: expect.any(Number) });
      if (s3) expect(storedObjects(s3).filter((o) => backup.has(o.key))).toEqual([]);

      for (const k of backup.keys()) {
        const stripped = await restored.get(k); // the master key opens only the outer layer
        expect(stripped.subarray(0, 4).toString(), k).toBe('IDK1');
        expect(stripped.includes(surname), k).toBe(false);
        await expect(layered().get(k), k).rejects.toThrow(/data key .* destroyed/);
      }
    });

    it.skipIf(store !== 'disk')('files written before per-session keys existed still read', async () => {
      const master = loadOrCreateFileKey(s.dataDir, undefined);
      const plain = new DiskFileStore(path.join(s.dataDir, 'files'), master);
      const bytes = randomBytes(500);
      await plain.put(`sessions/${s.accountId}/OLDREF000/document-legacy.jpg`, bytes);
      expect((await s.comp.deps.files.get(`sessions/${s.accountId}/OLDREF000/document-legacy.jpg`)).equals(bytes)).toBe(true);
      // And a file outside any session (e.g. a template asset) is not layered at all.
      await s.comp.deps.files.put('templates/x/asset.bin', bytes);
      expect((await plain.get('templates/x/asset.bin')).equals(bytes)).toBe(true);
    });

    it.skipIf(store !== 'disk')('key rotation re-wraps the data keys: files written before open under the new master key', async () => {
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
