import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { browserAvailable, hasShared, launchBrowser, PASSPORT, sharedFile, shot } from '../helpers/browser.ts';
import { createOperator } from '../../src/services/portal/operators.ts';
import { portalDeps } from '../../src/services/portal/portal-deps.ts';

if (!browserAvailable) console.warn('chromium not found at /usr/bin/chromium; portal browser tests are skipped');
if (!hasShared) console.warn('../shared/data is absent: the portal roles browser test needs a real passport and is skipped');

const PASSWORD = 'a long operator passphrase';
const PERSONAL = ['ERIKSSON', 'ANNA', 'L898902C3', '1974/08/12', '1974-08-12'];

/** The viewer and developer roles in Chromium, and a forged cross-origin form post. */
describe.skipIf(!browserAvailable || !hasShared)('portal: viewer and developer in chromium', { timeout: 240_000 }, () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;
  let reference = '';

  const signIn = async (email: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(`${s.url}/portal/`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('chart-per-day').waitFor();
    return page;
  };

  beforeAll(async () => {
    [s, rx, browser] = await Promise.all([startTestServer({ env: { IDGATE_WORKER_THREADS: '1' } }), startReceiver(), launchBrowser()]);
    for (const role of ['viewer', 'developer']) await createOperator(portalDeps(s.comp.deps), { email: `${role}@acme.test`, role, accountId: s.accountId, password: PASSWORD });
    const { json } = await postJson(`${s.url}/docupass/create`, {
      apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, vault_save: true,
      document_base64: fs.readFileSync(sharedFile(PASSPORT)).toString('base64'),
    });
    reference = json.reference;
    expect((await rx.waitFor(1, 400_000))[0]!.json.success).toBe(true);
  }, 450_000);
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await s?.close();
  });

  it("a viewer signs in with the keyboard alone; the pages and JSON hold none of the masked values; images are withheld", async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(`${s.url}/portal/`);
    await page.getByTestId('login-email').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('login-email');
    await page.keyboard.type('viewer@acme.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('chart-per-day').waitFor();
    const bodies: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/portal/api/')) void r.text().then((t) => bodies.push(t), () => undefined);
    });
    await page.goto(`${s.url}/portal/sessions/${reference}`);
    await page.getByTestId('fields').waitFor();
    await page.getByText('Personal data is masked for your role.').waitFor();
    expect(await page.locator('img[data-testid=document-image]').count()).toBe(0);
    expect(await page.getByTestId('document-image').textContent()).toContain('withheld');
    expect(await page.getByTestId('decision-approve').count()).toBe(0);
    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    await page.locator(`[data-testid=session-row][data-reference="${reference}"]`).waitFor();
    await page.waitForLoadState('networkidle');
    const html = await page.content();
    const raw = bodies.join('\n');
    expect(raw).toContain(reference);
    for (const v of PERSONAL) {
      expect(html).not.toContain(v);
      expect(raw).not.toContain(v);
    }
    // Nothing of the server's answers to the viewer carries a value either (checked directly too).
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const direct = await (await fetch(`${s.url}/portal/api/sessions/${reference}`, { headers: { cookie } })).text();
    for (const v of PERSONAL) expect(direct).not.toContain(v);
    await shot(page, 'portal-viewer-sessions');
    await page.close();
  });

  it('a developer creates and revokes a key and resends a callback', async () => {
    const page = await signIn('developer@acme.test');
    expect(await page.getByRole('link', { name: 'Sessions', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Developers' }).click();
    await page.getByTestId('apikey-name').fill('ci pipeline');
    await page.getByTestId('apikey-create').click();
    const key = (await page.getByTestId('apikey-secret').textContent())!.trim();
    expect(key).toMatch(/^idg_/);
    expect((await postJson(`${s.url}/docupass/deliveries`, { apikey: key, reference })).json.error).toBeUndefined();
    const row = page.locator(`[data-testid=apikey-row][data-prefix="${key.slice(0, 8)}"]`);
    await row.getByTestId('apikey-revoke').click();
    await page.locator(`[data-testid=apikey-row][data-prefix="${key.slice(0, 8)}"][data-revoked=true]`).waitFor();
    // Revoked in this process: refused at once (the 5 s key cache is dropped for it).
    expect((await postJson(`${s.url}/docupass/deliveries`, { apikey: key, reference })).json.error?.code).toBe(1);

    await page.getByTestId('delivery-filter-reference').fill(reference);
    await page.getByTestId('delivery-filter-reference').press('Enter');
    const delivery = page.locator('[data-testid=delivery-row]').first();
    await delivery.waitFor();
    expect(await delivery.getAttribute('data-attempts')).toBe('1');
    const before = rx.received.length;
    await delivery.getByTestId('resend').click();
    await page.getByTestId('resend-status').waitFor();
    await rx.waitFor(before + 1);
    await expect.poll(async () => {
      await page.getByTestId('delivery-filter-reference').press('Enter');
      return page.locator('[data-testid=delivery-row]').first().getAttribute('data-attempts');
    }, { timeout: 20_000 }).toBe('2');
    const html = await page.content();
    for (const v of PERSONAL) expect(html).not.toContain(v);
    await shot(page, 'portal-developer');
    await page.close();
  });

  it('refuses a forged form post from another origin even though the cookie goes along', async () => {
    const page = await signIn('developer@acme.test');
    const keysBefore = (await s.comp.deps.accounts.findKeys()).length;
    await page.goto(rx.url);
    await page.setContent(`<form method="POST" action="${s.url}/portal/api/keys" enctype="text/plain"><input name='{"name":"forged","x":"' value='"}'></form>`);
    const [response] = await Promise.all([page.waitForResponse(`${s.url}/portal/api/keys`), page.evaluate(() => (document.querySelector('form') as HTMLFormElement).submit())]);
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe(1603);
    expect((await s.comp.deps.accounts.findKeys()).length).toBe(keysBefore);
    await page.close();
  });
});
