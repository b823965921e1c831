import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devices, type Browser, type Page } from 'playwright-core';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { browserAvailable, callbackFor, hasShared, launchBrowser, PASSPORT, sharedFile, shot } from '../helpers/browser.ts';
import { addTemplate } from '../../src/services/contracts/templates.ts';
import { verifySignedPdf } from '../../src/engines/contracts/verify-signed-pdf.ts';
import { getContractSigningIdentity } from '../../src/services/contracts/contract-signing-key.ts';

if (!browserAvailable || !hasShared) console.warn('chromium or ../shared/data missing: contract browser tests are skipped');

const TEMPLATE = '<h1>Account agreement</h1><p>Between %{companyname} and %{fullName}, document %{documentNumber}.</p><p>Plan: %{plan}. Reference %{reference}.</p>';

/** Draws a signature with the mouse on the pad, as a user would. */
async function drawSignature(page: Page): Promise<void> {
  const box = (await page.getByTestId('sign-pad').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + box.width * (0.1 + i * 0.04), box.y + box.height * (0.6 - 0.3 * Math.sin(i / 2)));
  await page.mouse.up();
}

/** The contract step in Chromium: review the filled document, draw, confirm, signed PDF in the callback. */
describe.skipIf(!browserAvailable || !hasShared)('contract signing in chromium', { timeout: 180_000 }, () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;
  let templateId: string;

  beforeAll(async () => {
    [s, rx, browser] = await Promise.all([startTestServer({ env: { IDGATE_WORKER_THREADS: '1' } }), startReceiver(), launchBrowser()]);
    templateId = (await addTemplate(s.comp.deps, s.accountId, 'Agreement', TEMPLATE)).id;
  });
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await s?.close();
  });

  const signedPdf = async (url: string) => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    const report = await verifySignedPdf(pdf, { trustedCertDer: getContractSigningIdentity(s.comp.deps).certDer });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ valid: true, digestMatches: true, signatureValid: true, coversWholeFile: true, trusted: true });
    return report;
  };

  it('verification with contract_sign: after the passport passes, the filled contract is reviewed, drawn on and signed', async () => {
    const { json: session } = await postJson(`${s.url}/docupass/create`, {
      apikey: s.key, companyname: 'Acme Bank', type: 1, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, maxattempt: 1,
      language: 'en', contract_sign: templateId, contract_prefill_data: JSON.stringify({ plan: 'Gold' }), customid: 'cust-9',
    });
    expect(session.error).toBeUndefined();
    const context = await browser.newContext({ ...devices['Pixel 7'] });
    const page = await context.newPage();
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.getByTestId('document-front').setInputFiles(sharedFile(PASSPORT));
    await page.getByTestId('submit').click();
    // The identity passes, then the contract waits for the signature before any callback.
    await page.getByTestId('sign-pad').waitFor({ timeout: 150_000 });
    await page.locator('[data-testid=contract-preview][data-ready=true]').waitFor();
    const doc = page.frameLocator('[data-testid=contract-frame]');
    const text = await doc.locator('body').innerText();
    expect(text).toContain('Between Acme Bank and ANNA MARIA ERIKSSON, document L898902C3.');
    expect(text).toContain('Plan: Gold.');
    expect(await page.locator('.idg-name').isHidden()).toBe(true); // the name comes from the ID
    expect(rx.received.some((r) => r.json?.reference === session.reference)).toBe(false);
    await shot(page, 'contract-1-review');
    await page.getByTestId('sign').click();
    expect(await page.getByTestId('sign-problem').innerText()).toContain('Tick the box');
    await page.getByTestId('contract-agree').check();
    await page.getByTestId('sign').click();
    expect(await page.getByTestId('sign-problem').innerText()).toContain('Sign in the box');
    await drawSignature(page);
    await shot(page, 'contract-2-signed');
    await page.getByTestId('sign').click();
    await page.getByTestId('result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('result').getAttribute('data-outcome')).toBe('succeeded');
    const cb = await callbackFor(rx.received, session.reference);
    expect(cb).toMatchObject({ success: true, reference: session.reference, customid: 'cust-9' });
    expect(cb.data.lastName).toBe('ERIKSSON');
    const report = await signedPdf(cb.contract.document_url);
    expect(report.audit).toMatchObject({ reference: session.reference, templateId, signer: { name: 'ANNA MARIA ERIKSSON' } });
    await context.close();
  });

  it('signature session (POST /docupass/sign): typed name, drawn signature, callback exactly as the reference example', async () => {
    const { json: session } = await postJson(`${s.url}/docupass/sign`, {
      apikey: s.key, companyname: 'Acme Bank', template_id: templateId, callbackurl: rx.url, customid: 'testid123', language: 'en',
      contract_prefill_data: JSON.stringify({ plan: 'Silver', documentNumber: 'X1' }), successredir: 'https://shop.example/signed',
    });
    expect(session.error).toBeUndefined();
    const page = await browser.newPage();
    await page.route('https://shop.example/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'ok' }));
    await page.goto(session.url);
    await page.getByTestId('start').click();
    await page.locator('[data-testid=contract-preview][data-ready=true]').waitFor();
    expect(await page.frameLocator('[data-testid=contract-frame]').locator('body').innerText()).toContain('Plan: Silver.');
    await drawSignature(page);
    await page.getByTestId('contract-agree').check();
    await page.getByTestId('sign').click();
    expect(await page.getByTestId('sign-problem').innerText()).toContain('Type your full name');
    await page.getByTestId('typed-name').fill('Jane Q. Public');
    await shot(page, 'signature-1-signed');
    await page.getByTestId('sign').click();
    await page.waitForURL(/shop\.example\/signed\?reference=/, { timeout: 60_000 });
    const cb = await callbackFor(rx.received, session.reference);
    expect(Object.keys(cb)).toEqual(['success', 'reference', 'hash', 'customid', 'contract']);
    expect(Object.keys(cb.contract)).toEqual(['document_url']);
    expect(cb).toMatchObject({ success: true, reference: session.reference, customid: 'testid123' });
    expect(cb.hash).toMatch(/^[0-9a-f]{32}$/);
    const report = await signedPdf(cb.contract.document_url);
    expect(report.audit?.signer).toMatchObject({ name: 'Jane Q. Public' });
    await page.close();
  });
});
