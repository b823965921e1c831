import type { Migration } from 'kysely';
import { foundation } from './001-foundation.ts';

/** One list for both dialects, in order; append new migrations with the next number. */
export const migrations: Record<string, Migration> = {
  '001-foundation': foundation,
};
