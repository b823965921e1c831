/**
 * Tasks the worker pool can run, by name. Each engine adds its entry here; the handler module is
 * imported lazily inside the worker, so a worker loads a model only when a task needs it, and
 * then keeps it for every later task (one load per worker).
 *
 * Arguments and results cross the thread boundary by structured clone: pass Buffers/Uint8Arrays
 * and plain objects only.
 */
export const engineTasks: Record<string, () => Promise<(input: any) => Promise<unknown>>> = {
  /** Round trip used by health checks and the pool's own test. */
  'pool.ping': async () => async (input: unknown) => ({ pong: input, thread: (await import('node:worker_threads')).threadId }),
  'document.read': async () => (await import('../document/read-document-task.ts')).readDocumentTask,
  'face.compare': async () => (await import('../face/face-tasks.ts')).faceCompareTask,
  'face.embed': async () => (await import('../face/face-tasks.ts')).faceEmbedTask,
  'face.video': async () => (await import('../face/face-tasks.ts')).faceVideoTask,
  'authenticity.check': async () => (await import('../authenticity/authenticity-task.ts')).authenticityTask,
  'contract.render': async () => (await import('../contracts/contract-tasks.ts')).renderContractTask,
};

export type EngineTaskName = keyof typeof engineTasks;
