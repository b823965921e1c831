// Placeholder until the domain decision lands; replaced in the next commit.
import type { CreateOptions } from '../domain/session/create-options.ts';
import type { Decision, Evidence } from './verification-decision.ts';
export function decide(_o: CreateOptions, _e: Evidence): Decision {
  throw new Error('verification decision not wired yet');
}
