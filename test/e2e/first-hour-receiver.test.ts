import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { freePort } from '../helpers/processes.ts';

/**
 * The receiver the README teaches (docs/examples/callback-receiver.mjs), run unchanged against a
 * real server: it accepts idgate's callback (signature and DocuPass hash) and refuses a forgery,
 * before and after a secret rotation.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { IDGATE_CALLBACK_RETRY_SCHEDULE: '1,1', IDGATE_CALLBACK_TIMEOUT_SECONDS: '5' } });
});
afterAll(() => s?.close());

async function startExample(secret: string): Promise<{ url: string; lines: string[]; waitFor: (re: RegExp) => Promise<string>; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.resolve('docs/examples/callback-receiver.mjs')], {
    env: { ...process.env, IDGATE_URL: s.url, IDGATE_API_KEY: s.key, IDGATE_WEBHOOK_SECRET: secret, PORT: String(port) },
  });
  const lines: string[] = [];
  child.stdout!.on('data', (d: Buffer) => lines.push(...d.toString().trim().split('\n')));
  const waitFor = async (re: RegExp) => {
    for (let i = 0; i < 300; i++) {
      const hit = lines.find((l) => re.test(l));
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`receiver never printed ${re}: ${lines.join('\n')}`);
  };
  await waitFor(/^listening on/);
  return { url: `http://127.0.0.1:${port}/callback`, lines, waitFor, stop: () => child.kill() };
}

async function finishedSession(callbackurl: string): Promise<string> {
  const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl });
  await s.comp.database.db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).where('reference', '=', json.reference).execute();
  return json.reference;
}

describe("the README's callback receiver", () => {
  it('accepts real callbacks before and after rotation and refuses forged ones', { timeout: 120_000 }, async () => {
    const { json: secret } = await postJson(`${s.url}/webhook/secret`, { apikey: s.key });
    const rx = await startExample(secret.secret);
    try {
      const ref = await finishedSession(rx.url);
      expect(JSON.parse(await rx.waitFor(new RegExp(ref)))).toEqual({ accepted: ref, success: false, failcode: 0 });

      // A forgery: right shape, no valid signature.
      const forged = await fetch(rx.url, { method: 'POST', headers: { 'webhook-id': 'x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' }, body: JSON.stringify({ reference: ref, success: true, hash: '0'.repeat(32) }) });
      expect(forged.status).toBe(400);
      // Signed properly but with a made-up outcome: the DocuPass hash check refuses it.
      const { Webhook } = await import('standardwebhooks');
      const body = JSON.stringify({ reference: ref, success: true, hash: 'f'.repeat(32) });
      const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) };
      const signature = new Webhook(secret.secret).sign('msg_1', new Date(), body);
      const lying = await fetch(rx.url, { method: 'POST', headers: { ...headers, 'webhook-signature': signature }, body });
      expect(lying.status).toBe(400);
      expect(await lying.text()).toBe('bad hash');

      // Rotate: the receiver still on the old secret keeps accepting during the overlap …
      const { json: rotated } = await postJson(`${s.url}/webhook/secret/rotate`, { apikey: s.key });
      expect(rotated.previous.secret).toBe(secret.secret);
      const during = await finishedSession(rx.url);
      await rx.waitFor(new RegExp(during));
    } finally {
      rx.stop();
    }
    // … and one switched to the new secret accepts too.
    const { json: now } = await postJson(`${s.url}/webhook/secret`, { apikey: s.key });
    const rx2 = await startExample(now.secret);
    try {
      const after = await finishedSession(rx2.url);
      await rx2.waitFor(new RegExp(after));
    } finally {
      rx2.stop();
    }
  });
});
