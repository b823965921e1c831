import pino from 'pino';
import { loadConfig } from '../config/load-config.ts';
import { compose, type Composition } from '../compose.ts';

/** Commands other than `serve` log only warnings, to stderr, so stdout stays parseable. */
export async function withComposition<T>(fn: (c: Composition) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const c = await compose(config, { logger });
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}
