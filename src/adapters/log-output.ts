import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from '../config/load-config.ts';

/** Whether logs go out human-readable: `auto` means only when stdout is a terminal. */
export function prettyLogs(config: Pick<Config, 'logFormat'>, isTty = Boolean(process.stdout.isTTY)): boolean {
  return config.logFormat === 'pretty' || (config.logFormat === 'auto' && isTty);
}

/**
 * The process logger: JSON lines for log collectors, or pino-pretty's readable lines on a
 * terminal. pino-pretty runs as a synchronous stream in this thread (no transport worker), so the
 * last lines before an exit are not lost.
 */
export function createLogger(config: Pick<Config, 'logFormat' | 'logLevel'>): Logger {
  if (!prettyLogs(config)) return pino({ level: config.logLevel });
  const stream = pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true });
  return pino({ level: config.logLevel }, stream);
}
