/**
 * Tasks the worker pool can run, by name. Each engine adds its entry here; the handler module is
 * imported lazily inside the worker, so a worker loads a model only when a task needs it, and
 * then keeps it for every later task (one load per worker).
 *
 * Declared `as const`: each task's input and result types are derived from its handler, so
 * `pool.run('face.compare', input)` checks `input` and types the result, and an unknown task
 * name, a wrong payload or a wrong result type fails to compile.
 *
 * Arguments and results cross the thread boundary by structured clone: pass Buffers/Uint8Arrays
 * and plain objects only.
 */
export const engineTasks = {
  /** Round trip used by health checks and the pool's own test. */
  'pool.ping': async () => async (input: unknown) => ({ pong: input, thread: (await import('node:worker_threads')).threadId }),
  'document.read': async () => (await import('../document/read-document-task.ts')).readDocumentTask,
  'face.compare': async () => (await import('../face/face-tasks.ts')).faceCompareTask,
  'face.embed': async () => (await import('../face/face-tasks.ts')).faceEmbedTask,
  'face.video': async () => (await import('../face/face-tasks.ts')).faceVideoTask,
  'authenticity.check': async () => (await import('../authenticity/authenticity-task.ts')).authenticityTask,
  'contract.render': async () => (await import('../contracts/contract-tasks.ts')).renderContractTask,
} as const;

export type EngineTaskName = keyof typeof engineTasks;
type Handler<N extends EngineTaskName> = Awaited<ReturnType<(typeof engineTasks)[N]>>;
/** What a task takes. */
export type EngineInput<N extends EngineTaskName> = Parameters<Handler<N>>[0];
/** What a task answers. */
export type EngineOutput<N extends EngineTaskName> = Awaited<ReturnType<Handler<N>>>;

export const isEngineTask = (name: string): name is EngineTaskName => Object.hasOwn(engineTasks, name);
