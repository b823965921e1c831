import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { classifyPhone, confirmPhoneCode, getPhoneStepState, getVerifiedPhone, PHONE_LIMITS, sendPhoneCode } from '../../src/services/phone/phone-verification.ts';

const pgAvailable = await postgresReachable();

/** Last code sent to `to`, read from the outbox the default adapter writes. */
function lastCode(dataDir: string, to: string): { code: string; channel: string } {
  const lines = fs.readFileSync(path.join(dataDir, 'sms-outbox.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const msg = lines.filter((m) => m.to === to).at(-1);
  return { code: /(\d{6})/.exec(msg.body)![1], channel: msg.channel };
}

describe('phone number typing (libphonenumber-js/max)', () => {
  it('types mobiles, landlines and refuses non-numbers and premium lines', () => {
    expect(classifyPhone('+447911123456')).toEqual({ number: '+447911123456', type: 'mobile' });
    expect(classifyPhone('+442079460958')).toEqual({ number: '+442079460958', type: 'landline' });
    expect(classifyPhone('020 7946 0958', 'GB')).toEqual({ number: '+442079460958', type: 'landline' });
    expect(classifyPhone('+33612345678').type).toBe('mobile');
    expect(() => classifyPhone('+44123')).toThrow(/not a valid phone number/);
    expect(() => classifyPhone('+449098790000')).toThrow(/cannot receive a code/);
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`phone verification on ${dialect}`, () => {
    let s: TestServer;
    let now = Date.UTC(2030, 0, 1);
    const create = async (body: Record<string, unknown>) =>
      (await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: 'https://example.com/cb', ...body })).json.reference as string;

    beforeAll(async () => {
      s = await startTestServer({ dialect, clock: () => now });
    });
    afterAll(() => s?.close());

    it('sends an SMS code to a mobile, verifies it and reports the number', async () => {
      const ref = await create({ phoneverification: true });
      const deps = s.comp.deps;
      expect(await getVerifiedPhone(deps, ref)).toBeNull();
      expect(await sendPhoneCode(deps, ref, { number: '+44 7911 123456' })).toEqual({ number: '+447911123456', type: 'mobile', channel: 'sms' });
      const { code, channel } = lastCode(s.dataDir, '+447911123456');
      expect(channel).toBe('sms');
      await expect(confirmPhoneCode(deps, ref, code === '000000' ? '111111' : '000000')).rejects.toMatchObject({ reason: 'wrong_code' });
      expect(await confirmPhoneCode(deps, ref, code)).toEqual({ number: '+447911123456', type: 'mobile' });
      expect(await getVerifiedPhone(deps, ref)).toEqual({ number: '+447911123456', type: 'mobile' });
      expect((await getPhoneStepState(deps, ref)).verified).toBe(true);
    });

    it('calls a landline with the code by voice', async () => {
      const ref = await create({ phoneverification: true });
      expect((await sendPhoneCode(s.comp.deps, ref, { number: '+442079460958' })).channel).toBe('voice');
      expect(lastCode(s.dataDir, '+442079460958').channel).toBe('voice');
    });

    it('rate-limits resends, caps sends, expires codes and limits attempts', async () => {
      const ref = await create({ phoneverification: true });
      const deps = s.comp.deps;
      await sendPhoneCode(deps, ref, { number: '+33612345678' });
      await expect(sendPhoneCode(deps, ref, { number: '+33612345678' })).rejects.toMatchObject({ reason: 'resend_too_soon', retryAfterSeconds: 30 });
      now += PHONE_LIMITS.resendIntervalMs;
      await sendPhoneCode(deps, ref, { number: '+33612345678' });
      const { code } = lastCode(s.dataDir, '+33612345678');
      now += PHONE_LIMITS.codeTtlMs;
      await expect(confirmPhoneCode(deps, ref, code)).rejects.toMatchObject({ reason: 'code_expired' });
      await sendPhoneCode(deps, ref, { number: '+33612345678' });
      const fresh = lastCode(s.dataDir, '+33612345678').code;
      const wrong = fresh === '123456' ? '654321' : '123456';
      for (let i = 0; i < PHONE_LIMITS.maxAttempts; i++) await expect(confirmPhoneCode(deps, ref, wrong)).rejects.toMatchObject({ reason: 'wrong_code' });
      await expect(confirmPhoneCode(deps, ref, fresh)).rejects.toMatchObject({ reason: 'too_many_attempts' });
      for (let sent = 3; sent < PHONE_LIMITS.maxSends; sent++) {
        now += PHONE_LIMITS.resendIntervalMs;
        await sendPhoneCode(deps, ref, { number: '+33612345678' });
      }
      now += PHONE_LIMITS.resendIntervalMs;
      await expect(sendPhoneCode(deps, ref, { number: '+33612345678' })).rejects.toMatchObject({ reason: 'too_many_sends' });
    });

    it('uses the fixed verify_phone number and refuses another', async () => {
      const ref = await create({ verify_phone: '+447911123457' });
      const deps = s.comp.deps;
      expect((await getPhoneStepState(deps, ref)).fixedNumber).toBe('+447911123457');
      await expect(sendPhoneCode(deps, ref, { number: '+447911123999' })).rejects.toMatchObject({ reason: 'fixed_number' });
      expect((await sendPhoneCode(deps, ref, {})).number).toBe('+447911123457');
      await confirmPhoneCode(deps, ref, lastCode(s.dataDir, '+447911123457').code);
      expect(await getVerifiedPhone(deps, ref)).toEqual({ number: '+447911123457', type: 'mobile' });
    });

    it('refuses sessions that do not verify a phone', async () => {
      const ref = await create({});
      await expect(sendPhoneCode(s.comp.deps, ref, { number: '+447911123456' })).rejects.toMatchObject({ reason: 'not_required' });
    });
  });
}
