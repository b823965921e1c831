/**
 * A detached CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1): SHA-256, signed
 * attributes content-type, message-digest and ESS signing-certificate-v2, and no signing-time
 * attribute (PAdES puts the time in the signature dictionary's /M). node-forge's PKCS#7 writer
 * cannot add signing-certificate-v2, so the structure is built here with its ASN.1 helpers and
 * signed with Node's crypto.
 */
import { createHash, sign as rsaSign } from 'node:crypto';
import forge from 'node-forge';
import { Signer } from '@signpdf/signpdf';
import type { SigningIdentity } from './signing-identity.ts';

const { asn1 } = forge;
const C = asn1.Class.UNIVERSAL;
const T = asn1.Type;
const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};
const bin = (b: Buffer) => b.toString('binary');
const oid = (o: string) => asn1.create(C, T.OID, false, asn1.oidToDer(o).getBytes());
const seq = (items: forge.asn1.Asn1[]) => asn1.create(C, T.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(C, T.SET, true, items);
const octets = (b: Buffer) => asn1.create(C, T.OCTETSTRING, false, bin(b));
const int = (n: number) => asn1.create(C, T.INTEGER, false, asn1.integerToDer(n).getBytes());
const algo = (o: string, nullParams: boolean) => seq(nullParams ? [oid(o), asn1.create(C, T.NULL, false, '')] : [oid(o)]);
const fromDer = (b: Buffer) => asn1.fromDer(forge.util.createBuffer(bin(b)));
const der = (a: forge.asn1.Asn1) => Buffer.from(asn1.toDer(a).getBytes(), 'binary');

export function buildCmsSignature(content: Buffer, id: SigningIdentity): Buffer {
  const cert = forge.pki.certificateFromAsn1(fromDer(id.certDer));
  const attr = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);
  // DER orders a SET OF by encoding; these three already sort in this order (by length).
  const signedAttrs = [
    attr(OID.contentType, oid(OID.data)),
    attr(OID.messageDigest, octets(createHash('sha256').update(content).digest())),
    attr(OID.signingCertificateV2, seq([seq([seq([octets(createHash('sha256').update(id.certDer).digest())])])])),
  ];
  const signature = rsaSign('sha256', der(set(signedAttrs)), id.privateKeyPem);
  const issuerAndSerial = seq([forge.pki.distinguishedNameToAsn1(cert.issuer), asn1.create(C, T.INTEGER, false, forge.util.hexToBytes(cert.serialNumber))]);
  const signerInfo = seq([
    int(1),
    issuerAndSerial,
    algo(OID.sha256, false),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, signedAttrs),
    algo(OID.rsaEncryption, true),
    octets(signature),
  ]);
  const signedData = seq([
    int(1),
    set([algo(OID.sha256, false)]),
    seq([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [fromDer(id.certDer), ...id.chainDer.map(fromDer)]),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

/** The @signpdf signer interface over {@link buildCmsSignature}. */
export class PadesSigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return buildCmsSignature(pdfBuffer, this.identity);
  }
}
