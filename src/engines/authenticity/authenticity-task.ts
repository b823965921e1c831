import { authenticateDocument } from './authenticate-document.ts';
import type { AuthenticateInput, Authentication } from './authentication-types.ts';

/** Pool task `authenticity.check`: the date crosses the thread boundary as epoch milliseconds. */
export async function authenticityTask(input: Omit<AuthenticateInput, 'now'> & { nowMs: number }): Promise<Authentication> {
  const { nowMs, ...rest } = input;
  return authenticateDocument({ ...rest, now: new Date(nowMs) });
}
