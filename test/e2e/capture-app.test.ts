import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devices, type Browser } from 'playwright-core';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { browserAvailable, callbackFor, FACE_A1, FACE_B, hasShared, launchBrowser, PASSPORT, passportWithFace, sharedFile, shot } from '../helpers/browser.ts';
import { portraitCrop } from '../fixtures/faces/make-selfie-attacks.ts';

if (!browserAvailable || !hasShared) console.warn('chromium or ../shared/data missing: the capture-app step, precheck and language browser tests are skipped');

/**
 * The capture app's own behaviour (issue 18): only the steps the document needs, feedback while
 * the person can still take another photo, retries that ask again for what failed, final failures
 * without a retry, and right-to-left languages. One browser; real engines behind the precheck.
 */
describe.skipIf(!browserAvailable || !hasShared)('capture app: steps, precheck, retries, languages', { timeout: 180_000 }, () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;
  const tmp = fs.mkdtempSync('/tmp/idgate-capture-');
  let passportA: string;
  let blurred: string;
  let crop: string;
  const create = async (body: Record<string, unknown>) => {
    const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme Bank', type: 2, callbackurl: rx.url, authenticate_minscore: 0, language: 'en', ...body });
    expect(json.error).toBeUndefined();
    return json;
  };

  beforeAll(async () => {
    const { default: sharp } = await import('sharp');
    passportA = await passportWithFace(FACE_A1, path.join(tmp, 'passport-a.jpg'));
    blurred = path.join(tmp, 'passport-blurred.jpg');
    fs.writeFileSync(blurred, await sharp(sharedFile(PASSPORT)).blur(6).jpeg({ quality: 90 }).toBuffer());
    // The holder's own portrait cut from the passport and re-photographed: a replay, not a selfie.
    crop = path.join(tmp, 'portrait-crop.jpg');
    const passportBytes = fs.readFileSync(passportA);
    const meta = await sharp(passportBytes).metadata();
    fs.writeFileSync(crop, await portraitCrop({ jpeg: passportBytes, width: meta.width!, height: meta.height!, portraitBox: { x: 128, y: 215, w: 302, h: 405 } }, 3));
    fs.writeFileSync(path.join(tmp, 'statement.pdf'), '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    [s, rx, browser] = await Promise.all([startTestServer({ env: { IDGATE_WORKER_THREADS: '1' } }), startReceiver(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await s?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a passport flow never shows the back-side step: the front is read on upload', async () => {
    // No documenttype: cards and licences would be asked for their back.
    const session = await create({ verify_expiry: false, biometric: 0 });
    const page = await browser.newPage();
    await page.goto(session.url);
    // Every step the app ever shows is recorded, so a back step shown for a moment would count.
    await page.evaluate(() => {
      const seen = ((window as unknown as { seenSteps: string[] }).seenSteps = [] as string[]);
      new MutationObserver(() => document.querySelectorAll('[data-step]').forEach((e) => seen.push(e.getAttribute('data-step')!))).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    await page.getByTestId('start').click();
    await page.getByTestId('document-front').setInputFiles(sharedFile(PASSPORT));
    await page.getByTestId('submit').waitFor();
    const seen = (await page.evaluate('window.seenSteps')) as string[];
    expect(seen).toContain('document');
    expect(seen).not.toContain('document_back');
    expect(await page.getByTestId('document-back').count()).toBe(0);
    const files = await s.comp.deps.sessions.findFiles(s.accountId, session.reference);
    expect(files.map((f) => f.role)).toEqual(['document']);
    await page.close();
  });

  it('a blurred document photo is flagged before the next step; a PDF is named; retake then a sharp photo goes on', async () => {
    const session = await create({ verify_expiry: false, documenttype: 'P' });
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.getByTestId('document-front').setInputFiles(path.join(tmp, 'statement.pdf'));
    await page.getByTestId('photo-problems').waitFor();
    expect(await page.locator('[data-problem]').getAttribute('data-problem')).toBe('pdf');
    expect(await page.getByTestId('photo-problems').innerText()).toContain('This file is a PDF.');
    expect(await page.getByTestId('use-photo').count()).toBe(0); // a PDF cannot be used anyway
    await page.getByTestId('retake').click();
    await page.getByTestId('document-front').setInputFiles(blurred);
    await page.getByTestId('photo-problems').waitFor();
    await shot(page, 'capture-blurred-flagged');
    const problems = await page.locator('[data-problem]').evaluateAll((els) => els.map((e) => e.getAttribute('data-problem')));
    expect(problems).toContain('blurred');
    expect(await page.getByTestId('photo-problems').innerText()).toContain('The photo is blurred.');
    expect(await page.getByTestId('photo-preview').isVisible()).toBe(true);
    // Still on the front: nothing was stored, the person can take another photo.
    expect(await page.locator('[data-step]').getAttribute('data-step')).toBe('document');
    expect(await s.comp.deps.sessions.findFiles(s.accountId, session.reference)).toHaveLength(0);
    await page.getByTestId('retake').click();
    await page.getByTestId('document-front').setInputFiles(sharedFile(PASSPORT));
    await page.getByTestId('submit').waitFor();
    await page.close();
  });

  it('a failed face check: every reason in sentences, and the retry asks for a new selfie', async () => {
    const session = await create({ verify_expiry: false, biometric: 1, maxattempt: 2 });
    const page = await browser.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.getByTestId('document-front').setInputFiles(passportA);
    await page.getByTestId('selfie').setInputFiles(sharedFile(FACE_B)); // no camera here: the upload fallback
    await page.getByTestId('submit').click();
    await page.getByTestId('retry').waitFor({ timeout: 150_000 });
    await shot(page, 'capture-retry-asks');
    // A genuinely different person: the mismatch sentence, and the view names it face_mismatch.
    expect(await page.getByTestId('retry-reason').innerText()).toContain('In the selfie, your face did not match the photo on the document.');
    const view = (await (await fetch(`${s.url}/api/s/${session.reference}/status`, { headers: { 'x-capture-token': await page.evaluate(() => JSON.parse(document.getElementById('idgate-boot')!.textContent!).token) } })).json()) as { failures?: unknown[] };
    expect(view.failures).toEqual([{ check: 'face', code: 3, reason: 'face_mismatch' }]);
    expect(await page.locator('[data-step-again]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step-again')))).toEqual(['selfie']);
    await page.getByTestId('retry').click();
    await page.getByTestId('selfie').waitFor({ state: 'attached' });
    expect(await page.locator('[data-step]').getAttribute('data-step')).toBe('selfie');
    await page.close();
  });

  it('a portrait crop of the passport uploaded as the selfie: the attack sentence, not "did not match"; the retry asks for a new selfie', async () => {
    const session = await create({ verify_expiry: false, biometric: 1, maxattempt: 2, documenttype: 'P' });
    const page = await browser.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.getByTestId('document-front').setInputFiles(passportA);
    await page.getByTestId('selfie').setInputFiles(crop);
    // A remark at capture (if any) is overridden: the replay must reach the verification.
    const next = await Promise.race([page.getByTestId('submit').waitFor().then(() => 'submit'), page.getByTestId('use-photo').waitFor().then(() => 'use-photo')]);
    if (next === 'use-photo') await page.getByTestId('use-photo').click();
    await page.getByTestId('submit').click();
    await page.getByTestId('retry').waitFor({ timeout: 150_000 });
    await shot(page, 'capture-retry-portrait-crop');
    const reasons = await page.getByTestId('retry-reason').innerText();
    expect(reasons).toContain('Your selfie appears to be a photo of the picture on your document, not a live picture of you.');
    expect(reasons).not.toContain('did not match');
    expect(await page.locator('[data-step-again]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step-again')))).toEqual(['selfie']);
    await page.close();
  });

  it('an expired document is a final failure: no retry although attempts are left, a way back to the business', async () => {
    // The specimen passport expired in 2012; verify_expiry is on by default.
    const session = await create({ maxattempt: 3, documenttype: 'P', failredir: 'https://shop.example/failed' });
    const page = await browser.newPage();
    await page.route('https://shop.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>back at the shop</h1>' }));
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.getByTestId('document-front').setInputFiles(sharedFile(PASSPORT));
    await page.getByTestId('submit').click();
    await page.getByTestId('result').waitFor({ timeout: 150_000 });
    await shot(page, 'capture-final-failure');
    expect(await page.getByTestId('result').getAttribute('data-outcome')).toBe('failed');
    expect(await page.getByTestId('retry').count()).toBe(0);
    expect(await page.getByTestId('result-reasons').innerText()).toContain('The document has expired.');
    expect(await page.getByTestId('back-to-business').getAttribute('href')).toContain('https://shop.example/failed');
    // The business hears at once, not when the session expires.
    const cb = await callbackFor(rx.received, session.reference);
    expect(cb).toMatchObject({ success: false, failcode: 4, reference: session.reference });
    await page.close();
  });

  it('an Arabic session renders right to left, in Arabic; the picker switches to another language', async () => {
    const session = await create({ language: 'ar', biometric: 1, privacy_notice_url: 'https://acme.example/privacy' });
    const context = await browser.newContext({ ...devices['Pixel 7'] });
    const page = await context.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').waitFor();
    await shot(page, 'capture-arabic-welcome');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    expect(await page.locator('.idg-app').evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    expect(await page.locator('h1').innerText()).toBe('التحقق من الهوية');
    expect(await page.getByTestId('privacy-notice').getAttribute('href')).toBe('https://acme.example/privacy');
    expect(await page.getByTestId('consent-biometric').innerText()).toContain('بيومترية');
    await page.getByTestId('language-picker').selectOption('de');
    await page.locator('h1', { hasText: 'Identitätsprüfung' }).waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await context.close();
  });

  it('Core API: a blurred document that cannot be read says it is blurred (code unchanged)', async () => {
    const res = await fetch(`${s.url}/`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': s.key }, body: JSON.stringify({ file_base64: fs.readFileSync(blurred).toString('base64') }) });
    const body = (await res.json()) as { error?: { code: number; message: string } };
    expect(body.error?.code).toBe(9);
    expect(body.error?.message).toContain('No document could be read');
    expect(body.error?.message).toContain('the photo is blurred');
  });
});
