import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { SmsSender } from '../ports/sms-sender.ts';

/** Default SMS adapter: appends each message as a JSON line to data/sms-outbox.jsonl and logs it. */
export class OutboxSmsSender implements SmsSender {
  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
    private readonly clock: () => number,
  ) {}

  async send(message: { to: string; body: string; purpose: string }): Promise<{ id: string }> {
    const id = randomUUID();
    await fs.mkdir(this.dataDir, { recursive: true });
    await fs.appendFile(path.join(this.dataDir, 'sms-outbox.jsonl'), JSON.stringify({ id, at: new Date(this.clock()).toISOString(), ...message }) + '\n');
    // The number and the text (codes, links) stay in the outbox file: logs hold no personal data.
    this.logger.info({ sms: { id, purpose: message.purpose } }, 'SMS written to data/sms-outbox.jsonl');
    return { id };
  }
}
