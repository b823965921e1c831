import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

let available: boolean | undefined;

/** Whether the `ffmpeg` binary can be run here; checked once per thread. */
export function ffmpegAvailable(): boolean {
  if (available === undefined) {
    try {
      execFileSync('ffmpeg', ['-hide_banner', '-version'], { stdio: 'ignore', timeout: 10_000 });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * Extracts up to `maxFrames` JPEG frames, evenly in time at `fps`, scaled to at most `maxWidth`
 * px wide. The video goes through a temp file rather than a pipe because MP4 files often keep
 * their index (moov atom) at the end, which ffmpeg cannot seek to on a pipe.
 */
export async function extractVideoFrames(
  video: Uint8Array,
  opts: { fps?: number; maxFrames?: number; maxWidth?: number; timeoutMs?: number } = {},
): Promise<Uint8Array[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'idgate-face-'));
  try {
    const input = path.join(dir, 'input');
    await fs.writeFile(input, video);
    const maxWidth = opts.maxWidth ?? 640;
    const args = [
      '-hide_banner', '-loglevel', 'error', '-nostdin', '-i', input,
      '-vf', `fps=${opts.fps ?? 5},scale='min(${maxWidth},iw)':-2`,
      '-frames:v', String(opts.maxFrames ?? 40), '-q:v', '3', path.join(dir, 'f%04d.jpg'),
    ];
    await new Promise<void>((resolve, reject) =>
      execFile('ffmpeg', args, { timeout: opts.timeoutMs ?? 60_000 }, (err, _o, stderr) => (err ? reject(new Error(`ffmpeg: ${stderr || err.message}`)) : resolve())),
    );
    const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.jpg')).sort();
    return Promise.all(names.map(async (n) => new Uint8Array(await fs.readFile(path.join(dir, n)))));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
