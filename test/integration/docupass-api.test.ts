import http from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { decodeQr, pixelHex } from '../helpers/decode-qr.ts';
import { makeJpeg, makePng } from '../helpers/images.ts';
import { createApiKey } from '../../src/services/accounts/api-keys.ts';
import { addTemplate } from '../../src/services/contracts/templates.ts';
import { callbackHash } from '../../src/domain/callback/hash.ts';

const pgAvailable = await postgresReachable();

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`DocuPass session API on ${dialect}`, () => {
    let s: TestServer;
    const create = (body: Record<string, unknown>) => postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: 'https://example.com/cb', ...body });

    beforeAll(async () => {
      s = await startTestServer({ dialect });
    });
    afterAll(() => s?.close());

    it('creates a session with the documented response shape', async () => {
      const { status, json } = await create({ customid: 'user-42', expiry: 3600 });
      expect(status).toBe(200);
      expect(Object.keys(json).sort()).toEqual(['base_url', 'customid', 'expiry', 'html', 'qrcode', 'reference', 'type', 'url']);
      expect(json.reference).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
      expect(json).toMatchObject({ type: 1, customid: 'user-42', url: `${s.url}/${json.reference}`, qrcode: `${s.url}/qr/${json.reference}.png`, base_url: s.url });
      expect(json.expiry).toBeGreaterThan(Date.now() / 1000 + 3590);
      expect(json.expiry).toBeLessThan(Date.now() / 1000 + 3610);
      expect(json.html).toContain(json.reference);
      const row = await s.comp.deps.sessions.findForAccount(s.accountId, json.reference);
      expect(row?.state).toBe('created');
      expect(row!.options).toMatchObject({ customid: 'user-42', expiry: 3600, maxattempt: 2 });
    });

    it('accepts urlencoded and multipart bodies with supplied images', async () => {
      const form = new URLSearchParams({ apikey: s.key, companyname: 'Acme', type: '2', callbackurl: 'https://example.com/cb', reusable: 'false' });
      const r1 = await fetch(`${s.url}/docupass/create`, { method: 'POST', body: form });
      expect((await r1.json()).type).toBe(2);

      const fd = new FormData();
      for (const [k, v] of Object.entries({ apikey: s.key, companyname: 'Acme', type: '0', callbackurl: 'https://example.com/cb', biometric: '1' })) fd.append(k, v);
      fd.append('document', new Blob([new Uint8Array(await makeJpeg())], { type: 'image/jpeg' }), 'front.jpg');
      fd.append('face', new Blob([new Uint8Array(await makePng())], { type: 'image/png' }), 'face.png');
      const r2 = await (await fetch(`${s.url}/docupass/create`, { method: 'POST', body: fd })).json();
      expect(r2.type).toBe(0);
      const files = await s.comp.deps.sessions.findFiles(s.accountId, r2.reference);
      expect(files.map((f) => [f.role, f.mime]).sort()).toEqual([['document', 'image/jpeg'], ['face', 'image/png']]);
      // Stored encrypted: the file on disk is not the JPEG, but reads back as it.
      const stored = await s.comp.deps.files.get(files.find((f) => f.role === 'document')!.storage_key);
      expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    });

    it('accepts base64 and URL images, and refuses bad ones with the parameter named', async () => {
      const jpeg = await makeJpeg();
      const ok = await create({ document_base64: jpeg.toString('base64'), face_base64: `data:image/png;base64,${(await makePng()).toString('base64')}` });
      expect(ok.json.reference).toBeDefined();

      const receiver = http.createServer((req, res) => {
        if (req.url === '/doc.jpg') return res.end(jpeg);
        res.statusCode = 404;
        res.end();
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      const port = (receiver.address() as { port: number }).port;
      const viaUrl = await create({ document_url: `http://127.0.0.1:${port}/doc.jpg` });
      expect(viaUrl.json.reference).toBeDefined();
      const missing = await create({ document_url: `http://127.0.0.1:${port}/none.jpg` });
      expect(missing.json.error).toEqual({ code: 8, message: expect.stringContaining('`document_url`') });
      receiver.close();

      const notImage = await create({ document_base64: Buffer.from('%PDF-1.4 hello').toString('base64') });
      expect(notImage.json.error.code).toBe(8);
      expect(notImage.json.error.message).toContain('`document_base64`');
      const truncated = await create({ face_base64: jpeg.subarray(0, Math.floor(jpeg.length / 2)).toString('base64') });
      expect(truncated.json.error.code).toBe(8);
      // A decompression bomb: a tiny PNG that holds 10000×10000 pixels.
      const bomb = await sharp({ create: { width: 10000, height: 10000, channels: 3, background: '#000000' } }).png({ compressionLevel: 9 }).toBuffer();
      const bombRes = await create({ document_base64: bomb.toString('base64') });
      expect(bombRes.json.error.code).toBe(8);
      expect(bombRes.json.error.message).toMatch(/pixels/);
      const garbage = await create({ document_base64: 'not base64 at all!!' });
      expect(garbage.json.error.code).toBe(8);
    });

    it('answers every error with HTTP 200 and the DocuPass error body', async () => {
      const noKey = await postJson(`${s.url}/docupass/create`, { companyname: 'A', type: 1 });
      expect(noKey).toEqual({ status: 200, json: { error: { code: 1, message: 'Missing API key' } } });
      const badKey = await postJson(`${s.url}/docupass/create`, { apikey: 'idg_nope', companyname: 'A', type: 1 });
      expect(badKey.json.error.code).toBe(1);
      const badValue = await create({ expiry: 10 });
      expect(badValue.json.error).toEqual({ code: 1002, message: expect.stringContaining('`expiry`') });

      const malformed = await fetch(`${s.url}/docupass/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"apikey": ' });
      expect(malformed.status).toBe(200);
      expect(await malformed.json()).toEqual({ error: { code: 1000, message: 'Malformed JSON body' } });
      const wrongType = await fetch(`${s.url}/docupass/create`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' });
      expect((await wrongType.json()).error.code).toBe(1000);
      const arrayBody = await postJson(`${s.url}/docupass/create`, [1, 2]);
      expect(arrayBody.json.error.code).toBe(1000);
      const huge = await fetch(`${s.url}/docupass/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(s.config.maxUploadBytes * 4 + 2 * 1024 * 1024) }) });
      expect((await huge.json()).error).toEqual({ code: 1000, message: 'Request body is too large' });
      const unknown = await fetch(`${s.url}/docupass/nothing`, { method: 'POST' });
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error.code).toBe(1001);
      const health = await (await fetch(`${s.url}/health`)).json();
      expect(health.status).toBe('ok');
    });

    it('refuses private image URLs unless explicitly allowed', async () => {
      const strict = await startTestServer({ dialect: 'sqlite', env: { IDGATE_ALLOW_PRIVATE_URLS: 'false' } });
      try {
        const r = await postJson(`${strict.url}/docupass/create`, { apikey: strict.key, companyname: 'A', type: 1, document_url: 'http://127.0.0.1:9/x.jpg' });
        expect(r.json.error.code).toBe(8);
        expect(r.json.error.message).toMatch(/private or reserved address/);
        const meta = await postJson(`${strict.url}/docupass/create`, { apikey: strict.key, companyname: 'A', type: 1, face_url: 'http://169.254.169.254/latest/meta-data' });
        expect(meta.json.error.message).toMatch(/private or reserved/);
      } finally {
        await strict.close();
      }
    });

    it('keeps accounts apart', async () => {
      const other = await createApiKey(s.comp.deps, { name: 'other' });
      const mine = await create({});
      const theirs = await postJson(`${s.url}/docupass/validate`, { apikey: other.key, reference: mine.json.reference, hash: '0'.repeat(32) });
      expect(theirs.json.error.code).toBe(1003);
      expect(await s.comp.deps.sessions.findForAccount(other.row.account_id, mine.json.reference)).toBeUndefined();
      const tpl = await addTemplate(s.comp.deps, s.accountId, 'mine', '<p>%{fullName}</p>');
      const cross = await postJson(`${s.url}/docupass/sign`, { apikey: other.key, companyname: 'B', callbackurl: 'https://e.com/cb', template_id: tpl.id });
      expect(cross.json.error).toEqual({ code: 1002, message: 'Invalid contract template ID' });
    });

    it('validates a callback hash for a finished session and refuses a wrong one', async () => {
      const { json } = await create({});
      await s.comp.deps.sessions.recordOutcome(json.reference, { state: 'failed', success: false, failcode: 3, at: Date.now() });
      const account = await s.comp.deps.accounts.getAccount(s.accountId);
      const hash = callbackHash(account!.callback_secret, { reference: json.reference, success: false, failcode: 3 });
      expect(hash).toMatch(/^[0-9a-f]{32}$/);
      const ok = await postJson(`${s.url}/docupass/validate`, { apikey: s.key, reference: json.reference, hash });
      expect(ok.json).toEqual({ success: true, reference: json.reference });
      const wrong = await postJson(`${s.url}/docupass/validate`, { apikey: s.key, reference: json.reference, hash: callbackHash(account!.callback_secret, { reference: json.reference, success: true }) });
      expect(wrong.json).toEqual({ error: { code: 1003, message: 'Invalid reference or hash' } });
      const pending = await create({});
      const early = await postJson(`${s.url}/docupass/validate`, { apikey: s.key, reference: pending.json.reference, hash });
      expect(early.json.error.code).toBe(1003);
    });

    it('creates signature sessions and refuses unknown templates', async () => {
      const tpl = await addTemplate(s.comp.deps, s.accountId, 'nda', '<h1>NDA</h1><p>%{fullName}</p>');
      const { json } = await postJson(`${s.url}/docupass/sign`, { apikey: s.key, companyname: 'Acme', callbackurl: 'https://e.com/cb', template_id: tpl.id, contract_format: 'PDF', contract_prefill_data: '{"x":"y"}' });
      expect(Object.keys(json).sort()).toEqual(['base_url', 'customid', 'expiry', 'html_iframe', 'html_qrcode', 'qrcode', 'reference', 'url']);
      expect(json.html_iframe).toContain(`src="${json.url}"`);
      expect(json.html_qrcode).toContain('sign contract');
      const row = await s.comp.deps.sessions.findForAccount(s.accountId, json.reference);
      expect(row?.kind).toBe('signature');
      const bad = await postJson(`${s.url}/docupass/sign`, { apikey: s.key, companyname: 'Acme', callbackurl: 'https://e.com/cb', template_id: 'tpl_missing' });
      expect(bad.json.error).toEqual({ code: 1002, message: 'Invalid contract template ID' });
      const badCreate = await create({ contract_sign: 'tpl_missing' });
      expect(badCreate.json.error.message).toBe('Invalid contract template ID');
    });

    it('hands every visitor of a reusable link a fresh session', async () => {
      const { json } = await create({ reusable: true, customid: 'campaign' });
      const visit = () => fetch(json.url, { redirect: 'manual' });
      const [a, b] = [await visit(), await visit()];
      expect(a.status).toBe(303);
      const refA = a.headers.get('location')!.slice(1);
      const refB = b.headers.get('location')!.slice(1);
      expect(refA).not.toBe(refB);
      expect(refA).not.toBe(json.reference);
      const child = await s.comp.deps.sessions.findForAccount(s.accountId, refA);
      expect(child).toMatchObject({ parent_reference: json.reference, reusable: 0, customid: 'campaign' });
      const page = await fetch(`${s.url}/${refA}`);
      expect(page.status).toBe(200);
      expect((await s.comp.deps.sessions.findByReference(refA))?.state).toBe('opened');
    });

    it('serves QR codes in the chosen colours that decode to the session URL', async () => {
      const { json } = await create({ qr_color: '1A237E', qr_bgcolor: 'FFF8E1', qr_size: 8, qr_margin: 4 });
      const res = await fetch(json.qrcode);
      expect(res.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await res.arrayBuffer());
      expect(await decodeQr(png)).toEqual([json.url]);
      expect(await pixelHex(png, 0, 0)).toBe('FFF8E1');
      // The finder pattern's top-left module sits just inside the margin: 4 modules × 8 px.
      expect(await pixelHex(png, 4 * 8 + 2, 4 * 8 + 2)).toBe('1A237E');
      const small = Buffer.from(await (await fetch((await create({ qr_size: 2, qr_margin: 1 })).json.qrcode)).arrayBuffer());
      const meta = await sharp(png).metadata();
      const metaSmall = await sharp(small).metadata();
      expect(meta.width!).toBeGreaterThan(metaSmall.width! * 3);
      expect((await fetch(`${s.url}/qr/NOPE2345NOPE.png`)).status).toBe(404);
    });

    it('shows expired and unknown pages', async () => {
      const { json } = await create({ expiry: 600 });
      const clockFuture = Date.now() + 601_000;
      const realClock = s.comp.deps.clock;
      (s.comp.deps as { clock: () => number }).clock = () => clockFuture;
      try {
        const page = await fetch(json.url);
        expect(await page.text()).toContain('expired');
        expect((await s.comp.deps.sessions.findByReference(json.reference))?.state).toBe('expired');
      } finally {
        (s.comp.deps as { clock: () => number }).clock = realClock;
      }
      const unknown = await fetch(`${s.url}/ZZZZ2222ZZZZ`);
      expect(unknown.status).toBe(404);
    });

    it('limits requests per key', async () => {
      const limited = await startTestServer({ dialect: 'sqlite', env: { IDGATE_RATE_LIMIT_PER_MINUTE: '3' } });
      try {
        const codes = [];
        for (let i = 0; i < 5; i++) {
          const r = await postJson(`${limited.url}/docupass/create`, { apikey: limited.key, companyname: 'A', type: 1 });
          codes.push(r.json.error?.code ?? 'ok');
        }
        expect(codes).toEqual(['ok', 'ok', 'ok', 4, 4]);
      } finally {
        await limited.close();
      }
    });
  });
}
