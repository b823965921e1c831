import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DocuPass } from 'idanalyzer';
import { routeModules } from '../../src/http/route-modules.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { parseTrustProxy } from '../../src/config/load-config.ts';
import { unknownParams } from '../../src/http/docupass-api/unknown-params.ts';
import { createOptionsSchema } from '../../src/domain/session/create-options.ts';

/** The client address as the app sees it (what contracts and audit entries record). */
const ipRoute = (app: FastifyInstance) => {
  app.get('/_test/ip', async (request) => ({ ip: request.ip }));
};

async function seenIp(s: TestServer, headers: Record<string, string> = {}): Promise<string> {
  return (await (await fetch(`${s.url}/_test/ip`, { headers })).json()).ip;
}

describe('X-Forwarded-For is believed only from a trusted proxy', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });
  const start = async (trust?: string) => {
    const s = await startTestServer({ jobs: false, routes: [...routeModules, ipRoute], env: trust ? { IDGATE_TRUST_PROXY: trust } : {} });
    servers.push(s);
    return s;
  };

  it('by default a spoofed header is ignored: the socket address counts', async () => {
    const s = await start();
    expect(await seenIp(s, { 'x-forwarded-for': '203.0.113.9' })).toBe('127.0.0.1');
  });

  it('from a listed proxy address (or CIDR) the forwarded client address counts', async () => {
    expect(await seenIp(await start('127.0.0.1'), { 'x-forwarded-for': '203.0.113.9' })).toBe('203.0.113.9');
    expect(await seenIp(await start('10.0.0.0/8, 127.0.0.0/8'), { 'x-forwarded-for': '198.51.100.7' })).toBe('198.51.100.7');
  });

  it('a proxy list that does not include the connecting address changes nothing', async () => {
    expect(await seenIp(await start('10.1.2.3'), { 'x-forwarded-for': '203.0.113.9' })).toBe('127.0.0.1');
  });

  it('a hop count believes exactly that many proxies', async () => {
    const s = await start('1');
    // Client 198.51.100.1 spoofs 203.0.113.9; the one trusted proxy appended the real client.
    expect(await seenIp(s, { 'x-forwarded-for': '203.0.113.9, 198.51.100.1' })).toBe('198.51.100.1');
  });

  it('config: hop counts, addresses and CIDRs are accepted; "true" and junk are refused', () => {
    expect(parseTrustProxy(undefined)).toEqual({ value: false });
    expect(parseTrustProxy('off')).toEqual({ value: false });
    expect(parseTrustProxy('2')).toEqual({ value: 2 });
    expect(parseTrustProxy('10.0.0.1, fd00::/8, loopback')).toEqual({ value: ['10.0.0.1', 'fd00::/8', 'loopback'] });
    expect(parseTrustProxy('true')).toHaveProperty('problem');
    expect(parseTrustProxy('10.0.0.0/33')).toHaveProperty('problem');
    expect(parseTrustProxy('proxy.local')).toHaveProperty('problem');
  });
});

describe('create refuses URLs idgate could never call, and reports unknown parameters', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ jobs: false, env: { IDGATE_ALLOW_PRIVATE_URLS: 'false' } });
  });
  afterAll(() => s?.close());

  const create = async (body: Record<string, unknown>, path = 'create') => {
    const res = await fetch(`${s.url}/docupass/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apikey: s.key, companyname: 'Acme', type: 1, ...body }) });
    return { headers: res.headers, json: await res.json() };
  };

  it.each([
    ['callbackurl', 'http://127.0.0.1:9/cb'],
    ['callbackurl', 'http://localhost:9/cb'],
    ['callbackurl', 'http://[::1]/cb'],
    ['successredir', 'http://192.168.1.10/done'],
    ['failredir', 'http://10.0.0.8/failed'],
    ['logo', 'http://169.254.169.254/latest/meta-data'],
    ['customhtmlurl', 'http://172.16.0.1/page.html'],
  ])('%s=%s answers 1002 naming the parameter', async (param, url) => {
    const { json } = await create({ [param]: url });
    expect(json.error.code).toBe(1002);
    expect(json.error.message).toContain(`\`${param}\``);
    expect(json.error.message).toMatch(/private, loopback or reserved/);
    expect(json.error.message).toContain('IDGATE_ALLOW_PRIVATE_URLS');
  });

  it('image URLs are fetched during create and keep answering error 8 (image could not be used)', async () => {
    const { json } = await create({ face_url: 'http://100.64.0.1/selfie.jpg' });
    expect(json.error.code).toBe(8);
    expect(json.error.message).toMatch(/private or reserved/);
  });

  it('sign refuses a loopback callback the same way', async () => {
    const { json } = await create({ callbackurl: 'http://127.0.0.1/cb' }, 'sign');
    expect(json.error).toMatchObject({ code: 1002 });
    expect(json.error.message).toContain('`callbackurl`');
  });

  it('a public address is accepted', async () => {
    const { json } = await create({ callbackurl: 'https://93.184.215.14/cb' });
    expect(json.reference).toMatch(/^[A-Z0-9]+$/);
  });

  it('with IDGATE_ALLOW_PRIVATE_URLS on (local development) a loopback callback is accepted', async () => {
    const dev = await startTestServer({ jobs: false });
    try {
      const res = await fetch(`${dev.url}/docupass/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apikey: dev.key, companyname: 'Acme', type: 1, callbackurl: 'http://127.0.0.1:9/cb' }) });
      expect((await res.json()).reference).toBeDefined();
    } finally {
      await dev.close();
    }
  });

  it('a typo is no error but is named in X-Idgate-Unknown-Parameters and Warning', async () => {
    const { headers, json } = await create({ biometrik: 1, vault_save: true });
    expect(json.reference).toBeDefined();
    expect(headers.get('x-idgate-unknown-parameters')).toBe('biometrik');
    expect(headers.get('warning')).toBe('299 idgate "unknown parameters ignored: biometrik"');
  });

  it('known options, images and the official client\'s own keys raise no warning', async () => {
    const { headers, json } = await create({ biometric: 1, verify_expiry: true, client: 'nodejs-sdk', vault_save: true });
    expect(json.reference).toBeDefined();
    expect(headers.get('x-idgate-unknown-parameters')).toBeNull();
    // The official client sends its whole default config (empty strings included): no key of it is unknown.
    const docupass = new DocuPass(s.key, 'Acme', s.base) as unknown as { config: Record<string, unknown> };
    expect(unknownParams(docupass.config, Object.keys(createOptionsSchema.shape))).toEqual([]);
  });
});
