import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestDialect } from './databases.ts';
import { postJson, startTestServer, type TestServer } from './test-server.ts';
import { startReceiver } from './callback-receiver.ts';
import { startS3, type TestS3 } from './s3-server.ts';
import { generateDocument, type GeneratedDocument } from '../fixtures/documents/generate-document.ts';

/** What the privacy suites run against: a server on one database and file store, and a callback receiver. */
export type PrivacyStack = { s: TestServer; s3: TestS3 | undefined; rx: Awaited<ReturnType<typeof startReceiver>>; close(): Promise<void> };

/** One engine thread; with S3 an explicit master key, since the bucket holds only ciphertext and nothing is kept on local disk. */
export async function startPrivacyStack(dialect: TestDialect, store: 'disk' | 's3', opts: { clock?: () => number; env?: Record<string, string> } = {}): Promise<PrivacyStack> {
  const s3 = store === 's3' ? await startS3() : undefined;
  const s = await startTestServer({ dialect, clock: opts.clock, env: { IDGATE_WORKER_THREADS: '1', ...opts.env, ...(s3 ? { ...s3.env, IDGATE_ENCRYPTION_KEY: randomBytes(32).toString('hex') } : {}) } });
  const rx = await startReceiver();
  return {
    s, s3, rx,
    async close() {
      await rx.close();
      await s.close();
      await s3?.close();
    },
  };
}

export type VerifiedPassport = { doc: GeneratedDocument; reference: string; callback: any; documentImage: Buffer };

/**
 * A generated passport (seeded; `extra` adds create parameters from its identity) verified through `POST /docupass/create` with the image supplied, waited
 * for until its callback arrives and its delivery is recorded (the payload file is then at rest).
 */
export async function verifyGeneratedPassport(stack: PrivacyStack, seed: number, extra: (doc: GeneratedDocument) => Record<string, unknown> = () => ({})): Promise<VerifiedPassport> {
  const { s, rx } = stack;
  const doc = await generateDocument('TD3', seed, {});
  const created = await postJson(`${s.url}/docupass/create`, {
    apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, verify_expiry: false, authenticate_minscore: 0, return_type: 0,
    maxattempt: 1, document_base64: doc.front.toString('base64'), ...extra(doc),
  });
  const reference = created.json.reference as string;
  expect(reference, JSON.stringify(created.json)).toBeTruthy();
  // The supplied image is stored when create answers; read it now, before a verify-then-forget session erases it.
  const files = await s.comp.deps.sessions.findFiles(s.accountId, reference);
  const key = files.find((f) => f.role === 'document')?.storage_key;
  if (!key) throw new Error(`no stored document image for ${reference}`);
  const documentImage = await s.comp.deps.files.get(key);
  const end = Date.now() + 120_000;
  let hit;
  while (!(hit = rx.received.find((r) => r.json?.reference === reference)) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  expect(hit, 'callback').toBeTruthy();
  while ((await s.comp.deps.callbacks.findDeliveries(s.accountId, reference))[0]?.state !== 'delivered' && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return { doc, reference, callback: hit!.json, documentImage };
}
