import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, type TestServer } from '../helpers/test-server.ts';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { findTraces as scanAll } from '../helpers/privacy-scan.ts';
import { runRetentionSweep, setAccountPolicy } from '../../src/services/privacy/retention-sweep.ts';
import type { TestS3 } from '../helpers/s3-server.ts';
import { startPrivacyStack, verifyGeneratedPassport, type PrivacyStack } from '../helpers/privacy-stack.ts';

const pgAvailable = await postgresReachable();
const HOUR = 3600_000;

/**
 * Retention runs on the server's clock: the test moves it forward instead of waiting. The
 * background sweep (every second in tests) and an explicit sweep may both erase: erasure is
 * idempotent, so the assertions read the erasure log, not who did it. File stores: disk and S3 (s3rver).
 */
for (const dialect of DIALECTS) for (const store of ['disk', 's3'] as const) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`privacy retention and verify-then-forget on ${dialect} (${store} file store)`, () => {
    let stack: PrivacyStack;
    let s: TestServer;
    let s3: TestS3 | undefined;
    const findTraces = (srv: TestServer, needles: Buffer[]) => scanAll(srv, needles, s3);
    let offset = 0;

    async function verify(seed: number, extra: Record<string, unknown> = {}) {
      const p = await verifyGeneratedPassport(stack, seed, (d) => ({ customid: `c-${seed}`, verify_name: `${d.identity.given.join(' ')} ${d.identity.surname}`, ...extra }));
      const { doc } = p;
      const mid = Math.floor(p.documentImage.length / 2);
      return { reference: p.reference, callback: p.callback, surname: doc.identity.surname, imageNeedle: p.documentImage.subarray(mid, mid + 48), numberNeedle: Buffer.from(doc.identity.documentNumber) };
    }
    const erasures = async (ref: string) => (await postJson(`${s.url}/privacy/erasures`, { apikey: s.key, reference: ref })).json.items as Array<{ level: string; reason: string }>;
    const waitErasure = async (ref: string, level: string) => {
      const end = Date.now() + 30_000;
      while (Date.now() < end) {
        if ((await erasures(ref)).some((e) => e.level === level)) return;
        await runRetentionSweep(s.comp.deps).catch(() => []);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no ${level} erasure of ${ref}`);
    };

    beforeAll(async () => {
      stack = await startPrivacyStack(dialect, store, { clock: () => Date.now() + offset, env: { IDGATE_RETENTION: '1h', IDGATE_RECORD_RETENTION: '5y' } });
      ({ s, s3 } = stack);
    }, 120_000);
    afterAll(() => stack?.close());

    it('past the retention the images, payloads and descriptors go and the verification record stays; past the record retention the rest goes', async () => {
      const p = await verify(8101);
      const vaultid = p.callback.vaultid as string;
      // Not yet due: nothing erased.
      await runRetentionSweep(s.comp.deps);
      expect(await erasures(p.reference)).toEqual([]);
      expect((await findTraces(s, [p.imageNeedle])).length).toBeGreaterThan(0);

      offset += 2 * HOUR;
      await waitErasure(p.reference, 'media');
      expect(await findTraces(s, [p.imageNeedle]), 'image bytes').toEqual([]);
      const entry = (await postJson(`${s.url}/vault/get`, { apikey: s.key, id: vaultid })).json;
      const rec = entry.data ?? entry;
      expect(rec.lastName, JSON.stringify(entry)).toBe(p.callback.data.lastName);
      expect(rec.image).toEqual([]);
      expect((await s.comp.deps.callbacks.findDeliveries(s.accountId, p.reference))[0]).toBeTruthy();

      offset += 6 * 365 * 24 * HOUR;
      await waitErasure(p.reference, 'full');
      const traces = await findTraces(s, [Buffer.from(p.surname), Buffer.from(p.callback.data.lastName), p.numberNeedle, p.imageNeedle]);
      expect(traces, JSON.stringify(traces)).toEqual([]);
      expect((await postJson(`${s.url}/vault/get`, { apikey: s.key, id: vaultid })).json.error).toBeTruthy();
      expect((await erasures(p.reference)).map((e) => `${e.level}:${e.reason}`)).toEqual(['media:retention', 'full:record-retention']);
      const row = (await s.comp.deps.privacy!.findSessions(undefined, { reference: p.reference }))[0]!;
      expect(row).toMatchObject({ state: p.callback.success ? 'succeeded' : 'failed', customid: null });
    });

    it('a verify-then-forget session delivers its callback and leaves nothing personal behind', async () => {
      const p = await verify(8202, { verify_then_forget: true });
      expect(p.callback.data.lastName.length).toBeGreaterThan(2);
      await waitErasure(p.reference, 'full');
      expect((await erasures(p.reference))[0]).toMatchObject({ level: 'full', reason: 'verify-then-forget' });
      const traces = await findTraces(s, [Buffer.from(p.surname), Buffer.from(p.callback.data.lastName), p.numberNeedle, p.imageNeedle]);
      expect(traces, JSON.stringify(traces)).toEqual([]);
      const row = (await s.comp.deps.privacy!.findSessions(undefined, { reference: p.reference }))[0]!;
      expect(row.options).toMatchObject({ verify_then_forget: true, verify_name: true });
      expect([0, 1]).toContain(row.outcome_success);
    });

    it('the account default makes every session verify-then-forget; claims-only callbacks carry no data or images', async () => {
      await setAccountPolicy(s.comp.deps, s.accountId, { verifyThenForget: true });
      const p = await verify(8303, { callback_claims_only: true, verify_name: undefined });
      const cb = p.callback;
      expect(Object.keys(cb)).toEqual(['success', 'reference', 'hash', 'customid', ...(cb.success ? [] : ['failreason', 'failcode']), 'claims', 'verification']);
      expect(cb.claims).toMatchObject({ over_18: expect.any(Boolean), document_valid: expect.any(Boolean), name_matched: null });
      const raw = JSON.stringify(cb);
      expect(raw).not.toContain(p.surname);
      expect(raw).not.toContain(p.numberNeedle.toString());
      await waitErasure(p.reference, 'full');
      expect((await findTraces(s, [Buffer.from(p.surname), p.numberNeedle, p.imageNeedle])).length).toBe(0);
      await setAccountPolicy(s.comp.deps, s.accountId, { verifyThenForget: false });
    });
  });
}
