import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ofacCsvFixture } from '../../src/engines/aml/aml-fixtures.test-helper.ts';
import { generateDocument } from '../fixtures/documents/generate-document.ts';
import { makePng } from '../helpers/images.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * Every command that prints results: a table with a header row (lists) or `label  value` lines
 * (records) for a person, one JSON document on stdout with `--json`, and exit code 3 when the
 * check it performs fails. Real inputs: a generated passport image, a blank image, real sessions.
 * CLI start-ups are slow, so the runs go in parallel batches.
 */
const execFileP = promisify(execFile);
const BIN = path.resolve('bin/idgate.mjs');
let s: TestServer;
let dir: string;

type Run = { code: number; stdout: string; stderr: string };
async function idgate(...args: string[]): Promise<Run> {
  const env = { ...process.env, IDGATE_DATA_DIR: s.dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [BIN, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
/** Runs every command line, at most `width` at a time (two cores shared with others). */
async function batch(lines: string[][], width = 3): Promise<Run[]> {
  const out: Run[] = new Array(lines.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < lines.length) {
        const i = next++;
        out[i] = await idgate(...lines[i]!);
      }
    }),
  );
  return out;
}
const json = (r: Run) => {
  expect(r.stderr).not.toMatch(/idgate: /);
  return JSON.parse(r.stdout);
};

beforeAll(async () => {
  s = await startTestServer();
  dir = fs.mkdtempSync(path.join(s.dataDir, 'cli-json-'));
});
afterAll(() => s?.close());

