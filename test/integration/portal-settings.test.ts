import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { createOperator } from '../../src/services/portal/operators.ts';
import { portalDeps } from '../../src/services/portal/portal-deps.ts';
import { issueCaptureToken } from '../../src/http/web-api/capture-token.ts';
import { sessionToRow, type Session } from '../../src/database/repositories/sessions-repository.ts';
import { PortalClient } from './portal-client.ts';

const pgAvailable = await postgresReachable();
const IMAGES = path.resolve(process.cwd(), '../shared/data/mrz-document-images/images');
const hasShared = fs.existsSync(IMAGES);
if (!hasShared) console.warn('../shared/data is absent: the portal settings tests need real document images and are skipped');
/** Two real specimens: a Canadian passport (CA, P) and a Spanish identity card (ES, I). */
const PASSPORT = path.join(IMAGES, 'arg0s1080__passports__Canada.png');
const ID_CARD = path.join(IMAGES, 'passporteye__0_id-esp.png');
const PASSWORD = 'correct horse battery staple';
const NOTICE = 'https://acme.example/privacy-notice';

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, tries = 600): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

for (const dialect of DIALECTS) {
  describe.skipIf(!hasShared || (dialect === 'postgres' && !pgAvailable))(`portal settings, keys, filters, queue and preview on ${dialect}`, () => {
    let s: TestServer;
    const c: Record<string, PortalClient> = {};
    let passportRef = '';
    let idRef = '';

    const create = (body: Record<string, unknown>, key = s.key) => postJson(`${s.url}/docupass/create`, { apikey: key, companyname: 'Acme', type: 1, callbackurl: 'https://example.com/cb', ...body });
    const finished = (ref: string) => until(`session ${ref} to finish`, async () => {
      const row = await s.comp.deps.sessions.findForAccount(s.accountId, ref);
      return row && ['succeeded', 'failed'].includes(row.state) ? row : undefined;
    });

    beforeAll(async () => {
      s = await startTestServer({ dialect, env: { IDGATE_WORKER_THREADS: '1' } });
      const deps = portalDeps(s.comp.deps);
      for (const role of ['admin', 'reviewer', 'developer']) {
        await createOperator(deps, { email: `${role}@acme.test`, role, accountId: s.accountId, password: PASSWORD });
        c[role] = new PortalClient(s.url);
        await c[role]!.signIn(`${role}@acme.test`, PASSWORD);
      }
      const common = { verify_expiry: false, authenticate_minscore: 0, vault_save: true };
      passportRef = (await create({ ...common, document_base64: fs.readFileSync(PASSPORT).toString('base64') })).json.reference;
      idRef = (await create({ ...common, document_base64: fs.readFileSync(ID_CARD).toString('base64') })).json.reference;
      await finished(passportRef);
      await finished(idRef);
    }, 300_000);
    afterAll(async () => {
      await s?.close();
    });

    it('settings are for admins only, validated with the /docupass/create schema, and every change is audited without values', async () => {
      expect((await c.reviewer!.call('/settings')).status).toBe(403);
      expect((await c.developer!.call('/settings', { body: { companyName: 'X' } })).status).toBe(403);
      const fresh = (await c.admin!.call('/settings')).json;
      expect(fresh).toMatchObject({ companyName: null, logo: null, defaults: {} });
      expect(fresh.options).toContain('privacy_notice_url');

      // The same refusal, word for word, as create gives for the same value.
      const viaCreate = await create({ biometric_threshold: 2 });
      const viaSettings = await c.admin!.call('/settings', { body: { defaults: { biometric_threshold: 2 } } });
      expect(viaSettings.status).toBe(400);
      expect(viaSettings.json.error.message).toBe(viaCreate.json.error.message);
      const badUrl = await c.admin!.call('/settings', { body: { defaults: { privacy_notice_url: 'not a url' } } });
      expect(badUrl.status).toBe(400);
      expect(badUrl.json.error.message).toContain('privacy_notice_url');
      // Per-person values are never account defaults.
      const personal = await c.admin!.call('/settings', { body: { defaults: { verify_name: 'Anna' } } });
      expect(personal.status).toBe(400);
      expect(personal.json.error.message).toContain('verify_name');

      const saved = await c.admin!.call('/settings', { body: { companyName: 'Acme Verified Ltd', defaults: { privacy_notice_url: NOTICE, language: 'de', maxattempt: 3, dualsidecheck: true } } });
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({ companyName: 'Acme Verified Ltd', defaults: { privacy_notice_url: NOTICE, language: 'de', maxattempt: 3, dualsidecheck: true }, updatedBy: 'admin@acme.test' });
      expect((await c.reviewer!.call('/branding')).json).toEqual({ companyName: 'Acme Verified Ltd', logo: null });

      const audit = (await c.admin!.call('/audit?action=settings.update')).json.items;
      expect(audit).toHaveLength(1);
      expect(audit[0].detail).toContain('privacy_notice_url');
      expect(audit[0].detail).not.toContain('acme.example');
    });

    it('a logo upload must decode as an image; it is stored re-encoded as PNG through the file store', async () => {
      const upload = async (client: PortalClient, name: string, data: Buffer) => {
        const form = new FormData();
        form.append('logo', new Blob([new Uint8Array(data)]), name);
        const res = await fetch(`${s.url}/portal/api/settings/logo`, { method: 'POST', headers: { cookie: client.cookie, origin: s.url, 'x-csrf-token': client.csrf }, body: form });
        return { status: res.status, json: (await res.json()) as any };
      };
      const jpeg = await sharp({ create: { width: 1200, height: 400, channels: 3, background: '#1d4ed8' } }).jpeg().toBuffer();
      expect((await upload(c.developer!, 'logo.jpg', jpeg)).status).toBe(403);
      const notImage = await upload(c.admin!, 'logo.png', Buffer.from('<svg onload="alert(1)"></svg> not an image'));
      expect(notImage.status).toBe(400);
      expect(notImage.json.error.message).toContain('logo');
      const ok = await upload(c.admin!, 'logo.jpg', jpeg);
      expect(ok.status).toBe(200);
      expect(ok.json.logo).toMatch(/^\/portal\/api\/settings\/logo\?v=\d+$/);
      const res = await fetch(`${s.url}${ok.json.logo}`, { headers: { cookie: c.reviewer!.cookie } });
      expect(res.headers.get('content-type')).toBe('image/png');
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect(meta).toMatchObject({ format: 'png', width: 512 });
      expect((await fetch(`${s.url}${ok.json.logo}`)).status).toBe(401);
      expect((await c.admin!.call('/audit?action=settings.logo')).json.items).toHaveLength(1);
    });

    it('session creation takes the account defaults for options it does not pass; explicit ones win; the consent step links the account privacy notice', async () => {
      const plain = await create({});
      expect(plain.status).toBe(200);
      const row = await s.comp.deps.sessions.findForAccount(s.accountId, plain.json.reference);
      expect(row!.options).toMatchObject({ privacy_notice_url: NOTICE, language: 'de', maxattempt: 3, dualsidecheck: true, companyname: 'Acme' });
      const token = await issueCaptureToken(s.comp.deps, plain.json.reference);
      const view = (await (await fetch(`${s.url}/api/s/${plain.json.reference}/session`, { headers: { 'x-capture-token': token } })).json()) as { privacyNoticeUrl?: string; language: string };
      expect(view.privacyNoticeUrl).toBe(NOTICE);
      expect(view.language).toBe('de');

      const explicit = await create({ privacy_notice_url: 'https://other.example/notice', maxattempt: 1, language: 'fr', dualsidecheck: false });
      const row2 = await s.comp.deps.sessions.findForAccount(s.accountId, explicit.json.reference);
      expect(row2!.options).toMatchObject({ privacy_notice_url: 'https://other.example/notice', maxattempt: 1, language: 'fr', dualsidecheck: false });
    });

    it('an API key shows when it was last used, and a key revoked in the portal is refused at once', async () => {
      const made = (await c.admin!.call('/keys', { body: { name: 'integration' } })).json;
      const before = (await c.admin!.call('/keys')).json.items.find((k: { id: string }) => k.id === made.id);
      expect(before.lastUsed).toBeNull();
      expect((await create({}, made.key)).status).toBe(200);
      const used = await until('last used to be recorded', async () => (await c.admin!.call('/keys')).json.items.find((k: { id: string; lastUsed: string | null }) => k.id === made.id && k.lastUsed));
      expect(Date.parse(used.lastUsed)).toBeGreaterThan(Date.parse(before.created) - 1);
      // The key is in this process's 5 s cache now; revoking drops it.
      expect((await c.admin!.call(`/keys/${made.id}/revoke`, { method: 'POST' })).status).toBe(200);
      const refused = await create({}, made.key);
      expect(refused.json.reference).toBeUndefined();
      expect(refused.json.error?.message).toMatch(/API key/i);
    });

    it('filters sessions by document country and type in SQL', async () => {
      const refs = async (q: string) => ((await c.reviewer!.call(`/sessions?pageSize=200&${q}`)).json.items as Array<{ reference: string }>).map((r) => r.reference);
      expect(await refs('country=CA')).toEqual([passportRef]);
      expect(await refs('country=CAN')).toEqual([passportRef]);
      expect(await refs('country=ES')).toEqual([idRef]);
      expect(await refs('doctype=P')).toEqual([passportRef]);
      expect(await refs('doctype=I')).toEqual([idRef]);
      expect(await refs('country=ES&doctype=P')).toEqual([]);
      const total = (await c.reviewer!.call('/sessions?country=CA')).json.total;
      expect(total).toBe(1);
      expect((await c.reviewer!.call('/sessions?country=XQ')).status).toBe(400);
    });

    it('the review queue pages in SQL over every finished session, not the latest 500', async () => {
      const template = (await s.comp.deps.sessions.findForAccount(s.accountId, passportRef))!;
      const base = template.updated_at - 10_000_000;
      const made = Array.from({ length: 505 }, (_, i) => `Q${String(i).padStart(9, '0')}`);
      const rows = made.map((reference, i) => sessionToRow({ ...template, reference, customid: null, state: 'succeeded', created_at: base + i, updated_at: base + i } as Session));
      for (let i = 0; i < rows.length; i += 100) await s.comp.database.db.insertInto('sessions').values(rows.slice(i, i + 100)).execute();
      // The oldest of 507 finished sessions, marked by a reviewer: beyond any 500-session window.
      const oldest = made[0]!;
      expect((await c.reviewer!.call(`/sessions/${oldest}/mark`, { body: { marked: true } })).status).toBe(200);
      const first = (await c.reviewer!.call('/review-queue?pageSize=1')).json;
      expect(first.total).toBeGreaterThanOrEqual(1);
      const all = (await c.reviewer!.call('/review-queue?pageSize=200')).json;
      expect(all.items.map((x: { reference: string }) => x.reference)).toContain(oldest);
      expect(all.items.find((x: { reference: string }) => x.reference === oldest).reasons).toEqual(['marked']);
      expect((await c.reviewer!.call('/sessions?needsReview=1&pageSize=200')).json.items.map((x: { reference: string }) => x.reference)).toContain(oldest);
      expect((await c.reviewer!.call('/dashboard')).json.awaitingReview.total).toBe(first.total);
      // Decided: out of the queue.
      expect((await c.reviewer!.call(`/sessions/${oldest}/review`, { body: { decision: 'approved', reason: 'manual-check-passed' } })).status).toBe(200);
      expect((await c.reviewer!.call('/review-queue?pageSize=200')).json.items.map((x: { reference: string }) => x.reference)).not.toContain(oldest);
    });

    it('an erased session shows no decision and the decide endpoint refuses it', async () => {
      expect((await c.reviewer!.call(`/sessions/${idRef}/mark`, { body: { marked: true } })).status).toBe(200);
      expect((await c.reviewer!.call(`/sessions/${idRef}`)).json).toMatchObject({ canDecide: true, erased: false });
      expect((await c.admin!.call(`/sessions/${idRef}/erase`, { body: { confirm: idRef } })).status).toBe(200);
      expect((await c.reviewer!.call(`/sessions/${idRef}`)).json).toMatchObject({ canDecide: false, erased: true });
      const refused = await c.reviewer!.call(`/sessions/${idRef}/review`, { body: { decision: 'approved', reason: 'documents-verified' } });
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toContain('was erased');
      expect((await c.reviewer!.call('/review-queue?pageSize=200')).json.items.map((x: { reference: string }) => x.reference)).not.toContain(idRef);
      // Its document facts are gone too.
      expect((await c.reviewer!.call('/sessions?country=ES')).json.total).toBe(0);
    });

    it('previews unsaved template HTML filled with sample data, stores nothing, and frames it under its own CSP', async () => {
      const before = (await c.developer!.call('/templates')).json.items.length;
      const html = '<h1>Agreement</h1><p>I, %{fullName}, holder of %{documentNumber}, agree.</p><p>%{nosuchfield}</p><script>alert(1)</script>';
      const p = await c.developer!.call('/templates/preview', { body: { html, name: 'Draft' } });
      expect(p.status).toBe(200);
      expect(p.json.html).toContain('JANE Q SAMPLE');
      expect(p.json.html).toContain('X0000000');
      expect(p.json.html).not.toContain('<script');
      expect(p.json.removed.length).toBeGreaterThan(0);
      expect(p.json.unknownPlaceholders).toContain('nosuchfield');
      expect((await c.developer!.call('/templates')).json.items.length).toBe(before);
      const frame = await fetch(`${s.url}${p.json.frame}`, { headers: { cookie: c.developer!.cookie } });
      expect(frame.status).toBe(200);
      expect(frame.headers.get('content-security-policy')).toContain('sandbox');
      expect(await frame.text()).toContain('JANE Q SAMPLE');
      // Another operator's preview link is not theirs.
      expect((await fetch(`${s.url}${p.json.frame}`, { headers: { cookie: c.admin!.cookie } })).status).toBe(404);
      // Filling with a real session's data needs the personal-data role.
      expect((await c.developer!.call('/templates/preview', { body: { html, reference: passportRef } })).status).toBe(403);
      const real = await c.admin!.call('/templates/preview', { body: { html, reference: passportRef } });
      expect(real.status).toBe(200);
      expect(real.json.html).not.toContain('JANE Q SAMPLE');
      expect(real.json.html).toContain(passportRef);
      expect((await c.admin!.call(`/audit?action=template.preview&target=${passportRef}`)).json.items).toHaveLength(1);
    });

    it('declares every new route in the OpenAPI document', async () => {
      const doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      for (const [p, m] of [
        ['/portal/api/settings', 'post'],
        ['/portal/api/settings/logo', 'post'],
        ['/portal/api/branding', 'get'],
        ['/portal/api/templates/preview', 'post'],
        ['/portal/api/review-queue', 'get'],
      ] as const) {
        expect(doc.paths[p]?.[m], `${m} ${p}`).toBeDefined();
      }
      const sessionsParams = JSON.stringify(doc.paths['/portal/api/sessions']);
      expect(sessionsParams).toContain('country');
      expect(sessionsParams).toContain('doctype');
    });
  });
}
