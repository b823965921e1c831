import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocuPass, Vault } from 'idanalyzer';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import countries from 'i18n-iso-countries';
import { generateDocument } from '../fixtures/documents/generate-document.ts';
import { toSourceBox } from '../../src/engines/document/side-geometry.ts';
import { DEFAULT_LIVENESS_THRESHOLD } from '../../src/domain/verification/liveness-threshold.ts';

const SHARED = path.resolve(process.cwd(), '../shared/data');
const hasShared = fs.existsSync(SHARED);
if (!hasShared) console.warn('../shared/data is absent: the end-to-end pipeline tests on real documents are skipped');
const img = (p: string) => fs.readFileSync(path.join(SHARED, p)).toString('base64');

const pgAvailable = await postgresReachable();

/** Sessions with every image supplied at create run at once; these follow them to the callback. */
for (const dialect of DIALECTS) describe.skipIf(!hasShared || (dialect === 'postgres' && !pgAvailable))(`verification pipeline over HTTP alone (real OCR and face models) on ${dialect}`, () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    s = await startTestServer({ dialect, env: { IDGATE_WORKER_THREADS: '1' } });
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx?.close();
    await s?.close();
  });

  const create = async (extra: Record<string, unknown>) =>
    (await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, customid: 'c-1', verify_expiry: false, authenticate_minscore: 0, ...extra })).json;
  const callbackFor = async (reference: string) => {
    const end = Date.now() + 120_000;
    while (Date.now() < end) {
      const hit = rx.received.find((r) => r.json?.reference === reference);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no callback for ${reference}`);
  };

  it('reads a passport supplied at create and calls back with the success payload', async () => {
    const { reference, error } = await create({ document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'), aml_check: true, return_type: 1 });
    expect(error).toBeUndefined();
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: true, reference, customid: 'c-1' });
    expect(Object.keys(json)).toEqual(['success', 'reference', 'hash', 'customid', 'data', 'verification', 'aml', 'documentimage', 'faceimage', 'vaultid']);
    expect(json.data).toMatchObject({ documentNumber: 'L898902C3', lastName: 'ERIKSSON', firstName: 'ANNA', documentType: 'P', dob: '1974/08/12', sex: 'F' });
    expect(json.verification.passed).toBe(true);
    expect(json.documentimage).toHaveLength(1);
    const image = await fetch(json.documentimage[0].url);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(await new DocuPass(s.key, 'Acme', s.base).validate(reference, json.hash)).toBe(true);
    const entry = await new Vault(s.key, s.base).get(json.vaultid);
    expect(JSON.stringify(entry)).toContain('ERIKSSON');
  });

  it('fails with code 5 when the name does not match, after the last attempt', async () => {
    const { reference } = await create({ document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'), verify_name: 'John Smith', maxattempt: 1, return_type: 0 });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode: 5, customid: 'c-1' });
    expect(typeof json.failreason).toBe('string');
    expect(json.verification.result.name).toBe(false);
    expect(json.documentimage[0].content.length).toBeGreaterThan(1000);
  });

  it('fails with code 3 when the selfie is of someone else', async () => {
    const { reference } = await create({
      document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'),
      face_base64: img('face-verification/images/deepface__img1.jpg'),
      biometric: 1,
      maxattempt: 1,
    });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode: 3 });
    expect(json.face.isIdentical).toBe(false);
    expect(json.face.confidence).toMatch(/^\d\.\d{3}$/);
    expect(json.faceimage).toHaveLength(1);
  });

  it('fails with code 2 when the authenticity check finds a public specimen', async () => {
    const { reference } = await create({ document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'), authenticate_minscore: 0.3, authenticate_module: 2, maxattempt: 1 });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode: 2 });
    expect(Object.keys(json.authentication.breakdown)).toEqual(expect.arrayContaining(['data_visibility', 'image_quality', 'feature_referencing', 'exif_check', 'publicity_check', 'text_analysis', 'biometric_analysis', 'security_feature_check', 'recapture_check']));
    expect(json.authentication.breakdown.publicity_check.passed).toBe(false);
    expect(json.authentication.warning.join(' ')).toContain('public domain');
    expect(json.authentication.score).toBeLessThan(0.3);
    // Internal measurements never reach the callback.
    expect(JSON.stringify(json.authentication)).not.toContain('details');
  });

  it('fails with code 1 when the image holds no document', async () => {
    const { reference } = await create({ document_base64: img('face-verification/images/deepface__img1.jpg'), maxattempt: 1 });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode: 1 });
  });

  // The specimen passport ERIKSSON ANNA MARIA, L898902C3, born 1974/08/12, expired 2012/04/15, issuer UTO.
  it.each([
    [4, { verify_expiry: true }, 'notexpired'],
    [6, { verify_dob: '1980/01/01' }, 'dob'],
    [9, { verify_age: '18-30' }, 'age'],
    [10, { verify_address: '1 Main Street' }, undefined],
    [13, { documentregion: 'CA' }, undefined],
    [14, { documenttype: 'D' }, 'documenttype'],
    [16, { verify_documentno: 'X0000000' }, 'documentno'],
  ] as const)('fails with code %i and says why', async (failcode, options, resultKey) => {
    const { reference } = await create({ document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'), maxattempt: 1, ...options });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode, reference });
    expect(json.failreason.length).toBeGreaterThan(10);
    expect(Object.keys(json)).toEqual(['success', 'reference', 'hash', 'customid', 'failreason', 'failcode', 'data', 'verification', 'aml', 'documentimage', 'faceimage', 'vaultid']);
    if (resultKey) expect(json.verification.result[resultKey]).toBe(false);
  });

  it('fails with code 12 when the issuing country is not accepted (a generated passport)', async () => {
    const doc = await generateDocument('TD3', 501, {});
    // Accept only a country other than the one that issued it.
    const issuer2 = countries.alpha3ToAlpha2(doc.identity.issuer)!;
    const other = issuer2 === 'NZ' ? 'AU' : 'NZ';
    const { reference } = await create({ document_base64: doc.front.toString('base64'), documentcountry: other, maxattempt: 1 });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode: 12, data: { issuerOrg_iso2: issuer2 } });
    expect(json.verification.result.documentcountry).toBe(false);
  });

  it.each([
    [7, { verify_address: '999 Nowhere Boulevard' }, 'address'],
    [8, { verify_postcode: '00000' }, 'postcode'],
  ] as const)('fails with code %i on a driving licence read from its barcode', async (failcode, options, resultKey) => {
    const licence = await generateDocument('AAMVA', 502, {});
    const { reference } = await create({ document_base64: licence.front.toString('base64'), document_back_base64: licence.back!.toString('base64'), maxattempt: 1, ...options });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode, data: { documentType: 'D', documentNumber: licence.identity.documentNumber } });
    expect(json.data.address1).toBeTruthy();
    expect(json.verification.result[resultKey]).toBe(false);
    expect(json.documentimage.map((i: { side: string }) => i.side)).toEqual(['FRONT', 'BACK']);
  });

  it('fails with code 11 when front and back are different documents (dualsidecheck)', async () => {
    // Generated documents read reliably: a passport page as the front, another person's ID card back.
    const passport = await generateDocument('TD3', 501, {});
    const card = await generateDocument('TD1', 503, {});
    const { reference } = await create({
      document_base64: passport.front.toString('base64'),
      document_back_base64: card.back!.toString('base64'),
      dualsidecheck: true,
      maxattempt: 1,
    });
    const { json } = await callbackFor(reference);
    expect(json).toMatchObject({ success: false, failcode: 11 });
    expect(json.verification.result.dualside).toBe(false);
  });

  it('lets the user retry while attempts are left: no callback yet', async () => {
    const { reference } = await create({ document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'), verify_name: 'John Smith', maxattempt: 2 });
    const end = Date.now() + 60_000;
    while (Date.now() < end && (await s.comp.deps.verificationAttempts.findForReference(reference)).length === 0) await new Promise((r) => setTimeout(r, 200));
    const status = await (await import('../../src/services/session/session-status.ts')).getSessionStatus(s.comp.deps, reference);
    expect(status).toMatchObject({ state: 'opened', attemptsLeft: 1, failcode: 5 });
    expect(rx.received.some((r) => r.json?.reference === reference)).toBe(false);
  });
});

/**
 * Two engine threads, one session: the face step gets a head start from a quick read (no printed
 * zone) beside the full one, and its comparison stands only if it cropped the box the full read
 * gives. The stored decision must equal what the face engine says on the full read's box.
 */
describe.skipIf(!hasShared)('verification pipeline with two engine threads: face step beside the document read', () => {
  let s: TestServer;
  let rx: Awaited<ReturnType<typeof startReceiver>>;
  const tasks: { name: string; visualZone?: string }[] = [];
  beforeAll(async () => {
    s = await startTestServer({ env: { IDGATE_WORKER_THREADS: '2', IDGATE_FACE_HEAD_START: 'true' } });
    rx = await startReceiver();
    const engines = s.comp.deps.engines as { run: (...a: unknown[]) => Promise<unknown> };
    const run = engines.run.bind(engines);
    engines.run = (...a: unknown[]) => {
      tasks.push({ name: a[0] as string, visualZone: (a[1] as { visualZone?: string }).visualZone });
      return run(...a);
    };
  });
  afterAll(async () => {
    await rx?.close();
    await s?.close();
  });

  // Two threads load their models on this first session: minutes on a loaded machine.
  it('starts face.compare on the quick read, keeps it when the boxes agree, and decides as the face engine does on the full read', { timeout: 600_000 }, async () => {
    const { json: created } = await postJson(`${s.url}/docupass/create`, {
      apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url, verify_expiry: false, maxattempt: 1, biometric: 1, aml_check: true, authenticate_minscore: 0.3,
      document_base64: img('mrz-document-images/images/passporteye__passport-td3.jpg'), face_base64: img('face-verification/images/deepface__img1.jpg'),
    });
    const reference = created.reference as string;
    const end = Date.now() + 540_000;
    while (Date.now() < end && !rx.received.some((r) => r.json?.reference === reference)) await new Promise((r) => setTimeout(r, 100));
    const callback = rx.received.find((r) => r.json?.reference === reference)!.json;

    // One full read, one quick read, and a single face comparison (the head start's, reused).
    expect(tasks.filter((t) => t.name === 'document.read').map((t) => t.visualZone).sort()).toEqual(['always', 'never']);
    expect(tasks.filter((t) => t.name === 'face.compare')).toHaveLength(1);

    // The stored comparison is the one the face engine gives on the full read's portrait box.
    const attempt = (await s.comp.deps.verificationAttempts.findForReference(reference))[0]!;
    const stored = JSON.parse((await s.comp.deps.files.get(attempt.result_key!)).toString('utf8'));
    const front = stored.evidence.reading.sides[0];
    const files = await s.comp.deps.sessions.findFiles(s.accountId, reference);
    const bytes = async (role: string) => s.comp.deps.files.get(files.find((f) => f.role === role)!.storage_key);
    const again = await s.comp.deps.engines.run('face.compare', {
      document: await bytes('document'), documentPortraitBox: front.portraitBox && toSourceBox(front, front.portraitBox), selfie: await bytes('face'), threshold: 0.4, livenessThreshold: DEFAULT_LIVENESS_THRESHOLD,
    });
    const c = stored.evidence.face.comparison;
    expect({ isIdentical: c.isIdentical, confidence: c.confidence, distance: c.distance, failure: c.failure?.code, document: c.document }).toEqual({ isIdentical: again.isIdentical, confidence: again.confidence, distance: again.distance, failure: again.failure?.code, document: again.document });
    expect(callback).toMatchObject({ reference, success: stored.decision.passed });
    if (!stored.decision.passed) expect(callback.failcode).toBe(stored.decision.failcode);
  });
});
