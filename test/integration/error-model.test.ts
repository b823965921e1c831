import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { issueCaptureToken } from '../../src/http/web-api/capture-token.ts';
import { buildApp } from '../../src/http/app.ts';

const pgAvailable = await postgresReachable();

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`one error model on ${dialect}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer({ dialect, jobs: false });
    });
    afterAll(() => s?.close());

    it('DocuPass routes answer HTTP 200 with exactly {code, message}, in words for people', async () => {
      const r = await postJson(`${s.url}/docupass/create`, { apikey: s.key, type: 1, callbackurl: 'https://example.com/cb' });
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ error: { code: 1002, message: '`companyname` is required' } });
      const big = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: 'https://example.com/cb', expiry: 99999999 });
      expect(big.json).toEqual({ error: { code: 1002, message: '`expiry` must be at most 15552000' } });
    });

    it('a GET to a POST-only route says which method to use (405, Allow)', async () => {
      const res = await fetch(`${s.url}/docupass/create`);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(await res.json()).toEqual({ error: { code: 1005, message: 'use POST for /docupass/create' } });
      const missing = await fetch(`${s.url}/docupass/nothing-here`);
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.code).toBe(1001);
    });

    it('the capture API answers real statuses with the reason the app switches on', async () => {
      const created = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: 'https://example.com/cb' });
      const ref = created.json.reference as string;
      const noToken = await fetch(`${s.url}/api/s/${ref}/status`);
      expect(noToken.status).toBe(403);
      expect(await noToken.json()).toEqual({ error: { code: 1, message: 'This page has expired; reload it to continue.', reason: 'token' } });
      const token = await issueCaptureToken(s.comp.deps, ref);
      const headers = { 'x-capture-token': token, 'content-type': 'application/json' };
      const badRole = await fetch(`${s.url}/api/s/${ref}/upload/passport`, { method: 'POST', headers: { 'x-capture-token': token } });
      expect(badRole.status).toBe(400);
      expect((await badRole.json()).error).toMatchObject({ code: 1002, reason: 'role' });
      const early = await fetch(`${s.url}/api/s/${ref}/submit`, { method: 'POST', headers, body: '{}' });
      expect(early.status).toBe(400);
      expect((await early.json()).error).toMatchObject({ code: 1002, reason: 'steps_missing' });
      const noContract = await fetch(`${s.url}/api/s/${ref}/contract`, { headers });
      expect(noContract.status).toBe(409);
      expect((await noContract.json()).error).toMatchObject({ code: 1004, reason: 'no_contract' });
    });

    it('an unknown fault is logged and answers code 9999 with the request id, never a stack', async () => {
      const boom = async () => {
        throw new Error('secret internals at /srv/app.ts:12');
      };
      const app = await buildApp(s.comp.deps, [(a) => void a.get('/boom-page', { config: { errorStatus: true } }, boom), (a) => void a.post('/boom-api', boom)]);
      const page = await app.inject({ method: 'GET', url: '/boom-page' });
      expect(page.statusCode).toBe(500);
      expect(page.json().error.code).toBe(9999);
      expect(page.json().error.message).toBe(`Internal error (request ${page.json().error.message.match(/request ([0-9a-f-]{36})/)[1]})`);
      expect(page.body).not.toMatch(/secret|\.ts:|at /);
      const api = await app.inject({ method: 'POST', url: '/boom-api', payload: {} });
      expect(api.statusCode).toBe(200);
      expect(api.json().error.code).toBe(9999);
      await app.close();
    });
  });
}
