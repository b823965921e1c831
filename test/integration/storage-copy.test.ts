import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DiskFileStore } from '../../src/adapters/file-store-disk.ts';
import { S3FileStore } from '../../src/adapters/file-store-s3.ts';
import { copyDiskToS3 } from '../../src/cli/storage.ts';
import { startS3, type TestS3 } from '../helpers/s3-server.ts';

let s3: TestS3;
let dataDir: string;
const key = randomBytes(32).toString('hex');
beforeAll(async () => {
  s3 = await startS3('copy-test');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-copy-'));
});
afterAll(async () => {
  await s3?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('copies an install into the bucket still encrypted, and a second run resumes (copies nothing twice)', async () => {
  const disk = new DiskFileStore(path.join(dataDir, 'files'), Buffer.from(key, 'hex'));
  const files = { 'sessions/a/R1/document.jpg': randomBytes(5000), 'callbacks/a/R1/cb_1.json': Buffer.from('{"x":1}'), 'vault/a/E1/face.jpg': randomBytes(100) };
  for (const [k, v] of Object.entries(files)) await disk.put(k, v);
  const target = { bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true };

  // An interrupted first run: one object is already there.
  const bucket = new S3FileStore(target, Buffer.from(key, 'hex'));
  await bucket.putRaw('sessions/a/R1/document.jpg', await disk.getRaw('sessions/a/R1/document.jpg'));
  expect(await copyDiskToS3({ dataDir, encryptionKey: key, s3: target })).toEqual({ copied: 2, skipped: 1 });
  expect(await copyDiskToS3({ dataDir, encryptionKey: key, s3: target })).toEqual({ copied: 0, skipped: 3 });

  for (const [k, v] of Object.entries(files)) {
    expect((await bucket.get(k)).equals(v)).toBe(true);
    expect((await bucket.getRaw(k)).equals(await disk.getRaw(k))).toBe(true); // same sealed bytes
  }
  bucket.close();
});
