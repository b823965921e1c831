import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { browserAvailable, FACE_A1, FACE_A2, hasShared, launchBrowser, passportWithFace, sharedFile, shot } from '../helpers/browser.ts';
import { createOperator } from '../../src/services/portal/operators.ts';
import { portalDeps } from '../../src/services/portal/portal-deps.ts';
import { issueCaptureToken } from '../../src/http/web-api/capture-token.ts';

if (!browserAvailable) console.warn('chromium not found at /usr/bin/chromium; portal browser tests are skipped');
if (!hasShared) console.warn('../shared/data is absent: the portal reviewer browser test needs real images and is skipped');

const PASSWORD = 'a long reviewer passphrase';
const NOTICE = 'https://acme.example/privacy';

/**
 * A reviewer in Chromium (TOTP, personal data, a decision; no team, settings or keys — refused by
 * the server too), and an admin's Settings page and template editor with its live preview.
 */
describe.skipIf(!browserAvailable || !hasShared)('portal: reviewer, settings and template editor in chromium', { timeout: 300_000 }, () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;
  let reference = '';
  const tmp = fs.mkdtempSync('/tmp/idgate-portal-reviewer-');

  const contexts = new Map<string, BrowserContext>();
  /** Signs in once per operator (password + TOTP enrolment); later pages reuse that session. */
  const signIn = async (email: string): Promise<Page> => {
    const known = contexts.get(email);
    if (known) {
      const page = await known.newPage();
      await page.goto(`${s.url}/portal/`);
      await page.getByTestId('chart-per-day').waitFor();
      return page;
    }
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    contexts.set(email, context);
    const page = await context.newPage();
    await page.goto(`${s.url}/portal/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByTestId('totp-input').fill(authenticator.generate(secret));
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('recovery-continue').click();
    await page.getByTestId('chart-per-day').waitFor();
    return page;
  };
  const cookieOf = async (page: Page) => (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

  beforeAll(async () => {
    [s, rx, browser] = await Promise.all([startTestServer({ env: { IDGATE_WORKER_THREADS: '1' } }), startReceiver(), launchBrowser()]);
    for (const role of ['admin', 'reviewer']) await createOperator(portalDeps(s.comp.deps), { email: `${role}@acme.test`, role, accountId: s.accountId, password: PASSWORD });
    const doc = await passportWithFace(FACE_A1, path.join(tmp, 'passport.jpg'));
    const { json } = await postJson(`${s.url}/docupass/create`, {
      apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, vault_save: true, biometric: 1, customid: 'customer-0042',
      document_base64: fs.readFileSync(doc).toString('base64'), face_base64: fs.readFileSync(sharedFile(FACE_A2)).toString('base64'),
    });
    reference = json.reference;
    // A few links not opened yet, so the dashboard's funnel has more than one session.
    for (let i = 0; i < 4; i++) await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url });
    expect((await rx.waitFor(1, 280_000))[0]!.json.success).toBe(true);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await s?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a reviewer signs in with TOTP, sees personal data, finds the passport by type, and approves it', async () => {
    const page = await signIn('reviewer@acme.test');
    await shot(page, 'portal-reviewer-dashboard');
    // No team, settings or developer pages in the navigation.
    for (const name of ['Team', 'Settings', 'Audit log', 'Templates']) expect(await page.getByRole('link', { name, exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    await page.getByTestId('filter-doctype').selectOption('P');
    await page.getByTestId('session-search-submit').click();
    const row = page.locator(`[data-testid=session-row][data-reference="${reference}"]`);
    await row.waitFor();
    expect(await page.getByTestId('session-row').count()).toBe(1);
    await page.getByTestId('filter-doctype').selectOption('D');
    await page.getByTestId('session-search-submit').click();
    await page.getByText('No sessions match.').waitFor();
    await page.getByTestId('filter-doctype').selectOption('P');
    await page.getByTestId('session-search-submit').click();
    await row.getByRole('link').click();
    await expect.poll(() => page.locator('[data-testid=fields]').textContent()).toContain('ERIKSSON');
    await page.waitForFunction(() => {
      const imgs = Array.from(document.querySelectorAll('img[data-testid]')) as HTMLImageElement[];
      return imgs.length >= 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
    });
    expect(await page.getByText('Personal data is masked for your role.').count()).toBe(0);
    await page.getByTestId('decision-approve').click();
    await page.getByTestId('decision-reason').selectOption('manual-check-passed');
    await page.getByTestId('decision-submit').click();
    await page.getByTestId('reviews').waitFor();
    expect(await page.getByTestId('reviews').textContent()).toContain('reviewer@acme.test');
    await shot(page, 'portal-reviewer-decided');
    await page.close();
  });

  it('a reviewer cannot reach team, settings or keys: the pages are not offered and the server answers 403', async () => {
    const page = await signIn('reviewer@acme.test');
    const cookie = await cookieOf(page);
    const csrf = (await (await fetch(`${s.url}/portal/api/me`, { headers: { cookie } })).json()).csrf as string;
    for (const p of ['/team', '/settings', '/keys', '/audit', '/webhooks']) {
      const res = await fetch(`${s.url}/portal/api${p}`, { headers: { cookie } });
      expect(res.status, `GET ${p}`).toBe(403);
      expect((await res.json()).error.code).toBe(1602);
    }
    const post = (p: string, body: unknown) => fetch(`${s.url}/portal/api${p}`, { method: 'POST', headers: { cookie, origin: s.url, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/settings', { companyName: 'Hijacked' })).status).toBe(403);
    expect((await post('/keys', { name: 'sneaky' })).status).toBe(403);
    expect((await post('/team', { email: 'x@acme.test', role: 'admin' })).status).toBe(403);
    // Typing the address of the settings page shows the refusal, not the form.
    await page.goto(`${s.url}/portal/settings`);
    await page.locator('.error').waitFor();
    expect(await page.getByTestId('settings-save').count()).toBe(0);
    await page.close();
  });

  it('an admin sets the company name, logo and default privacy notice on the Settings page; a new session links that notice', async () => {
    const page = await signIn('admin@acme.test');
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByTestId('settings-company').fill('Acme Verified Ltd');
    await page.getByTestId('setting-privacy_notice_url').fill(NOTICE);
    await page.getByTestId('setting-language').selectOption('de');
    await page.getByTestId('setting-verify_expiry').selectOption('false');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent()).toBe('Settings saved.');
    // A value create would refuse is refused here with its message.
    await page.getByTestId('setting-biometric_threshold').fill('1.5');
    await page.getByTestId('setting-biometric_threshold').evaluate((el: HTMLInputElement) => el.removeAttribute('max'));
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent()).toContain('biometric_threshold');
    await page.reload();
    await page.getByTestId('settings-save').waitFor();
    expect(await page.getByTestId('setting-biometric_threshold').inputValue()).toBe('');
    const logo = path.join(tmp, 'logo.png');
    fs.writeFileSync(logo, await sharp({ create: { width: 480, height: 120, channels: 4, background: '#0f766e' } }).composite([{ input: Buffer.from('<svg width="480" height="120"><text x="24" y="80" font-size="64" font-family="sans-serif" fill="#fff">ACME</text></svg>'), left: 0, top: 0 }]).png().toBuffer());
    await page.getByTestId('settings-logo-file').setInputFiles(logo);
    await page.getByTestId('settings-logo-upload').click();
    await page.waitForFunction(() => {
      const img = document.querySelector('img[data-testid=settings-logo]') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth === 480;
    });
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await expect.poll(() => page.getByTestId('brand-company').textContent()).toBe('Acme Verified Ltd');
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByTestId('settings-save').waitFor();
    await shot(page, 'portal-settings');

    const created = (await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url })).json;
    const token = await issueCaptureToken(s.comp.deps, created.reference);
    const view = (await (await fetch(`${s.url}/api/s/${created.reference}/session`, { headers: { 'x-capture-token': token } })).json()) as { privacyNoticeUrl?: string; language?: string };
    expect(view).toMatchObject({ privacyNoticeUrl: NOTICE, language: 'de' });
    await page.close();
  });

  it("an admin's template editor previews the unsaved text as it is typed, and saving is separate", async () => {
    const page = await signIn('admin@acme.test');
    await page.getByRole('link', { name: 'Templates', exact: true }).click();
    const frame = page.frameLocator('[data-testid=template-preview]');
    await expect.poll(() => frame.locator('body').textContent()).toContain('JANE Q SAMPLE');
    await page.getByTestId('template-name').fill('Customer agreement');
    await page.getByTestId('template-html').fill(
      '<h1>Customer agreement</h1>\n<p>Between <strong>%{companyname}</strong> and <strong>%{fullName}</strong>, born %{dob}, holder of document %{documentNumber}.</p>\n<ol><li>The customer confirms the identity document is theirs.</li><li>Data is kept as the privacy notice says.</li></ol>\n<p style="color:#555">Reference %{reference}</p>',
    );
    await expect.poll(() => frame.locator('body').textContent()).toContain('holder of document X0000000');
    expect(await frame.locator('strong').first().textContent()).toBe('Acme Verified Ltd');
    expect(await page.getByTestId('template-row').count()).toBe(0);
    await shot(page, 'portal-template-editor');
    await page.getByTestId('template-save').click();
    await page.getByTestId('template-status').waitFor();
    // The list re-renders after the save's answer: wait for the row rather than count at once.
    await expect.poll(() => page.getByTestId('template-row').count()).toBe(1);
    await page.close();
  });

  it('an admin sees the dashboard and the session detail (screenshots)', async () => {
    const page = await signIn('admin@acme.test');
    await page.waitForLoadState('networkidle');
    await shot(page, 'portal-dashboard');
    await page.goto(`${s.url}/portal/sessions/${reference}`);
    await page.waitForFunction(() => {
      const imgs = Array.from(document.querySelectorAll('img[data-testid]')) as HTMLImageElement[];
      return imgs.length >= 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
    });
    expect(await page.getByTestId('decision-approve').count()).toBe(1);
    await shot(page, 'portal-session-detail');
    await page.close();
  });
});
