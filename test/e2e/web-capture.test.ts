import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devices, type Browser } from 'playwright-core';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { browserAvailable, callbackFor, FACE_A1, FACE_A2, FACE_B, hasShared, launchBrowser, PASSPORT, passportWithFace, sharedFile, shot } from '../helpers/browser.ts';

if (!browserAvailable) console.warn('chromium not found at /usr/bin/chromium; browser tests are skipped');
if (!hasShared) console.warn('../shared/data is absent: the capture-app browser tests on real documents are skipped');

/**
 * The capture app in Chromium, each module driven with real images to the real pipeline's
 * outcome: the result screen, the redirect or postMessage, and the callback at a local receiver.
 */
describe.skipIf(!browserAvailable || !hasShared)('capture app in chromium (real pipeline)', { timeout: 180_000 }, () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;
  const tmp = fs.mkdtempSync('/tmp/idgate-web-');
  const passport = sharedFile(PASSPORT);
  let passportA: string;
  const create = async (body: Record<string, unknown>) => {
    const { json } = await postJson(`${s.url}/docupass/create`, {
      apikey: s.key, companyname: 'Acme Bank', type: 2, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, ...body,
    });
    expect(json.error).toBeUndefined();
    return json;
  };

  beforeAll(async () => {
    [s, rx, browser] = await Promise.all([startTestServer({ env: { IDGATE_WORKER_THREADS: '1' } }), startReceiver(), launchBrowser()]);
    passportA = await passportWithFace(FACE_A1, path.join(tmp, 'passport-a.jpg'));
  });
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await s?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('redirection module: welcome, front (a passport: no back step), submit, result, then successredir with reference and customid', async () => {
    const session = await create({ customid: 'user 42&x', successredir: 'https://shop.example/done?order=7', language: 'en', maxattempt: 1 });
    const page = await browser.newPage({ locale: 'en-GB' });
    const landed: string[] = [];
    await page.route('https://shop.example/**', (route) => (landed.push(route.request().url()), route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>back at the shop</h1>' })));
    const res = await page.goto(session.url);
    expect(res!.headers()['content-security-policy']).toContain('frame-ancestors *');
    await shot(page, 'redirection-0-welcome');
    await page.getByTestId('start').click();
    await shot(page, 'redirection-1-front');
    await page.getByTestId('document-front').setInputFiles(passport);
    await page.getByTestId('submit').waitFor();
    expect(await page.getByTestId('document-back').count()).toBe(0); // the front was read as a passport on upload
    await shot(page, 'redirection-2-submit');
    await page.getByTestId('submit').click();
    await page.getByTestId('result').waitFor({ timeout: 150_000 });
    expect(await page.getByTestId('result').getAttribute('data-outcome')).toBe('succeeded');
    await shot(page, 'redirection-3-result');
    await page.waitForURL(/shop\.example/);
    const u = new URL(landed[0]);
    expect(u.searchParams.get('order')).toBe('7');
    expect(u.searchParams.get('reference')).toBe(session.reference);
    expect(u.searchParams.get('customid')).toBe('user 42&x');
    const cb = await callbackFor(rx.received, session.reference);
    expect(cb).toMatchObject({ success: true, reference: session.reference, customid: 'user 42&x' });
    expect(cb.data).toMatchObject({ lastName: 'ERIKSSON', documentNumber: 'L898902C3' });
    await page.close();
  });

  it('iframe module: a face that does not match fails with code 3, posted to the parent page and called back', async () => {
    const session = await create({ type: 0, language: 'en', biometric: 1, maxattempt: 1 });
    const page = await browser.newPage();
    const parent = `<!doctype html><title>parent</title><script>window.got=[];addEventListener('message',e=>window.got.push(e.data))</script><iframe id="f" src="${session.url}" allow="camera" style="width:800px;height:700px"></iframe>`;
    // The parent is another origin on loopback (Chrome refuses public pages framing loopback ones).
    const host = http.createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(parent));
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    await page.goto(`http://127.0.0.1:${(host.address() as { port: number }).port}/`);
    const frame = page.frameLocator('#f');
    await frame.getByTestId('start').click();
    await frame.getByTestId('document-front').setInputFiles(passport);
    await frame.getByTestId('selfie').setInputFiles(sharedFile(FACE_B));
    await frame.getByTestId('submit').click();
    await frame.getByTestId('result').waitFor({ timeout: 150_000 });
    await shot(page, 'iframe-result');
    host.close();
    const cb = await callbackFor(rx.received, session.reference);
    expect(cb).toMatchObject({ success: false, failcode: 3 });
    expect(cb.face.isIdentical).toBe(false);
    const got = (await page.evaluate('window.got')) as Array<Record<string, unknown>>;
    expect(got.some((m) => m.source === 'idgate' && m.type === 'progress' && m.reference === session.reference)).toBe(true);
    expect(got.find((m) => m.type === 'result')).toMatchObject({ source: 'idgate', reference: session.reference, success: false, failcode: 3 });
    expect(page.url()).toContain('127.0.0.1'); // the iframe module never navigates the parent
    await page.close();
  });

  it('mobile module on a phone: camera capture inputs, a matching selfie passes, callback with the face result', async () => {
    const session = await create({ type: 1, language: 'en', biometric: 1, maxattempt: 1 });
    const context = await browser.newContext({ ...devices['Pixel 7'] });
    const page = await context.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').click();
    // Phone-first: the file input asks for the rear camera for the document, the front one for the selfie.
    expect(await page.getByTestId('document-front').getAttribute('capture')).toBe('environment');
    await shot(page, 'mobile-1-front');
    await page.getByTestId('document-front').setInputFiles(passportA);
    expect(await page.getByTestId('selfie').getAttribute('capture')).toBe('user');
    await page.getByTestId('selfie').setInputFiles(sharedFile(FACE_A2));
    await page.getByTestId('submit').click();
    await page.getByTestId('result').waitFor({ timeout: 150_000 });
    await shot(page, 'mobile-2-result');
    expect(await page.getByTestId('result').getAttribute('data-outcome')).toBe('succeeded');
    const cb = await callbackFor(rx.received, session.reference);
    expect(cb).toMatchObject({ success: true, reference: session.reference });
    expect(cb.face.isIdentical).toBe(true);
    await context.close();
  });

  it('a failed attempt with attempts left says why and retry redoes only the failing step (the selfie)', async () => {
    const session = await create({ language: 'en', biometric: 1, maxattempt: 2, failredir: 'https://shop.example/failed' });
    const page = await browser.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.getByTestId('document-front').setInputFiles(passportA);
    await page.getByTestId('selfie').setInputFiles(sharedFile(FACE_B));
    await page.getByTestId('submit').click();
    await page.getByTestId('retry').waitFor({ timeout: 150_000 });
    await shot(page, 'retry-1-reason');
    expect(await page.getByTestId('retry-reason').innerText()).toContain('your face did not match the photo on the document');
    expect(await page.getByRole('main').innerText()).toContain('Attempts left: 1');
    expect(rx.received.some((r) => r.json?.reference === session.reference)).toBe(false); // no callback while attempts are left
    await page.getByTestId('retry').click();
    // Straight to the selfie: the document was fine.
    await page.getByTestId('selfie').waitFor({ state: 'attached' });
    expect(await page.locator('[data-step]').getAttribute('data-step')).toBe('selfie');
    await shot(page, 'retry-2-selfie-again');
    await page.getByTestId('selfie').setInputFiles(sharedFile(FACE_A2));
    await page.getByTestId('submit').click();
    await page.getByTestId('result').waitFor({ timeout: 150_000 });
    expect(await page.getByTestId('result').getAttribute('data-outcome')).toBe('succeeded');
    const cb = await callbackFor(rx.received, session.reference);
    expect(cb).toMatchObject({ success: true, reference: session.reference });
    expect(cb.face.isIdentical).toBe(true);
    await page.close();
  });

  it('phone step: number, code read from the outbox, then the document step', async () => {
    const session = await create({ phoneverification: true, documenttype: 'P', language: 'en' });
    const page = await browser.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.getByTestId('phone-input').fill('+44 7911 123456');
    await shot(page, 'phone-1-number');
    await page.getByTestId('send-code').click();
    await page.getByTestId('otp-input').waitFor();
    const outbox = fs.readFileSync(path.join(s.dataDir, 'sms-outbox.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const code = /(\d{6})/.exec(outbox.filter((m) => m.to === '+447911123456').at(-1).body)![1];
    await page.getByTestId('otp-input').fill(code === '000000' ? '111111' : '000000');
    await page.getByTestId('otp-submit').click();
    await page.locator('.idg-error').waitFor();
    expect(await page.locator('.idg-error').innerText()).toContain('not right');
    await page.getByTestId('otp-input').fill(code);
    await shot(page, 'phone-2-code');
    await page.getByTestId('otp-submit').click();
    await page.getByTestId('document-front').waitFor({ state: 'attached' });
    expect(await page.getByTestId('document-back').count()).toBe(0); // passport-only: no back side
    await page.close();
  });

  it('never lets one session’s token act on another session', async () => {
    const a = await create({});
    const b = await create({});
    const html = await (await fetch(a.url)).text();
    const token = JSON.parse(/<script type="application\/json" id="idgate-boot">(.*?)<\/script>/s.exec(html)![1]).token;
    const ok = await fetch(`${s.url}/api/s/${a.reference}/status`, { headers: { 'x-capture-token': token } });
    expect(ok.status).toBe(200);
    const cross = await fetch(`${s.url}/api/s/${b.reference}/status`, { headers: { 'x-capture-token': token } });
    expect(cross.status).toBe(403);
    const none = await fetch(`${s.url}/api/s/${a.reference}/status`);
    expect(none.status).toBe(403);
  });
});
