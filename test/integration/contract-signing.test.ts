import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { connectDatabase, migrateToLatest } from '../../src/database/connect.ts';
import { accountsRepository } from '../../src/database/repositories/accounts-repository.ts';
import { templatesRepository } from '../../src/database/repositories/templates-repository.ts';
import { createAccount } from '../../src/services/accounts/api-keys.ts';
import { addTemplate } from '../../src/services/contracts/templates.ts';
import { generateContract, signContract, type SignInput } from '../../src/services/contracts/contracts.ts';
import { contractSigningKeyPath, getContractSigningIdentity } from '../../src/services/contracts/contract-signing-key.ts';
import { verifySignedPdf } from '../../src/engines/contracts/verify-signed-pdf.ts';
import { createSelfSignedP12 } from '../../src/engines/contracts/signing-identity.ts';
import { EnginePool } from '../../src/engines/pool/engine-pool.ts';
import { contractCommand } from '../../src/cli/contract.ts';

const hasPdfsig = spawnSync('pdfsig', ['-v']).error === undefined;
const tmpFile = (bytes: Buffer, ext: string) => {
  const f = path.join(os.tmpdir(), `idgate-sign-${process.pid}-${crypto.randomBytes(4).toString('hex')}.${ext}`);
  fs.writeFileSync(f, bytes);
  return f;
};
const pdfText = (bytes: Buffer) => execFileSync('pdftotext', [tmpFile(bytes, 'pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

/** Changes one hex digit of the embedded audit record: still a well-formed PDF, but not the signed one. */
function tamper(pdf: Buffer): Buffer {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('/IdgateAudit <') + '/IdgateAudit <'.length + 40;
  copy[at] = copy[at] === 0x30 ? 0x31 : 0x30;
  return copy;
}

describe('signed contracts', () => {
  let dataDir: string;
  let close: () => Promise<void>;
  let deps: Parameters<typeof signContract>[0];
  let accountId: string;
  let templateId: string;
  let signaturePng: Buffer;
  let signed: Awaited<ReturnType<typeof signContract>>;
  const now = Date.UTC(2026, 4, 2, 10, 15, 30);
  const input = (format: string): SignInput => ({
    accountId, templateId, format,
    data: { fullName: 'MARÍA JOSÉ GARCÍA', documentNumber: 'X1234567', dob: '1990/02/01' },
    prefill: { plan: 'Premium' },
    system: { now, reference: 'SIGN1234', customid: 'c-9', companyName: 'Acme Ltd' },
    signature: { imagePng: signaturePng, typedName: 'M. J. García' },
    signer: { name: 'MARÍA JOSÉ GARCÍA', ip: '198.51.100.23', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131' },
    events: [
      { at: now - 120_000, event: 'Signature session created' },
      { at: now - 60_000, event: 'Document viewed' },
    ],
  });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-sign-'));
    const database = connectDatabase({ dataDir });
    await migrateToLatest(database.db);
    close = async () => {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    deps = {
      config: loadConfig({ IDGATE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      logger: pino({ level: 'silent' }),
      templates: templatesRepository(database.db),
      clock: () => now,
    };
    const acc = { accounts: accountsRepository(database.db), clock: () => now, randomBytes: (n: number) => crypto.randomBytes(n) };
    accountId = (await createAccount(acc, 'signer test')).id;
    const t = await addTemplate({ ...acc, templates: deps.templates }, accountId, 'Subscription', '<h1>Subscription agreement</h1><p>%{fullName} (document %{documentNumber}) subscribes to the %{plan} plan of %{companyname}.</p><ul><li>Cancel any time</li></ul>');
    templateId = t.id;
    // A drawn signature: a transparent PNG with a stroke, as a signature pad produces.
    signaturePng = await sharp({ create: { width: 400, height: 150, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: Buffer.from('<svg width="400" height="150"><path d="M20 120 C 80 10, 160 10, 200 90 S 320 140, 380 40" stroke="#000" stroke-width="5" fill="none"/></svg>') }])
      .png()
      .toBuffer();
    signed = await signContract(deps, input('pdf'));
  });
  afterAll(async () => close?.());

  it('produces a PDF whose PAdES signature verifies, with the audit record inside', async () => {
    expect(signed.mime).toBe('application/pdf');
    expect(signed.sha256Signed).toBe(crypto.createHash('sha256').update(signed.bytes).digest('hex'));
    const report = await verifySignedPdf(signed.bytes, { trustedCertDer: getContractSigningIdentity(deps).certDer });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ valid: true, digestMatches: true, signatureValid: true, coversWholeFile: true, subFilter: 'ETSI.CAdES.detached', trusted: true });
    expect(report.signingTime).toBe('2026-05-02T10:15:30.000Z');
    expect(report.signer?.selfSigned).toBe(true);
    expect(report.audit).toMatchObject({
      reference: 'SIGN1234', templateId, templateVersion: 1, format: 'pdf',
      signer: { name: 'MARÍA JOSÉ GARCÍA', typedName: 'M. J. García', ip: '198.51.100.23', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131' },
      signedAt: '2026-05-02T10:15:30.000Z', sha256Unsigned: signed.sha256Unsigned,
    });
    expect(report.audit?.events.map((e) => e.event)).toEqual(['Signature session created', 'Document viewed', 'Document signed by MARÍA JOSÉ GARCÍA', 'PDF digitally signed (PAdES baseline, SHA-256)']);
  });

  it('hashes the unsigned document reproducibly: it equals contract_generate for the same inputs', async () => {
    const generated = await generateContract(deps, { ...input('pdf'), system: { ...input('pdf').system, signerName: 'MARÍA JOSÉ GARCÍA', signerIp: '198.51.100.23', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131' } });
    expect(generated.sha256).toBe(signed.sha256Unsigned);
    expect(signed.sha256Unsigned).not.toBe(signed.sha256Signed);
  });

  it('shows the signature block and the audit page as text', () => {
    const text = pdfText(signed.bytes);
    expect(text).toContain('MARÍA JOSÉ GARCÍA (document X1234567) subscribes to the Premium plan of Acme Ltd.');
    expect(text).toContain('Signed by MARÍA JOSÉ GARCÍA');
    expect(text).toContain('198.51.100.23');
    expect(text).toContain('Chrome/131');
    expect(text).toContain('Audit trail');
    expect(text.replace(/ /g, '')).toContain(signed.sha256Unsigned);
    expect(text).toContain('Document viewed');
    const images = execFileSync('pdfimages', ['-list', tmpFile(signed.bytes, 'pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThanOrEqual(1); // the signature image (with its alpha mask)
  });

  it('detects tampering after signing: a changed byte, and data appended after the signature', async () => {
    const changed = await verifySignedPdf(tamper(signed.bytes));
    expect(changed.valid).toBe(false);
    expect(changed.digestMatches).toBe(false);
    const appended = await verifySignedPdf(Buffer.concat([signed.bytes, Buffer.from('\n1 0 obj\n<< /Evil true >>\nendobj\n%%EOF\n')]));
    expect(appended.valid).toBe(false);
    expect(appended.coversWholeFile).toBe(false);
    expect((await verifySignedPdf(Buffer.from(await (await generateContract(deps, input('pdf'))).bytes))).problems).toEqual(['no digital signature found']);
  });

  it.skipIf(!hasPdfsig)("agrees with poppler's pdfsig", () => {
    const ok = spawnSync('pdfsig', [tmpFile(signed.bytes, 'pdf')], { encoding: 'utf8' }).stdout;
    expect(ok).toContain('Signature is Valid');
    expect(ok).toContain('ETSI.CAdES.detached');
    const bad = spawnSync('pdfsig', [tmpFile(tamper(signed.bytes), 'pdf')], { encoding: 'utf8' }).stdout;
    expect(bad).toContain('Digest Mismatch');
  });

  it('`idgate contract verify` prints the audit data and exits 3 (the check failed) on a tampered copy', async () => {
    // In-process (the real command) rather than a CLI start-up per check.
    const verify = async (file: string) => {
      const out: string[] = [];
      const write = process.stdout.write;
      const savedDir = process.env.IDGATE_DATA_DIR;
      process.env.IDGATE_DATA_DIR = dataDir;
      process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
      process.exitCode = undefined;
      try {
        await contractCommand().parseAsync(['verify', file], { from: 'user' });
        return { stdout: out.join(''), status: process.exitCode ?? 0 };
      } finally {
        process.stdout.write = write;
        process.exitCode = undefined;
        if (savedDir === undefined) delete process.env.IDGATE_DATA_DIR;
        else process.env.IDGATE_DATA_DIR = savedDir;
      }
    };
    const good = await verify(tmpFile(signed.bytes, 'pdf'));
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('signature: VALID');
    expect(good.stdout).toContain("this installation's certificate: yes");
    expect(good.stdout).toContain('signer: MARÍA JOSÉ GARCÍA (typed: M. J. García)');
    expect(good.stdout).toContain('ip: 198.51.100.23');
    expect(good.stdout).toContain(`sha256 unsigned: ${signed.sha256Unsigned}`);
    expect(good.stdout).toMatch(/2026-05-02T10:14:30\.000Z {2}Document viewed/);
    const bad = await verify(tmpFile(tamper(signed.bytes), 'pdf'));
    expect(bad.status).toBe(3);
    expect(bad.stdout).toContain('signature: INVALID');
  });

  it('DOCX and HTML outputs carry the signature image and the audit section (no cryptographic seal)', async () => {
    const docx = await signContract(deps, input('DOCX'));
    const f = tmpFile(docx.bytes, 'docx');
    const xml = execFileSync('unzip', ['-p', f, 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toContain('Audit trail');
    expect(xml).toContain('198.51.100.23');
    expect(xml).toContain(docx.sha256Unsigned);
    expect(execFileSync('unzip', ['-l', f], { encoding: 'utf8' })).toMatch(/word\/media\/.+\.png/);
    const html = (await signContract(deps, input('html'))).bytes.toString('utf8');
    expect(html).toContain(`data:image/png;base64,${signaturePng.toString('base64')}`);
    expect(html).toContain('Audit trail');
    expect(html).toContain('Document viewed');
  });

  it('renders and seals in the engine worker pool as the server does', async () => {
    const engines = new EnginePool({ threads: 1 });
    try {
      const pooled = await signContract({ ...deps, engines }, input('pdf'));
      const report = await verifySignedPdf(pooled.bytes);
      expect(report.valid).toBe(true);
      expect(pooled.sha256Unsigned).toBe(signed.sha256Unsigned);
      expect(report.audit?.signer.name).toBe('MARÍA JOSÉ GARCÍA');
    } finally {
      await engines.close();
    }
  });

  it('refuses a signature that is not a PNG', async () => {
    const jpeg = await sharp(signaturePng).flatten({ background: '#fff' }).jpeg().toBuffer();
    await expect(signContract(deps, { ...input('pdf'), signature: { imagePng: jpeg } })).rejects.toMatchObject({ code: 8 });
  });

  it('keeps one signing key in the data dir, and uses an operator-supplied PKCS#12 when configured', () => {
    const file = contractSigningKeyPath(dataDir);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(getContractSigningIdentity(deps).fingerprint256).toBe(getContractSigningIdentity(deps).fingerprint256);
    const operatorFile = path.join(dataDir, 'operator.p12');
    fs.writeFileSync(operatorFile, createSelfSignedP12({ commonName: 'Operator Signing CA test', now, passphrase: 's3cret' }));
    const operator = getContractSigningIdentity(deps, { IDGATE_CONTRACT_SIGNING_P12: operatorFile, IDGATE_CONTRACT_SIGNING_PASSPHRASE: 's3cret' });
    expect(operator.subject).toContain('Operator Signing CA test');
    expect(operator.fingerprint256).not.toBe(getContractSigningIdentity(deps).fingerprint256);
  });
});
