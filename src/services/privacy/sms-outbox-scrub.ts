import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The default SMS adapter keeps every message in `<dataDir>/sms-outbox.jsonl` (development and
 * tests). Erasing a session removes the lines sent to its phone number, rewriting the file
 * through a temp file and a rename.
 */
export async function scrubSmsOutbox(dataDir: string, number: string): Promise<number> {
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
