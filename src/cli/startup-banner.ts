import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/load-config.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { isPostgresUrl } from '../database/connect.ts';
import { prettyLogs } from '../adapters/log-output.ts';

/** Where the first API key is written (mode 0600); the log never carries it. */
export const FIRST_KEY_FILE = 'first-api-key.txt';

export function idgateVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Writes a freshly created first key to `<data dir>/first-api-key.txt`, readable by the owner
 * only. Called before the server listens, so a failed start (port taken) cannot lose the key.
 */
export function writeFirstKeyFile(dataDir: string, key: string): string {
  const file = path.join(dataDir, FIRST_KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]']);

/** A LAN address to suggest for IDGATE_PUBLIC_URL (the first non-internal IPv4). */
function lanAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    const found = list?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return undefined;
}

/** The loopback-public-URL warning, or nothing when phones can plausibly reach the links. */
export function publicUrlWarning(config: Pick<Config, 'publicUrl' | 'host' | 'port'>, port: number, lan = lanAddress()): string | undefined {
  const host = new URL(config.publicUrl).hostname;
  if (!LOOPBACK.test(host) || !ALL_INTERFACES.has(config.host)) return undefined;
  const suggestion = lan ? `IDGATE_PUBLIC_URL=http://${lan}:${port}` : 'IDGATE_PUBLIC_URL=https://your-host';
  return `IDGATE_PUBLIC_URL is ${config.publicUrl} but the server listens on all interfaces: links and QR codes point at this machine only, so a phone cannot open them. Set ${suggestion} (or the HTTPS address of your proxy).`;
}

function databaseLine(config: Config): string {
  if (isPostgresUrl(config.databaseUrl)) {
    const u = new URL(config.databaseUrl);
    return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  }
  const url = config.databaseUrl ?? '';
  return `SQLite ${url.startsWith('sqlite:') ? url.slice(7) : path.join(config.dataDir, 'idgate.sqlite')}`;
}

function fileStoreLine(config: Config): string {
  if (config.storage === 's3' && config.s3) {
    const where = config.s3.endpoint ? ` at ${new URL(config.s3.endpoint).host}` : ` (${config.s3.region})`;
    return `S3 bucket ${config.s3.bucket}${config.s3.prefix ? `/${config.s3.prefix}` : ''}${where}, AES-256-GCM`;
  }
  return `disk ${path.join(config.dataDir, 'files')} (AES-256-GCM)`;
}

function trustProxyText(v: Config['trustProxy']): string {
  if (v === false) return 'off (X-Forwarded-For ignored)';
  return typeof v === 'number' ? `${v} hop(s)` : v.join(', ');
}

export type BannerInput = { config: Config; deps: ServiceDeps; app: FastifyInstance; jobs: boolean; firstKeyFile?: string };

/** The banner as lines of text plus the same facts as fields for a JSON log line. */
export function bannerFacts(input: BannerInput): { lines: string[]; fields: Record<string, unknown>; warnings: string[] } {
  const { config, deps, app } = input;
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const listen = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}${ALL_INTERFACES.has(config.host) ? ' (all interfaces)' : ''}`;
  const publicUrl = config.port === 0 ? config.publicUrl.replace(/:0$/, `:${port}`) : config.publicUrl;
  const enabled = [
    input.jobs ? 'jobs in this process' : 'no jobs (run `idgate worker`)',
    deps.aml ? 'AML screening' : undefined,
    config.smsGateway ? 'SMS gateway' : 'SMS to outbox file',
    config.rateLimitPerMinute ? `rate limit ${config.rateLimitPerMinute}/min per key` : 'no rate limit',
    config.allowPrivateUrls ? 'private URLs ALLOWED (development only)' : 'private URLs refused',
    `trust proxy ${trustProxyText(config.trustProxy)}`,
  ].filter(Boolean) as string[];
  const fields = {
    version: idgateVersion(),
    database: databaseLine(config),
    fileStore: fileStoreLine(config),
    dataDir: config.dataDir,
    publicUrl,
    listen,
    enabled,
    ...(input.firstKeyFile ? { firstKeyFile: input.firstKeyFile } : {}),
  };
  const warning = publicUrlWarning({ ...config, publicUrl }, port);
  const row = (k: string, v: string) => `  ${k.padEnd(12)}${v}`;
  const lines = [
    `idgate ${fields.version} — identity verification speaking the DocuPass API`,
    row('listening', listen),
    row('public URL', `${publicUrl}  (links and QR codes)`),
    row('database', fields.database),
    row('file store', fields.fileStore),
    row('data dir', config.dataDir),
    row('enabled', enabled.join(' · ')),
  ];
  if (input.firstKeyFile) lines.push('', ...quickStart(publicUrl, input.firstKeyFile));
  return { lines, fields, warnings: warning ? [warning] : [] };
}

/** A first request that keeps the result in the vault (no callback receiver needed) and reads it back. */
export function quickStart(publicUrl: string, keyFile: string): string[] {
  return [
    `  First API key written to ${keyFile} (mode 0600; it is not in the log).`,
    '  Quick start:',
    `    KEY=$(cat ${keyFile})`,
    `    curl -s ${publicUrl}/docupass/create -d apikey=$KEY -d companyname=Acme -d type=1 -d vault_save=1`,
    '    # open the "url" it answers on a phone (or scan the QR code), photograph an ID and a selfie, then:',
    `    curl -s ${publicUrl}/vault/list -d apikey=$KEY -d filter=docupass_reference=REFERENCE`,
    '  Callbacks, signatures and more: README.md',
  ];
}

/**
 * Prints the start-up banner once the server listens: plain text on stdout for a person at a
 * terminal, or one structured log line when logs are JSON (collectors keep one record per line).
 */
export function printStartupBanner(input: BannerInput): void {
  const { lines, fields, warnings } = bannerFacts(input);
  if (prettyLogs(input.config)) process.stdout.write(`\n${lines.join('\n')}\n\n`);
  else input.deps.logger.info({ ...fields, quickStart: input.firstKeyFile ? quickStart(String(fields.publicUrl), input.firstKeyFile).join('\n') : undefined }, `idgate ${fields.version} ready`);
  for (const w of warnings) input.deps.logger.warn(w);
}
