/**
 * Adds a PAdES (ETSI.CAdES.detached) signature to a pdf-lib document: a placeholder through
 * @signpdf/placeholder-pdf-lib, then @signpdf/signpdf fills the byte range and the CMS.
 */
import type { PDFDocument } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import * as signpdfModule from '@signpdf/signpdf';
import { PadesSigner } from './cms-signer.ts';
import type { SigningIdentity } from './signing-identity.ts';

// CommonJS default export: under Node's ESM loader it arrives wrapped once more.
type SignPdf = { sign(pdf: Buffer, signer: PadesSigner): Promise<Buffer> };
const unwrap = (m: unknown): SignPdf => (typeof (m as SignPdf).sign === 'function' ? (m as SignPdf) : unwrap((m as { default: unknown }).default));
const signpdf = unwrap(signpdfModule);

export type PdfSignatureInfo = { signingTime: Date; reason: string; name: string; location: string; contactInfo: string };

/** Room for the CMS: the certificate, an operator's CA chain and a 4096-bit signature fit easily. */
const SIGNATURE_BYTES = 16_384;

export async function signPdfDocument(doc: PDFDocument, identity: SigningIdentity, info: PdfSignatureInfo): Promise<Buffer> {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: info.reason,
    name: info.name,
    location: info.location,
    contactInfo: info.contactInfo,
    signingTime: info.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: 'ETSI.CAdES.detached',
    appName: 'idgate',
  });
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
  return signpdf.sign(unsigned, new PadesSigner(identity));
}
