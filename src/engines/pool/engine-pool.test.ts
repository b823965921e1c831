import { afterAll, describe, expect, it } from 'vitest';
import { EnginePool } from './engine-pool.ts';

describe('EnginePool', () => {
  const pool = new EnginePool({ threads: 1 });
  afterAll(() => pool.close());

  it('runs a named task in a worker thread and returns its result', async () => {
    const r = await pool.run<{ pong: { n: number; b: Uint8Array }; thread: number }>('pool.ping', { n: 7, b: new Uint8Array([1, 2]) });
    expect(r.pong.n).toBe(7);
    expect([...r.pong.b]).toEqual([1, 2]);
    expect(r.thread).toBeGreaterThan(0);
  });

  it('rejects an unknown task with its name', async () => {
    await expect(pool.run('no.such.task', {})).rejects.toThrow(/unknown engine task no.such.task/);
  });
});
