import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFileStore } from '../../src/adapters/file-store-disk.ts';
import { S3FileStore } from '../../src/adapters/file-store-s3.ts';
import { FileCipher } from '../../src/adapters/file-store-cipher.ts';
import { FileNotFoundError, type FileStore } from '../../src/ports/file-store.ts';
import { startS3, storedObjects, type TestS3 } from '../helpers/s3-server.ts';

const KEY = randomBytes(32);
const collect = async (it: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const k of it) out.push(k);
  return out.sort();
};

type Adapter = { name: string; open: () => Promise<{ store: FileStore; raw: () => Buffer[]; close: () => Promise<void> }> };

const adapters: Adapter[] = [
  {
    name: 'disk',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-fs-'));
      const rawFiles = (d: string): Buffer[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? rawFiles(path.join(d, e.name)) : [fs.readFileSync(path.join(d, e.name))]));
      return { store: new DiskFileStore(dir, KEY), raw: () => rawFiles(dir), close: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3 (s3rver)',
    open: async () => {
      const s3: TestS3 = await startS3();
      const store = new S3FileStore({ bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, prefix: 'tenant-a' }, KEY);
      return {
        store,
        raw: () => storedObjects(s3).map((o) => o.bytes),
        close: async () => {
          store.close();
          await s3.close();
        },
      };
    },
  },
];

describe.each(adapters)('FileStore contract: $name', (adapter) => {
  let h: Awaited<ReturnType<Adapter['open']>>;
  beforeAll(async () => {
    h = await adapter.open();
  });
  afterAll(async () => h?.close());

  it('puts, gets back the same bytes, and overwrites', async () => {
    const data = randomBytes(200_000);
    await h.store.put('sessions/acc/REF1/document.jpg', data);
    expect((await h.store.get('sessions/acc/REF1/document.jpg')).equals(data)).toBe(true);
    await h.store.put('sessions/acc/REF1/document.jpg', Buffer.from('second'));
    expect((await h.store.get('sessions/acc/REF1/document.jpg')).toString()).toBe('second');
  });

  it('stores ciphertext only (the plaintext never reaches the backend)', async () => {
    const marker = `PLAINTEXT-MARKER-${randomBytes(8).toString('hex')}`;
    await h.store.put('callbacks/acc/REF2/cb.json', Buffer.from(JSON.stringify({ name: marker })));
    const raws = h.raw();
    expect(raws.length).toBeGreaterThan(0);
    for (const r of raws) {
      expect(FileCipher.isSealed(r)).toBe(true);
      expect(r.includes(Buffer.from(marker))).toBe(false);
    }
  });

  it('a missing key throws FileNotFoundError (code ENOENT); deleting it is no error', async () => {
    await expect(h.store.get('sessions/acc/none.jpg')).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(h.store.get('sessions/acc/none.jpg')).rejects.toMatchObject({ code: 'ENOENT' });
    await h.store.delete('sessions/acc/none.jpg');
  });

  it('lists by prefix, deletes one key and a whole prefix', async () => {
    await h.store.put('vault/acc/E1/a.jpg', Buffer.from('a'));
    await h.store.put('vault/acc/E1/b.jpg', Buffer.from('b'));
    await h.store.put('vault/acc/E10/c.jpg', Buffer.from('c'));
    expect(await collect(h.store.list('vault/acc/E1/'))).toEqual(['vault/acc/E1/a.jpg', 'vault/acc/E1/b.jpg']);
    await h.store.delete('vault/acc/E1/a.jpg');
    expect(await collect(h.store.list('vault/acc/E1/'))).toEqual(['vault/acc/E1/b.jpg']);
    await h.store.deletePrefix('vault/acc/E1');
    expect(await collect(h.store.list('vault/'))).toEqual(['vault/acc/E10/c.jpg']);
    expect((await collect(h.store.list())).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses keys that could escape the store', async () => {
    await expect(h.store.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/bad storage key/);
    await expect(h.store.get('/abs/key')).rejects.toThrow(/bad storage key/);
  });

  it('answers ping', async () => {
    expect(await h.store.ping()).toBe(true);
  });

  it('a file written with another key does not open', async () => {
    await h.store.put('sessions/acc/k.bin', Buffer.from('secret'));
    const raw = h.raw().find((r) => FileCipher.isSealed(r))!;
    expect(() => new FileCipher(randomBytes(32)).open(raw, 'k')).toThrow();
  });
});
