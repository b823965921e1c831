import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('IDG1');

/**
 * The at-rest format shared by every file store: "IDG1" | 12-byte IV | 16-byte tag |
 * AES-256-GCM ciphertext. The disk and S3 stores hold the same bytes, so `storage copy` moves
 * objects without decrypting them.
 */
export class FileCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('file store key must be 32 bytes');
  }

  seal(data: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  }

  open(raw: Buffer, key: string): Buffer {
    if (!FileCipher.isSealed(raw)) throw new Error(`not an idgate encrypted file: ${key}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(4, 16));
    decipher.setAuthTag(raw.subarray(16, 32));
    return Buffer.concat([decipher.update(raw.subarray(32)), decipher.final()]);
  }

  static isSealed(raw: Buffer): boolean {
    return raw.length >= 32 && raw.subarray(0, 4).equals(MAGIC);
  }
}
