import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('IDG1');

/**
 * Files under the data dir, each encrypted with AES-256-GCM (format: "IDG1" | 12-byte IV |
 * 16-byte tag | ciphertext). Writes go to a temp file and are renamed, so a crash never
 * leaves half a file under a real key.
 */
export class DiskFileStore {
  constructor(
    private readonly root: string,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32) throw new Error('file store key must be 32 bytes');
  }

  private pathFor(key: string): string {
    if (!/^[A-Za-z0-9/_.-]+$/.test(key) || key.includes('..')) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathFor(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(tmp, Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]));
    await fs.rename(tmp, file);
  }

  async get(key: string): Promise<Buffer> {
    const raw = await fs.readFile(this.pathFor(key));
    if (!raw.subarray(0, 4).equals(MAGIC)) throw new Error(`not an idgate encrypted file: ${key}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(4, 16));
    decipher.setAuthTag(raw.subarray(16, 32));
    return Buffer.concat([decipher.update(raw.subarray(32)), decipher.final()]);
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathFor(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    await fs.rm(this.pathFor(prefix), { recursive: true, force: true });
  }
}

/** The key comes from IDGATE_ENCRYPTION_KEY, or is generated once into the data dir (mode 0600). */
export function loadOrCreateFileKey(dataDir: string, fromEnv: string | undefined): Buffer {
  if (fromEnv) return Buffer.from(fromEnv, 'hex');
  const file = path.join(dataDir, 'keys', 'file-encryption.key');
  if (fsSync.existsSync(file)) return Buffer.from(fsSync.readFileSync(file, 'utf8').trim(), 'hex');
  fsSync.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  fsSync.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
