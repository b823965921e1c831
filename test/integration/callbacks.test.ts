import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { DocuPass } from 'idanalyzer';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';

const pgAvailable = await postgresReachable();

/** Moves a session's expiry into the past, as if its time had run out. */
async function expireNow(s: TestServer, reference: string) {
  await s.comp.database.db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).where('reference', '=', reference).execute();
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`callbacks on ${dialect}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer({ dialect, env: { IDGATE_CALLBACK_RETRY_SCHEDULE: '1,1,1,1', IDGATE_CALLBACK_TIMEOUT_SECONDS: '1' } });
    });
    afterAll(() => s?.close());

    const create = async (callbackurl: string, extra: Record<string, unknown> = {}) =>
      (await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl, customid: 'cust-7', expiry: 600, ...extra })).json;

    it('sends the expired callback exactly as the reference shows it, signed two ways', async () => {
      const rx = await startReceiver();
      try {
        const { reference } = await create(rx.url);
        await expireNow(s, reference);
        const [got] = await rx.waitFor(1);
        expect(Object.keys(got.json).sort()).toEqual(['customid', 'failcode', 'failreason', 'hash', 'reference', 'success']);
        expect(got.json).toMatchObject({ success: false, reference, customid: 'cust-7', failreason: 'Session expired', failcode: 0 });
        expect(got.headers['content-type']).toBe('application/json');
        // The DocuPass hash validates through the API and through the official client.
        const v = await postJson(`${s.url}/docupass/validate`, { apikey: s.key, reference, hash: got.json.hash });
        expect(v.json).toEqual({ success: true, reference });
        expect(await new DocuPass(s.key, 'Acme', s.base).validate(reference, got.json.hash)).toBe(true);
        // The Standard Webhooks signature verifies with the account's secret.
        const account = await s.comp.deps.accounts.getAccount(s.accountId);
        const verified = new Webhook(account!.webhook_secret).verify(got.body, got.headers as Record<string, string>);
        expect(verified).toEqual(got.json);
        expect(() => new Webhook(account!.webhook_secret).verify(got.body.replace('cust-7', 'cust-8'), got.headers as Record<string, string>)).toThrow();
        expect((await s.comp.deps.sessions.findByReference(reference))?.state).toBe('expired');
        // The expired link shows the expiry page.
        expect(await (await fetch(`${s.url}/${reference}`)).text()).toContain('expired');
      } finally {
        await rx.close();
      }
    });

    it('retries on the schedule after a failure, a timeout and a refused connection, then stops on 200', async () => {
      const rx = await startReceiver(['fail', 'timeout', 'close', 'ok', 'ok']);
      try {
        const { reference } = await create(rx.url);
        await expireNow(s, reference);
        const got = await rx.waitFor(4, 40_000);
        const gaps = got.slice(1).map((g, i) => g.at - got[i].at);
        // Schedule 1 s between attempts (plus the 1 s timeout on the second).
        for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
        await new Promise((r) => setTimeout(r, 2500));
        expect(rx.received.length).toBe(4);
        const log = await postJson(`${s.url}/docupass/deliveries`, { apikey: s.key, reference });
        const [delivery] = log.json.items;
        expect(delivery.state).toBe('delivered');
        expect(delivery.log.map((a: { status: number | null }) => a.status)).toEqual([503, null, null, 200]);
        expect(delivery.log[0].response).toBe('down for maintenance');
        expect(delivery.log[1].error).toMatch(/timed out/);
        expect(delivery.log[2].error).toBeTruthy();
        expect(new Set(got.map((g) => g.headers['webhook-id'])).size).toBe(1);
        // A manual resend makes one more attempt, logged as such.
        const again = await postJson(`${s.url}/docupass/redeliver`, { apikey: s.key, reference });
        expect(again.json.success).toBe(true);
        await rx.waitFor(5);
        const after = await postJson(`${s.url}/docupass/deliveries`, { apikey: s.key, reference });
        expect(after.json.items[0].log.at(-1)).toMatchObject({ trigger: 'manual', status: 200 });
      } finally {
        await rx.close();
      }
    });

    it('gives up after four retries', async () => {
      const rx = await startReceiver(['fail', 'fail', 'fail', 'fail', 'fail', 'fail']);
      try {
        const { reference } = await create(rx.url);
        await expireNow(s, reference);
        await rx.waitFor(5, 40_000);
        await new Promise((r) => setTimeout(r, 2500));
        expect(rx.received.length).toBe(5);
        const log = await postJson(`${s.url}/docupass/deliveries`, { apikey: s.key, reference });
        expect(log.json.items[0]).toMatchObject({ state: 'failed', attempts: 5 });
      } finally {
        await rx.close();
      }
    });

    it('keeps delivery logs per account and refuses unknown references', async () => {
      const bad = await postJson(`${s.url}/docupass/redeliver`, { apikey: s.key, reference: 'ZZZZ2222ZZZZ' });
      expect(bad.json.error.code).toBe(1002);
      const malformed = await postJson(`${s.url}/docupass/deliveries`, { apikey: s.key, reference: 'x' });
      expect(malformed.json.error.code).toBe(1002);
    });
  });
}
