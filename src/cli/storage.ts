import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { DiskFileStore, loadOrCreateFileKey } from '../adapters/file-store-disk.ts';
import { S3FileStore } from '../adapters/file-store-s3.ts';
import { printRecord } from './cli-output.ts';

/**
 * `idgate storage copy --to s3`: moves an install's files from the data dir into the bucket
 * (IDGATE_S3_*). Objects are copied as stored — still encrypted, never decrypted on the way —
 * and a key already in the bucket is skipped, so an interrupted copy resumes where it stopped.
 * Afterwards set IDGATE_STORAGE=s3 (and keep IDGATE_ENCRYPTION_KEY: the files are sealed with it).
 */
export async function copyDiskToS3(opts: { dataDir: string; encryptionKey: string | undefined; s3: { bucket: string; region: string; endpoint?: string; forcePathStyle?: boolean; prefix?: string }; out?: (line: string) => void }) {
  const key = loadOrCreateFileKey(opts.dataDir, opts.encryptionKey);
  const disk = new DiskFileStore(path.join(opts.dataDir, 'files'), key);
  const s3 = new S3FileStore(opts.s3, key);
  const out = opts.out ?? (() => {});
  try {
    const present = new Set<string>();
    for await (const k of s3.list()) present.add(k);
    let copied = 0;
    let skipped = 0;
    for await (const k of disk.list()) {
      if (present.has(k)) {
        skipped++;
        continue;
      }
      await s3.putRaw(k, await disk.getRaw(k));
      copied++;
      if (copied % 500 === 0) out(`copied ${copied} objects…`);
    }
    return { copied, skipped };
  } finally {
    s3.close();
  }
}

export function storageCommand(): Command {
  const storage = new Command('storage').description('file storage: move an install between the data dir and an S3-compatible bucket');
  storage
    .command('copy')
    .description('copy every stored file from the data dir to the bucket (resumable; files stay encrypted)')
    .requiredOption('--to <target>', 'where to copy: s3')
    .option('--json', 'JSON output')
    .action(async (o: { to: string; json?: boolean }) => {
      if (o.to !== 's3') throw new Error('--to must be s3');
      const env = { ...process.env, IDGATE_STORAGE: 's3' };
      const config = loadConfig(env);
      if (!config.encryptionKey) process.stderr.write('warning: IDGATE_ENCRYPTION_KEY is not set; the key in the data dir is used — set it for every process that reads the bucket\n');
      const r = await copyDiskToS3({ dataDir: config.dataDir, encryptionKey: config.encryptionKey, s3: config.s3!, out: (l) => process.stderr.write(`${l}\n`) });
      printRecord(o, { copied: r.copied, skipped: r.skipped, bucket: `s3://${config.s3!.bucket}`, next: 'set IDGATE_STORAGE=s3 and restart every process' });
    });
  return storage;
}