describe('CLI output: tables, records, --json and exit codes', () => {
  it('document, face, authenticity, template, operator, migrate, retention, export and erase', async () => {
    const passport = await generateDocument('TD3', 7);
    const front = path.join(dir, 'passport.png');
    fs.writeFileSync(front, passport.front);
    const blank = path.join(dir, 'blank.png');
    fs.writeFileSync(blank, await makePng(640, 400));
    const tpl = path.join(dir, 'nda.html');
    fs.writeFileSync(tpl, '<h1>NDA</h1><p>%{fullName}</p>');
    const made = await Promise.all(
      ['erase-a', 'erase-b'].map(async (customid) => (await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, customid })).json.reference as string),
    );
    const [refA, refB] = made as [string, string];
    const zip = path.join(dir, 'a.zip');
    const ofac = ofacCsvFixture();
    const lists = (['sdn', 'alt', 'add'] as const).map((k) => {
      fs.writeFileSync(path.join(dir, `${k}.csv`), ofac[k]);
      return path.join(dir, `${k}.csv`);
    });

    // First batch: records and commands whose results later runs list.
    const [docTable, docJson, docBlank, faceJson, faceTable, known, tplAdd, opCreate, migrate, retShow, exported, amlImport] = await batch([
      ['document', 'read', front],
      ['document', 'read', front, '--json'],
      ['document', 'read', blank, '--json'],
      ['face', 'compare', blank, front, '--no-signals', '--json'],
      ['face', 'compare', blank, front, '--no-signals'],
      ['authenticity', 'add-known', front, '--id', 'specimen-7', '--json'],
      ['template', 'add', tpl, '--name', 'NDA', '--json'],
      ['operator', 'create', 'ops@acme.test', '--role', 'viewer', '--json'],
      ['migrate', '--json'],
      ['retention', 'show', '--account', s.accountId, '--json'],
      ['export', '--reference', refA, '--out', zip, '--json'],
      ['aml', 'import', ...lists, '--json'],
    ]) as Run[] & { length: 12 };

    // document read: the fields as `label  value` lines; JSON {data, reading}; unreadable exits 3.
    expect(docTable.code).toBe(0);
    expect(docTable.stdout).toMatch(/^result +read$/m);
    expect(docTable.stdout).toMatch(new RegExp(`^documentNumber +${passport.identity.documentNumber}$`, 'm'));
    expect(docJson.code).toBe(0);
    expect(json(docJson).data.documentNumber).toBe(passport.identity.documentNumber);
    expect(docBlank.code).toBe(3);
    expect(json(docBlank).reading.failure.reason).toBeTruthy();

    // face compare: no face in a blank image is a failed check (3), in JSON and in records.
    expect(faceJson.code).toBe(3);
    expect(json(faceJson)).toMatchObject({ isIdentical: false });
    expect(faceTable.code).toBe(3);
    expect(faceTable.stdout).toMatch(/^isIdentical +false$/m);

    expect(known.code).toBe(0);
    expect(json(known)).toMatchObject({ id: 'specimen-7' });
    expect(json(known).hashes.length).toBeGreaterThan(0);

    expect(tplAdd.code).toBe(0);
    const template = json(tplAdd);
    expect(template).toMatchObject({ version: 1, unknown_placeholders: [] });
    expect(template.id).toMatch(/^tpl_/);

    expect(opCreate.code).toBe(0);
    expect(json(opCreate)).toMatchObject({ operator: 'ops@acme.test', role: 'viewer', account: s.accountId });
    expect(json(opCreate).setup_link).toMatch(/\/portal\/setup#/);

    expect(migrate.code).toBe(0);
    expect(json(migrate)).toEqual({ applied: [], up_to_date: true });
    expect(retShow.code).toBe(0);
    expect(json(retShow)).toHaveProperty('verify_then_forget');
    expect(exported.code).toBe(0);
    expect(json(exported)).toMatchObject({ wrote: zip, sessions: 1 });
    expect(fs.existsSync(zip)).toBe(true);
    expect(amlImport.code).toBe(0);
    expect(json(amlImport)).toMatchObject({ database: 'us_ofac', entities: 3, persons: 2, legal_entities: 1, format: 'ofac-csv' });

    // Second batch: the lists, each as a table with headers and as JSON.
    const [tplList, tplListJson, tplShow, opList, opListJson, retShowTable, eraseJson, eraseTable, retRun] = await batch([
      ['template', 'list'],
      ['template', 'list', '--json'],
      ['template', 'show', template.id, '--json'],
      ['operator', 'list'],
      ['operator', 'list', '--json'],
      ['retention', 'show', '--account', s.accountId],
      ['erase', '--reference', refA, '--json'],
      ['erase', '--reference', refB],
      ['retention', 'run', '--json'],
    ]) as Run[] & { length: 9 };
    expect(tplList.stdout.split('\n')[0]).toMatch(/^ID +VERSION +ACCOUNT +NAME$/);
    expect(tplList.stdout).toMatch(new RegExp(`^${template.id} +1 +${s.accountId} +NDA$`, 'm'));
    expect(json(tplListJson)).toEqual(expect.arrayContaining([{ id: template.id, version: 1, account: s.accountId, name: 'NDA' }]));
    expect(json(tplShow)).toMatchObject({ id: template.id, name: 'NDA', html: '<h1>NDA</h1><p>%{fullName}</p>', placeholders: ['fullName'] });
    expect(opList.stdout.split('\n')[0]).toMatch(/^EMAIL +ROLE +ACCOUNT +STATE +2FA +LAST LOGIN$/);
    expect(opList.stdout).toMatch(/^ops@acme\.test +viewer +\S+ +awaiting set-up +off +never$/m);
    expect(json(opListJson)).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'ops@acme.test', state: 'awaiting set-up', two_factor: false, last_login: null })]));
    expect(retShowTable.stdout).toMatch(/^verify-then-forget +(on|off)$/m);
    expect(eraseJson.code).toBe(0);
    expect(json(eraseJson)).toEqual([expect.objectContaining({ reference: refA, already: false })]);
    expect(eraseTable.code).toBe(0);
    expect(eraseTable.stdout).toMatch(new RegExp(`^REFERENCE +RESULT +LEVEL +FILES +VAULT ENTRIES +VAULT IMAGES +CALLBACK PAYLOADS +RESULTS +PHONE +KEYS DESTROYED\\n${refB} +erased +\\S+ +0 `));
    expect(retRun.code).toBe(0);
    expect(Array.isArray(json(retRun))).toBe(true);
  }, 240_000);
});
