import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreAPI } from 'idanalyzer';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { makePassportPage, photograph } from '../fixtures/authenticity/make-id-document.ts';

/**
 * The Core API (`POST /`) with `authenticate` as the official client's enableAuthentication()
 * sends it: the real document reader in the engine pool, then the `authenticity.check` task.
 */
describe('Core API authentication block', () => {
  let s: TestServer;
  let genuine: Buffer;
  let specimen: Buffer;
  beforeAll(async () => {
    s = await startTestServer({ jobs: false });
    genuine = (await photograph(await makePassportPage({ surname: 'OKONKWO', given: 'CHIDI', number: 'A0913746', issuer: 'NGA', birth: '910722', sex: 'M', expiry: '300115' }))).jpeg;
    specimen = (await photograph(await makePassportPage({ surname: 'ERIKSSON', given: 'ANNA MARIA', number: 'L898902C3', issuer: 'UTO', birth: '740812', sex: 'F', expiry: '300415' }))).jpeg;
  }, 60_000);
  afterAll(() => s?.close());

  it('returns score, nine-check breakdown and warnings for module 2, without internal measurements', async () => {
    const api = new CoreAPI(s.key, `${s.url}/`);
    api.enableAuthentication(true, 2);
    const r = await api.scan({ document_primary: genuine.toString('base64') });
    expect(r.error).toBeUndefined();
    expect(r.result.lastName).toBe('OKONKWO');
    expect(Object.keys(r.authentication).sort()).toEqual(['breakdown', 'score', 'warning']);
    expect(Object.keys(r.authentication.breakdown)).toHaveLength(9);
    expect(r.authentication.breakdown.text_analysis).toEqual({ passed: true });
    expect(r.authentication.breakdown.publicity_check).toEqual({ passed: true });
    // The generated page carries a drawn silhouette, not a face: the portrait checks say so.
    expect(r.authentication.breakdown.biometric_analysis).toEqual({ passed: false, reason: 'No portrait was found on the document' });
    expect(r.authentication.warning).toContain('No portrait was found on the document');
  }, 180_000);

  it('runs only publicity and text analysis for quick, and flags the ICAO specimen', async () => {
    const api = new CoreAPI(s.key, `${s.url}/`);
    api.enableAuthentication(true, 'quick');
    const r = await api.scan({ document_primary: specimen.toString('base64') });
    expect(Object.keys(r.authentication.breakdown).sort()).toEqual(['publicity_check', 'text_analysis']);
    expect(r.authentication.breakdown.publicity_check.passed).toBe(false);
    expect(r.authentication.score).toBeLessThan(0.3);
  }, 180_000);

  it('leaves the block out when authentication is not asked for', async () => {
    const r = await new CoreAPI(s.key, `${s.url}/`).scan({ document_primary: specimen.toString('base64') });
    expect(r.authentication).toBeUndefined();
  }, 180_000);
});
