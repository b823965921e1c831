import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from './config/load-config.ts';
import { connectDatabase, migrateToLatest, type DbHandle } from './database/connect.ts';
import { accountsRepository } from './database/repositories/accounts-repository.ts';
import { webhookSecretsRepository } from './database/repositories/webhook-secrets-repository.ts';
import { sessionsRepository } from './database/repositories/sessions-repository.ts';
import { templatesRepository } from './database/repositories/templates-repository.ts';
import { createFileStore, fileKey } from './adapters/file-store-factory.ts';
import { DiskFileStore } from './adapters/file-store-disk.ts';
import { S3FileStore } from './adapters/file-store-s3.ts';
import type { FileStore } from './ports/file-store.ts';
import type { RotationDeps } from './services/vault/vault-rotate-key.ts';
import { DataKeyRing, withSessionKeys } from './services/privacy/session-keyed-file-store.ts';
import { withVaultKeys } from './services/privacy/keyed-vault-repository.ts';
import { FieldCrypto, loadOrCreateSecret } from './adapters/field-crypto.ts';
import { OutboxSmsSender } from './adapters/sms-outbox.ts';
import { HttpSmsSender } from './adapters/sms-http.ts';
import { captureRepository } from './database/repositories/capture-repository.ts';
import type { ServiceDeps } from './services/deps.ts';
import { vaultRepository } from './database/repositories/vault-repository.ts';
import { jobsRepository } from './database/repositories/jobs-repository.ts';
import { callbacksRepository } from './database/repositories/callbacks-repository.ts';
import { verificationAttemptsRepository } from './database/repositories/verification-attempts-repository.ts';
import { createJobQueue } from './adapters/job-queue-factory.ts';
import { opsRepository } from './database/repositories/ops-repository.ts';
import { EnginePool } from './engines/pool/engine-pool.ts';
import { defineJobs } from './jobs/define-jobs.ts';
import { AmlIndexHolder } from './services/aml/aml-index-holder.ts';
import { amlRepository } from './database/repositories/aml-repository.ts';
import { privacyRepository } from './database/repositories/privacy-repository.ts';
import { portalRepositories } from './database/repositories/portal-queries-repository.ts';

export type Composition = { deps: ServiceDeps; database: DbHandle; close: () => Promise<void> };

/** The one place that picks adapters. */
export async function compose(config: Config, opts: { logger?: Logger; clock?: () => number; migrate?: boolean } = {}): Promise<Composition> {
  const logger = opts.logger ?? pino({ level: config.logLevel });
  const database = connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (opts.migrate !== false) await migrateToLatest(database.db);
  const clock = opts.clock ?? Date.now;
  const jobs = jobsRepository(database.db);
  const queue = createJobQueue(config, jobs, clock, logger);
  const engines = new EnginePool({ threads: config.workerThreads });
  // Per-session data keys for files and vault records (crypto-shredding, docs/privacy.md).
  const dataKeys = new DataKeyRing(privacyRepository(database.db, database.dialect), new FieldCrypto(fileKey(config)), clock);
  const files = withSessionKeys(createFileStore(config), dataKeys);
  const deps: ServiceDeps = {
    config,
    logger,
    accounts: accountsRepository(database.db),
    webhookSecrets: webhookSecretsRepository(database.db),
    sessions: sessionsRepository(database.db),
    templates: templatesRepository(database.db),
    files,
    sms: config.smsGateway
      ? new HttpSmsSender({ baseUrl: config.smsGateway.url, accountSid: config.smsGateway.accountSid, authToken: config.smsGateway.authToken, from: config.smsGateway.from, allowPrivate: config.allowPrivateUrls }, logger)
      : // With S3 storage the development outbox goes to the bucket: nothing on the machine's disk.
        new OutboxSmsSender(config.dataDir, logger, clock, config.storage === 's3' ? files : undefined),
    capture: captureRepository(database.db),
    clock,
    randomBytes: (n) => randomBytes(n),
    callbacks: callbacksRepository(database.db),
    vault: withVaultKeys(vaultRepository(database.db), dataKeys),
    // Vault field encryption (same master key as the file store) and the signed-file-URL secret.
    vaultKeys: { crypto: new FieldCrypto(fileKey(config)), urlSecret: loadOrCreateSecret(config.dataDir, 'url-signing') },
    secret: (name) => loadOrCreateSecret(config.dataDir, name),
    verificationAttempts: verificationAttemptsRepository(database.db),
    queue,
    ops: opsRepository(database.db),
    engines,
    aml: new AmlIndexHolder(amlRepository(database.db), logger, clock),
    privacy: privacyRepository(database.db, database.dialect),
    portal: portalRepositories(database.db),
  };
  defineJobs(deps);
  return {
    deps,
    database,
    close: async () => {
      await queue.close();
      await engines.close();
      await database.close();
    },
  };
}

/**
 * What `idgate vault rotate-key` works with (adapters picked here too): the stored files under
 * the old and under the new master key (the data dir's disk store, as before), field crypto on
 * the new key that still opens the old one, the vault repository behind its per-entry data-key
 * layer, and the per-session data keys to re-wrap.
 */
export function composeKeyRotation(config: Config, database: DbHandle, oldKey: Buffer, newKey: Buffer, onProgress?: (msg: string) => void): RotationDeps {
  if (oldKey.equals(newKey)) throw new Error('the old and new keys are the same');
  // The configured store: on S3 the bucket's objects are re-encrypted in place, as on disk.
  const store = (key: Buffer): FileStore => (config.storage === 's3' && config.s3 ? new S3FileStore(config.s3, key) : new DiskFileStore(path.join(config.dataDir, 'files'), key));
  const crypto = new FieldCrypto(newKey, [oldKey]);
  const privacy = privacyRepository(database.db, database.dialect);
  return {
    // Vault records carry a per-entry data-key layer (docs/privacy.md); the ring opens keys sealed under either master key.
    repo: withVaultKeys(vaultRepository(database.db), new DataKeyRing(privacy, crypto)),
    oldFiles: store(oldKey),
    newFiles: store(newKey),
    crypto,
    sessionKeys: privacy,
    onProgress,
  };
}
