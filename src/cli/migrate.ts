import { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { connectDatabase, migrateToLatest } from '../database/connect.ts';

export function migrateCommand(): Command {
  return new Command('migrate').description('apply database migrations').action(async () => {
    const config = loadConfig();
    const handle = connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrateToLatest(handle.db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    } finally {
      await handle.close();
    }
  });
}
