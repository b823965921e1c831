import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// s3rver ships no types; it is a dev-only S3-compatible server (buckets are folders on disk).
// @ts-expect-error no declaration file
import S3rver from 's3rver';

export type TestS3 = { endpoint: string; bucket: string; dir: string; env: Record<string, string>; close: () => Promise<void> };

/**
 * A real S3-compatible server on a random loopback port with one bucket, for the S3 file store
 * tests. Credentials are s3rver's fixed pair; the SDK finds them in the environment.
 */
export async function startS3(bucket = 'idgate-test'): Promise<TestS3> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  const addr = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${addr.port}`;
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  return {
    endpoint,
    bucket,
    dir,
    env: {
      IDGATE_STORAGE: 's3',
      IDGATE_S3_BUCKET: bucket,
      IDGATE_S3_ENDPOINT: endpoint,
      IDGATE_S3_REGION: 'us-east-1',
      IDGATE_S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every stored object's raw bytes (s3rver keeps each object as `<bucket>/<key>._S3rver_object`). */
export function storedObjects(s3: TestS3): { key: string; bytes: Buffer }[] {
  const out: { key: string; bytes: Buffer }[] = [];
  const root = path.join(s3.dir, s3.bucket);
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('._S3rver_object')) out.push({ key: path.relative(root, full).replace(/\._S3rver_object$/, ''), bytes: fs.readFileSync(full) });
    }
  };
  walk(root);
  return out;
}
