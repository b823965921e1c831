import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { postJson, type TestServer } from '../helpers/test-server.ts';
import { DIALECTS, postgresReachable } from '../helpers/databases.ts';
import { findTraces } from '../helpers/privacy-scan.ts';
import type { GeneratedDocument } from '../fixtures/documents/generate-document.ts';
import type { TestS3 } from '../helpers/s3-server.ts';
import { startPrivacyStack, verifyGeneratedPassport, type PrivacyStack } from '../helpers/privacy-stack.ts';

const pgAvailable = await postgresReachable();
const run = promisify(execFile);
const BIN = path.resolve('bin/idgate.mjs');

type Person = { doc: GeneratedDocument; reference: string; vaultid: string; needles: Buffer[]; customid: string; read: { lastName: string; documentNumber: string } };

/**
 * Erasure is proven by looking: after `POST /privacy/erase` the person's surname, document
 * number and image bytes are searched for in the database (SQLite file and WAL byte for byte;
 * every PostgreSQL table as text), in every stored file (as stored and decrypted) and in the rest
 * of the data dir. The same search finds them before the erasure (so the search works), and
 * still finds the other person afterwards (so erasure is scoped). File stores: disk, and S3
 * (s3rver: every object and metadata file it keeps is scanned as bytes).
 */
