import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from 'idanalyzer';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { saveVaultEntry } from '../../src/services/vault/vault-save-entry.ts';

const FACES = path.resolve(process.cwd(), '../shared/data/face-verification/images');
const exists = fs.existsSync(FACES);
if (!exists) console.warn(`${FACES} not found: the model-backed vault face search test is skipped`);

/**
 * searchFace through the official client with real photos through the real face model (the
 * face engine's `face.embed` pool task). The model loads once (one worker); SQLite only, since
 * the database side of the search runs on both dialects in vault-api.test.ts.
 */
describe.skipIf(!exists)('Vault searchFace with real faces', () => {
  let s: TestServer;
  let vault: any;
  const ids: Record<string, string> = {};
  const photo = (name: string) => path.join(FACES, name);

  beforeAll(async () => {
    s = await startTestServer({ dialect: 'sqlite' });
    vault = new Vault(s.key, s.base);
    for (const [who, file] of [
      ['obama', 'face_recognition__obama.jpg'],
      ['biden', 'face_recognition__biden_biden.jpg'],
      ['id09', 'deepface__img26.jpg'],
    ]) {
      ids[who] = (await saveVaultEntry(s.comp.deps, s.accountId, { data: { firstName: who.toUpperCase() }, images: [] })).vaultid;
      // addImage type 1 (person) stores the photo and indexes its face descriptor.
      const added = await vault.addImage(ids[who], photo(file), 1);
      expect(added.image.type).toBe(1);
    }
  }, 180_000);
  afterAll(() => s?.close());

  it('finds the same person from another photo, best first, and no one else at the default threshold', async () => {
    for (const [who, probe] of [
      ['obama', 'face_recognition__obama2.jpg'],
      ['biden', 'face_recognition__biden_biden2.jpg'],
      ['id09', 'deepface__img27.jpg'],
    ]) {
      const r = await vault.searchFace(photo(probe), 10, 0.5);
      expect(r.items.map((i: any) => i.id)).toEqual([ids[who]]);
      expect(r.items[0].firstName).toBe(who.toUpperCase());
      expect(Number(r.items[0].face_confidence)).toBeGreaterThanOrEqual(0.5);
      expect(JSON.stringify(r)).not.toMatch(/embedding/);
    }
  });

  it('threshold 0 returns everyone, best first, capped by maxentry', async () => {
    const r = await vault.searchFace(photo('face_recognition__obama3.jpg'), 2, 0);
    expect(r.items).toHaveLength(2);
    expect(r.items[0].id).toBe(ids.obama);
    expect(Number(r.items[0].face_confidence)).toBeGreaterThan(Number(r.items[1].face_confidence));
  });

  it('refuses a probe without a face and bad parameters', async () => {
    const blank = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#777777' } }).jpeg().toBuffer();
    await expect(vault.searchFace(blank.toString('base64'), 10, 0.5)).rejects.toThrow(/^8: No usable face/);
    await expect(vault.searchFace(photo('face_recognition__obama2.jpg'), 11, 0.5)).rejects.toThrow(/^1002: .*maxentry/);
  });

  it('another account finds nothing', async () => {
    const { createApiKey } = await import('../../src/services/accounts/api-keys.ts');
    const other = await createApiKey(s.comp.deps, { name: 'other' });
    const r = await new Vault(other.key, s.base).searchFace(photo('face_recognition__obama2.jpg'), 10, 0);
    expect(r.items).toEqual([]);
  });
});
