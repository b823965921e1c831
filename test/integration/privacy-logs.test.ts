import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { compose, type Composition } from '../../src/compose.ts';
import { buildApp } from '../../src/http/app.ts';
import { createApiKey } from '../../src/services/accounts/api-keys.ts';
import { startBackgroundWork } from '../../src/jobs/background-work.ts';
import { postJson } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { createPostgresSchema, DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { generateDocument } from '../fixtures/documents/generate-document.ts';

const pgAvailable = await postgresReachable();

/**
 * A full verification with the logger at debug level, every line captured: create (with the
 * expected name, date of birth, phone and an e-mail custom id), the engines, the callback with
 * signed image links, the links fetched, the vault read, the erasure. The log is then searched
 * for the surname, document number, date of birth, phone number, e-mail, signed links and image
 * bytes.
 */
for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`logs hold no personal data (${dialect}, debug level)`, () => {
    const lines: string[] = [];
    let comp: Composition;
    let url = '';
    let key = '';
    let dataDir = '';
    let drop: (() => Promise<void>) | undefined;
    let background: { stop: () => Promise<void> } | undefined;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let rx: Awaited<ReturnType<typeof startReceiver>>;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-logs-'));
      const pgSchema = dialect === 'postgres' ? await createPostgresSchema() : undefined;
      drop = pgSchema?.drop;
      const config = loadConfig({ IDGATE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', IDGATE_ALLOW_PRIVATE_URLS: 'true', LOG_LEVEL: 'debug', IDGATE_WORKER_THREADS: '1', ...(pgSchema ? { DATABASE_URL: pgSchema.url } : {}) });
      const sink = new Writable({ write: (chunk, _e, cb) => (lines.push(chunk.toString('utf8')), cb()) });
      comp = await compose(config, { logger: pino({ level: 'debug' }, sink) });
      app = await buildApp(comp.deps);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as { port: number }).port;
      url = `http://127.0.0.1:${port}`;
      (comp.deps as { config: typeof config }).config = Object.freeze({ ...comp.deps.config, publicUrl: url });
      key = (await createApiKey(comp.deps, { name: 'logs' })).key;
      background = startBackgroundWork(comp.deps, { sweepMs: 1000 });
      rx = await startReceiver();
    }, 120_000);
    afterAll(async () => {
      await rx?.close();
      await app?.close();
      await background?.stop();
      await comp?.close();
      await drop?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('a full verification leaves no name, number, date of birth, phone, e-mail, signed link or image in the log', async () => {
      const doc = await generateDocument('TD3', 9301, {});
      const id = doc.identity;
      const dob = `${id.birth.y}/${String(id.birth.m).padStart(2, '0')}/${String(id.birth.d).padStart(2, '0')}`;
      const created = await postJson(`${url}/docupass/create`, {
        apikey: key, companyname: 'Acme', type: 1, callbackurl: rx.url, customid: `${id.surname.toLowerCase()}@example.com`, verify_expiry: false, authenticate_minscore: 0.3, return_type: 1,
        verify_name: `${id.given.join(' ')} ${id.surname}`, verify_dob: dob, verify_documentno: id.documentNumber, sms_verification_link: '+14155552671', maxattempt: 1,
        document_base64: doc.front.toString('base64'),
      });
      const reference = created.json.reference as string;
      expect(reference, JSON.stringify(created.json)).toBeTruthy();
      const end = Date.now() + 120_000;
      let hit;
      while (!(hit = rx.received.find((r) => r.json?.reference === reference)) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(hit).toBeTruthy();
      const cb = hit!.json;
      const links: string[] = cb.documentimage.map((i: { url: string }) => i.url);
      expect(links.length).toBeGreaterThan(0);
      for (const l of links) expect((await fetch(l)).status).toBe(200);
      await fetch(`${links[0]}x`); // a bad link is logged too (and refused)
      const entry = (await postJson(`${url}/vault/get`, { apikey: key, id: cb.vaultid })).json;
      const vaultLinks: string[] = ((entry.data ?? entry).image ?? []).map((i: { url: string }) => i.url);
      for (const l of vaultLinks) expect((await fetch(l)).status).toBe(200);
      await fetch(`${url}/${reference}`);
      await postJson(`${url}/docupass/create`, { apikey: key, companyname: 'Acme', type: 1, verify_dob: 'not a date', verify_name: id.surname });
      await postJson(`${url}/privacy/erase`, { apikey: key, reference });
      await new Promise((r) => setTimeout(r, 300));

      const log = lines.join('');
      // The log did record the requests (a log that says nothing would pass trivially).
      expect(log).toContain('"url":"/files/[redacted]"');
      expect(log).toContain('/docupass/create');
      expect(comp.deps.logger.level).toBe('debug');
      const image = await fs.promises.readFile(path.join(dataDir, 'sms-outbox.jsonl'), 'utf8').catch(() => '');
      expect(image).not.toContain('4155552671'); // erased with the session
      const needles = [id.surname, cb.data.lastName, id.documentNumber, cb.data.documentNumber, dob, cb.data.dob, '4155552671', '@example.com', doc.front.toString('base64').slice(2000, 2048), ...links.map((l) => new URL(l).pathname), ...vaultLinks.map((l) => new URL(l).pathname)].filter(Boolean);
      const found = needles.filter((n) => log.includes(n));
      expect(found, found.map((n) => log.split('\n').find((l) => l.includes(n))).join('\n')).toEqual([]);
    });
  });
}
