import { createHash } from 'node:crypto';
import type { ServiceDeps } from '../deps.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { getTemplateRow } from './templates.ts';
import { loadContractSigningIdentity } from './contract-signing-key.ts';
import { fillTemplate, mergeFieldValues } from '../../engines/contracts/placeholders.ts';
import { systemFieldValues, type ContractSystem } from '../../engines/contracts/system-fields.ts';
import { renderHtmlDocument } from '../../engines/contracts/render-html.ts';
import { auditSectionHtml, signatureSectionHtml } from '../../engines/contracts/signature-sections.ts';
import type { AuditData } from '../../engines/contracts/audit-data.ts';
import { renderContract, type RenderContractInput } from '../../engines/contracts/contract-tasks.ts';
import { imageSize } from '../../engines/contracts/image-size.ts';

/** With `engines`, rendering runs in the worker pool; without (CLI tools, tests), in this thread. */
type Deps = Pick<ServiceDeps, 'templates' | 'config' | 'clock' | 'logger'> & Partial<Pick<ServiceDeps, 'engines' | 'files'>>;

export type ContractFormat = 'pdf' | 'docx' | 'html';
export type ContractSystemInput = Partial<Omit<ContractSystem, 'templateId' | 'templateVersion'>>;
export type ContractInput = {
  accountId: string;
  templateId: string;
  /** DocuPass `contract_format`: PDF (default), DOCX or HTML, any case. */
  format?: string;
  /** The callback's `data` (fields read from the ID). */
  data?: Record<string, unknown>;
  /** `contract_prefill_data`, already parsed. ID data wins over it on conflict. */
  prefill?: Record<string, unknown>;
  system?: ContractSystemInput;
};
export type ContractOutput = { bytes: Buffer; mime: string; ext: ContractFormat; sha256: string; missing: string[] };
export type SignInput = ContractInput & {
  signature: { imagePng: Buffer; typedName?: string };
  signer: { name: string; ip: string; userAgent: string };
  /** What happened before signing (session created, ID verified, document viewed…). */
  events: Array<{ at: number; event: string }>;
};
export type SignedContract = { bytes: Buffer; mime: string; ext: ContractFormat; sha256Unsigned: string; sha256Signed: string; audit: AuditData };

const MIME: Record<ContractFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};
const MAX_SIGNATURE_BYTES = 2 * 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function parseContractFormat(format: string | undefined): ContractFormat {
  const f = (format ?? 'pdf').trim().toLowerCase();
  if (f === '' || f === 'pdf') return 'pdf';
  if (f === 'docx' || f === 'html') return f;
  throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `contract_format`: PDF, DOCX or HTML');
}

type Filled = { html: string; missing: string[]; title: string; system: ContractSystem };

async function fill(deps: Deps, input: ContractInput, extra: Partial<ContractSystem> = {}): Promise<Filled> {
  const row = await getTemplateRow(deps, input.accountId, input.templateId);
  const system: ContractSystem = { ...input.system, ...extra, now: input.system?.now ?? deps.clock(), templateId: row.id, templateVersion: row.version };
  const values = mergeFieldValues({ prefill: input.prefill, data: input.data, system: systemFieldValues(system) });
  const { html, missing } = fillTemplate(row.html, values);
  // Missing values leave a blank in the document, never a raw %{name}; the operator sees which.
  if (missing.length) deps.logger.warn({ templateId: row.id, reference: system.reference, missing }, 'contract placeholders without a value');
  return { html, missing, title: row.name, system };
}

const footerOf = (s: ContractSystem) => (s.reference ? `Reference ${s.reference}` : undefined);

