import fs from 'node:fs';
import path from 'node:path';
import type { ServiceDeps } from '../deps.ts';
import { createSelfSignedP12, readP12, type SigningIdentity } from '../../engines/contracts/signing-identity.ts';

/**
 * The contract signing identity: the operator's PKCS#12 from IDGATE_CONTRACT_SIGNING_P12 (path;
 * passphrase in IDGATE_CONTRACT_SIGNING_PASSPHRASE), else `<dataDir>/keys/contract-signing.p12`,
 * created self-signed on first use. Read once per data dir and kept for the process.
 */
const cache = new Map<string, SigningIdentity>();

export function contractSigningKeyPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'contract-signing.p12');
}

export function getContractSigningIdentity(deps: Pick<ServiceDeps, 'config' | 'clock' | 'logger'>, env: NodeJS.ProcessEnv = process.env): SigningIdentity {
  const operatorFile = env.IDGATE_CONTRACT_SIGNING_P12;
  const file = operatorFile ? path.resolve(operatorFile) : contractSigningKeyPath(deps.config.dataDir);
  const hit = cache.get(file);
  if (hit) return hit;
  if (!operatorFile && !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const host = (() => {
      try {
        return new URL(deps.config.publicUrl).host;
      } catch {
        return 'localhost';
      }
    })();
    const p12 = createSelfSignedP12({ commonName: `idgate contract signing (${host})`, now: deps.clock() });
    try {
      // wx: a second process starting at the same moment keeps the first one's key.
      fs.writeFileSync(file, p12, { mode: 0o600, flag: 'wx' });
      deps.logger.info({ file }, 'created a self-signed contract signing certificate');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  let identity: SigningIdentity;
  try {
    identity = readP12(fs.readFileSync(file), operatorFile ? (env.IDGATE_CONTRACT_SIGNING_PASSPHRASE ?? '') : '');
  } catch (e) {
    throw new Error(`cannot use the contract signing key ${file}: ${(e as Error).message}`);
  }
  cache.set(file, identity);
  return identity;
}
