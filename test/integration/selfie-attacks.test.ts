import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnginePool } from '../../src/engines/pool/engine-pool.ts';
import type { Composition } from '../../src/compose.ts';
import { callbackFor, FACE_A1, FACE_A2, hasShared, passportWithFace, sharedFile } from '../helpers/browser.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

const pgAvailable = await postgresReachable();
if (!hasShared) console.warn('selfie attack pipeline tests skipped: ../shared/data is absent');

/** The specimen passport's portrait box, where passportWithFace prints the face. */
const PORTRAIT = { left: 128, top: 215, width: 302, height: 405 };
const REPLAY_REASON = 'The selfie appears to be a photo of the identity document, not a live picture of you.';

/**
 * Through the whole pipeline (create → verify job in the engine pool → decision → callback) on
 * both databases: the portrait of the very document, cropped and uploaded as the selfie, is
 * refused with fail code 3 and the replay sentence; another photo of the same person passes.
 * One engine pool (one model load) serves both servers.
 */
describe.skipIf(!hasShared)('selfie presentation attacks through the pipeline', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-selfie-attacks-'));
  const pool = new EnginePool({ threads: 1 });
  let documentB64: string;
  let replayB64: string;
  let genuineB64: string;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    const doc = fs.readFileSync(await passportWithFace(FACE_A1, path.join(tmp, 'passport.jpg')));
    const m = 30;
    const crop = await sharp(doc).extract({ left: PORTRAIT.left - m, top: PORTRAIT.top - m, width: PORTRAIT.width + 2 * m, height: PORTRAIT.height + 2 * m }).resize(440).jpeg({ quality: 85 }).toBuffer();
    documentB64 = doc.toString('base64');
    replayB64 = crop.toString('base64');
    genuineB64 = fs.readFileSync(sharedFile(FACE_A2)).toString('base64');
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx?.close();
    await pool.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const dialect of DIALECTS) {
    describe.skipIf(dialect === 'postgres' && !pgAvailable)(`on ${dialect}`, () => {
      let s: TestServer;
      beforeAll(async () => {
        s = await startTestServer({ dialect, env: { IDGATE_WORKER_THREADS: '1' } });
        // The shared pool: its thread loads the face models once for both databases.
        (s.comp.deps as Composition['deps'] & { engines: EnginePool }).engines = pool;
      });
      afterAll(() => s?.close());

      const verify = async (face: string) => {
        const { json } = await postJson(`${s.url}/docupass/create`, {
          apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, biometric: 1, maxattempt: 1,
          verify_expiry: false, authenticate_minscore: 0, document_base64: documentB64, face_base64: face,
        });
        expect(json.error).toBeUndefined();
        return callbackFor(rx.received, json.reference);
      };

      it('refuses a crop of the document portrait as the selfie: fail code 3 and the replay sentence', async () => {
        const cb = await verify(replayB64);
        expect(cb).toMatchObject({ success: false, failcode: 3, failreason: REPLAY_REASON });
        expect(cb.face.isIdentical).toBe(false);
        // The stored evidence names the check and its measurements.
        const row = await s.comp.database.db.selectFrom('verification_attempts').select('result_key').where('reference', '=', cb.reference).executeTakeFirstOrThrow();
        const stored = JSON.parse((await s.comp.deps.files.get(row.result_key!)).toString('utf8'));
        const pad = stored.evidence.face.comparison.signals.presentationAttack;
        expect(pad.decision).toBe('attack');
        expect(pad.checks.documentReplay).toMatchObject({ status: 'failed', code: 'selfie_document_replay' });
        expect(pad.checks.documentReplay.measurements.replayDistance).toBeLessThan(0.2);
      });

      it('accepts another photo of the same person', async () => {
        const cb = await verify(genuineB64);
        expect(cb, JSON.stringify({ failcode: cb.failcode, failreason: cb.failreason })).toMatchObject({ success: true });
        expect(cb.face.isIdentical).toBe(true);
      });
    });
  }
});
