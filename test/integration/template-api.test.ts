import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { createApiKey } from '../../src/services/accounts/api-keys.ts';

const TEMPLATE = `<html><head><script>alert(1)</script></head><body>
<h1 onclick="steal()">Agreement with %{companyname}</h1>
<p>I, <b>%{fullName}</b>, born %{dob}, agree to %{plan_name}.</p>
<img src="https://tracker.example/pixel.png"><img src="data:image/png;base64,iVBORw0KGgo=" alt="logo">
</body></html>`;

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !(await postgresReachable()))(`template API (${dialect})`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer({ dialect });
    });
    afterAll(async () => s?.close());

    it('stores a sanitised template and reports unknown placeholders and removals', async () => {
      const { status, json } = await postJson(`${s.url}/template/add`, { apikey: s.key, name: 'Loan', html: TEMPLATE });
      expect(status).toBe(200);
      expect(json.id).toMatch(/^tpl_/);
      expect(json.version).toBe(1);
      expect(json.unknown_placeholders).toEqual(['plan_name']);
      expect(json.removed).toEqual(expect.arrayContaining(['<script>', 'event handler onclick']));
      expect(json.removed.some((r: string) => r.includes('remote'))).toBe(true);

      const got = await postJson(`${s.url}/template/get`, { apikey: s.key, id: json.id });
      expect(got.json.html).not.toMatch(/script|onclick|tracker\.example/);
      expect(got.json.html).toContain('<b>%{fullName}</b>');
      expect(got.json.html).toContain('data:image/png;base64,');
      expect(got.json.placeholders).toEqual(['companyname', 'fullName', 'dob', 'plan_name']);
      expect(got.json.account_id).toBeUndefined();
    });

    it('versions on update, lists the latest, deletes, and keeps accounts apart', async () => {
      const { json: added } = await postJson(`${s.url}/template/add`, { apikey: s.key, name: 'NDA', html: '<p>v1 %{fullName}</p>' });
      const { json: upd } = await postJson(`${s.url}/template/update`, { apikey: s.key, id: added.id, html: '<p>v2 %{fullName}</p>' });
      expect(upd).toMatchObject({ id: added.id, version: 2, unknown_placeholders: [] });
      expect((await postJson(`${s.url}/template/get`, { apikey: s.key, id: added.id })).json).toMatchObject({ version: 2, name: 'NDA', html: '<p>v2 %{fullName}</p>' });
      expect((await postJson(`${s.url}/template/get`, { apikey: s.key, id: added.id, version: 1 })).json.html).toBe('<p>v1 %{fullName}</p>');
      const list = (await postJson(`${s.url}/template/list`, { apikey: s.key })).json.templates;
      expect(list.filter((t: { id: string }) => t.id === added.id)).toEqual([expect.objectContaining({ version: 2, name: 'NDA' })]);

      // Another account's key sees none of it.
      const other = await createApiKey(s.comp.deps, { name: 'other' });
      expect((await postJson(`${s.url}/template/list`, { apikey: other.key })).json.templates).toEqual([]);
      expect((await postJson(`${s.url}/template/get`, { apikey: other.key, id: added.id })).json.error).toMatchObject({ code: 1002 });
      expect((await postJson(`${s.url}/template/delete`, { apikey: other.key, id: added.id })).json.error).toMatchObject({ code: 1002 });

      expect((await postJson(`${s.url}/template/delete`, { apikey: s.key, id: added.id })).json).toEqual({ success: true, id: added.id });
      expect((await postJson(`${s.url}/template/get`, { apikey: s.key, id: added.id })).json.error).toEqual({ code: 1002, message: 'Invalid contract template ID' });
    });

    it('answers errors as DocuPass error bodies at HTTP 200', async () => {
      const noKey = await postJson(`${s.url}/template/list`, {});
      expect(noKey.status).toBe(200);
      expect(noKey.json.error.code).toBe(1);
      const empty = await postJson(`${s.url}/template/add`, { apikey: s.key, name: 'x', html: '<script>only()</script>' });
      expect(empty.json.error).toMatchObject({ code: 1002 });
      const noName = await postJson(`${s.url}/template/add`, { apikey: s.key, html: '<p>x</p>' });
      expect(noName.json.error.message).toContain('`name`');
    });
  });
}
