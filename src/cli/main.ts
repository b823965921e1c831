import { Command } from 'commander';
import { serveCommand } from './serve.ts';
import { workerCommand } from './worker.ts';
import { migrateCommand } from './migrate.ts';
import { apikeyCommand } from './apikey.ts';
import { templateCommand } from './template.ts';
import { vaultCommand } from './vault.ts';
import { faceCommand } from './face.ts';
import { amlCommand } from './aml.ts';
import { documentCommand } from './document.ts';
import { contractCommand } from './contract.ts';
import { ConfigError } from '../config/load-config.ts';

const program = new Command('idgate').description('Self-hosted identity verification speaking the DocuPass API');
program.addCommand(serveCommand());
program.addCommand(workerCommand());
program.addCommand(migrateCommand());
program.addCommand(apikeyCommand());
program.addCommand(templateCommand());
program.addCommand(contractCommand());
program.addCommand(vaultCommand());
program.addCommand(faceCommand());
program.addCommand(amlCommand());
program.addCommand(documentCommand());

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
