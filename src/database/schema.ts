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
  erasures: ErasuresTable;
  account_privacy: AccountPrivacyTable;
  session_keys: SessionKeysTable;
  operators: OperatorsTable;
  portal_sessions: PortalSessionsTable;
  audit_log: AuditLogTable;
  reviews: ReviewsTable;
  review_marks: ReviewMarksTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_secret_rotations: WebhookSecretRotationsTable;
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

/** Operator portal (issue 16, migrations/006-portal.ts). */
export interface OperatorsTable {
  id: string;
  account_id: string;
  email: string;
  role: 'admin' | 'reviewer' | 'viewer' | 'developer';
  password_hash: string | null;
  totp_sealed: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  recovery_hashes: string;
  setup_token_hash: string | null;
  setup_expires_at: number | null;
  disabled: number;
  failed_attempts: number;
  locked_until: number | null;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PortalSessionsTable {
  id_hash: string;
  operator_id: string;
  account_id: string;
  stage: 'password' | 'full';
  csrf_token: string;
  totp_pending_sealed: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface AuditLogTable {
  id: string;
  account_id: string;
  operator_id: string | null;
  operator_email: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: number;
}

export interface ReviewsTable {
  id: string;
  account_id: string;
  reference: string;
  vault_entry_id: string | null;
  decision: 'approved' | 'rejected';
  reason: string;
  note: string | null;
  operator_id: string;
  operator_email: string;
  created_at: number;
}

export interface ReviewMarksTable {
  reference: string;
  account_id: string;
  assigned_to: string | null;
  marked: number;
  updated_at: number;
}

export interface WebhookEndpointsTable {
  id: string;
  account_id: string;
  url: string;
  description: string | null;
  created_at: number;
  disabled_at: number | null;
}

/** Privacy (issue 19, migration 007): erasure record without personal data. */
export interface ErasuresTable {
  id: string;
  account_id: string;
  reference: string;
  /** 'media' (images, payloads, descriptors; the verification record stays) or 'full'. */
  level: string;
  reason: string;
  actor: string;
  erased_json: string;
  created_at: number;
}

export interface AccountPrivacyTable {
  account_id: string;
  retention_seconds: number | null;
  record_retention_seconds: number | null;
  verify_then_forget: number;
  updated_at: number;
}

/** A session's (or vault entry's) data key, sealed by the master key; null once destroyed. */
export interface SessionKeysTable {
  scope: string;
  account_id: string;
  wrapped: string | null;
  key_id: string | null;
  created_at: number;
  destroyed_at: number | null;
}

/** The webhook secret an account had before its last rotation, still signed with until valid_until. */
export interface WebhookSecretRotationsTable {
  account_id: string;
  previous_secret: string;
  previous_valid_until: number;
  rotated_at: number;
}