for (const dialect of DIALECTS) for (const store of ['disk', 's3'] as const) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`privacy erasure and export on ${dialect} (${store} file store)`, () => {
    let stack: PrivacyStack;
    let s: TestServer;
    let s3: TestS3 | undefined;
    const scan = (needles: Buffer[]) => findTraces(s, needles, s3);
    const people: Person[] = [];

    async function verify(seed: number): Promise<Person> {
      const p = await verifyGeneratedPassport(stack, seed, (d) => ({ customid: `cust-${d.identity.surname.toLowerCase()}`, verify_name: `${d.identity.given.join(' ')} ${d.identity.surname}`, verify_documentno: d.identity.documentNumber }));
      const { doc } = p;
      const customid = `cust-${doc.identity.surname.toLowerCase()}`;
      // The engine reads what it reads; the needles are what was given and what was read.
      const read = p.callback.data as { lastName: string; documentNumber: string };
      expect(read.lastName?.length).toBeGreaterThan(2);
      const image = p.documentImage;
      const mid = Math.floor(image.length / 2);
      const needles = [
        Buffer.from(read.lastName),
        Buffer.from(read.documentNumber),
        image.subarray(mid, mid + 48),
        Buffer.from(image.toString('base64').slice(4000, 4064)),
      ];
      if (read.lastName !== doc.identity.surname) needles.push(Buffer.from(doc.identity.surname));
      return { doc, reference: p.reference, vaultid: p.callback.vaultid, needles, customid, read };
    }

    beforeAll(async () => {
      stack = await startPrivacyStack(dialect, store);
      ({ s, s3 } = stack);
      people.push(await verify(7101), await verify(7202));
    }, 300_000);
    afterAll(() => stack?.close());

    it('finds the person everywhere before the erasure (the search works)', async () => {
      const traces = await scan(people[0]!.needles);
      const found = new Set(traces.map((t) => t.needle));
      expect(found.size, JSON.stringify(traces)).toBe(people[0]!.needles.length);
      expect(traces.some((t) => t.where.startsWith('file:vault/'))).toBe(true);
      // The expected name and document number given at create sit in the database in clear.
      expect(traces.some((t) => /^(sqlite|db):/.test(t.where)), JSON.stringify(traces)).toBe(true);
    });

    it('exports everything held about a reference and nothing of anyone else', async () => {
      const [a, b] = people as [Person, Person];
      const res = await fetch(`${s.url}/privacy/export`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': s.key }, body: JSON.stringify({ reference: a.reference }) });
      expect(res.headers.get('content-type')).toBe('application/zip');
      const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
      const doc = JSON.parse(Buffer.from(zip['export.json']!).toString('utf8'));
      const session = doc.sessions[0];
      expect(doc.sessions).toHaveLength(1);
      expect(session.reference).toBe(a.reference);
      expect(session.customid).toBe(a.customid);
      // The vault holds the record and the image: both are in the export, the image byte for byte.
      const vaultGet = await postJson(`${s.url}/vault/get`, { apikey: s.key, id: a.vaultid, return_type: 0 });
      expect(session.vault).toHaveLength(1);
      expect(session.vault[0].record.data.lastName).toBe(a.read.lastName);
      expect(session.vault[0].record.data.documentNumber).toBe(a.read.documentNumber);
      for (const [k, v] of Object.entries(vaultGet.json.data ?? vaultGet.json)) {
        if (['image', 'id', 'createtime', 'updatetime', 'docupass_reference'].includes(k) || typeof v === 'object') continue;
        const rec = session.vault[0].record;
        expect(rec.data[k] ?? rec[k], k).toEqual(v === '' && k === 'docupass_customid' ? a.customid : v);
      }
      const vaultImages = (vaultGet.json.data ?? vaultGet.json).image as Array<{ id: string; content: string }>;
      expect(vaultImages.length).toBeGreaterThan(0);
      for (const img of vaultImages) {
        const file = session.vault[0].images.find((i: { id: string }) => i.id === img.id).file;
        expect(Buffer.from(zip[file]!).equals(Buffer.from(img.content, 'base64'))).toBe(true);
      }
      expect(session.callbacks[0].payload.data.lastName).toBe(a.read.lastName);
      expect(session.verification_attempts[0].result.evidence.reading.data.documentNumber).toBe(a.read.documentNumber);
      // Nothing of the other person anywhere in the archive.
      for (const [name, bytes] of Object.entries(zip)) {
        const buf = Buffer.from(bytes);
        for (const n of b.needles) expect(buf.includes(n), `${name} holds the other person's data`).toBe(false);
        expect(name).not.toContain(b.reference);
      }
      const byCustomid = await fetch(`${s.url}/privacy/export`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apikey: s.key, customid: a.customid }) });
      expect(JSON.parse(Buffer.from(unzipSync(new Uint8Array(await byCustomid.arrayBuffer()))['export.json']!).toString()).sessions[0].reference).toBe(a.reference);
    });

    it('erases one whole session: the surname, document number and image bytes are found nowhere; the record stays', async () => {
      const [a, b] = people as [Person, Person];
      const row = async (ref: string) => (await s.comp.deps.privacy!.findSessions(undefined, { reference: ref })).find((r) => r.reference === ref);
      const before = await row(a.reference);
      const { json } = await postJson(`${s.url}/privacy/erase`, { apikey: s.key, reference: a.reference });
      expect(json.success, JSON.stringify(json)).toBe(true);
      expect(json.erased).toHaveLength(1);
      expect(json.erased[0]).toMatchObject({ reference: a.reference, level: 'full', already: false, vault_entries: 1, callback_payloads: 1, verification_results: 1 });
      expect(json.erased[0].files).toBeGreaterThan(0);

      const traces = await scan(a.needles);
      expect(traces, JSON.stringify(traces)).toEqual([]);
      // The other person is untouched.
      expect(new Set((await scan(b.needles)).map((t) => t.needle)).size).toBe(b.needles.length);

      // The non-personal record: reference, state, outcome, fail code, times, which checks ran.
      const after = (await row(a.reference))!;
      expect(after).toMatchObject({ reference: a.reference, state: before!.state, outcome_success: before!.outcome_success, outcome_failcode: before!.outcome_failcode, created_at: before!.created_at, customid: null });
      expect(after.options).toMatchObject({ type: 1, verify_name: true, verify_documentno: true, customid: true, maxattempt: 1 });
      expect((await s.comp.deps.verificationAttempts.findForReference(a.reference))[0]).toMatchObject({ attempt: 1, result_key: null });
      const status = await postJson(`${s.url}/docupass/status`, { apikey: s.key, reference: a.reference }).catch(() => null);
      if (status?.json && !status.json.error) expect(JSON.stringify(status.json)).not.toContain(a.doc.identity.surname);

      const vault = await postJson(`${s.url}/vault/get`, { apikey: s.key, id: a.vaultid });
      expect(vault.json.error).toBeTruthy();
      const log = await postJson(`${s.url}/privacy/erasures`, { apikey: s.key });
      expect(log.json.items).toHaveLength(1);
      expect(log.json.items[0]).toMatchObject({ reference: a.reference, level: 'full', reason: 'request' });
      expect(log.json.items[0].actor).toMatch(/^api-key:/);
      expect(JSON.stringify(log.json)).not.toContain(a.doc.identity.surname);

      // The operator audit log (portal) has it too, without personal data.
      const audit = await s.comp.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.erase').where('target', '=', a.reference).execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ level: 'full', reason: 'request', vault_entries: 1 });
      expect(JSON.stringify(audit)).not.toContain(a.read.lastName);

      const again = await postJson(`${s.url}/privacy/erase`, { apikey: s.key, reference: a.reference });
      expect(again.json.erased[0].already).toBe(true);
    });

    it.skipIf(store !== 'disk')('the CLI exports and erases by custom id (npx idgate export / erase)', async () => {
      const b = people[1]!;
      const env = { ...process.env, IDGATE_DATA_DIR: s.dataDir, LOG_LEVEL: 'silent', ...(s.config.databaseUrl ? { DATABASE_URL: s.config.databaseUrl } : {}) };
      const out = path.join(s.dataDir, 'export-b.zip');
      const exp = await run(process.execPath, [BIN, 'export', '--customid', b.customid, '--out', out], { env });
      expect(exp.stdout).toMatch(/^sessions +1\nfiles +\d+\nvault_entries +1$/m);
      const doc = JSON.parse(Buffer.from(unzipSync(new Uint8Array(fs.readFileSync(out)))['export.json']!).toString());
      expect(doc.sessions[0].reference).toBe(b.reference);
      fs.rmSync(out);
      const er = await run(process.execPath, [BIN, 'erase', '--customid', b.customid], { env });
      expect(er.stdout).toMatch(new RegExp(`^REFERENCE +RESULT +LEVEL.*\\n${b.reference} +erased +full `));
      expect(await scan(b.needles)).toEqual([]);
      expect((await postJson(`${s.url}/privacy/erasures`, { apikey: s.key, reference: b.reference })).json.items[0].actor).toMatch(/^cli:/);
    });

    it('erasing a live session ends it: the link no longer takes uploads', async () => {
      const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, verify_name: 'Livia Quinterro', customid: 'live-1' });
      const erased = await postJson(`${s.url}/privacy/erase`, { apikey: s.key, customid: 'live-1' });
      expect(erased.json.erased[0]).toMatchObject({ reference: json.reference, level: 'full' });
      const row = (await s.comp.deps.privacy!.findSessions(undefined, { reference: json.reference }))[0]!;
      expect(row.state).toBe('expired');
      expect(JSON.stringify(row.options)).not.toContain('Quinterro');
      expect(await scan([Buffer.from('Quinterro')])).toEqual([]);
    });

    it('answers not found for an unknown reference and refuses both or neither target', async () => {
      expect((await postJson(`${s.url}/privacy/erase`, { apikey: s.key, reference: 'NOSUCHREF' })).json.error.code).toBe(1001);
      expect((await postJson(`${s.url}/privacy/erase`, { apikey: s.key })).json.error.code).toBe(1002);
      expect((await postJson(`${s.url}/privacy/erase`, { apikey: s.key, reference: 'X', customid: 'Y' })).json.error.code).toBe(1002);
      expect((await postJson(`${s.url}/privacy/erase`, { apikey: 'bad', reference: people[1]!.reference })).json.error.code).toBe(1);
    });
  });
}
