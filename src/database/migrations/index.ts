import type { Migration } from 'kysely';
import { foundation } from './001-foundation.ts';
import { captureMigration } from './002-capture.ts';
import { vaultMigration } from './003-vault.ts';
import { amlMigration } from './004-aml.ts';
import { jobsCallbacksMigration } from './005-jobs-callbacks.ts';
import { portalMigration } from './006-portal.ts';
import { privacyMigration } from './007-privacy.ts';
import { webhookSecretMigration } from './008-webhook-secret.ts';
import { productionMigration } from './009-production.ts';
import { portalSettingsMigration } from './010-portal-settings.ts';

/** One list for both dialects, in order; append new migrations with the next number. */
export const migrations: Record<string, Migration> = {
  '001-foundation': foundation,
  '002-capture': captureMigration,
  '003-vault': vaultMigration,
  '004-aml': amlMigration,
  '005-jobs-callbacks': jobsCallbacksMigration,
  '006-portal': portalMigration,
  '007-privacy': privacyMigration,
  '008-webhook-secret': webhookSecretMigration,
  '009-production': productionMigration,
  '010-portal-settings': portalSettingsMigration,
};
