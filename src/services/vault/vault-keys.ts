import type { FieldCrypto } from '../../ports/field-crypto.ts';

/** Keys the vault needs, built once in compose.ts (master key from IDGATE_ENCRYPTION_KEY or the data dir). */
export type VaultKeys = {
  crypto: FieldCrypto;
  /** Secret for signed file URLs (data dir, generated once). */
  urlSecret: Buffer;
};
