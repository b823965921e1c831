import type { Generated } from 'kysely';

/** Times are epoch milliseconds (bigint in PostgreSQL, parsed to number); JSON is stored as text. */
export interface AccountsTable {
  id: string;
  name: string;
  callback_secret: string;
  webhook_secret: string;
  created_at: number;
}

export interface ApiKeysTable {
  id: string;
  account_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: number;
  revoked_at: number | null;
}

export interface SessionsTable {
  reference: string;
  account_id: string;
  kind: 'verification' | 'signature';
  type: number;
  customid: string | null;
  state: string;
  options_json: string;
  reusable: number;
  parent_reference: string | null;
  attempts: number;
  outcome_success: number | null;
  outcome_failcode: number | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export interface SessionFilesTable {
  id: string;
  reference: string;
  account_id: string;
  role: string;
  storage_key: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: number;
}

export interface TemplatesTable {
  id: string;
  account_id: string;
  name: string;
  version: number;
  html: string;
  created_at: number;
  deleted_at: number | null;
}

/** End-user capture app (issue 5): per-session upload tokens (hashed), flags, phone codes. */
export interface CaptureTokensTable {
  token_hash: string;
  reference: string;
  expires_at: number;
}

export interface CaptureStateTable {
  reference: string;
  back_not_needed: number;
  video_challenge: string | null;
  updated_at: number;
}

export interface PhoneVerificationsTable {
  reference: string;
  account_id: string;
  number: string;
  number_type: string;
  code_hash: string | null;
  code_expires_at: number | null;
  attempts: number;
  sends: number;
  last_sent_at: number | null;
  verified_at: number | null;
  created_at: number;
  updated_at: number;
}

/** The vault (issue 9): personal content only in `sealed` (AES-256-GCM); see migrations/003-vault.ts. */
export interface VaultEntriesTable {
  id: string;
  account_id: string;
  docupass_reference: string | null;
  sealed: string;
  key_id: string;
  createtime: number;
  updatetime: number;
}

export interface VaultEntryIndexTable {
  entry_id: string;
  account_id: string;
  field: string;
  token: string;
}

export interface VaultImagesTable {
  id: string;
  entry_id: string;
  account_id: string;
  type: number;
  side: string | null;
  format: string;
  mime: string;
  size: number;
  storage_key: string;
  createtime: number;
}

export interface VaultFacesTable {
  id: string;
  entry_id: string;
  account_id: string;
  image_id: string | null;
  sealed_embedding: string;
  key_id: string;
  createtime: number;
}

export interface Database {
  accounts: AccountsTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  session_files: SessionFilesTable;
  templates: TemplatesTable;
  capture_tokens: CaptureTokensTable;
  capture_state: CaptureStateTable;
  phone_verifications: PhoneVerificationsTable;
  vault_entries: VaultEntriesTable;
  vault_entry_index: VaultEntryIndexTable;
  vault_images: VaultImagesTable;
  vault_faces: VaultFacesTable;
  aml_entities: AmlEntitiesTable;
  aml_lists: AmlListsTable;
  jobs: JobsTable;
  callback_deliveries: CallbackDeliveriesTable;
  callback_attempts: CallbackAttemptsTable;
  verification_attempts: VerificationAttemptsTable;
}

export interface JobsTable {
  id: string;
  name: string;
  payload_json: string;
  dedupe_key: string | null;
  state: 'queued' | 'running' | 'done' | 'failed';
  run_at: number;
  locked_until: number | null;
  attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface CallbackDeliveriesTable {
  id: string;
  reference: string;
  account_id: string;
  url: string;
  /** The payload lives encrypted in the file store: it carries personal data and images. */
  payload_key: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface CallbackAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  trigger: 'schedule' | 'manual';
  started_at: number;
  latency_ms: number | null;
  status_code: number | null;
  error: string | null;
  response_head: string | null;
}

export interface VerificationAttemptsTable {
  id: string;
  reference: string;
  attempt: number;
  passed: number;
  failcode: number | null;
  failreason: string | null;
  result_key: string | null;
  created_at: number;
}

export type AutoId = Generated<number>;

/** AML list entities: the normalised record as JSON (see engines/aml/aml-entity.ts). */
export interface AmlEntitiesTable {
  database: string;
  entity_id: string;
  entity: string;
  record_json: string;
}

export interface AmlListsTable {
  database: string;
  snapshot_date: string | null;
  format: string;
  source: string;
  entity_count: number;
  imported_at: number;
}
