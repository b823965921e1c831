import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { browserAvailable, hasShared, launchBrowser, SHARED, shot } from '../helpers/browser.ts';
import { createOperator } from '../../src/services/portal/operators.ts';
import { portalDeps } from '../../src/services/portal/portal-deps.ts';

if (!browserAvailable) console.warn('chromium not found at /usr/bin/chromium; the portal privacy browser test is skipped');
if (!hasShared) console.warn('../shared/data is absent: the portal privacy browser test needs a real passport and is skipped');

const PASSPORT = path.join(SHARED, 'mrz-document-images/images/passporteye__passport-td3.jpg');
const PASSWORD = 'a long admin passphrase';

/** An admin in Chromium exports a verified session's data, then erases it through the dialog. */
describe.skipIf(!browserAvailable || !hasShared)('portal: export and erase in chromium', { timeout: 300_000 }, () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;
  let page: Page;
  let reference = '';

  beforeAll(async () => {
    [s, rx, browser] = await Promise.all([startTestServer({ env: { IDGATE_WORKER_THREADS: '1' } }), startReceiver(), launchBrowser()]);
    await createOperator(portalDeps(s.comp.deps), { email: 'admin@acme.test', role: 'admin', accountId: s.accountId, password: PASSWORD });
    const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, vault_save: true, document_base64: fs.readFileSync(PASSPORT).toString('base64') });
    reference = json.reference;
    const [cb] = await rx.waitFor(1, 240_000);
    expect(cb!.json.success).toBe(true);
    page = await browser.newPage({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await s?.close();
  });

  it('exports the ZIP, then erases after typing the reference; the page keeps only the non-personal record', async () => {
    await page.goto(`${s.url}/portal/`);
    await page.getByTestId('login-email').fill('admin@acme.test');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByTestId('totp-input').fill(authenticator.generate(secret));
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('recovery-continue').click();
    await page.goto(`${s.url}/portal/sessions/${reference}`);
    await page.getByTestId('export-data').waitFor();
    expect(await page.getByTestId('fields').textContent()).toContain('ERIKSSON');
    await shot(page, 'portal-privacy-0-detail');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-data').click()]);
    const zip = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    expect(Buffer.from(zip['export.json']!).toString('utf8')).toContain('ERIKSSON');

    await page.getByTestId('erase-data').click();
    await page.getByTestId('erase-confirm-input').fill('WRONG');
    expect(await page.getByTestId('erase-confirm').isDisabled()).toBe(true);
    await page.getByTestId('erase-confirm-input').fill(reference);
    await shot(page, 'portal-privacy-1-dialog');
    await page.getByTestId('erase-confirm').click();
    await page.getByTestId('erased-notice').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid=fields]')?.textContent?.includes('ERIKSSON'));
    expect(await page.getByTestId('document-image').count()).toBe(0);
    expect(await page.getByTestId('erase-data').count()).toBe(0);
    expect(await page.content()).not.toContain('L898902C3');
    await shot(page, 'portal-privacy-2-erased');
  });
});
