import { Command } from 'commander';
import { ConfigError } from '../config/load-config.ts';
import { idgateVersion } from './startup-banner.ts';

/**
 * Commands load lazily: a command's module (and the engines it pulls in: OCR, face models, PDF)
 * is imported only when that command runs, so `idgate apikey list` starts in a moment.
 */
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.ts')).serveCommand(),
  worker: async () => (await import('./worker.ts')).workerCommand(),
  storage: async () => (await import('./storage.ts')).storageCommand(),
  migrate: async () => (await import('./migrate.ts')).migrateCommand(),
  apikey: async () => (await import('./apikey.ts')).apikeyCommand(),
  template: async () => (await import('./template.ts')).templateCommand(),
  contract: async () => (await import('./contract.ts')).contractCommand(),
  vault: async () => (await import('./vault.ts')).vaultCommand(),
  erase: async () => (await import('./erase.ts')).eraseCommand(),
  export: async () => (await import('./export.ts')).exportCommand(),
  retention: async () => (await import('./retention.ts')).retentionCommand(),
  face: async () => (await import('./face.ts')).faceCommand(),
  aml: async () => (await import('./aml.ts')).amlCommand(),
  document: async () => (await import('./document.ts')).documentCommand(),
  authenticity: async () => (await import('./authenticity.ts')).authenticityCommand(),
  operator: async () => (await import('./operator.ts')).operatorCommand(),
  webhook: async () => (await import('./webhook.ts')).webhookCommand(),
  sessions: async () => (await import('./sessions.ts')).sessionsCommand(),
  deliveries: async () => (await import('./deliveries.ts')).deliveriesCommand(),
};

const program = new Command('idgate')
  .description('Self-hosted identity verification speaking the DocuPass API.\nExit codes: 0 done, 1 error, 2 bad configuration or usage, 3 the check the command performs failed.')
  .version(idgateVersion(), '-V, --version');
const wanted = process.argv[2];
for (const name of wanted && commands[wanted] ? [wanted] : Object.keys(commands)) program.addCommand(await commands[name]());
// Usage errors (unknown option, missing argument) exit 2, like a bad configuration; help and --version exit 0.
const usageExit = (c: Command): void => {
  c.exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
  c.commands.forEach(usageExit);
};
usageExit(program);
// Every command's --help states the exit codes and --json (results go to stdout, messages to stderr).
const helpFooter = (c: Command): void => {
  if (c.commands.length === 0) c.addHelpText('after', '\nOutput: a table with a header row, or `label  value` lines; --json prints one JSON document on stdout.\nExit codes: 0 done, 1 error, 2 bad configuration or usage, 3 the check the command performs failed.');
  c.commands.forEach(helpFooter);
};
program.commands.forEach(helpFooter);

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
