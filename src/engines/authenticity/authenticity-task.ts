import { authenticateDocument } from './authenticate-document.ts';
import type { AuthenticateInput, AuthenticateModule, Authentication } from './authentication-types.ts';

/** DocuPass sends the module as 1, 2 or "quick" (numbers or strings); anything else means the default, 2. */
export function toModule(m: unknown): AuthenticateModule {
  const s = String(m ?? '2');
  return s === '1' || s === 'quick' ? s : '2';
}

/** Pool task `authenticity.check`: the date crosses the thread boundary as epoch milliseconds. */
export async function authenticityTask(input: Omit<AuthenticateInput, 'now' | 'module'> & { nowMs: number; module?: unknown }): Promise<Authentication> {
  const { nowMs, module, ...rest } = input;
  return authenticateDocument({ ...rest, module: toModule(module), now: new Date(nowMs) });
}
