import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` puts the capture app (git-ignored; built by prestart and the test setup). */
/** IDGATE_WEB_DIST points at another build (a capture-app change tried out beside the shared one). */
export const WEB_DIST = process.env.IDGATE_WEB_DIST ? path.resolve(process.env.IDGATE_WEB_DIST) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export type AppAssets = { script: string; styles: string[] };

let cached: { mtime: number; assets: AppAssets | null } | undefined;

/** Entry script and CSS of the built app, read from Vite's manifest; null when not built. */
export function appAssets(): AppAssets | null {
  const file = path.join(WEB_DIST, '.vite/manifest.json');
  let mtime = 0;
  try {
    mtime = fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
  if (cached?.mtime === mtime) return cached.assets;
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { file: string; css?: string[]; isEntry?: boolean }>;
  const entry = Object.values(manifest).find((e) => e.isEntry);
  const assets = entry ? { script: `/app/${entry.file}`, styles: (entry.css ?? []).map((c) => `/app/${c}`) } : null;
  cached = { mtime, assets };
  return assets;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

/** A built asset by its hashed name; anything outside `assets/` or with an odd name is refused. */
export function readAsset(name: string): { body: Buffer; type: string } | null {
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) return null;
  const type = TYPES[path.extname(name)];
  if (!type) return null;
  try {
    return { body: fs.readFileSync(path.join(WEB_DIST, 'assets', name)), type };
  } catch {
    return null;
  }
}
