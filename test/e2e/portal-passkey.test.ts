import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { browserAvailable, launchBrowser, shot } from '../helpers/browser.ts';
import { createOperator } from '../../src/services/portal/operators.ts';
import { portalDeps } from '../../src/services/portal/portal-deps.ts';
import { PortalClient } from '../integration/portal-client.ts';

if (!browserAvailable) console.warn('chromium not found at /usr/bin/chromium; the passkey browser test is skipped');
const pgAvailable = await postgresReachable();
const PASSWORD = 'a long passkey passphrase';

/**
 * Passkeys in Chromium with the DevTools virtual authenticator (CTAP2, internal, user
 * verification): an admin adds one from the Passkeys page, signs out, and signs in with the
 * password and the passkey instead of a TOTP code. WebAuthn needs a host name, so the portal is
 * opened at http://localhost (a secure context), not 127.0.0.1.
 */
for (const dialect of DIALECTS) {
  describe.skipIf(!browserAvailable || (dialect === 'postgres' && !pgAvailable))(`portal passkeys in chromium on ${dialect}`, { timeout: 180_000 }, () => {
    let s: TestServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let cdp: CDPSession;
    let authenticatorId = '';
    let base = '';
    let secret = '';

    beforeAll(async () => {
      [s, browser] = await Promise.all([startTestServer({ dialect, jobs: false }), launchBrowser()]);
      base = s.url.replace('127.0.0.1', 'localhost');
      await createOperator(portalDeps(s.comp.deps), { email: 'admin@acme.test', role: 'admin', accountId: s.accountId, password: PASSWORD });
      context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      page = await context.newPage();
      cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
      }));
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await s?.close();
    });

    const password = async () => {
      await page.goto(`${base}/portal/`);
      await page.getByTestId('login-email').fill('admin@acme.test');
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
    };

    it('an admin enrols TOTP, then adds a passkey from the Passkeys page (audited)', async () => {
      await password();
      secret = (await page.getByTestId('totp-secret').textContent())!.trim();
      await page.getByTestId('totp-input').fill(authenticator.generate(secret));
      await page.getByTestId('totp-submit').click();
      await page.getByTestId('recovery-continue').click();
      await page.getByTestId('chart-per-day').waitFor();
      await page.getByTestId('nav-security').click();
      await page.getByTestId('passkey-name').fill('Test laptop');
      await page.getByTestId('passkey-add').click();
      await expect.poll(() => page.getByTestId('passkey-status').textContent()).toBe('Passkey added.');
      await page.getByTestId('passkey-row').first().waitFor();
      expect(await page.getByTestId('passkey-row').count()).toBe(1);
      const creds = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
      expect(creds).toHaveLength(1);
      expect(creds[0]!.rpId).toBe('localhost');
      await shot(page, 'portal-passkeys');
      const audit = await s.comp.deps.portal!.audit.find(s.accountId, { action: 'auth.passkey_added', limit: 10, offset: 0 });
      expect(audit.total).toBe(1);
    });

    it('signs out and signs in again with the password and the passkey instead of a code', async () => {
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByTestId('login-email').waitFor();
      await password();
      await page.getByTestId('passkey-signin').click();
      await page.getByTestId('chart-per-day').waitFor();
      const me = await page.evaluate(async () => (await fetch('/portal/api/me')).json());
      expect(me).toMatchObject({ email: 'admin@acme.test', stage: 'full' });
      const rows = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
      expect(rows[0]!.signCount).toBeGreaterThanOrEqual(1);
      await page.getByTestId('nav-security').click();
      await expect.poll(() => page.getByTestId('passkey-row').first().locator('td').nth(2).textContent()).not.toBe('—');
    });

    it('refuses a forged passkey answer (counted like a wrong code) and passkeys on an IP address', async () => {
      const c = new PortalClient(base);
      const r = await c.call('/auth/sign-in', { body: { email: 'admin@acme.test', password: PASSWORD }, csrf: null });
      c.csrf = r.json.csrf;
      expect((await c.call('/auth/passkey/options', { method: 'POST' })).status).toBe(200);
      const forged = await c.call('/auth/passkey/verify', { body: { response: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' }, clientExtensionResults: {} } } });
      expect(forged.status).toBe(401);
      expect((await c.call('/auth/pending')).json.stage).toBe('password');
      const failures = await s.comp.deps.portal!.audit.find(s.accountId, { action: 'auth.totp_failed', limit: 10, offset: 0 });
      expect(failures.total).toBe(1);
      const ip = new PortalClient(s.url);
      const r2 = await ip.call('/auth/sign-in', { body: { email: 'admin@acme.test', password: PASSWORD }, csrf: null });
      ip.csrf = r2.json.csrf;
      const refused = await ip.call('/auth/passkey/options', { method: 'POST' });
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toContain('host name');
    });
  });
}
