import { describe, expect, it } from 'vitest';
import { OPEN_STATES, SESSION_STATES, TERMINAL_STATES, canTransition, transitionFrom } from './session-state.ts';

describe('session transition table', () => {
  it('has no way out of a terminal state', () => {
    for (const from of TERMINAL_STATES) for (const to of SESSION_STATES) expect(canTransition(from, to)).toBe(false);
  });
  it('lets every open state end (succeeded, failed, expired)', () => {
    for (const from of OPEN_STATES) for (const to of ['succeeded', 'failed', 'expired'] as const) expect(canTransition(from, to)).toBe(true);
  });
  it('reopens a checked session for a retry but never goes back to created', () => {
    expect(canTransition('in_progress', 'opened')).toBe(true);
    for (const from of SESSION_STATES) expect(canTransition(from, 'created')).toBe(false);
  });
  it('refuses a change the table forbids instead of writing it', () => {
    expect(transitionFrom(['created', 'opened'], 'in_progress')).toEqual(['created', 'opened']);
    expect(() => transitionFrom(['succeeded'], 'opened')).toThrow(/not allowed/);
  });
});
