import net from 'node:net';
import { MAX_IMAGE_PIXELS } from '../domain/image-limits.ts';
import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from '../domain/privacy/duration.ts';

const boolFromEnv = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const retrySchedule = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'comma-separated seconds, e.g. 600,3600,43200,86400')
  .transform((s) => s.split(',').map(Number));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  IDGATE_DATA_DIR: z.string().min(1).default('./data'),
  IDGATE_PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  IDGATE_ALLOW_PRIVATE_URLS: boolFromEnv.default(false),
  IDGATE_BOOTSTRAP_API_KEY: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, '16–128 letters, digits, _ or -').optional(),
  IDGATE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  IDGATE_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(15 * 1024 * 1024),
  IDGATE_MAX_IMAGE_PIXELS: z.coerce.number().int().min(10_000).max(MAX_IMAGE_PIXELS).default(MAX_IMAGE_PIXELS),
  IDGATE_CALLBACK_RETRY_SCHEDULE: retrySchedule.default([600, 3600, 43200, 86400]),
  IDGATE_ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex characters (32 bytes)').optional(),
  IDGATE_CALLBACK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(30),
  IDGATE_WORKER_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  IDGATE_DOCUMENT_READ_BUDGET_MS: z.coerce.number().int().min(0).max(600_000).default(6000),
  IDGATE_JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  IDGATE_JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  IDGATE_SMS_GATEWAY_URL: z.string().url().optional(),
  IDGATE_SMS_ACCOUNT_SID: z.string().min(1).optional(),
  IDGATE_SMS_AUTH_TOKEN: z.string().min(1).optional(),
  IDGATE_SMS_FROM: z.string().min(1).optional(),
  IDGATE_TRUST_PROXY: z.string().optional(),
  IDGATE_LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  IDGATE_AML_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  IDGATE_RETENTION: z.string().refine((s) => parseDuration(s) !== undefined, 'a duration such as 90d, 12h, 30s (s, m, h, d, w, y)').transform((s) => parseDuration(s)!).optional(),
  IDGATE_RECORD_RETENTION: z.string().refine((s) => parseDuration(s) !== undefined, 'a duration such as 5y, 1825d (s, m, h, d, w, y)').transform((s) => parseDuration(s)!).optional(),
  IDGATE_STORAGE: z.enum(['disk', 's3']).default('disk'),
  IDGATE_S3_BUCKET: z.string().min(3).optional(),
  IDGATE_S3_REGION: z.string().min(1).optional(),
  IDGATE_S3_ENDPOINT: z.string().url().optional(),
  IDGATE_S3_FORCE_PATH_STYLE: boolFromEnv.default(false),
  /** Start face.compare on a quick read beside the full document read (verify-session.ts); off by default. */
  IDGATE_FACE_HEAD_START: boolFromEnv.default(false),
  IDGATE_S3_PREFIX: z.string().regex(/^[A-Za-z0-9/_.-]*$/, 'letters, digits, / _ . -').default(''),
  /** Default: pg-boss on a PostgreSQL DATABASE_URL, the embedded queue on SQLite. */
  IDGATE_JOB_QUEUE: z.enum(['embedded', 'pg-boss']).optional(),
  IDGATE_VERIFY_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  IDGATE_PGBOSS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,40}$/, 'a PostgreSQL schema name').optional(),
  IDGATE_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  allowPrivateUrls: boolean;
  bootstrapApiKey: string | undefined;
  rateLimitPerMinute: number;
  maxUploadBytes: number;
  maxImagePixels: number;
  callbackRetrySchedule: readonly number[];
  callbackTimeoutSeconds: number;
  /** Engine worker threads; 0 or unset = one per core. */
  workerThreads: number | undefined;
  /** Time one document read may spend before no further slow (tesseract) MRZ pass starts. */
  documentReadBudgetMs: number;
  /** IDGATE_FACE_HEAD_START: the face step's head start beside the document read (BENCHMARKS.md, issue 17). */
  faceHeadStart: boolean;
  jobConcurrency: number;
  /** Base delay before a failed verification job runs again (× the attempt number). */
  jobRetryDelaySeconds: number;
  encryptionKey: string | undefined;
  logLevel: string;
  /** Twilio-compatible gateway; absent means SMS go to data/sms-outbox.jsonl and the log. */
  smsGateway: Readonly<{ url: string; accountSid: string; authToken: string; from: string }> | undefined;
  /** Whose X-Forwarded-For to believe: false (default: nobody), a hop count, or proxy addresses/CIDRs. */
  trustProxy: false | number | readonly string[];
  /** `auto`: human-readable logs on a terminal, JSON lines otherwise. */
  logFormat: 'auto' | 'pretty' | 'json';
  /** `aml status` warns about a list snapshot older than this. */
  amlMaxAgeDays: number;
  /** Seconds a finished session keeps its personal data (unset = kept); per account overridable. */
  retentionSeconds: number | undefined;
  /** Longer retention of the verification record (fields without images) where AML rules require it. */
  recordRetentionSeconds: number | undefined;
  /** Where files live: `disk` (the data dir) or an S3-compatible bucket (then `s3` is set). */
  storage: 'disk' | 's3';
  s3: Readonly<{ bucket: string; region: string; endpoint: string | undefined; forcePathStyle: boolean; prefix: string }> | undefined;
  /** `embedded`: idgate's own jobs table (SQLite or PostgreSQL); `pg-boss`: pg-boss on PostgreSQL. */
  jobQueue: 'embedded' | 'pg-boss';
  /** How long a verification job stays with a worker that stopped answering before another takes it. */
  verifyLeaseSeconds: number;
  pgBossSchema: string;
  /** Bearer token for GET /metrics; unset means /metrics answers 404. */
  metricsToken: string | undefined;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function smsGatewayFrom(e: z.infer<typeof envSchema>): Config['smsGateway'] {
  if (!e.IDGATE_SMS_GATEWAY_URL) return undefined;
  const missing = (['IDGATE_SMS_ACCOUNT_SID', 'IDGATE_SMS_AUTH_TOKEN', 'IDGATE_SMS_FROM'] as const).filter((k) => !e[k]);
  if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required when IDGATE_SMS_GATEWAY_URL is set`));
  return Object.freeze({ url: e.IDGATE_SMS_GATEWAY_URL, accountSid: e.IDGATE_SMS_ACCOUNT_SID!, authToken: e.IDGATE_SMS_AUTH_TOKEN!, from: e.IDGATE_SMS_FROM! });
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * IDGATE_TRUST_PROXY: off by default, so a client cannot choose the IP recorded in contracts and
 * audit entries by sending X-Forwarded-For. A hop count (`1` behind one load balancer) or a list
 * of proxy addresses, CIDRs or the names loopback/linklocal/uniquelocal.
 */
export function parseTrustProxy(raw: string | undefined): { value: Config['trustProxy'] } | { problem: string } {
  const v = (raw ?? '').trim().toLowerCase();
  if (['', '0', 'off', 'false', 'no'].includes(v)) return { value: false };
  if (/^\d+$/.test(v)) return { value: Number(v) };
  const items = v.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = items.filter((x) => {
    if (PROXY_NAMES.has(x)) return false;
    const [addr, bits, extra] = x.split('/');
    const family = net.isIP(addr);
    if (!family || extra !== undefined) return true;
    return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  if (['true', 'on', 'yes', 'all'].includes(v)) return { problem: 'IDGATE_TRUST_PROXY: trusting every client is unsafe; give a hop count (e.g. 1) or the proxy addresses' };
  if (bad.length || items.length === 0) return { problem: `IDGATE_TRUST_PROXY: not a hop count or an address/CIDR list: ${bad.join(', ') || v}` };
  return { value: Object.freeze(items) };
}

/** The setting in the form Fastify's `trustProxy` takes (its types lack the hop count it supports). */
export function trustProxyOption(v: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof v === 'number') return (_address, hop) => hop < v;
  return v === false ? false : [...v];
}

function storageFrom(e: z.infer<typeof envSchema>): Pick<Config, 'storage' | 's3' | 'jobQueue' | 'verifyLeaseSeconds' | 'pgBossSchema' | 'metricsToken'> {
  const problems: string[] = [];
  const postgres = /^postgres(ql)?:\/\//.test(e.DATABASE_URL ?? '');
  if (e.IDGATE_STORAGE === 's3' && !e.IDGATE_S3_BUCKET) problems.push('IDGATE_S3_BUCKET: required when IDGATE_STORAGE=s3');
  if (e.IDGATE_JOB_QUEUE === 'pg-boss' && !postgres) problems.push('IDGATE_JOB_QUEUE: pg-boss needs a postgres:// DATABASE_URL');
  if (problems.length) throw new ConfigError(problems);
  const s3 =
    e.IDGATE_STORAGE === 's3'
      ? Object.freeze({ bucket: e.IDGATE_S3_BUCKET!, region: e.IDGATE_S3_REGION ?? 'us-east-1', endpoint: e.IDGATE_S3_ENDPOINT, forcePathStyle: e.IDGATE_S3_FORCE_PATH_STYLE, prefix: e.IDGATE_S3_PREFIX })
      : undefined;
  // PostgreSQL runs its jobs on pg-boss unless told otherwise; SQLite keeps the embedded queue.
  const jobQueue = e.IDGATE_JOB_QUEUE ?? (postgres ? 'pg-boss' : 'embedded');
  return { storage: e.IDGATE_STORAGE, s3, jobQueue, verifyLeaseSeconds: e.IDGATE_VERIFY_LEASE_SECONDS, pgBossSchema: e.IDGATE_PGBOSS_SCHEMA ?? defaultBossSchema(e.DATABASE_URL), metricsToken: e.IDGATE_METRICS_TOKEN };
}

/**
 * pg-boss's schema when IDGATE_PGBOSS_SCHEMA is unset: `pgboss`, or `<schema>_pgboss` when the
 * DATABASE_URL pins one schema (`?options=-c search_path=acme`), so two installs sharing one
 * database (or one test schema per suite) never share a queue.
 */
export function defaultBossSchema(databaseUrl: string | undefined): string {
  try {
    const options = databaseUrl ? new URL(databaseUrl).searchParams.get('options') : null;
    const schema = options?.match(/search_path\s*=\s*([a-z_][a-z0-9_]{0,30})(?:\s|$)/)?.[1];
    return schema ? `${schema}_pgboss` : 'pgboss';
  } catch {
    return 'pgboss';
  }
}

/** Reads the environment once; every bad variable is listed, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const trust = parseTrustProxy(e.IDGATE_TRUST_PROXY);
  if ('problem' in trust) throw new ConfigError([trust.problem]);
  const publicUrl = (e.IDGATE_PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.IDGATE_DATA_DIR),
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    allowPrivateUrls: e.IDGATE_ALLOW_PRIVATE_URLS,
    bootstrapApiKey: e.IDGATE_BOOTSTRAP_API_KEY,
    rateLimitPerMinute: e.IDGATE_RATE_LIMIT_PER_MINUTE,
    maxUploadBytes: e.IDGATE_MAX_UPLOAD_BYTES,
    maxImagePixels: e.IDGATE_MAX_IMAGE_PIXELS,
    callbackRetrySchedule: Object.freeze(e.IDGATE_CALLBACK_RETRY_SCHEDULE),
    callbackTimeoutSeconds: e.IDGATE_CALLBACK_TIMEOUT_SECONDS,
    workerThreads: e.IDGATE_WORKER_THREADS || undefined,
    documentReadBudgetMs: e.IDGATE_DOCUMENT_READ_BUDGET_MS,
    faceHeadStart: e.IDGATE_FACE_HEAD_START,
    jobConcurrency: e.IDGATE_JOB_CONCURRENCY,
    jobRetryDelaySeconds: e.IDGATE_JOB_RETRY_DELAY_SECONDS,
    encryptionKey: e.IDGATE_ENCRYPTION_KEY,
    logLevel: e.LOG_LEVEL,
    smsGateway: smsGatewayFrom(e),
    trustProxy: trust.value,
    logFormat: e.IDGATE_LOG_FORMAT,
    amlMaxAgeDays: e.IDGATE_AML_MAX_AGE_DAYS,
    retentionSeconds: e.IDGATE_RETENTION,
    recordRetentionSeconds: e.IDGATE_RECORD_RETENTION,
    ...storageFrom(e),
  });
}
