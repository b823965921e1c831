import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const TOKEN = 'metrics-token-0123456789';

describe.each(DIALECTS)('operations endpoints (%s)', (dialect) => {
  let server: TestServer | undefined;
  beforeAll(async () => {
    if (dialect === 'postgres' && !(await postgresReachable())) return;
    server = await startTestServer({ dialect, env: { IDGATE_METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => server?.close());

  it('GET /health answers while alive; GET /ready reports each dependency', async (ctx) => {
    if (!server) return ctx.skip();
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/ready`);
    const body = await ready.json();
    expect(ready.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'engines', 'queue', 'store']);
    for (const c of Object.values(body.checks) as { ok: boolean }[]) expect(c.ok).toBe(true);
  });

  it('GET /metrics needs the token and serves Prometheus text with route-level HTTP latency', async (ctx) => {
    if (!server) return ctx.skip();
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(403);
    expect((await none.json()).error.code).toBe(1);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(403);
    // A DocuPass call (registered before the ops module) is measured by its route pattern.
    await fetch(`${server.url}/docupass/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apikey: server.key, companyname: 'Ops', type: 1 }) });
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/idgate_http_request_duration_seconds_count\{method="POST",route="\/docupass\/create",status_code="200"\} 1/);
    for (const name of ['idgate_verifications', 'idgate_callback_attempts', 'idgate_aml_list_entities', 'idgate_job_queue_depth', 'idgate_job_queue_oldest_age_seconds', 'idgate_engine_duration_seconds', 'idgate_time_to_verdict_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toMatch(/idgate_callback_attempts\{result="delivered"\} 0/);
  });
});

describe('metrics switched off', () => {
  it('answers 404 when IDGATE_METRICS_TOKEN is unset', async () => {
    const server = await startTestServer({ jobs: false });
    try {
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe(1001);
    } finally {
      await server.close();
    }
  });
});
