// With S3 storage nothing idgate keeps may land on the machine's disk: the development SMS
// outbox and the generated contract-signing PKCS#12 go to the bucket (encrypted like every file),
// on a real S3-compatible server (s3rver). The scale-out test checks the same across processes.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileCipher } from '../../src/adapters/file-store-cipher.ts';
import { SMS_OUTBOX_PREFIX } from '../../src/adapters/sms-outbox.ts';
import { createSelfSignedP12 } from '../../src/engines/contracts/signing-identity.ts';
import { loadContractSigningIdentity, SIGNING_KEY_PREFIX } from '../../src/services/contracts/contract-signing-key.ts';
import { scrubSmsOutbox } from '../../src/services/privacy/sms-outbox-scrub.ts';
import { startS3, storedObjects, type TestS3 } from '../helpers/s3-server.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

const PHONE = '+4915112345678';

async function keysUnder(s: TestServer, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const k of s.comp.deps.files.list(prefix)) out.push(k);
  return out.sort();
}

describe('S3 storage: the SMS outbox and the contract signing key live in the bucket', () => {
  let s3: TestS3;
  let s: TestServer;
  beforeAll(async () => {
    s3 = await startS3('local-writes');
    s = await startTestServer({ env: { ...s3.env, IDGATE_ENCRYPTION_KEY: randomBytes(32).toString('hex') }, jobs: false });
  });
  afterAll(async () => {
    await s?.close();
    await s3?.close();
  });

  it('writes each SMS as an encrypted object, none to data/sms-outbox.jsonl, and erasure scrubs them', async () => {
    const created = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Outbox', type: 1, sms_verification_link: PHONE });
    expect(created.status).toBe(200);
    expect(created.json.smssent ?? PHONE).toBe(PHONE);
    const keys = await keysUnder(s, `${SMS_OUTBOX_PREFIX}/`);
    expect(keys).toHaveLength(1);
    const message = JSON.parse((await s.comp.deps.files.get(keys[0]!)).toString('utf8'));
    expect(message).toMatchObject({ to: PHONE, purpose: 'sms_verification_link' });
    expect(message.body).toContain('Outbox: continue here');
    expect(fs.existsSync(path.join(s.dataDir, 'sms-outbox.jsonl'))).toBe(false);
    const raw = storedObjects(s3).find((o) => o.key === keys[0]);
    expect(FileCipher.isSealed(raw!.bytes)).toBe(true);
    expect(raw!.bytes.includes(Buffer.from(PHONE))).toBe(false);

    // Another number's message stays; this number's goes.
    await s.comp.deps.sms.send({ to: '+4915199999999', body: 'other', purpose: 'test' });
    expect(await scrubSmsOutbox(s.dataDir, PHONE, s.comp.deps.files)).toBe(1);
    const left = await keysUnder(s, `${SMS_OUTBOX_PREFIX}/`);
    expect(left).toHaveLength(1);
    expect(JSON.parse((await s.comp.deps.files.get(left[0]!)).toString('utf8')).to).toBe('+4915199999999');
  });

  it('keeps the generated contract signing PKCS#12 in the bucket, not in the data dir, and every process agrees on the oldest', async () => {
    const deps = s.comp.deps;
    const first = await loadContractSigningIdentity(deps, {});
    expect((await loadContractSigningIdentity(deps, {})).fingerprint256).toBe(first.fingerprint256);
    const candidates = await keysUnder(s, `${SIGNING_KEY_PREFIX}/`);
    expect(candidates).toHaveLength(1);
    expect(fs.existsSync(path.join(s.dataDir, 'keys', 'contract-signing.p12'))).toBe(false);
    const raw = storedObjects(s3).find((o) => o.key === candidates[0]);
    expect(FileCipher.isSealed(raw!.bytes)).toBe(true);

    // A process that started at the same moment wrote an older candidate: everyone moves to it.
    const older = createSelfSignedP12({ commonName: 'idgate contract signing (other process)', now: 1 });
    await deps.files.put(`${SIGNING_KEY_PREFIX}/${'0'.repeat(14)}1-racer.p12`, older);
    const agreed = await loadContractSigningIdentity(deps, {});
    expect(agreed.fingerprint256).not.toBe(first.fingerprint256);
    expect(agreed.subject).toContain('other process');
  });
});
