import type { Db } from './connect.ts';

type Op = { write: (trx: Db) => Promise<void>; resolve: () => void; reject: (e: unknown) => void };

/**
 * Group commit: writes that arrive while the database is busy are committed together in one
 * transaction, so a burst of session creates pays for one commit instead of one each. Every
 * caller's promise resolves only after the commit that holds its write, so writes stay durable.
 * When a batch fails, its writes are retried one by one, so one bad write fails alone.
 */
export class WriteBatcher {
  private queue: Op[] = [];
  private flushing = false;
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 128,
  ) {}

  write(write: (trx: Db) => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.db.transaction().execute(async (trx) => {
            for (const op of batch) await op.write(trx);
          });
          for (const op of batch) op.resolve();
        } catch {
          for (const op of batch) {
            try {
              await this.db.transaction().execute((trx) => op.write(trx));
              op.resolve();
            } catch (e) {
              op.reject(e);
            }
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
