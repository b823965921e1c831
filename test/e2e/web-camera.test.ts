import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devices, type Browser } from 'playwright-core';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { decodeQr } from '../helpers/decode-qr.ts';
import { makeSelfieVideo } from '../fixtures/faces/make-selfie-video.ts';
import { browserAvailable, callbackFor, FACE_A1, FACE_A2, hasShared, launchBrowser, passportWithFace, sharedFile, shot } from '../helpers/browser.ts';

const hasFfmpeg = fs.existsSync('/usr/bin/ffmpeg');
if (!browserAvailable || !hasFfmpeg || !hasShared) console.warn('chromium, ffmpeg or ../shared/data missing: live-camera browser tests are skipped');

/** A y4m for Chromium's fake camera: the document for a few seconds, then the face (looped by Chromium). */
function makeY4m(document: string, face: string, out: string): string {
  const fit = 'scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2:color=0x505050,setsar=1,fps=5';
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-t', '5', '-i', document, '-loop', '1', '-t', '5', '-i', face,
    '-filter_complex', `[0]${fit}[a];[1]${fit}[b];[a][b]concat=n=2:v=1[v]`, '-map', '[v]', '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', out]);
  return out;
}

/**
 * Live mobile with Chromium's fake camera, camera denied, and the desktop QR hand-off. One
 * browser: the fake device is always there; each context grants the camera or not.
 */
