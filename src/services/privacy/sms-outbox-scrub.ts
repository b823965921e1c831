import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileStore } from '../../ports/file-store.ts';

/** The outbox's objects in the file store (S3 storage: src/adapters/sms-outbox.ts). */
const OUTBOX_PREFIX = 'sms-outbox/';

/**
 * The default SMS adapter keeps every message in `<dataDir>/sms-outbox.jsonl` (disk storage) or
 * as one object per message under `sms-outbox/` in the file store (S3 storage). Erasing a
 * session removes the messages sent to its phone number: the file is rewritten through a temp
 * file and a rename, the objects are deleted. Returns how many messages went.
 */
export async function scrubSmsOutbox(dataDir: string, number: string, files?: FileStore): Promise<number> {
  return (await scrubFile(dataDir, number)) + (files ? await scrubObjects(files, number) : 0);
}

async function scrubFile(dataDir: string, number: string): Promise<number> {
  const file = path.join(dataDir, 'sms-outbox.jsonl');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  const lines = text.split('\n').filter(Boolean);
  const kept = lines.filter((l) => {
    try {
      return (JSON.parse(l) as { to?: string }).to !== number;
    } catch {
      return !l.includes(number);
    }
  });
  if (kept.length === lines.length) return 0;
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, kept.map((l) => `${l}\n`).join(''));
  await fs.rename(tmp, file);
  return lines.length - kept.length;
}

async function scrubObjects(files: FileStore, number: string): Promise<number> {
  let removed = 0;
  for await (const key of files.list(OUTBOX_PREFIX)) {
    const text = (await files.get(key)).toString('utf8');
    let to: string | undefined;
    try {
      to = (JSON.parse(text) as { to?: string }).to;
    } catch {
      to = text.includes(number) ? number : undefined;
    }
    if (to !== number) continue;
    await files.delete(key);
    removed++;
  }
  return removed;
}
