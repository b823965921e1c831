import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { makeJpeg } from '../helpers/images.ts';
import { startBackgroundWork } from '../../src/jobs/background-work.ts';
import { confirmPhoneCode, sendPhoneCode } from '../../src/services/phone/phone-verification.ts';

describe('a verification that cannot run at all', () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    s = await startTestServer({ jobs: false, env: { IDGATE_JOB_RETRY_DELAY_SECONDS: '0' } });
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx?.close();
    await s?.close();
  });

  it('ends the session with fail code 99 after its retries instead of leaving it in progress', async () => {
    const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, maxattempt: 1, document_base64: (await makeJpeg()).toString('base64') });
    // The stored document disappears before the job runs (a broken disk, a bad restore).
    const [file] = await s.comp.deps.sessions.findFiles(s.accountId, json.reference);
    fs.rmSync(path.join(s.dataDir, 'files', file.storage_key));
    const background = startBackgroundWork(s.comp.deps, { sweepMs: 1000 });
    try {
      const [got] = await rx.waitFor(1, 60_000);
      expect(got.json).toMatchObject({ success: false, reference: json.reference, failcode: 99 });
      expect(got.json.failreason).toMatch(/Other error/);
      expect((await s.comp.deps.sessions.findByReference(json.reference))?.state).toBe('failed');
    } finally {
      await background.stop();
    }
  });

  it('ends the session with fail code 15 when the user can get no more phone codes', async () => {
    const background = startBackgroundWork(s.comp.deps, { sweepMs: 1000 });
    try {
      const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, phoneverification: true, maxattempt: 3 });
      const deps = s.comp.deps;
      await sendPhoneCode(deps, json.reference, { number: '+447911123456' });
      // Every code has been sent and every try used: the last wrong code ends the phone step.
      await s.comp.database.db.updateTable('phone_verifications').set({ sends: 5, attempts: 5 }).where('reference', '=', json.reference).execute();
      await expect(confirmPhoneCode(deps, json.reference, '000000')).rejects.toMatchObject({ reason: 'too_many_attempts' });
      const got = await rx.waitFor(2, 60_000);
      const mine = got.find((r) => r.json.reference === json.reference)!;
      expect(mine.json).toMatchObject({ success: false, failcode: 15, verification: { passed: false, result: { phone: false } } });
      expect((await s.comp.deps.sessions.findByReference(json.reference))?.state).toBe('failed');
    } finally {
      await background.stop();
    }
  });
});
