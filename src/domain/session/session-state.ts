export const SESSION_STATES = ['created', 'opened', 'in_progress', 'succeeded', 'failed', 'expired'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** A session that can still change: not yet opened, being filled in, or being checked. */
export const OPEN_STATES = ['created', 'opened', 'in_progress'] as const satisfies readonly SessionState[];
export type OpenState = (typeof OPEN_STATES)[number];
/** Before any attempt is being checked: the person may still add or replace inputs. */
export const CAPTURE_STATES = ['created', 'opened'] as const satisfies readonly SessionState[];

export const TERMINAL_STATES: ReadonlySet<SessionState> = new Set(['succeeded', 'failed', 'expired']);

/**
 * Every allowed state change. `in_progress → opened` is a failed attempt with attempts left (the
 * person may retry); `in_progress → in_progress` is the next attempt being checked.
 */
export const TRANSITIONS: Readonly<Record<SessionState, readonly SessionState[]>> = {
  created: ['opened', 'in_progress', 'succeeded', 'failed', 'expired'],
  opened: ['in_progress', 'succeeded', 'failed', 'expired'],
  in_progress: ['opened', 'in_progress', 'succeeded', 'failed', 'expired'],
  succeeded: [],
  failed: [],
  expired: [],
};

export function canTransition(from: SessionState, to: SessionState): boolean {
  return TRANSITIONS[from].includes(to);
}

export const isOpenState = (state: SessionState): state is OpenState => (OPEN_STATES as readonly SessionState[]).includes(state);
export const isSessionState = (s: string): s is SessionState => (SESSION_STATES as readonly string[]).includes(s);

/**
 * The states a change to `to` may start from, checked against the table: a caller asking for a
 * change the table forbids is a programming error and fails loudly rather than writing it.
 */
export function transitionFrom(from: readonly SessionState[], to: SessionState): SessionState[] {
  const bad = from.filter((f) => !canTransition(f, to));
  if (bad.length) throw new Error(`session state change ${bad.join('/')} → ${to} is not allowed`);
  return [...from];
}

/** A session whose expiry instant has passed is expired whatever its stored state says. */
export function effectiveState(state: SessionState, expiresAt: number, now: number): SessionState {
  if (!TERMINAL_STATES.has(state) && now >= expiresAt) return 'expired';
  return state;
}