describe.skipIf(!browserAvailable || !hasFfmpeg || !hasShared)('live camera and hand-off in chromium', { timeout: 180_000 }, () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;
  const tmp = fs.mkdtempSync('/tmp/idgate-cam-');
  let passportA: string;
  const create = async (body: Record<string, unknown>) => {
    const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme Bank', callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, language: 'en', maxattempt: 1, ...body });
    expect(json.error).toBeUndefined();
    return json;
  };

  beforeAll(async () => {
    passportA = await passportWithFace(FACE_A1, path.join(tmp, 'passport-a.jpg'));
    const y4m = makeY4m(passportA, sharedFile(FACE_A2), path.join(tmp, 'camera.y4m'));
    [s, rx, browser] = await Promise.all([startTestServer({ env: { IDGATE_WORKER_THREADS: '1' } }), startReceiver(), launchBrowser({ camera: y4m, askPermission: true })]);
  });
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await s?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('live mobile: the fake camera shows the document, then the face; both are captured by themselves and the session passes', async () => {
    const session = await create({ type: 3, biometric: 1, documenttype: 'P' });
    const context = await browser.newContext({ ...devices['Pixel 7'] });
    await context.grantPermissions(['camera'], { origin: s.url });
    const page = await context.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.getByTestId('camera-preview').waitFor();
    await shot(page, 'live-1-document-camera');
    // No click: the document is captured when steady and sharp, then the selfie when the face shows.
    await page.locator('[data-step=selfie]').waitFor({ timeout: 30_000 });
    await page.getByTestId('camera-preview').waitFor();
    await shot(page, 'live-2-selfie-camera');
    await page.getByTestId('submit').waitFor({ timeout: 30_000 });
    await page.getByTestId('submit').click();
    await page.getByTestId('result').waitFor({ timeout: 150_000 });
    await shot(page, 'live-3-result');
    const cb = await callbackFor(rx.received, session.reference);
    expect(cb).toMatchObject({ success: true, reference: session.reference });
    expect(cb.data).toMatchObject({ lastName: 'ERIKSSON', documentNumber: 'L898902C3' });
    expect(cb.face.isIdentical).toBe(true);
    await context.close();
  });

  it('camera denied: plain help and an upload that still works', async () => {
    const session = await create({ type: 3, documenttype: 'P' });
    const context = await browser.newContext({ ...devices['Pixel 7'] }); // camera not granted: the prompt is denied
    const page = await context.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').click();
    const help = page.getByTestId('camera-help');
    await help.waitFor();
    expect(await help.getAttribute('data-reason')).toBe('camera_denied');
    expect(await help.innerText()).toContain('Allow camera access');
    await shot(page, 'denied-1-help');
    await page.getByTestId('document-front').setInputFiles(passportA);
    await page.getByTestId('submit').waitFor();
    const files = await s.comp.deps.sessions.findFiles(s.accountId, session.reference);
    expect(files.map((f) => f.role)).toEqual(['document']);
    await context.close();
  });

  it('desktop QR hand-off: the phone (a second context) picks the session up at the step reached on the desktop', async () => {
    const session = await create({ type: 1, biometric: 1 });
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const d = await desktop.newPage();
    await d.goto(session.url);
    await d.getByTestId('handoff-qr').waitFor();
    await shot(d, 'handoff-1-desktop');
    await d.getByTestId('continue-here').click();
    await d.getByTestId('start').click();
    await d.getByTestId('document-front').setInputFiles(passportA);
    await d.locator('[data-step=selfie]').waitFor();
    // The user moves to the phone at the selfie: the QR on the desktop opens the same session.
    await d.getByTestId('handoff-open').click();
    const qr = await d.getByTestId('handoff-qr').getAttribute('src');
    const [link] = await decodeQr(Buffer.from(await (await fetch(new URL(qr!, s.url))).arrayBuffer()));
    expect(link).toBe(session.url);
    const phone = await browser.newContext({ ...devices['Pixel 7'] });
    const p = await phone.newPage();
    await p.goto(link);
    await p.locator('[data-step=selfie]').waitFor(); // no welcome, no document again
    await shot(p, 'handoff-2-phone-selfie');
    await p.getByTestId('selfie').setInputFiles(sharedFile(FACE_A2));
    await p.getByTestId('submit').click();
    await p.getByTestId('result').waitFor({ timeout: 150_000 });
    // The desktop followed along and shows the outcome too.
    await d.getByTestId('result').waitFor({ timeout: 30_000 });
    await shot(d, 'handoff-3-desktop-result');
    const cb = await callbackFor(rx.received, session.reference);
    expect(cb).toMatchObject({ success: true, reference: session.reference });
    await desktop.close();
    await phone.close();
  });

  it('selfie video without a camera: the recorded clip is uploaded with stills taken in the browser and checked by the pipeline', async () => {
    const session = await create({ type: 2, biometric: 2, documenttype: 'P' });
    const clip = path.join(tmp, 'selfie.webm');
    fs.writeFileSync(clip, await makeSelfieVideo([fs.readFileSync(sharedFile(FACE_A2)), fs.readFileSync(sharedFile(FACE_A2)), fs.readFileSync(sharedFile(FACE_A2))], 'webm', { secondsEach: 1 }));
    const context = await browser.newContext(); // camera not granted
    const page = await context.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.getByTestId('document-front').setInputFiles(passportA);
    await page.getByTestId('camera-help').waitFor();
    await shot(page, 'video-1-fallback');
    await page.getByTestId('selfie-video').setInputFiles(clip);
    await page.getByTestId('submit').waitFor({ timeout: 30_000 });
    const roles = (await s.comp.deps.sessions.findFiles(s.accountId, session.reference)).map((f) => f.role);
    expect(roles).toContain('face_video');
    expect(roles.filter((r) => r.startsWith('face_video_frame_')).length).toBeGreaterThanOrEqual(3);
    await page.getByTestId('submit').click();
    await page.getByTestId('result').waitFor({ timeout: 150_000 });
    // A still face never turns its head: the challenge cannot pass, and the callback says so.
    const cb = await callbackFor(rx.received, session.reference);
    expect(cb).toMatchObject({ success: false, reference: session.reference, failcode: 3 });
    await context.close();
  });

  it('live selfie video: the head-turn prompts follow the session challenge, the recording and stills reach the pipeline', async () => {
    const session = await create({ type: 3, biometric: 2, documenttype: 'P' });
    const context = await browser.newContext({ ...devices['Pixel 7'] });
    await context.grantPermissions(['camera'], { origin: s.url });
    const page = await context.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.getByTestId('record').waitFor({ timeout: 30_000 }); // the document was captured by itself
    const challenge = (await s.comp.deps.capture.getState(session.reference))!.video_challenge!.split(',');
    const prompts: string[] = [];
    const watch = setInterval(() => void page.getByTestId('challenge-prompt').innerText().then((t) => prompts.at(-1) !== t && prompts.push(t), () => undefined), 100);
    await page.getByTestId('record').click();
    await page.getByTestId('submit').waitFor({ timeout: 60_000 });
    clearInterval(watch);
    const words: Record<string, string> = { left: 'to the left', right: 'to the right', up: 'Look up', down: 'Look down' };
    const turns = prompts.map((p) => Object.keys(words).find((k) => p.includes(words[k]))).filter(Boolean);
    expect(turns).toEqual(challenge);
    const files = await s.comp.deps.sessions.findFiles(s.accountId, session.reference);
    expect(files.filter((f) => f.role === 'face_video')).toHaveLength(1);
    expect(files.filter((f) => f.role.startsWith('face_video_frame_')).length).toBeGreaterThanOrEqual(3);
    await page.getByTestId('submit').click();
    await page.getByTestId('result').waitFor({ timeout: 150_000 });
    await shot(page, 'live-video-result');
    // The fake camera shows stills, so no head turns: the liveness challenge fails.
    const cb = await callbackFor(rx.received, session.reference);
    expect(cb).toMatchObject({ success: false, reference: session.reference, failcode: 3 });
    await context.close();
  });
});
