import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver, type Received } from '../helpers/callback-receiver.ts';

const pgAvailable = await postgresReachable();
const run = promisify(execFile);
const BIN = path.resolve('bin/idgate.mjs');

/** `idgate webhook secret …` against the test server's own database, as an operator runs it. */
async function cli(s: TestServer, ...args: string[]): Promise<{ secret: string; previous: { secret: string; valid_until: string } | null; account: string }> {
  const env = { ...process.env, IDGATE_DATA_DIR: s.dataDir, DATABASE_URL: s.config.databaseUrl ?? '', LOG_LEVEL: 'warn' };
  const { stdout } = await run(process.execPath, [BIN, 'webhook', 'secret', '--json', ...args], { env });
  return JSON.parse(stdout);
}

const verifies = (secret: string, got: Received) => {
  try {
    new Webhook(secret).verify(got.body, got.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
};

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`webhook signing secret on ${dialect}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer({ dialect, env: { IDGATE_CALLBACK_RETRY_SCHEDULE: '1,1', IDGATE_CALLBACK_TIMEOUT_SECONDS: '2' } });
    });
    afterAll(() => s?.close());

    /** One finished session's callback (an expired session is the quickest real outcome). */
    async function oneCallback(): Promise<Received> {
      const rx = await startReceiver();
      try {
        const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, expiry: 600 });
        await s.comp.database.db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).where('reference', '=', json.reference).execute();
        const [got] = await rx.waitFor(1);
        // The DocuPass hash checks out through /docupass/validate, as a receiver does it.
        const v = await postJson(`${s.url}/docupass/validate`, { apikey: s.key, reference: got.json.reference, hash: got.json.hash });
        expect(v.json).toEqual({ success: true, reference: json.reference });
        return got;
      } finally {
        await rx.close();
      }
    }

    it('the secret from the CLI verifies callbacks before and after rotation; both sign during the overlap', { timeout: 120_000 }, async () => {
      const first = await cli(s, '--account', s.accountId);
      expect(first.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      expect(first.previous).toBeNull();
      const api = await postJson(`${s.url}/webhook/secret`, { apikey: s.key });
      expect(api.json.secret).toBe(first.secret);

      const before = await oneCallback();
      expect(String(before.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(verifies(first.secret, before)).toBe(true);

      const rotated = await cli(s, '--account', s.accountId, '--rotate');
      expect(rotated.secret).not.toBe(first.secret);
      expect(rotated.previous?.secret).toBe(first.secret);
      expect(Date.parse(rotated.previous!.valid_until) - Date.now()).toBeGreaterThan(23 * 3600_000);

      // During the overlap a receiver still on the old secret and one already on the new both accept.
      const during = await oneCallback();
      expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verifies(rotated.secret, during)).toBe(true);
      expect(verifies(first.secret, during)).toBe(true);
      expect(verifies(`whsec_${Buffer.alloc(24, 7).toString('base64')}`, during)).toBe(false);
      expect(verifies(rotated.secret, { ...during, body: during.body.replace('"success":false', '"success":true') })).toBe(false);

      // Rotating through the API with no overlap: only the newest secret signs.
      const again = await postJson(`${s.url}/webhook/secret/rotate`, { apikey: s.key, overlap_hours: 0 });
      expect(again.json.secret).toMatch(/^whsec_/);
      expect(again.json.previous).toBeNull();
      expect((await cli(s, '--account', s.accountId)).secret).toBe(again.json.secret);
      const after = await oneCallback();
      expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(verifies(again.json.secret, after)).toBe(true);
      expect(verifies(rotated.secret, after)).toBe(false);
    });

    it('refuses a bad overlap and a missing key with DocuPass error bodies', async () => {
      expect((await postJson(`${s.url}/webhook/secret/rotate`, { apikey: s.key, overlap_hours: 10_000 })).json.error.code).toBe(1002);
      expect((await postJson(`${s.url}/webhook/secret`, {})).json.error.code).toBe(1);
      expect((await postJson(`${s.url}/webhook/secret`, { apikey: 'idg_nope_nope_nope_nope' })).json.error.code).toBe(1);
    });
  });
}