async function run(deps: Deps, input: RenderContractInput): Promise<Buffer> {
  const out = deps.engines ? await deps.engines.run('contract.render', input) : await renderContract(input);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

const render = (deps: Deps, bodyHtml: string, format: ContractFormat, title: string, system: ContractSystem): Promise<Buffer> =>
  run(deps, { bodyHtml, format, title, now: system.now, footer: footerOf(system) });

/** `contract_generate`: the filled template in the requested format, no signature. */
export async function generateContract(deps: Deps, input: ContractInput): Promise<ContractOutput> {
  const format = parseContractFormat(input.format);
  const f = await fill(deps, input);
  const bytes = await render(deps, f.html, format, f.title, f.system);
  return { bytes, mime: MIME[format], ext: format, sha256: sha256(bytes), missing: f.missing };
}

/** The review step: the filled document as a standalone HTML page (what the signer reads). */
export async function previewContract(deps: Deps, input: Omit<ContractInput, 'format'>): Promise<string> {
  const f = await fill(deps, input);
  return renderHtmlDocument(f.html, { title: f.title, footer: footerOf(f.system) });
}

function checkSignatureImage(png: Buffer): { width: number; height: number } {
  const size = Buffer.isBuffer(png) ? imageSize(png) : null;
  if (!size || size.format !== 'png') throw new DomainError(ErrorCode.InvalidImage, 'The signature must be a PNG image', { reason: 'signature' });
  if (png.length > MAX_SIGNATURE_BYTES || size.width < 1 || size.height < 1 || size.width > 4000 || size.height > 4000) {
    throw new DomainError(ErrorCode.InvalidImage, 'The signature image is empty or too large', { reason: 'signature' });
  }
  return size;
}

/**
 * `contract_sign`: the filled document with the signature block (image, verified name, time,
 * IP, user agent) and a final audit page. Only the PDF form is digitally signed (PAdES); DOCX
 * and HTML carry the same signature and audit sections as content, with no cryptographic seal.
 */
export async function signContract(deps: Deps, input: SignInput): Promise<SignedContract> {
  const format = parseContractFormat(input.format);
  const size = checkSignatureImage(input.signature.imagePng);
  const signerName = input.signer.name?.trim();
  if (!signerName) throw new DomainError(ErrorCode.InvalidValue, "Invalid value for `signer`: the signer's name is required", { reason: 'name' });
  const f = await fill(deps, input, { signerName, signerIp: input.signer.ip, userAgent: input.signer.userAgent });
  const signedAt = new Date(f.system.now).toISOString();

  const signedBody =
    f.html +
    signatureSectionHtml({
      imagePng: input.signature.imagePng, width: size.width, height: size.height, typedName: input.signature.typedName?.trim() || undefined,
      signerName, signedAt, ip: input.signer.ip, userAgent: input.signer.userAgent,
    });
  // Independent renders: in the worker pool they run side by side.
  const [unsigned, signedContent] = await Promise.all([render(deps, f.html, format, f.title, f.system), render(deps, signedBody, format, f.title, f.system)]);
  const events = [...input.events, { at: f.system.now, event: `Document signed by ${signerName}` }]
    .sort((a, b) => a.at - b.at)
    .map((e) => ({ at: new Date(e.at).toISOString(), event: e.event }));
  if (format === 'pdf') events.push({ at: signedAt, event: 'PDF digitally signed (PAdES baseline, SHA-256)' });
  const audit: AuditData = {
    version: 1, reference: f.system.reference, templateId: f.system.templateId, templateVersion: f.system.templateVersion, format,
    signer: { name: signerName, typedName: input.signature.typedName?.trim() || undefined, ip: input.signer.ip, userAgent: input.signer.userAgent },
    signedAt, events, sha256Unsigned: sha256(unsigned), sha256SignedContent: sha256(signedContent),
  };
  const finalBody = signedBody + auditSectionHtml(audit);

  const seal =
    format === 'pdf'
      ? {
          audit,
          identity: await loadContractSigningIdentity(deps),
          info: { signingTime: new Date(f.system.now), reason: `Contract signed by ${signerName}`, name: signerName, location: f.system.companyName ?? '', contactInfo: f.system.reference ?? '' },
        }
      : undefined;
  const bytes = await run(deps, { bodyHtml: finalBody, format, title: f.title, now: f.system.now, footer: footerOf(f.system), seal });
  return { bytes, mime: MIME[format], ext: format, sha256Unsigned: audit.sha256Unsigned, sha256Signed: sha256(bytes), audit };
}
