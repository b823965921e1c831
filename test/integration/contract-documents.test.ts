import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadConfig } from '../../src/config/load-config.ts';
import { connectDatabase, migrateToLatest } from '../../src/database/connect.ts';
import { accountsRepository } from '../../src/database/repositories/accounts-repository.ts';
import { templatesRepository } from '../../src/database/repositories/templates-repository.ts';
import { createAccount } from '../../src/services/accounts/api-keys.ts';
import { addTemplate } from '../../src/services/contracts/templates.ts';
import { generateContract, previewContract } from '../../src/services/contracts/contracts.ts';

/** Text of a PDF through poppler's pdftotext (installed by .ci/run). */
function pdfText(bytes: Buffer): string {
  const f = path.join(os.tmpdir(), `idgate-contract-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(f, bytes);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(f, { force: true });
  }
}
function docxPart(bytes: Buffer, part: string): string {
  const f = path.join(os.tmpdir(), `idgate-contract-${process.pid}-${Math.random().toString(36).slice(2)}.docx`);
  fs.writeFileSync(f, bytes);
  try {
    return execFileSync('unzip', ['-p', f, part], { encoding: 'utf8' });
  } finally {
    fs.rmSync(f, { force: true });
  }
}

// The ID data of the reference's callback example, plus a prefill with a conflicting name.
const ID_DATA = { documentNumber: '1234561', firstName: 'FIRSTNAME', lastName: 'LASTNAME', fullName: 'FIRSTNAME MIDDLENAME LASTNAME', dob: '1998/08/18', nationality_full: 'United States', age: 22 };
const PREFILL = { fullName: 'Should Not Win', loan_amount: '12,500.00', branch: 'Zürich Nord' };

/** Just what the contract services use, on SQLite in a temp dir (templates are covered on both dialects by the API test). */
export async function contractDeps() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-contracts-'));
  const database = connectDatabase({ dataDir });
  await migrateToLatest(database.db);
  const deps = {
    config: loadConfig({ IDGATE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    logger: pino({ level: 'silent' }),
    accounts: accountsRepository(database.db),
    templates: templatesRepository(database.db),
    clock: Date.now,
    randomBytes: (n: number) => crypto.randomBytes(n),
  };
  const account = await createAccount(deps, 'test');
  return { deps, accountId: account.id, dataDir, close: async () => (await database.close(), fs.rmSync(dataDir, { recursive: true, force: true })) };
}

describe('contract documents (generate, preview) in each format', () => {
  let s: Awaited<ReturnType<typeof contractDeps>>;
  let templateId: string;
  let logo: Buffer;
  beforeAll(async () => {
    s = await contractDeps();
    logo = await sharp({ create: { width: 160, height: 48, channels: 3, background: '#204080' } }).png().toBuffer();
    const html =
      `<h1>Loan Agreement</h1><p>This agreement is made on %{date} between <b>%{companyname}</b> and <i>%{fullName}</i>, ` +
      `document %{documentNumber}, born %{dob}, citizen of %{nationality_full}.</p>` +
      `<img src="data:image/png;base64,${logo.toString('base64')}" alt="Lender logo">` +
      `<h2>Terms</h2><ol><li>Principal: %{loan_amount} EUR</li><li>Branch: %{branch}</li><li>Guarantor: %{guarantor}</li></ol>` +
      `<ul><li>Bullet one</li><li>Bullet two</li></ul>` +
      `<table border="1"><thead><tr><th>Instalment</th><th>Amount</th></tr></thead><tbody><tr><td>January</td><td>1,041.67</td></tr><tr><td>February</td><td>1,041.67</td></tr></tbody></table>` +
      `<p style="page-break-before: always">Reference %{reference} for customer %{customid}.</p>`;
    templateId = (await addTemplate(s.deps, s.accountId, 'Loan agreement', html)).id;
  });
  afterAll(async () => s?.close());

  const input = () => ({
    accountId: s.accountId, templateId, data: ID_DATA, prefill: PREFILL,
    system: { now: Date.UTC(2026, 2, 14, 9, 30), reference: 'VQTAP6ZN', customid: 'cust-42', companyName: 'Acme Lending Ltd' },
  });

  it('PDF: text is selectable and filled with the documented precedence', async () => {
    const out = await generateContract(s.deps, { ...input(), format: 'PDF' });
    expect(out.mime).toBe('application/pdf');
    expect(out.ext).toBe('pdf');
    expect(out.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdfText(out.bytes);
    const text = raw.replace(/\s+/g, ' '); // lines wrap wherever the layout puts them
    expect(text).toContain('Loan Agreement');
    expect(text).toContain('FIRSTNAME MIDDLENAME LASTNAME');
    expect(text).not.toContain('Should Not Win');
    expect(text).toContain('2026-03-14');
    expect(text).toContain('Acme Lending Ltd');
    expect(text).toContain('12,500.00 EUR');
    expect(text).toContain('Zürich Nord');
    expect(text).toMatch(/1\.\s+Principal/);
    expect(text).toMatch(/•\s+Bullet one/);
    expect(text).toMatch(/January\s+1,041\.67/);
    expect(text).not.toContain('%{');
    expect(out.missing).toEqual(['guarantor']);
    expect(raw.split('\f').filter((p) => p.trim()).length).toBe(2); // the page break was honoured
    const images = execFileSync('pdfimages', ['-list', '-'], { input: out.bytes, encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBe(1);
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('DOCX: Word XML carries headings, lists, table, bold/italic runs and the image', async () => {
    const out = await generateContract(s.deps, { ...input(), format: 'docx' });
    expect(out.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const xml = docxPart(out.bytes, 'word/document.xml');
    expect(xml).toContain('FIRSTNAME MIDDLENAME LASTNAME');
    expect(xml).not.toContain('Should Not Win');
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(xml).toMatch(/<w:numPr>/);
    expect(xml).toMatch(/<w:tbl>/);
    expect(xml).toContain('1,041.67');
    expect(xml).toMatch(/<w:b\/>.*Acme Lending Ltd/s);
    expect(xml).toMatch(/<w:i\/>.*FIRSTNAME MIDDLENAME LASTNAME/s);
    expect(xml).toMatch(/<w:drawing>/);
    expect(xml).not.toContain('%{');
    expect(docxPart(out.bytes, 'word/numbering.xml')).toMatch(/w:numFmt w:val="decimal"/);
  });

  it('HTML: a standalone page that loads nothing remote', async () => {
    const out = await generateContract(s.deps, { ...input(), format: 'html' });
    const html = out.bytes.toString('utf8');
    expect(out.mime).toMatch(/^text\/html/);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<i>FIRSTNAME MIDDLENAME LASTNAME</i>');
    expect(html).toContain('<td>January</td>');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('%{');
  });

  it('preview returns the filled page for the review step', async () => {
    const html = await previewContract(s.deps, input());
    expect(html).toContain('FIRSTNAME MIDDLENAME LASTNAME');
    expect(html).toContain('Reference VQTAP6ZN');
  });

  it('rejects an unknown template and an unknown format with DocuPass errors', async () => {
    await expect(generateContract(s.deps, { ...input(), templateId: 'tpl_nope' })).rejects.toMatchObject({ code: 1002, message: 'Invalid contract template ID' });
    await expect(generateContract(s.deps, { ...input(), format: 'odt' })).rejects.toMatchObject({ code: 1002 });
  });
});
