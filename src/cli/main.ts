import { Command } from 'commander';
import { serveCommand } from './serve.ts';
import { migrateCommand } from './migrate.ts';
import { apikeyCommand } from './apikey.ts';
import { templateCommand } from './template.ts';
import { vaultCommand } from './vault.ts';
import { documentCommand } from './document.ts';
import { amlCommand } from './aml.ts';
import { contractCommand } from './contract.ts';
import { ConfigError } from '../config/load-config.ts';

const program = new Command('idgate').description('Self-hosted identity verification speaking the DocuPass API');
program.addCommand(serveCommand());
program.addCommand(migrateCommand());
program.addCommand(apikeyCommand());
program.addCommand(templateCommand());
program.addCommand(contractCommand());
program.addCommand(vaultCommand());
program.addCommand(documentCommand());
program.addCommand(amlCommand());

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`idgate: ${(e as Error).message}\n`);
  process.exit(1);
}
