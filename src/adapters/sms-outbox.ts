import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { FileStore } from '../ports/file-store.ts';
import type { SmsSender } from '../ports/sms-sender.ts';

/** Where the outbox keeps one object per message when the files live in a bucket. */
export const SMS_OUTBOX_PREFIX = 'sms-outbox';

/**
 * Default SMS adapter (development, tests): keeps each message and logs that it did. On disk
 * storage, one JSON line per message in data/sms-outbox.jsonl; given the file store (S3
 * storage: nothing may land on the machine's disk), one encrypted object per message under
 * `sms-outbox/`, which every process of the installation can read.
 */
export class OutboxSmsSender implements SmsSender {
  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
    private readonly clock: () => number,
    private readonly store?: FileStore,
  ) {}

  async send(message: { to: string; body: string; purpose: string }): Promise<{ id: string }> {
    const id = randomUUID();
    const at = new Date(this.clock()).toISOString();
    const line = JSON.stringify({ id, at, ...message });
    if (this.store) {
      // Keys sort by time; the id keeps two messages of one millisecond apart.
      await this.store.put(`${SMS_OUTBOX_PREFIX}/${at.replace(/[-:.]/g, '')}-${id}.json`, Buffer.from(line));
    } else {
      await fs.mkdir(this.dataDir, { recursive: true });
      await fs.appendFile(path.join(this.dataDir, 'sms-outbox.jsonl'), line + '\n');
    }
    // The number and the text (codes, links) stay in the outbox: logs hold no personal data.
    this.logger.info({ sms: { id, purpose: message.purpose } }, this.store ? 'SMS written to the outbox in the file store (sms-outbox/)' : 'SMS written to data/sms-outbox.jsonl');
    return { id };
  }
}
