import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { EngineInput, EngineOutput, EngineTaskName } from './engine-tasks.ts';

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

  /** Runs a registered task; its input and result types come from the task table (engine-tasks.ts). */
  run<N extends EngineTaskName>(task: N, input: EngineInput<N>, transferList?: ArrayBuffer[]): Promise<EngineOutput<N>> {
    return this.pool.run({ task, input }, { transferList: transferList as never }) as Promise<EngineOutput<N>>;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
