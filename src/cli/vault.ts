import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { connectDatabase } from '../database/connect.ts';
import { keyIdOf } from '../adapters/field-crypto.ts';
import { rotateVaultKey } from '../services/vault/vault-rotate-key.ts';
import { composeKeyRotation } from '../compose.ts';
import { printRecord } from './cli-output.ts';

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

function readKey(value: string, what: string): Buffer {
  const v = value.trim();
  if (!HEX_KEY.test(v)) throw new Error(`${what} must be 64 hex characters (32 bytes)`);
  return Buffer.from(v, 'hex');
}

/**
 * `idgate vault rotate-key`: re-encrypts stored files and vault records under a new master key.
 * - Key in the environment: set IDGATE_ENCRYPTION_KEY to the NEW key and pass the old one with
 *   `--old-key` or `--old-key-file`.
 * - Key in the data dir (no IDGATE_ENCRYPTION_KEY): a new key is generated next to it
 *   (`file-encryption.key.next`), everything is re-encrypted, then the new key replaces the old
 *   file and the old key is erased. An interrupted run resumes with the same `.next` key.
 * Stop every server and worker first: they hold the old key in memory.
 */
export function vaultCommand(): Command {
  const cmd = new Command('vault').description('vault maintenance');
  cmd
    .command('rotate-key')
    .description('re-encrypt files and vault records under a new encryption key (stop the server first)')
    .option('--old-key <hex>', 'the key the data is encrypted with now (when IDGATE_ENCRYPTION_KEY holds the new key)')
    .option('--old-key-file <path>', 'file holding the old key in hex')
    .option('--json', 'print the report (keys and counts) as JSON; progress goes to stderr')
    .action(async (o: { oldKey?: string; oldKeyFile?: string; json?: boolean }) => {
      const config = loadConfig();
      const keyFile = path.join(config.dataDir, 'keys', 'file-encryption.key');
      const nextFile = `${keyFile}.next`;
      let oldKey: Buffer;
      let newKey: Buffer;
      let finish = () => {};
      if (config.encryptionKey) {
        if (!o.oldKey && !o.oldKeyFile) throw new Error('IDGATE_ENCRYPTION_KEY is set: it must hold the NEW key; give the old one with --old-key or --old-key-file');
        newKey = Buffer.from(config.encryptionKey, 'hex');
        oldKey = o.oldKey ? readKey(o.oldKey, '--old-key') : readKey(fs.readFileSync(o.oldKeyFile!, 'utf8'), '--old-key-file');
      } else {
        if (!fs.existsSync(keyFile)) throw new Error(`no key at ${keyFile}: nothing is encrypted yet`);
        oldKey = readKey(fs.readFileSync(keyFile, 'utf8'), keyFile);
        if (!fs.existsSync(nextFile)) fs.writeFileSync(nextFile, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
        newKey = readKey(fs.readFileSync(nextFile, 'utf8'), nextFile);
        // One atomic rename: a crash before it leaves old key + `.next` (the run resumes), after it the new key.
        finish = () => fs.renameSync(nextFile, keyFile);
      }
      const handle = connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        process.stderr.write(`rotating from key ${keyIdOf(oldKey)} to key ${keyIdOf(newKey)}\n`);
        const report = await rotateVaultKey(composeKeyRotation(config, handle, oldKey, newKey, (m) => process.stderr.write(`${m}\n`)));
        finish();
        printRecord(o, { from_key: keyIdOf(oldKey), to_key: keyIdOf(newKey), ...report });
      } finally {
        await handle.close();
      }
    });
  return cmd;
}
