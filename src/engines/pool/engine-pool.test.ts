import { afterAll, describe, expect, it } from 'vitest';
import { EnginePool } from './engine-pool.ts';

describe('EnginePool', () => {
  const pool = new EnginePool({ threads: 1 });
  afterAll(() => pool.close());

  it('runs a named task in a worker thread and returns its result', async () => {
    const r = await pool.run('pool.ping', { n: 7, b: new Uint8Array([1, 2]) });
    const pong = r.pong as { n: number; b: Uint8Array };
    expect(pong.n).toBe(7);
    expect([...pong.b]).toEqual([1, 2]);
    expect(r.thread).toBeGreaterThan(0);
  });

  it('rejects an unknown task with its name', async () => {
    // @ts-expect-error an unknown task name does not compile (the worker refuses it as well)
    await expect(pool.run('no.such.task', {})).rejects.toThrow(/unknown engine task no.such.task/);
  });

  it('types each task: a wrong payload or result type does not compile', () => {
    // Type-level checks (tsc runs over the tests); the closures are never called.
    const wrongPayload = () =>
      // @ts-expect-error face.embed takes { image: Uint8Array }
      pool.run('face.embed', { picture: new Uint8Array() });
    const wrongResult = async () => {
      // @ts-expect-error document.read answers a DocumentReading, not a string
      const s: string = await pool.run('document.read', { front: new Uint8Array(), nowMs: 0 });
      return s;
    };
    expect([wrongPayload, wrongResult].every((f) => typeof f === 'function')).toBe(true);
  });
});
