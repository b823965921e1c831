import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { checkStorageKey, FileNotFoundError, type FileStore } from '../ports/file-store.ts';
import { FileCipher } from './file-store-cipher.ts';

export type S3StoreOptions = { bucket: string; region: string; endpoint?: string; forcePathStyle?: boolean; prefix?: string };

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, R2, Ceph…), encrypted by idgate before
 * upload with the same format as the disk store (the bucket never sees plaintext, whatever its
 * own encryption settings). Credentials come from the standard AWS chain (AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY, AWS_PROFILE, web identity, instance roles…): idgate has no setting of its own.
 */
export class S3FileStore implements FileStore {
  private readonly client: S3Client;
  private readonly cipher: FileCipher;
  private readonly prefix: string;

  constructor(
    private readonly opts: S3StoreOptions,
    key: Buffer,
    clientConfig: Partial<S3ClientConfig> = {},
  ) {
    this.cipher = new FileCipher(key);
    this.prefix = opts.prefix ? `${opts.prefix.replace(/\/+$/, '')}/` : '';
    this.client = new S3Client({ region: opts.region, endpoint: opts.endpoint, forcePathStyle: opts.forcePathStyle, maxAttempts: 3, ...clientConfig });
  }

  private objectKey(key: string): string {
    return this.prefix + checkStorageKey(key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    await this.putRaw(key, this.cipher.seal(data));
  }

  /** Stores already-encrypted bytes (used by `storage copy`, which never decrypts). */
  async putRaw(key: string, sealed: Buffer): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(key), Body: sealed, ContentType: 'application/octet-stream' }));
  }

  async get(key: string): Promise<Buffer> {
    return this.cipher.open(await this.getRaw(key), key);
  }

  async getRaw(key: string): Promise<Buffer> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(key) }));
      return Buffer.from(await r.Body!.transformToByteArray());
    } catch (e) {
      if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey') throw new FileNotFoundError(key);
      throw e;
    }
  }

  async exists(key: string): Promise<boolean> {
    const r = await this.client.send(new ListObjectsV2Command({ Bucket: this.opts.bucket, Prefix: this.objectKey(key), MaxKeys: 1 }));
    return (r.Contents ?? []).some((o) => o.Key === this.objectKey(key));
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(key) }));
  }

  async deletePrefix(prefix: string): Promise<void> {
    const base = prefix.replace(/\/+$/, '');
    await this.delete(base);
    let batch: string[] = [];
    const flush = async () => {
      if (!batch.length) return;
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.opts.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
      batch = [];
    };
    for await (const key of this.list(`${base}/`)) {
      batch.push(this.objectKey(key));
      if (batch.length === 1000) await flush();
    }
    await flush();
  }

  async *list(prefix = ''): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const r = await this.client.send(new ListObjectsV2Command({ Bucket: this.opts.bucket, Prefix: this.prefix + prefix, ContinuationToken: token }));
      for (const o of r.Contents ?? []) if (o.Key) yield o.Key.slice(this.prefix.length);
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
  }

  async ping(): Promise<boolean> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.opts.bucket }));
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.client.destroy();
  }
}
