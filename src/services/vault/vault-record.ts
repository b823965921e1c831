/**
 * The vault entry as stored (sealed as one JSON document) and the pure helpers around it:
 * ids, field names, value normalisation shared by the blind index and in-memory filters.
 */

export type Scalar = string | number | boolean;

export type VaultRecord = {
  /** DocuPass `data` fields, flat (documentNumber, firstName, dob, …), plus fields set by update. */
  data: Record<string, unknown>;
  docupass_customid?: string | null;
  docupass_success?: boolean | null;
  docupass_failcode?: number | null;
  docupass_failedreason?: string | null;
  verification?: unknown;
  authentication?: unknown;
  face?: unknown;
  aml?: unknown;
  phone?: unknown;
  contract?: unknown;
  /** The operator's review decision (portal): `{decision, reason, note, by, time}`. */
  review?: { decision: 'approved' | 'rejected'; reason: string; note: string | null; by: string; time: string };
};

/** Top-level names of the public entry that are not data fields (update may not set them as data). */
export const RESERVED_FIELDS = new Set([
  'id',
  'createtime',
  'updatetime',
  'docupass_reference',
  'image',
  'verification',
  'authentication',
  'face',
  'aml',
  'phone',
  'contract',
  'review',
  'apikey',
  'client',
  'return_type',
]);

/** Meta fields that live in the sealed record beside `data` but are filterable like data fields. */
export const META_FIELDS = ['docupass_customid', 'docupass_success', 'docupass_failcode', 'docupass_failedreason'] as const;

export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 characters of [A-Za-z0-9] (≈190 bits), by rejection sampling so every character is equally likely. */
export function newVaultId(randomBytes: (n: number) => Buffer, length = 32): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += ID_ALPHABET[b % 62];
    }
  }
  return out;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * Canonical form for equality: case, Unicode form and surrounding space do not matter (as in the
 * vendor's case-insensitive collation), numbers compare by value ("03" = 3, "58.0" = 58),
 * booleans are 1/0.
 */
export function normaliseValue(v: Scalar): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  const s = v.normalize('NFC').trim().replace(/\s+/g, ' ').toUpperCase();
  return NUMERIC.test(s) ? String(Number(s)) : s;
}

export const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';

/** Every filterable scalar of a record, by field name (meta fields first, then data). */
export function filterableFields(record: VaultRecord): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  for (const f of META_FIELDS) {
    const v = record[f];
    if (isScalar(v)) out.set(f, v);
  }
  for (const [k, v] of Object.entries(record.data)) if (FIELD_NAME.test(k) && !RESERVED_FIELDS.has(k) && isScalar(v)) out.set(k, v);
  return out;
}

/** "2021-02-25 13:04:05" in UTC, the vendor's datetime format. */
export function formatVaultTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
