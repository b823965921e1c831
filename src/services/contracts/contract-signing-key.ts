import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ServiceDeps } from '../deps.ts';
import type { FileStore } from '../../ports/file-store.ts';
import { createSelfSignedP12, readP12, type SigningIdentity } from '../../engines/contracts/signing-identity.ts';

/**
 * The contract signing identity: the operator's PKCS#12 from IDGATE_CONTRACT_SIGNING_P12 (path;
 * passphrase in IDGATE_CONTRACT_SIGNING_PASSPHRASE), else `<dataDir>/keys/contract-signing.p12`,
 * created self-signed on first use. Read once per data dir and kept for the process. With S3
 * storage the generated one lives in the bucket instead (loadContractSigningIdentity).
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

/** Where a generated identity lives with S3 storage: one object per candidate, the oldest wins. */
export const SIGNING_KEY_PREFIX = 'keys/contract-signing';
const stored = new Map<string, SigningIdentity>();

/**
 * The signing identity as the server uses it. With S3 storage (and no operator PKCS#12) nothing
 * may be written to the machine's disk and every process must sign with the same key, so the
 * generated self-signed PKCS#12 is kept in the file store (encrypted like every file) as
 * `keys/contract-signing/<created-ms>-<uuid>.p12`. An object store has no "create if absent",
 * so processes that start at the same moment may each write a candidate; everyone uses the
 * oldest (the smallest key) and looks again at every signing (one LIST), so all processes agree
 * once the candidates are written. Otherwise: getContractSigningIdentity (the data dir).
 */
export async function loadContractSigningIdentity(deps: Pick<ServiceDeps, 'config' | 'clock' | 'logger'> & { files?: FileStore }, env: NodeJS.ProcessEnv = process.env): Promise<SigningIdentity> {
  const files = deps.files;
  if (env.IDGATE_CONTRACT_SIGNING_P12 || deps.config.storage !== 's3' || !files) return getContractSigningIdentity(deps, env);
  let key = await oldestCandidate(files);
  if (!key) {
    const p12 = createSelfSignedP12({ commonName: `idgate contract signing (${hostOf(deps.config.publicUrl)})`, now: deps.clock() });
    await files.put(`${SIGNING_KEY_PREFIX}/${String(deps.clock()).padStart(15, '0')}-${randomUUID()}.p12`, p12);
    key = (await oldestCandidate(files))!;
    deps.logger.info({ key }, 'created a self-signed contract signing certificate in the file store');
  }
  const hit = stored.get(key);
  if (hit) return hit;
  let identity: SigningIdentity;
  try {
    identity = readP12(await files.get(key), '');
  } catch (e) {
    throw new Error(`cannot use the contract signing key ${key} in the file store: ${(e as Error).message}`);
  }
  stored.set(key, identity);
  return identity;
}

async function oldestCandidate(files: FileStore): Promise<string | undefined> {
  let best: string | undefined;
  for await (const k of files.list(`${SIGNING_KEY_PREFIX}/`)) if (k.endsWith('.p12') && (best === undefined || k < best)) best = k;
  return best;
}

function hostOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).host;
  } catch {
    return 'localhost';
  }
}
