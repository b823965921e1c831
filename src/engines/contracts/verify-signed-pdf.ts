/**
 * Checks the (last) digital signature of a PDF on its own: the byte range digest against the
 * CMS message-digest, the CMS signature against the certificate embedded in it, and that the
 * byte range covers the whole file (anything appended after signing is reported). Whether the
 * certificate is trusted is a separate question: `trusted` compares it with the one given.
 */
import { createHash, verify as rsaVerify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { PDFDocument, PDFDict, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { AUDIT_INFO_KEY, type AuditData } from './audit-data.ts';

const { asn1 } = forge;

export type SignedPdfReport = {
  valid: boolean;
  problems: string[];
  digestMatches: boolean;
  signatureValid: boolean;
  coversWholeFile: boolean;
  subFilter: string | null;
  signingTime: string | null;
  signer: { subject: string; issuer: string; serialNumber: string; validFrom: string; validTo: string; fingerprint256: string; selfSigned: boolean } | null;
  /** Set when `trustedCertDer` was given: the signer's certificate is that one. */
  trusted?: boolean;
  documentSha256: string;
  audit: AuditData | null;
};

type Node = forge.asn1.Asn1;
const kids = (n: Node): Node[] => (Array.isArray(n.value) ? n.value : []);
const bytes = (n: Node): Buffer => Buffer.from(typeof n.value === 'string' ? n.value : '', 'binary');
const der = (n: Node): Buffer => Buffer.from(asn1.toDer(n).getBytes(), 'binary');
const oidOf = (n: Node): string => asn1.derToOid(forge.util.createBuffer(n.value as string));

function findSignature(pdf: Buffer): { range: [number, number, number, number]; contents: Buffer; dict: string } | null {
  const text = pdf.toString('latin1');
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m;
  if (!last) return null;
  const range = last.slice(1, 5).map(Number) as [number, number, number, number];
  const hex = text.slice(range[0] + range[1], range[2]);
  if (!/^<[0-9A-Fa-f\s]*>$/.test(hex)) return null;
  // The signature dictionary around the byte range, for /SubFilter and /M.
  const start = text.lastIndexOf('<<', last.index);
  const dict = text.slice(Math.max(0, start - 2000), Math.min(text.length, range[2] + 4000));
  return { range, contents: Buffer.from(hex.slice(1, -1).replace(/\s/g, ''), 'hex'), dict };
}

/** A DER value's exact length from its header; the /Contents placeholder is padded with zeros. */
function derLength(b: Buffer): number {
  if (b.length < 2) return 0;
  const first = b[1];
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i];
  return 2 + n + len;
}

function pdfDate(s: string | undefined): string | null {
  const m = s && /D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s);
  if (!m) return null;
  const tz = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${tz}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export async function readAuditFromPdf(pdf: Buffer): Promise<AuditData | null> {
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    const infoRef = doc.context.trailerInfo.Info;
    const info = infoRef ? doc.context.lookup(infoRef, PDFDict) : undefined;
    const v = info?.get(PDFName.of(AUDIT_INFO_KEY));
    if (v instanceof PDFHexString || v instanceof PDFString) return JSON.parse(v.decodeText()) as AuditData;
  } catch {
    /* an unreadable audit record is reported as absent */
  }
  return null;
}

export async function verifySignedPdf(pdf: Buffer, opts: { trustedCertDer?: Buffer } = {}): Promise<SignedPdfReport> {
  const report: SignedPdfReport = {
    valid: false, problems: [], digestMatches: false, signatureValid: false, coversWholeFile: false, subFilter: null, signingTime: null, signer: null,
    documentSha256: createHash('sha256').update(pdf).digest('hex'), audit: await readAuditFromPdf(pdf),
  };
  const sig = findSignature(pdf);
  if (!sig) {
    report.problems.push('no digital signature found');
    return report;
  }
  const [a, b, c, d] = sig.range;
  report.subFilter = /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(sig.dict)?.[1] ?? null;
  report.signingTime = pdfDate(/\/M\s*\((D:[^)]*)\)/.exec(sig.dict)?.[1]);
  report.coversWholeFile = a === 0 && c + d === pdf.length;
  if (!report.coversWholeFile) report.problems.push('the signature does not cover the whole file: it was changed or extended after signing');
  if (c + d > pdf.length) {
    report.problems.push('the byte range points past the end of the file');
    return report;
  }
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  try {
    const cms = asn1.fromDer(forge.util.createBuffer(sig.contents.subarray(0, derLength(sig.contents)).toString('binary')));
    const signedData = kids(kids(kids(cms)[1])[0]);
    const certsNode = signedData.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    const signerInfo = kids(signedData[signedData.length - 1])[0];
    const si = kids(signerInfo);
    const serialHex = bytes(kids(si[1])[1]).toString('hex').replace(/^0+/, '');
    const certs = kids(certsNode ?? ({ value: [] } as unknown as Node)).map((n) => new X509Certificate(der(n)));
    const cert = certs.find((x) => x.serialNumber.toLowerCase().replace(/^0+/, '') === serialHex) ?? certs[0];
    if (!cert) throw new Error('no certificate in the signature');
    report.signer = {
      subject: cert.subject.replace(/\n/g, ', '), issuer: cert.issuer.replace(/\n/g, ', '), serialNumber: cert.serialNumber,
      validFrom: new Date(cert.validFrom).toISOString(), validTo: new Date(cert.validTo).toISOString(), fingerprint256: cert.fingerprint256,
      selfSigned: cert.subject === cert.issuer && cert.verify(cert.publicKey),
    };
    if (opts.trustedCertDer) report.trusted = cert.raw.equals(opts.trustedCertDer);
    const digestAlg = oidOf(kids(si[2])[0]);
    const hashName = { '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' }[digestAlg];
    if (!hashName) throw new Error(`unsupported digest algorithm ${digestAlg}`);
    const attrsNode = si.find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    const signature = bytes(si[si.length - 1]);
    const actual = createHash(hashName).update(signed).digest();
    if (attrsNode) {
      const md = kids(attrsNode).find((attr) => oidOf(kids(attr)[0]) === '1.2.840.113549.1.9.4');
      report.digestMatches = !!md && bytes(kids(kids(md)[1])[0]).equals(actual);
      // The signature is over the attributes re-tagged as a universal SET.
      const asSet = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, kids(attrsNode));
      report.signatureValid = rsaVerify(hashName, der(asSet), cert.publicKey, signature);
    } else {
      report.digestMatches = true;
      report.signatureValid = rsaVerify(hashName, signed, cert.publicKey, signature);
    }
    if (!report.digestMatches) report.problems.push('the document digest does not match the signed digest: the content was altered after signing');
    if (!report.signatureValid) report.problems.push('the CMS signature does not verify against the embedded certificate');
  } catch (e) {
    report.problems.push(`unreadable signature: ${(e as Error).message}`);
  }
  report.valid = report.problems.length === 0;
  return report;
}
