import type { Logger } from 'pino';
import type { Config } from '../config/load-config.ts';
import type { AccountsRepository } from '../database/repositories/accounts-repository.ts';
import type { WebhookSecretsRepository } from '../database/repositories/webhook-secrets-repository.ts';
import type { SessionsRepository } from '../database/repositories/sessions-repository.ts';
import type { TemplatesRepository } from '../database/repositories/templates-repository.ts';
import type { FileStore } from '../ports/file-store.ts';
import type { SmsSender } from '../ports/sms-sender.ts';
import type { AmlIndexHolder } from './aml/aml-index-holder.ts';
import type { CaptureRepository } from '../database/repositories/capture-repository.ts';

import type { CallbacksRepository } from '../database/repositories/callbacks-repository.ts';
import type { VerificationAttemptsRepository } from '../database/repositories/verification-attempts-repository.ts';
import type { VaultRepository } from '../database/repositories/vault-repository.ts';
import type { VaultKeys } from './vault/vault-keys.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { OpsRepository } from '../database/repositories/ops-repository.ts';
import type { EnginePool } from '../engines/pool/engine-pool.ts';
import type { PrivacyRepository } from '../database/repositories/privacy-repository.ts';
import type { PortalRepos } from '../database/repositories/portal-queries-repository.ts';

/** What services need, passed in explicitly (built in compose.ts). */
export type ServiceDeps = {
  config: Config;
  logger: Logger;
  accounts: AccountsRepository;
  sessions: SessionsRepository;
  templates: TemplatesRepository;
  files: FileStore;
  sms: SmsSender;
  capture: CaptureRepository;
  clock: () => number;
  randomBytes: (n: number) => Buffer;
  callbacks: CallbacksRepository;
  verificationAttempts: VerificationAttemptsRepository;
  /** Durable jobs: verification and callback delivery. */
  queue: JobQueue;
  /** Worker threads for OCR, face and authenticity work. */
  engines: EnginePool;
  vault: VaultRepository;
  /** Vault record encryption and the signed file-URL secret (built once in compose.ts). */
  vaultKeys?: VaultKeys;
  /** A named secret (e.g. the portal's image-link MAC key): loaded, derived from the master key, or generated once (compose.ts). */
  secret?: (name: string) => Buffer;
  /** Cluster-wide figures for /ready and /metrics. */
  ops?: OpsRepository;
  /** AML lists and the in-memory screening index (built on first use). */
  aml?: AmlIndexHolder;
  /** Operator portal: operators, their sessions, audit log, reviews, webhook endpoints. */
  portal?: PortalRepos;
  /** Privacy: erasure, retention, per-session data keys (issue 19). */
  privacy?: PrivacyRepository;
  /** Standard Webhooks secret rotation (the previous secret during the overlap). */
  webhookSecrets: WebhookSecretsRepository;
};
