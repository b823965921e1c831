import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkStorageKey, FileNotFoundError, type FileStore } from '../ports/file-store.ts';
import { FileCipher } from './file-store-cipher.ts';

/**
 * Files under the data dir, each encrypted (FileCipher). Writes go to a temp file and are
 * renamed, so a crash never leaves half a file under a real key.
 */
export class DiskFileStore implements FileStore {
  private readonly cipher: FileCipher;

  constructor(
    private readonly root: string,
    key: Buffer,
  ) {
    this.cipher = new FileCipher(key);
  }

  private pathFor(key: string): string {
    return path.join(this.root, checkStorageKey(key));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathFor(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(tmp, this.cipher.seal(data));
    await fs.rename(tmp, file);
  }

  async get(key: string): Promise<Buffer> {
    return this.cipher.open(await this.getRaw(key), key);
  }

  /** The stored (encrypted) bytes, for `storage copy`. */
  async getRaw(key: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathFor(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathFor(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    await fs.rm(this.pathFor(prefix), { recursive: true, force: true });
  }

  async *list(prefix = ''): AsyncIterable<string> {
    const start = prefix ? this.pathFor(prefix.replace(/\/+$/, '')) : this.root;
    const walk = async function* (dir: string): AsyncIterable<string> {
      let entries: fsSync.Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return;
        throw e;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) yield* walk(full);
        else if (!entry.name.endsWith('.tmp')) yield full;
      }
    };
    for await (const full of walk(start)) {
      const key = path.relative(this.root, full).split(path.sep).join('/');
      if (key.startsWith(prefix)) yield key;
    }
  }

  async ping(): Promise<boolean> {
    try {
      await fs.mkdir(this.root, { recursive: true });
      await fs.access(this.root, fsSync.constants.W_OK);
      return true;
    } catch {
      return false;
    }
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
