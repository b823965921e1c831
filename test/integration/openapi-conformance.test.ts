import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Validator } from '@seriousme/openapi-schema-validator';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { makeJpeg } from '../helpers/images.ts';
import { callbackHash } from '../../src/domain/callback/hash.ts';
import { callbackPayloadSchema } from '../../src/http/openapi/webhook-schema.ts';
import { buildSuccessPayload, buildExpiredPayload } from '../../src/domain/callback/payload.ts';

const pgAvailable = await postgresReachable();

/** Every public route the document must name (issue 15). */
const PUBLIC_ROUTES = [
  'post /docupass/create', 'post /docupass/sign', 'post /docupass/validate', 'post /docupass/deliveries', 'post /docupass/redeliver',
  'post /', 'post /aml',
  'post /vault/get', 'post /vault/list', 'post /vault/update', 'post /vault/delete', 'post /vault/addimage', 'post /vault/deleteimage', 'post /vault/searchface', 'post /vault/train', 'post /vault/trainstatus',
  'post /template/add', 'post /template/list', 'post /template/get', 'post /template/update', 'post /template/delete',
  'get /health',
];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

type Doc = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, unknown> }; webhooks?: Record<string, any> };

/** An answer schema of the document, its component refs pointing into the registered document. */
function answerSchema(doc: Doc, method: string, path: string, status = '200'): object {
  const content = doc.paths[path]?.[method]?.responses?.[status]?.content;
  const schema = content?.['application/json']?.schema;
  if (!schema) throw new Error(`no ${status} schema for ${method.toUpperCase()} ${path}`);
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`OpenAPI document and real answers on ${dialect}`, () => {
    let s: TestServer;
    let doc: Doc;
    let ajv: Ajv2020;
    /** The real answer of one request, checked against the document's schema for its route. */
    const conforms = async (method: string, path: string, res: { status: number; json: unknown }) => {
      expect(res.status).toBe(200);
      const validate = ajv.compile(answerSchema(doc, method, path));
      expect(validate(res.json), `${method.toUpperCase()} ${path}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(res.json).slice(0, 300)}`).toBe(true);
      return res.json as any;
    };
    const post = (path: string, body: Record<string, unknown>) => postJson(`${s.url}${path}`, { apikey: s.key, ...body });

    beforeAll(async () => {
      s = await startTestServer({ dialect, jobs: false });
      doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as Doc;
      ajv = new Ajv2020({ strict: false, allErrors: true });
      ajv.addSchema({ $id: 'openapi', components: doc.components ?? {} });
    });
    afterAll(() => s?.close());

    it('is an OpenAPI 3.1 document naming every public route, every schema compiling as JSON Schema 2020-12', () => {
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      expect(typeof doc.info.title).toBe('string');
      expect(typeof doc.info.version).toBe('string');
      const named = Object.entries(doc.paths).flatMap(([p, item]) => METHODS.filter((m) => item[m]).map((m) => `${m} ${p}`));
      for (const route of PUBLIC_ROUTES) expect(named).toContain(route);
      for (const [p, item] of Object.entries(doc.paths)) {
        expect(p.startsWith('/')).toBe(true);
        for (const m of METHODS.filter((k) => item[k])) {
          const op = item[m];
          expect(Object.keys(op.responses ?? {}).length, `${m} ${p} has responses`).toBeGreaterThan(0);
          for (const r of Object.values(op.responses) as any[]) for (const c of Object.values(r.content ?? {}) as any[]) expect(() => ajv.compile(JSON.parse(JSON.stringify(c.schema).replaceAll('"#/components/', '"openapi#/components/')))).not.toThrow();
          const body = op.requestBody?.content;
          for (const c of Object.values(body ?? {}) as any[]) expect(() => ajv.compile(JSON.parse(JSON.stringify(c.schema).replaceAll('"#/components/', '"openapi#/components/')))).not.toThrow();
        }
      }
      // The webhook payload is described, and real payloads built by the domain conform to it.
      const hook = doc.webhooks?.docupassCallback?.post?.requestBody?.content?.['application/json']?.schema;
      expect(hook).toBeTruthy();
      const validate = ajv.compile(hook);
      const success = buildSuccessPayload({ reference: 'ABCDEFGH2345', hash: '0'.repeat(32), customid: 'c1', decision: { passed: true, failcode: null, failreason: null, result: { name: true } }, data: { firstName: ['A'] }, face: { isIdentical: true, confidence: 0.9 }, documentimage: [{ side: 'FRONT', type: 'document', url: 'https://x/y' }] });
      expect(validate(success), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(buildExpiredPayload({ reference: 'ABCDEFGH2345', hash: '0'.repeat(32) }))).toBe(true);
      expect(callbackPayloadSchema.safeParse(success).success).toBe(true);
    });

    it('passes the official OpenAPI 3.1 meta-schema (the OAI JSON Schema, with schema-dialect checks)', async () => {
      const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator['validate']>[0]);
      expect(result.errors ?? [], JSON.stringify(result.errors ?? []).slice(0, 2000)).toEqual([]);
      expect(result.valid).toBe(true);
      // The validator is really at work: the same document with one broken operation is refused.
      const broken = structuredClone(doc) as Doc;
      broken.paths['/health'].get.responses = { '200': { content: { 'application/json': { schema: { type: 'no-such-type' } } } } };
      expect((await new Validator().validate(broken as unknown as Parameters<Validator['validate']>[0])).valid).toBe(false);
    });

    it('DocuPass: create, sign, validate, deliveries and redeliver answer as documented (successes and errors)', async () => {
      const created = await conforms('post', '/docupass/create', await post('/docupass/create', { companyname: 'Acme', type: 1, callbackurl: 'https://example.com/cb' }));
      await conforms('post', '/docupass/create', await post('/docupass/create', { type: 1 }));
      const tpl = await conforms('post', '/template/add', await post('/template/add', { name: 'NDA', html: '<p>Hello %{fullName}</p>' }));
      await conforms('post', '/docupass/sign', await post('/docupass/sign', { companyname: 'Acme', callbackurl: 'https://example.com/cb', template_id: tpl.id }));
      await s.comp.deps.sessions.recordOutcome(created.reference, { state: 'failed', success: false, failcode: 3, at: Date.now() });
      const account = await s.comp.deps.accounts.getAccount(s.accountId);
      const hash = callbackHash(account!.callback_secret, { reference: created.reference, success: false, failcode: 3 });
      expect(await conforms('post', '/docupass/validate', await post('/docupass/validate', { reference: created.reference, hash }))).toEqual({ success: true, reference: created.reference });
      await conforms('post', '/docupass/validate', await post('/docupass/validate', { reference: created.reference, hash: '0'.repeat(32) }));
      expect((await conforms('post', '/docupass/deliveries', await post('/docupass/deliveries', { reference: created.reference }))).items).toEqual([]);
      await conforms('post', '/docupass/redeliver', await post('/docupass/redeliver', { reference: created.reference }));
    });

    it('templates, vault, AML, Core API and health answer as documented', async () => {
      const tpl = await conforms('post', '/template/add', await post('/template/add', { name: 'T', html: '<p>x</p>' }));
      await conforms('post', '/template/list', await post('/template/list', {}));
      await conforms('post', '/template/get', await post('/template/get', { id: tpl.id }));
      await conforms('post', '/template/update', await post('/template/update', { id: tpl.id, name: 'T2' }));
      await conforms('post', '/template/delete', await post('/template/delete', { id: tpl.id }));
      await conforms('post', '/template/get', await post('/template/get', {}));

      const list = await conforms('post', '/vault/list', await post('/vault/list', {}));
      expect(list).toBeTypeOf('object');
      for (const action of ['get', 'update', 'delete', 'addimage', 'deleteimage', 'searchface']) await conforms('post', `/vault/${action}`, await post(`/vault/${action}`, { id: 'nosuchentry' }));
      await conforms('post', '/vault/train', await post('/vault/train', {}));
      await conforms('post', '/vault/trainstatus', await post('/vault/trainstatus', {}));

      await conforms('post', '/aml', await post('/aml', { name: 'x' }));
      // A plain photo holds no document: the Core API's real "not recognised" answer (code 9).
      const core = await conforms('post', '/', await post('/', { file_base64: (await makeJpeg(640, 400)).toString('base64') }));
      expect(core.error?.code ?? 0).toBeGreaterThan(0);
      const health = await fetch(`${s.url}/health`);
      await conforms('get', '/health', { status: health.status, json: await health.json() });
    });

    it('serves the reference page from the document, with no script and nothing from another host', async () => {
      const res = await fetch(`${s.url}/docs`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('/docupass/create');
      expect(html).toContain('DocuPass callback');
      expect(html).not.toMatch(/<script|<link[^>]+href="https?:|src="https?:/);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    });
  });
}
