import { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { connectDatabase, migrateToLatest } from '../database/connect.ts';
import { printRecord } from './cli-output.ts';

export function migrateCommand(): Command {
  return new Command('migrate').description('apply database migrations').option('--json', 'JSON output').action(async (o: { json?: boolean }) => {
    const config = loadConfig();
    const handle = connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrateToLatest(handle.db);
      if (o.json) printRecord(o, { applied, up_to_date: applied.length === 0 });
      else process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    } finally {
      await handle.close();
    }
  });
}
