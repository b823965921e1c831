/**
 * Contract rendering as a worker-pool task ('contract.render'): laying out and subsetting fonts
 * takes hundreds of milliseconds of CPU, which must not stall the HTTP thread. Inputs and
 * outputs are plain data (structured clone turns Buffers into Uint8Arrays, hence the re-wrap).
 */
import { htmlToModel } from './html-to-model.ts';
import { renderPdf, renderPdfDocument } from './render-pdf.ts';
import { renderDocx } from './render-docx.ts';
import { renderHtmlDocument } from './render-html.ts';
import { writeAuditToPdf, type AuditData } from './audit-data.ts';
import { signPdfDocument, type PdfSignatureInfo } from './sign-pdf.ts';
import type { SigningIdentity } from './signing-identity.ts';

export type RenderContractInput = {
  bodyHtml: string;
  format: 'pdf' | 'docx' | 'html';
  title: string;
  now: number;
  footer?: string;
  /** PDF only: embed the audit record and apply the digital signature. */
  seal?: { audit: AuditData; identity: SigningIdentity; info: PdfSignatureInfo };
};

export async function renderContract(input: RenderContractInput): Promise<Uint8Array> {
  const { bodyHtml, format, title, now, footer } = input;
  if (format === 'html') return Buffer.from(renderHtmlDocument(bodyHtml, { title, footer }), 'utf8');
  const blocks = htmlToModel(bodyHtml);
  if (format === 'docx') return renderDocx(blocks, { title, now, footer });
  if (!input.seal) return renderPdf(blocks, { title, now, footer });
  const doc = await renderPdfDocument(blocks, { title, now, footer });
  writeAuditToPdf(doc, input.seal.audit);
  const id = input.seal.identity;
  const identity: SigningIdentity = { ...id, certDer: Buffer.from(id.certDer), chainDer: id.chainDer.map((c) => Buffer.from(c)) };
  return signPdfDocument(doc, identity, { ...input.seal.info, signingTime: new Date(input.seal.info.signingTime) });
}

export const renderContractTask = renderContract;
