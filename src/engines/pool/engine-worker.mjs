// Piscina worker entry: registers tsx in this thread (loader hooks are per thread), then
// dispatches each task by name to its lazily loaded handler.
import { register } from 'tsx/esm/api';
register();
const { engineTasks } = await import('./engine-tasks.ts');
const loaded = new Map();

export default async function run({ task, input }) {
  let handler = loaded.get(task);
  if (!handler) {
    const load = engineTasks[task];
    if (!load) throw new Error(`unknown engine task ${task}`);
    handler = await load();
    loaded.set(task, handler);
  }
  return handler(input);
}
