import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { Vault } from 'idanalyzer';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { createOperator } from '../../src/services/portal/operators.ts';
import { portalDeps } from '../../src/services/portal/portal-deps.ts';
import { PortalClient } from './portal-client.ts';

const pgAvailable = await postgresReachable();
const SHARED = path.resolve(process.cwd(), '../shared/data');
const hasShared = fs.existsSync(SHARED);
if (!hasShared) console.warn('../shared/data is absent: the portal privacy tests need a real verified passport and are skipped');
const PASSPORT = path.join(SHARED, 'mrz-document-images/images/passporteye__passport-td3.jpg');
/** Values the passport reads to: after the erasure none may be served, and none is ever audited. */
const PERSONAL = ['ERIKSSON', 'L898902C3', '1974/08/12'];
const PASSWORD = 'correct horse battery staple';

/** The export answers a ZIP: fetched as bytes (PortalClient reads text). */
async function exportZip(c: PortalClient, reference: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(`${c.base}/portal/api/sessions/${reference}/export`, { method: 'POST', headers: { cookie: c.cookie, origin: c.base, 'x-csrf-token': c.csrf, 'content-type': 'application/json' }, body: '{}' });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

for (const dialect of DIALECTS) {
  describe.skipIf(!hasShared || (dialect === 'postgres' && !pgAvailable))(`portal export and erasure on ${dialect}`, () => {
    let s: TestServer;
    let rx: Awaited<ReturnType<typeof startReceiver>>;
    let reference = '';
    let vaultid = '';
    let admin: PortalClient;

    beforeAll(async () => {
      s = await startTestServer({ dialect, env: { IDGATE_WORKER_THREADS: '1' } });
      rx = await startReceiver();
      const deps = portalDeps(s.comp.deps);
      for (const role of ['admin', 'reviewer', 'viewer', 'developer']) await createOperator(deps, { email: `${role}@acme.test`, role, accountId: s.accountId, password: PASSWORD });
      const created = (await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, vault_save: true, customid: 'cust-privacy', document_base64: fs.readFileSync(PASSPORT).toString('base64') })).json;
      reference = created.reference;
      const cb = (await rx.waitFor(1, 360_000))[0]!;
      expect(cb.json.success).toBe(true);
      vaultid = cb.json.vaultid;
      admin = new PortalClient(s.url);
      await admin.signIn('admin@acme.test', PASSWORD);
    }, 420_000);
    afterAll(async () => {
      await rx?.close();
      await s?.close();
    });

    it('refuses export and erasure to a viewer and a developer, erasure to a reviewer, and both without CSRF token or from another origin', async () => {
      for (const role of ['viewer', 'developer']) {
        const c = new PortalClient(s.url);
        await c.signIn(`${role}@acme.test`, PASSWORD);
        const ex = await c.call(`/sessions/${reference}/export`, { body: {} });
        expect(ex.status, role).toBe(403);
        expect(ex.json.error.code).toBe(1602);
        const er = await c.call(`/sessions/${reference}/erase`, { body: { confirm: reference } });
        expect(er.status, role).toBe(403);
        expect(er.json.error.code).toBe(1602);
      }
      const viewer = new PortalClient(s.url);
      await viewer.signIn('viewer@acme.test', PASSWORD);
      expect((await viewer.call(`/sessions/${reference}/privacy`)).json).toMatchObject({ canExport: false, canErase: false, erasures: [] });
      const reviewer = new PortalClient(s.url);
      await reviewer.signIn('reviewer@acme.test', PASSWORD);
      expect((await reviewer.call(`/sessions/${reference}/privacy`)).json).toMatchObject({ canExport: true, canErase: false });
      expect((await reviewer.call(`/sessions/${reference}/erase`, { body: { confirm: reference } })).status).toBe(403);
      const reviewerZip = await exportZip(reviewer, reference);
      expect(reviewerZip.status).toBe(200);

      for (const p of ['export', 'erase']) {
        const noToken = await admin.call(`/sessions/${reference}/${p}`, { body: { confirm: reference }, csrf: null });
        expect(noToken.status, p).toBe(403);
        expect(noToken.json.error.code).toBe(1603);
        const otherOrigin = await admin.call(`/sessions/${reference}/${p}`, { body: { confirm: reference }, origin: 'https://evil.example' });
        expect(otherOrigin.status, p).toBe(403);
        expect(otherOrigin.json.error.code).toBe(1603);
      }
      // Nothing was erased by any of these.
      const detail = (await admin.call(`/sessions/${reference}`)).json;
      expect(detail.fields.map((f: { value: string }) => f.value)).toContain('ERIKSSON');
      expect((await admin.call(`/sessions/${reference}/privacy`)).json.erasures).toEqual([]);
    });

    it('an admin exports the subject (ZIP with the data and the images) and it is audited without personal data', async () => {
      const z = await exportZip(admin, reference);
      expect(z.status).toBe(200);
      expect(z.type).toBe('application/zip');
      const entries = unzipSync(new Uint8Array(z.bytes));
      const doc = JSON.parse(Buffer.from(entries['export.json']!).toString('utf8'));
      const text = JSON.stringify(doc);
      for (const v of ['ERIKSSON', 'L898902C3']) expect(text).toContain(v);
      expect(doc.sessions.map((x: { reference: string }) => x.reference)).toContain(reference);
      const images = Object.entries(entries).filter(([name, b]) => name.startsWith('files/') && b[0] === 0xff && b[1] === 0xd8);
      expect(images.length).toBeGreaterThan(0);
      const passport = fs.readFileSync(PASSPORT);
      expect(images.some(([, b]) => Buffer.from(b).equals(passport))).toBe(true);
      const audit = (await admin.call(`/audit?action=subject.export&target=${reference}`)).json.items;
      expect(audit.length).toBeGreaterThanOrEqual(2); // the reviewer's and the admin's
      expect(audit.map((a: { operator: string }) => a.operator)).toEqual(expect.arrayContaining(['admin@acme.test', 'reviewer@acme.test']));
      for (const v of PERSONAL) expect(JSON.stringify(audit)).not.toContain(v);
    });

    it('an admin erases the session after typing its reference: the detail keeps only the non-personal record, the vault entry is gone, the audit names the operator', async () => {
      // A staff note may hold personal data: it must go with the erasure (the structured decision stays).
      const reviewed = await admin.call(`/sessions/${reference}/review`, { body: { decision: 'approved', reason: 'documents-verified', note: 'Checked ERIKSSON by phone' } });
      expect(reviewed.status).toBe(200);
      const wrong = await admin.call(`/sessions/${reference}/erase`, { body: { confirm: 'NOTTHEREF' } });
      expect(wrong.json.error.code).toBe(1002);
      expect((await admin.call(`/sessions/${reference}`)).json.fields.length).toBeGreaterThan(0);

      const r = await admin.call(`/sessions/${reference}/erase`, { body: { confirm: reference.toLowerCase() } });
      expect(r.status).toBe(200);
      expect(r.json.success).toBe(true);
      const mine = r.json.erased.find((e: { reference: string }) => e.reference === reference);
      expect(mine).toMatchObject({ level: 'full', already: false, vault_entries: 1 });
      expect(mine.files).toBeGreaterThan(0);

      const detail = await admin.call(`/sessions/${reference}`);
      expect(detail.status).toBe(200);
      expect(detail.json).toMatchObject({ reference, state: 'succeeded', fields: [], images: [], contract: null, aml: [] });
      expect(detail.json.outcome.success).toBe(true);
      expect(detail.json.customid).toBeNull();
      for (const v of PERSONAL) expect(detail.raw).not.toContain(v);
      const notes = await s.comp.database.db.selectFrom('reviews').select(['decision', 'note']).where('reference', '=', reference).execute();
      expect(notes).toEqual([{ decision: 'approved', note: null }]);

      const status = (await admin.call(`/sessions/${reference}/privacy`)).json;
      expect(status.erasures).toHaveLength(1);
      expect(status.erasures[0]).toMatchObject({ level: 'full', reason: 'request' });
      expect(status.erasures[0].actor).toMatch(/^portal:/);

      const vault = await new Vault(s.key, s.base).get(vaultid).then(
        (x: unknown) => ({ ok: true, x }),
        (e: Error) => ({ ok: false, e }),
      );
      expect(vault.ok).toBe(false);

      const audit = await admin.call(`/audit?action=privacy.erase&target=${reference}`);
      expect(audit.json.items).toHaveLength(1);
      expect(audit.json.items[0]).toMatchObject({ operator: 'admin@acme.test', action: 'privacy.erase', target: reference });
      expect(JSON.parse(audit.json.items[0].detail)).toMatchObject({ level: 'full', reason: 'request', vault_entries: 1 });
      for (const v of PERSONAL) expect(audit.raw).not.toContain(v);

      // Again: nothing more to erase, and an export now holds nothing personal.
      const again = await admin.call(`/sessions/${reference}/erase`, { body: { confirm: reference } });
      expect(again.json.erased[0].already).toBe(true);
      const after = await exportZip(admin, reference);
      expect(after.status).toBe(200);
      const entries = unzipSync(new Uint8Array(after.bytes));
      expect(Object.keys(entries).filter((n) => n.startsWith('files/'))).toEqual([]);
      for (const v of PERSONAL) expect(Buffer.from(entries['export.json']!).toString('utf8')).not.toContain(v);
    });

    it('describes the routes in the OpenAPI document', async () => {
      const doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/portal/api/sessions/{reference}/privacy', '/portal/api/sessions/{reference}/export', '/portal/api/sessions/{reference}/erase']));
    });
  });
}
