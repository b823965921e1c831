import { postJson, startTestServer, type TestServer } from './test-server.ts';
import { startReceiver } from './callback-receiver.ts';
import type { TestDialect } from './databases.ts';

/** A server with one engine thread and a callback receiver: create DocuPass sessions, wait for their callbacks. */
export type CallbackSessionStack = {
  s: TestServer;
  /** POST /docupass/create with the receiver as callback URL (type 1, authenticity not scored, one attempt) plus `extra`. */
  create(extra: Record<string, unknown>): Promise<any>;
  /** The callback body for a reference, waiting up to 240 s (engines under a loaded CI machine). */
  callbackFor(reference: string): Promise<any>;
  close(): Promise<void>;
};

export async function startCallbackSessionStack(dialect: TestDialect): Promise<CallbackSessionStack> {
  const s = await startTestServer({ dialect, env: { IDGATE_WORKER_THREADS: '1' } });
  const rx = await startReceiver();
  return {
    s,
    create: async (extra) => (await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, authenticate_minscore: 0, maxattempt: 1, ...extra })).json,
    async callbackFor(reference) {
      const end = Date.now() + 240_000;
      while (Date.now() < end) {
        const hit = rx.received.find((r) => r.json?.reference === reference);
        if (hit) return hit.json;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no callback for ${reference}`);
    },
    async close() {
      await rx.close();
      await s.close();
    },
  };
}
