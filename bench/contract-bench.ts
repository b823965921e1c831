// Time to fill, render and sign a two-page contract (median, p95), against pdf-lib writing an
// empty two-page PDF measured in the same run. Runs in one process on SQLite in a temp dir;
// the signing key is created before timing starts (a one-off cost of the first start).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { loadConfig } from '../src/config/load-config.ts';
import { connectDatabase, migrateToLatest } from '../src/database/connect.ts';
import { accountsRepository } from '../src/database/repositories/accounts-repository.ts';
import { templatesRepository } from '../src/database/repositories/templates-repository.ts';
import { createAccount } from '../src/services/accounts/api-keys.ts';
import { addTemplate, getTemplateRow } from '../src/services/contracts/templates.ts';
import { generateContract, signContract } from '../src/services/contracts/contracts.ts';
import { getContractSigningIdentity } from '../src/services/contracts/contract-signing-key.ts';
import { fillTemplate, mergeFieldValues } from '../src/engines/contracts/placeholders.ts';
import { systemFieldValues } from '../src/engines/contracts/system-fields.ts';
import { verifySignedPdf } from '../src/engines/contracts/verify-signed-pdf.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 3;

async function time(n: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out.sort((a, b) => a - b);
}
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-contract-bench-'));
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
const accountId = (await createAccount(deps, 'bench')).id;
const clause = (i: number) =>
  `<h3>${i}. Clause ${i}</h3><p>The <b>Customer</b>, %{fullName}, born %{dob}, holder of document %{documentNumber}, agrees that ` +
  `<i>%{companyname}</i> provides the %{plan} service under these terms. Payments are due monthly; late payments accrue interest at the statutory rate. ` +
  `Either party may terminate with thirty days' written notice.</p>`;
const html =
  `<h1>Service Agreement</h1><p>Made on %{date}, reference %{reference}.</p>${Array.from({ length: 9 }, (_, i) => clause(i + 1)).join('')}` +
  `<h2>Schedule</h2><table border="1"><thead><tr><th>Month</th><th>Amount</th></tr></thead><tbody>${Array.from({ length: 8 }, (_, i) => `<tr><td>Month ${i + 1}</td><td>49.00 EUR</td></tr>`).join('')}</tbody></table>` +
  `<ul><li>Support by e-mail</li><li>Cancellation any time</li></ul>`;
const { id: templateId } = await addTemplate(deps, accountId, 'Bench agreement', html);
const signaturePng = await sharp({ create: { width: 400, height: 150, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
  .composite([{ input: Buffer.from('<svg width="400" height="150"><path d="M20 120 C 80 10, 160 10, 200 90 S 320 140, 380 40" stroke="#000" stroke-width="5" fill="none"/></svg>') }])
  .png()
  .toBuffer();
getContractSigningIdentity(deps); // key generation is a first-start cost, not a per-contract one

const base = {
  accountId, templateId, data: { fullName: 'FIRSTNAME MIDDLENAME LASTNAME', dob: '1998/08/18', documentNumber: '1234561' },
  prefill: { plan: 'Premium' }, system: { reference: 'VQTAP6ZN', companyName: 'Acme Ltd' },
};
const row = await getTemplateRow(deps, accountId, templateId);
const sample = await signContract(deps, { ...base, format: 'pdf', signature: { imagePng: signaturePng }, signer: { name: 'FIRSTNAME LASTNAME', ip: '203.0.113.7', userAgent: 'bench' }, events: [] });
const pages = (await PDFDocument.load(sample.bytes)).getPageCount();
const bodyPages = (await PDFDocument.load((await generateContract(deps, { ...base, format: 'pdf' })).bytes)).getPageCount();
const check = await verifySignedPdf(sample.bytes);
if (!check.valid) throw new Error(`benchmark contract does not verify: ${check.problems.join('; ')}`);

const baseline = await time(RUNS, async () => {
  const d = await PDFDocument.create();
  d.addPage();
  d.addPage();
  await d.save();
});
const fill = await time(RUNS * 50, () => fillTemplate(row.html, mergeFieldValues({ prefill: base.prefill, data: base.data, system: systemFieldValues({ now: Date.now(), ...base.system }) })));
const generate = await time(RUNS, () => generateContract(deps, { ...base, format: 'pdf' }));
const sign = await time(RUNS, () =>
  signContract(deps, { ...base, format: 'pdf', signature: { imagePng: signaturePng }, signer: { name: 'FIRSTNAME LASTNAME', ip: '203.0.113.7', userAgent: 'bench' }, events: [{ at: Date.now(), event: 'viewed' }] }),
);
const verify = await time(RUNS, () => verifySignedPdf(sample.bytes));

const b = pct(baseline, 50);
const row_ = (name: string, s: number[]) =>
  `${name.padEnd(44)} median ${fmt(pct(s, 50)).padStart(9)}   p95 ${fmt(pct(s, 95)).padStart(9)}   ×baseline ${(pct(s, 50) / b).toFixed(1).padStart(6)}`;
process.stdout.write(`contract bench: ${RUNS} runs (fill: ${RUNS * 50}), ${WARMUP} warm-up; contract ${bodyPages} pages, signed PDF ${pages} pages (with audit page), ${sample.bytes.length} bytes\n`);
process.stdout.write(`${row_('baseline: pdf-lib empty 2-page PDF', baseline)}\n`);
process.stdout.write(`${row_('fill placeholders (merge + escape)', fill)}\n`);
process.stdout.write(`${row_('contract_generate PDF (fill + render)', generate)}\n`);
process.stdout.write(`${row_('contract_sign PDF (fill, render, stamp, audit, PAdES)', sign)}\n`);
process.stdout.write(`${row_('verify signed PDF', verify)}\n`);
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
