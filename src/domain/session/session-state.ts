export const SESSION_STATES = ['created', 'opened', 'in_progress', 'succeeded', 'failed', 'expired'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const TERMINAL_STATES: ReadonlySet<SessionState> = new Set(['succeeded', 'failed', 'expired']);

const ALLOWED: Record<SessionState, readonly SessionState[]> = {
  created: ['opened', 'in_progress', 'succeeded', 'failed', 'expired'],
  opened: ['in_progress', 'succeeded', 'failed', 'expired'],
  in_progress: ['in_progress', 'succeeded', 'failed', 'expired'],
  succeeded: [],
  failed: [],
  expired: [],
};

export function canTransition(from: SessionState, to: SessionState): boolean {
  return ALLOWED[from].includes(to);
}

/** A session whose expiry instant has passed is expired whatever its stored state says. */
export function effectiveState(state: SessionState, expiresAt: number, now: number): SessionState {
  if (!TERMINAL_STATES.has(state) && now >= expiresAt) return 'expired';
  return state;
}
