import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const BASE_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Debian chromium; `camera` feeds the fake device from a y4m file. With `askPermission` the
 * camera permission prompt is left to the browser context: granted with
 * `context.grantPermissions(['camera'])`, denied otherwise.
 */
export async function launchBrowser(opts: { camera?: string; askPermission?: boolean } = {}): Promise<Browser> {
  const args = [...BASE_FLAGS];
  if (opts.camera) args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${opts.camera}`);
  if (opts.camera && !opts.askPermission) args.push('--use-fake-ui-for-media-stream');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  // Two cores shared with OCR and face tests in the other fork: waits get room to breathe. Every
  // page (browser.newPage goes through newContext) inherits this default.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(90_000);
    return context;
  };
  return browser;
}

export const browserAvailable = fs.existsSync(CHROMIUM);

/** Screenshots of each step go to test-artifacts/ (git-ignored), kept by CI. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('test-artifacts/web');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Real test data (../shared/data, present in CI); browser files skip when it is absent. */
export const SHARED = path.resolve(process.cwd(), '../shared/data');
export const hasShared = fs.existsSync(SHARED);
export const sharedFile = (rel: string) => path.join(SHARED, rel);
export const PASSPORT = 'mrz-document-images/images/passporteye__passport-td3.jpg';
/** Two photos of one person and one of another (face-verification/identities.csv). */
export const FACE_A1 = 'face-verification/images/deepface__img1.jpg';
export const FACE_A2 = 'face-verification/images/deepface__img2.jpg';
export const FACE_B = 'face-verification/images/deepface__img3.jpg';

/**
 * The specimen passport with its portrait replaced by a real face photo, written to `out`: a
 * document whose holder can take a matching selfie (no real photo of the specimen person exists).
 * The MRZ and printed fields are untouched, so the document still reads.
 */
export async function passportWithFace(faceRel: string, out: string): Promise<string> {
  const { default: sharp } = await import('sharp');
  const box = { left: 128, top: 215, width: 302, height: 405 };
  const portrait = await sharp(sharedFile(faceRel)).rotate().resize(box.width, box.height, { fit: 'cover', position: 'attention' }).jpeg().toBuffer();
  fs.writeFileSync(out, await sharp(sharedFile(PASSPORT)).composite([{ input: portrait, left: box.left, top: box.top }]).jpeg({ quality: 90 }).toBuffer());
  return out;
}

/** The first callback the receiver got for a session (the pipeline runs the real engines). */
export async function callbackFor(received: Array<{ json: any }>, reference: string, ms = 150_000): Promise<any> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const hit = received.find((r) => r.json?.reference === reference);
    if (hit) return hit.json;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no callback for ${reference}`);
}
