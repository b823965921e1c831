import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

/**
 * CPU-heavy engine work (OCR, face models, AML matching) runs in worker threads so the HTTP
 * server stays responsive. One pool per process; threads default to the core count.
 */
export class EnginePool {
  private readonly pool: Piscina;

  constructor(opts: { threads?: number } = {}) {
    const threads = opts.threads ?? Math.max(1, os.availableParallelism());
    this.pool = new Piscina({
      filename: fileURLToPath(new URL('./engine-worker.mjs', import.meta.url)),
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 10 * 60_000,
    });
  }

  run<T>(task: string, input: unknown, transferList?: ArrayBuffer[]): Promise<T> {
    return this.pool.run({ task, input }, { transferList: transferList as never }) as Promise<T>;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
