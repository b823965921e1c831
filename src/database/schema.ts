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

export interface Database {
  accounts: AccountsTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  session_files: SessionFilesTable;
  templates: TemplatesTable;
}

export type AutoId = Generated<number>;
