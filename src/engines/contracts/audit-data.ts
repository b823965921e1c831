import { PDFHexString, PDFName, type PDFDocument } from 'pdf-lib';

/**
 * The audit record of a signature: written as the document's last section, and for PDFs also
 * embedded as JSON in the document information dictionary (inside the signed byte range), so
 * `idgate contract verify` can print it without scraping text.
 */
export type AuditEvent = { at: string; event: string };

export type AuditData = {
  version: 1;
  reference?: string;
  templateId?: string;
  templateVersion?: number;
  format: 'pdf' | 'docx' | 'html';
  signer: { name: string; typedName?: string; ip: string; userAgent: string };
  signedAt: string;
  events: AuditEvent[];
  /** SHA-256 of the document as generated from the template, before any signature was added. */
  sha256Unsigned: string;
  /**
   * SHA-256 of the signed contract without this audit section (same format). The final file's
   * own hash cannot be inside it: it is returned to the caller and, for PDFs, covered by the
   * digital signature's message digest.
   */
  sha256SignedContent: string;
};

export const AUDIT_INFO_KEY = 'IdgateAudit';


/** Stored as UTF-16 text in the information dictionary, which the signature's byte range covers. */
export function writeAuditToPdf(doc: PDFDocument, audit: AuditData): void {
  const infoRef = doc.context.trailerInfo.Info;
  const info = infoRef ? doc.context.lookup(infoRef) : undefined;
  if (info && 'set' in info) (info as { set: (k: PDFName, v: PDFHexString) => void }).set(PDFName.of(AUDIT_INFO_KEY), PDFHexString.fromText(JSON.stringify(audit)));
  doc.setKeywords([`idgate-audit`, ...(audit.reference ? [audit.reference] : [])]);
}
