/**
 * The key and certificate that sign contract PDFs, kept as a PKCS#12 file. idgate makes a
 * self-signed RSA one on first use; an operator may supply their own (e.g. from a CA that PDF
 * readers trust) instead. Only RSA keys are supported (node-forge reads PKCS#12).
 */
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

export type SigningIdentity = {
  privateKeyPem: string;
  certDer: Buffer;
  /** The other certificates of the PKCS#12 (a CA chain), embedded in the signature too. */
  chainDer: Buffer[];
  subject: string;
  fingerprint256: string;
};

const toDer = (cert: forge.pki.Certificate): Buffer => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');

export function createSelfSignedP12(opts: { commonName: string; organization?: string; now: number; years?: number; passphrase?: string }): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // A positive serial: the leading 01 keeps the DER INTEGER's sign bit clear.
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  cert.validity.notBefore = new Date(opts.now - 60_000);
  cert.validity.notAfter = new Date(opts.now + (opts.years ?? 10) * 365.25 * 86_400_000);
  const attrs = [{ name: 'commonName', value: opts.commonName }, { name: 'organizationName', value: opts.organization ?? 'idgate' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], opts.passphrase ?? '', { algorithm: 'aes256', friendlyName: opts.commonName });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

export function readP12(p12: Buffer, passphrase = ''): SigningIdentity {
  const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase);
  const keyBag = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ].find((b) => b.key);
  if (!keyBag?.key) throw new Error('the PKCS#12 file holds no private key (only RSA keys are supported)');
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.compareTo(key.n) === 0 && pub.e?.compareTo(key.e) === 0;
  });
  if (!own) throw new Error('the PKCS#12 file holds no certificate for its private key');
  const privateKeyPem = forge.pki.privateKeyToPem(key);
  createPrivateKey(privateKeyPem); // fails early on a key Node cannot use
  const certDer = toDer(own);
  const x509 = new X509Certificate(certDer);
  return { privateKeyPem, certDer, chainDer: certs.filter((c) => c !== own).map(toDer), subject: x509.subject.replace(/\n/g, ', '), fingerprint256: x509.fingerprint256 };
}
