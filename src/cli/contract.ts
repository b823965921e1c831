import fs from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { verifySignedPdf, type SignedPdfReport } from '../engines/contracts/verify-signed-pdf.ts';
import { readP12 } from '../engines/contracts/signing-identity.ts';
import { contractSigningKeyPath } from '../services/contracts/contract-signing-key.ts';
import { EXIT } from './cli-output.ts';

/** This installation's signing certificate, if one exists; verifying never creates one. */
function installationCert(): Buffer | undefined {
  try {
    const operator = process.env.IDGATE_CONTRACT_SIGNING_P12;
    const file = operator ?? contractSigningKeyPath(loadConfig().dataDir);
    if (!fs.existsSync(file)) return undefined;
    return readP12(fs.readFileSync(file), operator ? (process.env.IDGATE_CONTRACT_SIGNING_PASSPHRASE ?? '') : '').certDer;
  } catch {
    return undefined;
  }
}

export function formatReport(file: string, r: SignedPdfReport): string {
  const lines = [`file: ${file}`, `sha256: ${r.documentSha256}`, `signature: ${r.valid ? 'VALID' : 'INVALID'}`];
  for (const p of r.problems) lines.push(`  problem: ${p}`);
  lines.push(`digest matches: ${r.digestMatches ? 'yes' : 'no'}`, `CMS signature verifies: ${r.signatureValid ? 'yes' : 'no'}`, `covers whole file: ${r.coversWholeFile ? 'yes' : 'no'}`);
  if (r.subFilter) lines.push(`format: ${r.subFilter}`);
  if (r.signingTime) lines.push(`signing time: ${r.signingTime}`);
  if (r.signer) {
    lines.push(`signer certificate: ${r.signer.subject}`, `  issuer: ${r.signer.issuer}${r.signer.selfSigned ? ' (self-signed)' : ''}`, `  valid: ${r.signer.validFrom} to ${r.signer.validTo}`, `  SHA-256 fingerprint: ${r.signer.fingerprint256}`);
  }
  if (r.trusted !== undefined) lines.push(`this installation's certificate: ${r.trusted ? 'yes' : 'no'}`);
  const a = r.audit;
  if (a) {
    lines.push('audit:', `  reference: ${a.reference ?? '-'}`, `  template: ${a.templateId ?? '-'} v${a.templateVersion ?? '?'}`);
    lines.push(`  signer: ${a.signer.name}${a.signer.typedName ? ` (typed: ${a.signer.typedName})` : ''}`, `  ip: ${a.signer.ip}`, `  user agent: ${a.signer.userAgent}`, `  signed at: ${a.signedAt}`);
    lines.push(`  sha256 unsigned: ${a.sha256Unsigned}`, `  sha256 signed (without audit page): ${a.sha256SignedContent}`, '  events:');
    for (const e of a.events) lines.push(`    ${e.at}  ${e.event}`);
  } else lines.push('audit: none embedded');
  return `${lines.join('\n')}\n`;
}

export function contractCommand(): Command {
  const cmd = new Command('contract').description('signed contracts');
  cmd
    .command('verify <file>')
    .description("check a signed contract PDF's digital signature and print its audit data; exit code 3 when the signature is invalid")
    .option('--json', 'print the report as JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      const report = await verifySignedPdf(fs.readFileSync(file), { trustedCertDer: installationCert() });
      // A certificate other than this installation's is reported, not a failure: documents move between installations.
      const valid = report.valid;
      process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(file, report));
      if (!valid) process.exitCode = EXIT.checkFailed;
    });
  return cmd;
}
