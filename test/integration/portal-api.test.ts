import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { Webhook } from 'standardwebhooks';
import { Vault } from 'idanalyzer';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { createOperator } from '../../src/services/portal/operators.ts';
import { portalDeps } from '../../src/services/portal/portal-deps.ts';
import { createApiKey } from '../../src/services/accounts/api-keys.ts';
import { PortalClient } from './portal-client.ts';

const pgAvailable = await postgresReachable();
const SHARED = path.resolve(process.cwd(), '../shared/data');
const hasShared = fs.existsSync(SHARED);
if (!hasShared) console.warn('../shared/data is absent: the portal API tests need a real verified passport and are skipped');
const PASSPORT = path.join(SHARED, 'mrz-document-images/images/passporteye__passport-td3.jpg');
/** Values the passport reads to: none may reach a viewer. */
const PERSONAL = ['ERIKSSON', 'ANNA', 'L898902C3', '1974/08/12', 'MARIA'];
const PASSWORD = 'correct horse battery staple';

for (const dialect of DIALECTS) {
  describe.skipIf(!hasShared || (dialect === 'postgres' && !pgAvailable))(`portal API on ${dialect}`, () => {
    let s: TestServer;
    let rx: Awaited<ReturnType<typeof startReceiver>>;
    let reference = '';
    let vaultid = '';
    const admin = () => new PortalClient(s.url);
    let adminClient: PortalClient;

    beforeAll(async () => {
      s = await startTestServer({ dialect, env: { IDGATE_WORKER_THREADS: '1' } });
      rx = await startReceiver();
      const deps = portalDeps(s.comp.deps);
      for (const role of ['admin', 'reviewer', 'viewer', 'developer']) await createOperator(deps, { email: `${role}@acme.test`, role, accountId: s.accountId, password: PASSWORD });
      const created = (await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, vault_save: true, customid: 'cust-1', document_base64: fs.readFileSync(PASSPORT).toString('base64') })).json;
      reference = created.reference;
      const cb = (await rx.waitFor(1, 360_000))[0]!;
      expect(cb.json.success).toBe(true);
      vaultid = cb.json.vaultid;
      adminClient = admin();
      await adminClient.signIn('admin@acme.test', PASSWORD);
    }, 420_000);
    afterAll(async () => {
      await rx?.close();
      await s?.close();
    });

    it('serves the app with a strict CSP, and the API only to a signed-in operator', async () => {
      const page = await fetch(`${s.url}/portal/sessions`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
      expect(await page.text()).toContain('/portal/assets/');
      const anon = await new PortalClient(s.url).call('/sessions');
      expect(anon.status).toBe(401);
      expect(anon.json.error.code).toBe(1601);
    });

    it('signs in with a password and TOTP, with an HttpOnly SameSite=Strict cookie and a new session id at sign-in', async () => {
      const c = new PortalClient(s.url);
      const first = await c.call('/auth/sign-in', { body: { email: 'reviewer@acme.test', password: PASSWORD }, csrf: null });
      expect(first.json.stage).toBe('enrol');
      expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
      const halfCookie = c.cookie;
      c.csrf = first.json.csrf;
      // Half signed in: no data yet.
      expect((await c.call('/sessions')).status).toBe(401);
      const { secret } = (await c.call('/auth/totp/enrol', { method: 'POST' })).json;
      const done = await c.call('/auth/totp/verify', { body: { code: authenticator.generate(secret) } });
      expect(done.status).toBe(200);
      expect(done.json.recoveryCodes).toHaveLength(10);
      expect(c.cookie).not.toBe(halfCookie);
      c.csrf = done.json.csrf;
      expect((await c.call('/me')).json).toMatchObject({ email: 'reviewer@acme.test', role: 'reviewer', stage: 'full' });
      // The old (half) session id is dead.
      const old = new PortalClient(s.url);
      old.cookie = halfCookie;
      expect((await old.call('/me')).status).toBe(401);
      // A recovery code signs in once.
      const r = new PortalClient(s.url);
      r.csrf = (await r.call('/auth/sign-in', { body: { email: 'reviewer@acme.test', password: PASSWORD }, csrf: null })).json.csrf;
      expect((await r.call('/auth/totp/verify', { body: { code: done.json.recoveryCodes[0] } })).status).toBe(200);
      const again = new PortalClient(s.url);
      again.csrf = (await again.call('/auth/sign-in', { body: { email: 'reviewer@acme.test', password: PASSWORD }, csrf: null })).json.csrf;
      expect((await again.call('/auth/totp/verify', { body: { code: done.json.recoveryCodes[0] } })).status).toBe(401);
    });

    it('refuses a wrong TOTP code and repeated wrong passwords, locks, and logs each', async () => {
      const deps = portalDeps(s.comp.deps);
      await createOperator(deps, { email: 'victim@acme.test', role: 'admin', accountId: s.accountId, password: PASSWORD });
      const c = new PortalClient(s.url);
      await c.signIn('victim@acme.test', PASSWORD);
      const secret = c.totpSecret;
      const t = new PortalClient(s.url);
      t.csrf = (await t.call('/auth/sign-in', { body: { email: 'victim@acme.test', password: PASSWORD }, csrf: null })).json.csrf;
      const code = authenticator.generate(secret);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const bad = await t.call('/auth/totp/verify', { body: { code: wrong } });
      expect(bad.status).toBe(401);
      expect(bad.json.error.code).toBe(1604);
      for (let i = 0; i < 4; i++) expect((await new PortalClient(s.url).call('/auth/sign-in', { body: { email: 'victim@acme.test', password: 'wrong password!!' }, csrf: null })).status).toBe(401);
      // Five failures in a row (one code, four passwords): locked, even with the right password.
      const locked = await new PortalClient(s.url).call('/auth/sign-in', { body: { email: 'victim@acme.test', password: PASSWORD }, csrf: null });
      expect(locked.json.error.code).toBe(1605);
      const audit = (await adminClient.call('/audit?pageSize=200')).json.items as Array<{ action: string; target: string }>;
      const victimId = (await deps.portal.operators.findByEmail('victim@acme.test'))!.id;
      const mine = audit.filter((a) => a.target === victimId).map((a) => a.action);
      expect(mine.filter((a) => a === 'auth.totp_failed')).toHaveLength(1);
      expect(mine.filter((a) => a === 'auth.sign_in_failed')).toHaveLength(4);
      expect(mine).toContain('auth.locked');
    });

    it('lists, shows and audits a session verified from a real passport; images through no-store signed links', async () => {
      const list = await adminClient.call(`/sessions?q=${reference}`);
      expect(list.json.items.map((r: { reference: string }) => r.reference)).toEqual([reference]);
      expect(list.json.items[0]).toMatchObject({ state: 'succeeded', outcome: 'passed', customid: 'cust-1' });
      const filtered = await adminClient.call('/sessions?outcome=failed');
      expect(filtered.json.items.find((r: { reference: string }) => r.reference === reference)).toBeUndefined();
      const detail = (await adminClient.call(`/sessions/${reference}`)).json;
      expect(detail.fields).toContainEqual({ name: 'lastName', value: 'ERIKSSON' });
      expect(detail.checks.find((c: { name: string }) => c.name === 'document').passed).toBe(true);
      expect(detail.deliveries[0].log[0].status).toBe(200);
      const front = detail.images.find((i: { kind: string }) => i.kind === 'document-front');
      const img = await fetch(`${s.url}${front.url}`, { headers: { cookie: adminClient.cookie } });
      if (img.status !== 200) console.log(front.url, await img.clone().text());
      expect(img.status).toBe(200);
      expect(img.headers.get('cache-control')).toBe('no-store');
      expect(Buffer.from(await img.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      // The link alone opens nothing.
      expect((await fetch(`${s.url}${front.url}`)).status).toBe(401);
      const audit = (await adminClient.call(`/audit?target=${reference}`)).json.items.map((a: { action: string }) => a.action);
      expect(audit).toEqual(expect.arrayContaining(['session.view', 'image.view']));
      const raw = (await adminClient.call(`/audit?target=${reference}`)).raw;
      for (const v of PERSONAL) expect(raw).not.toContain(v);
    });

    it('queues a session a reviewer marks, filters by needs review and assigned to me, and lists the API in OpenAPI', async () => {
      expect((await adminClient.call('/review-queue')).json.items).toEqual([]);
      expect((await adminClient.call(`/sessions/${reference}/mark`, { body: { marked: true, assignToMe: true } })).json).toEqual({ assignedToMe: true, marked: true });
      expect((await adminClient.call('/review-queue')).json.items).toEqual([expect.objectContaining({ reference, reasons: ['marked'], assignedToMe: true })]);
      expect((await adminClient.call('/sessions?needsReview=1')).json.items.map((r: { reference: string }) => r.reference)).toEqual([reference]);
      expect((await adminClient.call('/sessions?assignedToMe=1')).json.items.map((r: { reference: string }) => r.reference)).toEqual([reference]);
      expect((await adminClient.call('/dashboard')).json.awaitingReview).toEqual({ total: 1, aml: 0 });
      const reviewer = new PortalClient(s.url);
      await reviewer.signIn('developer@acme.test', PASSWORD);
      expect((await reviewer.call(`/sessions/${reference}/mark`, { body: { marked: false } })).status).toBe(403);
      const doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/portal/api/sessions', '/portal/api/sessions/{reference}', '/portal/api/sessions/{reference}/review', '/portal/api/audit']));
    });

    it('refuses a state change without the CSRF token or from another origin', async () => {
      const noToken = await adminClient.call(`/sessions/${reference}/review`, { body: { decision: 'approved', reason: 'documents-verified' }, csrf: null });
      expect(noToken.status).toBe(403);
      expect(noToken.json.error.code).toBe(1603);
      const otherOrigin = await adminClient.call(`/sessions/${reference}/review`, { body: { decision: 'approved', reason: 'documents-verified' }, origin: 'https://evil.example' });
      expect(otherOrigin.status).toBe(403);
      const noOrigin = await adminClient.call(`/sessions/${reference}/review`, { body: { decision: 'approved', reason: 'documents-verified' }, origin: null });
      expect(noOrigin.status).toBe(403);
      expect((await adminClient.call(`/sessions/${reference}`)).json.reviews).toEqual([]);
    });

    it('records a decision on the vault entry and sends a signed verification.reviewed event', async () => {
      const hook = await startReceiver();
      try {
        expect((await adminClient.call('/webhooks', { body: { url: hook.url } })).status).toBe(200);
        const bad = await adminClient.call(`/sessions/${reference}/review`, { body: { decision: 'approved', reason: 'face-mismatch' } });
        expect(bad.json.error.code).toBe(1002);
        const r = await adminClient.call(`/sessions/${reference}/review`, { body: { decision: 'rejected', reason: 'document-fraudulent', note: 'Specimen passport' } });
        expect(r.status).toBe(200);
        expect(r.json.vaultid).toBe(vaultid);
        const entry = (await new Vault(s.key, s.base).get(vaultid)).data;
        expect(entry.review).toMatchObject({ decision: 'rejected', reason: 'document-fraudulent', note: 'Specimen passport', by: 'admin@acme.test' });
        expect(entry.review.time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
        const [event] = await hook.waitFor(1);
        const account = await s.comp.deps.accounts.getAccount(s.accountId);
        const payload = new Webhook(account!.webhook_secret).verify(event!.body, event!.headers as Record<string, string>) as any;
        expect(payload).toMatchObject({ type: 'verification.reviewed', data: { reference, vaultid, review: { decision: 'rejected', reason: 'document-fraudulent', by: 'admin@acme.test' } } });
        // The staff note stays in the portal and the vault, not in the event.
        expect(event!.body).not.toContain('Specimen passport');
        // The DocuPass callback was not sent again; /docupass/redeliver still resends the callback, not the event.
        expect(rx.received.filter((x) => x.json?.reference === reference)).toHaveLength(1);
        const again = await postJson(`${s.url}/docupass/redeliver`, { apikey: s.key, reference });
        expect(again.json.delivery).toMatch(/^cb_/);
        const audit = (await adminClient.call(`/audit?action=review.decide&target=${reference}`)).json.items;
        expect(audit).toHaveLength(1);
        expect(audit[0].detail).not.toContain('Specimen');
      } finally {
        await hook.close();
      }
    });

    it("masks personal data for a viewer on the server: the raw JSON holds none of it, images are withheld", async () => {
      const viewer = new PortalClient(s.url);
      await viewer.signIn('viewer@acme.test', PASSWORD);
      const detail = await viewer.call(`/sessions/${reference}`);
      expect(detail.status).toBe(200);
      expect(detail.json.masked).toBe(true);
      for (const v of PERSONAL) expect(detail.raw).not.toContain(v);
      expect(detail.raw).not.toContain('Specimen passport');
      expect(detail.json.images.every((i: { url: string | null }) => i.url === null)).toBe(true);
      expect(detail.json.fields.find((f: { name: string }) => f.name === 'documentType').value).toBe('P');
      const list = await viewer.call('/sessions');
      for (const v of PERSONAL) expect(list.raw).not.toContain(v);
      // An admin's image link does not open for a viewer.
      const adminImg = (await adminClient.call(`/sessions/${reference}`)).json.images[0].url;
      expect((await fetch(`${s.url}${adminImg}`, { headers: { cookie: viewer.cookie } })).status).toBe(403);
      expect((await viewer.call(`/sessions/${reference}/review`, { body: { decision: 'approved', reason: 'other' } })).status).toBe(403);
      expect((await viewer.call('/keys')).status).toBe(403);
      expect((await viewer.call('/audit')).status).toBe(403);
    });

    it('lets a developer create and revoke a key and resend a callback, without any personal data', async () => {
      const dev = new PortalClient(s.url);
      await dev.signIn('developer@acme.test', PASSWORD);
      expect((await dev.call('/sessions')).status).toBe(403);
      expect((await dev.call(`/sessions/${reference}`)).status).toBe(403);
      const created = await dev.call('/keys', { body: { name: 'ci' } });
      const key = created.json.key as string;
      expect(key.startsWith(created.json.prefix)).toBe(true);
      expect((await postJson(`${s.url}/docupass/deliveries`, { apikey: key, reference })).json.error).toBeUndefined();
      const listed = await dev.call('/keys');
      expect(listed.raw).not.toContain(key);
      expect((await dev.call(`/keys/${created.json.id}/revoke`, { method: 'POST' })).status).toBe(200);
      // The API caches a known key for up to 5 s: revocation takes effect within that.
      const until = Date.now() + 10_000;
      let refused: any;
      while (Date.now() < until && !(refused = (await postJson(`${s.url}/docupass/deliveries`, { apikey: key, reference })).json.error)) await new Promise((r) => setTimeout(r, 500));
      expect(refused.code).toBe(1);
      const deliveries = await dev.call(`/deliveries?reference=${reference}`);
      const callback = deliveries.json.items.find((d: { kind: string }) => d.kind === 'callback');
      for (const v of PERSONAL) expect(deliveries.raw).not.toContain(v);
      const before = rx.received.length;
      expect((await dev.call(`/deliveries/${callback.id}/resend`, { method: 'POST' })).status).toBe(200);
      await rx.waitFor(before + 1);
      const end = Date.now() + 20_000;
      let log: Array<{ trigger: string }> = [];
      while (Date.now() < end) {
        log = (await dev.call(`/deliveries?reference=${reference}`)).json.items.find((d: { id: string }) => d.id === callback.id).log;
        if (log.length > callback.log.length) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(log).toHaveLength(callback.log.length + 1);
      expect(log[0]!.trigger).toBe('schedule');
      expect(log.at(-1)!.trigger).toBe('manual');
      const audit = (await adminClient.call('/audit?action=apikey.revoke')).json.items;
      expect(audit).toHaveLength(1);
    });

    it('reveals (audited) and rotates the webhook signing secret with an overlap', async () => {
      const account = await s.comp.deps.accounts.getAccount(s.accountId);
      const shown = await adminClient.call('/webhook-secret/reveal', { method: 'POST' });
      expect(shown.json.secret).toBe(account!.webhook_secret);
      const rotated = (await adminClient.call('/webhook-secret/rotate', { body: { overlapHours: 2 } })).json;
      expect(rotated.secret).not.toBe(account!.webhook_secret);
      expect(rotated.previous.secret).toBe(account!.webhook_secret);
      const audit = await adminClient.call('/audit?pageSize=200');
      expect(audit.json.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['webhook_secret.reveal', 'webhook_secret.rotate']));
      expect(audit.raw).not.toContain(rotated.secret);
      const viewer = new PortalClient(s.url);
      await viewer.signIn('viewer@acme.test', PASSWORD);
      expect((await viewer.call('/webhook-secret/reveal', { method: 'POST' })).status).toBe(403);
    });

    it('manages templates (a save adds a version) with a filled preview, and lists AML lists; both audited or role-checked', async () => {
      const dev = new PortalClient(s.url);
      await dev.signIn('developer@acme.test', PASSWORD);
      const created = await dev.call('/templates', { body: { name: 'Terms', html: '<p>I, %{fullName}, agree.</p><script>alert(1)</script>' } });
      expect(created.json).toMatchObject({ version: 1, removed: expect.arrayContaining([expect.stringMatching(/script/)]) });
      const updated = await dev.call('/templates', { body: { id: created.json.id, name: 'Terms', html: '<p>I, %{fullName}, born %{dob}, agree.</p>' } });
      expect(updated.json.version).toBe(2);
      const preview = await fetch(`${s.url}/portal/api/templates/${created.json.id}/preview`, { headers: { cookie: dev.cookie } });
      expect(preview.headers.get('content-security-policy')).toContain('sandbox');
      const html = await preview.text();
      expect(html).toContain('JANE Q SAMPLE');
      expect(html).toContain('1990/01/01');
      expect((await dev.call('/templates')).json.items).toEqual([expect.objectContaining({ id: created.json.id, version: 2, name: 'Terms' })]);
      const audit = (await adminClient.call(`/audit?target=${created.json.id}`)).json.items.map((a: { action: string }) => a.action);
      expect(audit.sort()).toEqual(['template.create', 'template.update']);
      const viewer = new PortalClient(s.url);
      await viewer.signIn('viewer@acme.test', PASSWORD);
      expect((await viewer.call('/templates')).status).toBe(403);
      expect((await viewer.call('/aml-lists')).status).toBe(403);
      // An admin imports the OFAC CSV set (multipart upload, as the page sends it).
      const ofac = path.join(SHARED, 'sanctions-ofac-sdn/tiny-2025-05');
      const form = new FormData();
      for (const f of ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv']) form.append('file', new Blob([fs.readFileSync(path.join(ofac, f))]), f);
      const post = (c: PortalClient, body: FormData) => fetch(`${s.url}/portal/api/aml-lists`, { method: 'POST', body, headers: { cookie: c.cookie, origin: s.url, 'x-csrf-token': c.csrf } });
      const imported = await post(adminClient, form);
      const result = (await imported.json()) as { database: string; entities: number };
      expect(result.database).toBe('us_ofac');
      expect(result.entities).toBeGreaterThan(0);
      const partial = new FormData();
      partial.append('file', new Blob([fs.readFileSync(path.join(ofac, 'sdn.csv'))]), 'sdn.csv');
      expect(((await (await post(adminClient, partial)).json()) as { error: { code: number } }).error.code).toBe(1002);
      const reviewer = new PortalClient(s.url);
      await reviewer.signIn('developer@acme.test', PASSWORD);
      expect((await post(reviewer, form)).status).toBe(403);
      const lists = await adminClient.call('/aml-lists');
      expect(lists.json.items).toEqual(expect.arrayContaining([expect.objectContaining({ database: 'us_ofac', entities: result.entities })]));
      expect((await adminClient.call('/audit?action=aml.import')).json.items).toHaveLength(1);
    });

    it('links the generated contract for a reviewer (audited download) and withholds it from a viewer', async () => {
      const tpl = await adminClient.call('/templates', { body: { name: 'KYC terms', html: '<p>I, %{fullName}, agree.</p>' } });
      const before = rx.received.length;
      const created = (await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, contract_generate: tpl.json.id, contract_format: 'html', document_base64: fs.readFileSync(PASSPORT).toString('base64') })).json;
      await rx.waitFor(before + 1, 300_000);
      const detail = (await adminClient.call(`/sessions/${created.reference}`)).json;
      expect(detail.contract.url).toMatch(/\/portal\/api\/images\/[A-Z0-9]+\.contract\./);
      const file = await fetch(`${s.url}${detail.contract.url}`, { headers: { cookie: adminClient.cookie } });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
      expect(await file.text()).toContain('ANNA MARIA ERIKSSON');
      expect((await adminClient.call(`/audit?action=contract.download&target=${created.reference}`)).json.items).toHaveLength(1);
      const viewer = new PortalClient(s.url);
      await viewer.signIn('viewer@acme.test', PASSWORD);
      expect((await viewer.call(`/sessions/${created.reference}`)).json.contract).toEqual({ url: null });
    }, 360_000);

    it("keeps each account's operators to their own account", async () => {
      const other = await createApiKey(s.comp.deps, { name: 'other tenant' });
      await createOperator(portalDeps(s.comp.deps), { email: 'other@tenant.test', role: 'reviewer', accountId: other.row.account_id, password: PASSWORD });
      const c = new PortalClient(s.url);
      await c.signIn('other@tenant.test', PASSWORD);
      expect((await c.call('/sessions')).json.items).toEqual([]);
      const d = await c.call(`/sessions/${reference}`);
      expect(d.status).toBe(400);
      for (const v of PERSONAL) expect(d.raw).not.toContain(v);
      expect((await c.call(`/deliveries?reference=${reference}`)).json.items).toEqual([]);
    });

    it('lets an admin change a member\'s role (effective at once, audited) but not their own', async () => {
      await createOperator(portalDeps(s.comp.deps), { email: 'promoted@acme.test', role: 'viewer', accountId: s.accountId, password: PASSWORD });
      const member = new PortalClient(s.url);
      await member.signIn('promoted@acme.test', PASSWORD);
      expect((await member.call('/keys')).status).toBe(403);
      expect((await adminClient.call('/team/role', { body: { email: 'promoted@acme.test', role: 'developer' } })).status).toBe(200);
      expect((await member.call('/keys')).status).toBe(200);
      expect((await adminClient.call('/team/role', { body: { email: 'admin@acme.test', role: 'viewer' } })).json.error.code).toBe(1002);
      expect((await member.call('/team/role', { body: { email: 'viewer@acme.test', role: 'admin' } })).status).toBe(403);
      const team = (await adminClient.call('/team')).json.items;
      expect(team.find((o: { email: string }) => o.email === 'promoted@acme.test').role).toBe('developer');
      expect((await adminClient.call('/audit?action=operator.role')).json.items).toHaveLength(1);
    });

    it('has no way to change or delete audit entries, exports CSV, and signs out everywhere', async () => {
      for (const method of ['PUT', 'DELETE', 'PATCH']) expect([404, 405]).toContain((await adminClient.call('/audit', { method })).status);
      const csv = await adminClient.call('/audit.csv');
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.raw.split('\r\n')[0]).toBe('time,operator,action,target,detail,ip,user_agent');
      expect(csv.raw).toContain('session.view');
      for (const v of PERSONAL) expect(csv.raw).not.toContain(v);
      const dash = (await adminClient.call('/dashboard')).json;
      expect(dash.funnel.verified).toBeGreaterThanOrEqual(1);
      expect(dash.timeToVerdict.medianMs).toBeGreaterThan(0);
      // Two sessions of one operator (a developer: no second factor to wait for); one signs out everywhere.
      const first = new PortalClient(s.url);
      await first.signIn('developer@acme.test', PASSWORD);
      const second = new PortalClient(s.url);
      await second.signIn('developer@acme.test', PASSWORD);
      expect((await first.call('/me')).status).toBe(200);
      expect((await second.call('/auth/sign-out-everywhere', { method: 'POST' })).status).toBe(200);
      expect((await first.call('/me')).status).toBe(401);
      expect((await second.call('/me')).status).toBe(401);
    });
  });
}
