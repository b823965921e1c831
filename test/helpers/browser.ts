import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const BASE_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Debian chromium; `camera` feeds the fake device from a y4m file (or denies it when 'deny'). */
export async function launchBrowser(opts: { camera?: string } = {}): Promise<Browser> {
  const args = [...BASE_FLAGS];
  if (opts.camera) args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${opts.camera}`);
  return chromium.launch({ executablePath: CHROMIUM, args });
}

export const browserAvailable = fs.existsSync(CHROMIUM);

/** Screenshots of each step go to test-artifacts/ (git-ignored), kept by CI. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('test-artifacts/web');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
