import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { Vault } from 'idanalyzer';
import type { Browser, Page } from 'playwright-core';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { browserAvailable, FACE_A1, FACE_A2, hasShared, launchBrowser, passportWithFace, sharedFile, shot } from '../helpers/browser.ts';

if (!browserAvailable) console.warn('chromium not found at /usr/bin/chromium; portal browser tests are skipped');
if (!hasShared) console.warn('../shared/data is absent: the portal browser test needs real images and is skipped');

const run = promisify(execFile);
const PASSWORD = 'a long admin passphrase';

/**
 * The admin's first hour in Chromium: the CLI prints a set-up link, the admin chooses a password,
 * enrols TOTP from the secret shown, finds a session verified from real images, zooms the
 * document, rejects it with a reason; the Vault API shows the review and the audit log the views.
 */
describe.skipIf(!browserAvailable || !hasShared)('portal: admin in chromium', { timeout: 480_000 }, () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;
  let page: Page;
  let reference = '';
  let vaultid = '';
  const tmp = fs.mkdtempSync('/tmp/idgate-portal-');

  beforeAll(async () => {
    [s, rx, browser] = await Promise.all([startTestServer({ env: { IDGATE_WORKER_THREADS: '1' } }), startReceiver(), launchBrowser()]);
    const doc = await passportWithFace(FACE_A1, path.join(tmp, 'passport-a.jpg'));
    const { json } = await postJson(`${s.url}/docupass/create`, {
      apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, vault_save: true, biometric: 1,
      document_base64: fs.readFileSync(doc).toString('base64'), face_base64: fs.readFileSync(sharedFile(FACE_A2)).toString('base64'),
    });
    reference = json.reference;
    const [cb] = await rx.waitFor(1, 420_000);
    expect(cb!.json.success).toBe(true);
    vaultid = cb!.json.vaultid;
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  }, 480_000);
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await s?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates the first admin from the CLI: a one-time set-up link on the last line, no password seeded', async () => {
    const { stdout } = await run(process.execPath, ['bin/idgate.mjs', 'operator', 'create', 'Admin@Acme.test', '--role', 'admin', '--account', s.accountId], {
      env: { ...process.env, IDGATE_DATA_DIR: s.dataDir, IDGATE_PUBLIC_URL: s.url, LOG_LEVEL: 'silent', ...(s.config.databaseUrl ? { DATABASE_URL: s.config.databaseUrl } : {}) },
    });
    const link = stdout.trim().split('\n').at(-1)!;
    expect(link).toMatch(new RegExp(`^${s.url}/portal/setup#[A-Za-z0-9_-]{40,}$`));
    await page.goto(link);
    await page.getByTestId('setup-password').fill(PASSWORD);
    await page.getByTestId('setup-repeat').fill(PASSWORD);
    await page.getByTestId('setup-submit').click();
    await page.getByRole('status').waitFor();
    // The link works once.
    const again = await fetch(`${s.url}/portal/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json', origin: s.url }, body: JSON.stringify({ token: link.split('#')[1], password: 'another long password' }) });
    expect(again.status).toBe(400);
  });

  it('signs in with the password and enrols TOTP from the secret shown', async () => {
    await page.goto(`${s.url}/portal/`);
    await page.getByTestId('login-email').fill('admin@acme.test');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await shot(page, 'portal-0-enrol');
    await page.getByTestId('totp-input').fill(authenticator.generate(secret));
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('recovery-codes').waitFor();
    expect(await page.locator('[data-testid=recovery-codes] li').count()).toBe(10);
    await page.getByTestId('recovery-continue').click();
    await page.getByTestId('chart-per-day').waitFor();
    await shot(page, 'portal-1-dashboard');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'idgate_portal')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  });

  it('finds the verified session, zooms and rotates the document, sees the face confidence', async () => {
    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    await page.getByTestId('session-search').fill(reference);
    await page.getByTestId('session-search').press('Enter');
    const row = page.locator(`[data-testid=session-row][data-reference="${reference}"]`);
    await row.waitFor();
    expect(await page.getByTestId('session-row').count()).toBe(1);
    await row.getByRole('link').click();
    const doc = page.getByTestId('document-image');
    await doc.waitFor();
    await page.waitForFunction(() => {
      const imgs = Array.from(document.querySelectorAll("img[data-testid]")) as HTMLImageElement[];
      return imgs.length >= 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
    });
    expect(await page.getByTestId('face-image').count()).toBe(1);
    expect(Number(await page.getByTestId('face-confidence').textContent())).toBeGreaterThan(0.5);
    await page.getByTestId('document-image-zoom-in').click();
    await page.getByTestId('document-image-zoom-in').click();
    expect(Number(await doc.getAttribute('data-zoom'))).toBeCloseTo(1.5625, 3);
    expect(await doc.evaluate((el) => getComputedStyle(el).transform)).not.toBe('none');
    await page.getByTestId('document-image-rotate').click();
    expect(await doc.getAttribute('data-rotation')).toBe('90');
    await expect.poll(() => page.locator('[data-testid=fields]').textContent()).toContain('ERIKSSON');
    await shot(page, 'portal-2-session-detail');
  });

  it('rejects it with a structured reason and a staff note; the Vault API carries the review', async () => {
    await page.getByTestId('decision-reject').click();
    await page.getByTestId('decision-reason').selectOption('document-fraudulent');
    await page.getByTestId('decision-note').fill('Portrait pasted over a specimen');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('decision-status').waitFor();
    await page.getByTestId('reviews').waitFor();
    const entry = (await new Vault(s.key, s.base).get(vaultid)).data;
    expect(entry.review).toMatchObject({ decision: 'rejected', reason: 'document-fraudulent', note: 'Portrait pasted over a specimen', by: 'admin@acme.test' });
    await shot(page, 'portal-3-decided');
  });

  it('shows the views, image downloads and the decision in the audit log, never the personal data', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-row').first().waitFor();
    const actions = await page.locator(`[data-testid=audit-row][data-target="${reference}"]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['session.view', 'image.view', 'review.decide']));
    const html = await page.content();
    for (const v of ['ERIKSSON', 'L898902C3', 'Portrait pasted']) expect(html).not.toContain(v);
    await shot(page, 'portal-4-audit');
  });

  it('creates a contract template and previews it filled with sample data', async () => {
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByTestId('template-name').fill('Terms of service');
    await page.getByTestId('template-html').fill('<h1>Terms</h1><p>I, %{fullName}, holder of %{documentNumber}, agree.</p>');
    await page.getByTestId('template-save').click();
    await page.getByTestId('template-status').waitFor();
    await expect.poll(() => page.frameLocator('[data-testid=template-preview]').locator('body').textContent()).toContain('JANE Q SAMPLE');
    await shot(page, 'portal-5-templates');
  });
});
