/**
 * Encryption of database fields at rest: vault records and their blind-index tokens, face
 * descriptors, per-session data keys. Services see this interface only; the adapter
 * (src/adapters/field-crypto.ts: AES-256-GCM under HKDF sub-keys of the master key) implements
 * it and compose.ts builds it.
 */
export interface FieldCrypto {
  /** Public fingerprint of the current master key, stored beside each sealed value (never the key). */
  readonly keyId: string;
  /** Seals a value bound to `aad` (its row): a value copied into another row fails to open. */
  seal(plain: Buffer | string, aad: string): string;
  /** Opens a value sealed under the current key or an older one given at construction. */
  open(sealed: string, aad: string): Buffer;
  sealJson(value: unknown, aad: string): string;
  openJson<T>(sealed: string, aad: string): T;
  /** Equality token over account + field + normalised value (the database never holds the value). */
  blindIndex(accountId: string, field: string, normalisedValue: string): string;
}
