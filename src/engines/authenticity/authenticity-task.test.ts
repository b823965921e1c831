import { describe, expect, it } from 'vitest';
import { toModule } from './authenticity-task.ts';

describe('toModule', () => {
  it('accepts 1, 2 and quick as numbers or strings and defaults to 2', () => {
    expect(toModule(1)).toBe('1');
    expect(toModule('1')).toBe('1');
    expect(toModule(2)).toBe('2');
    expect(toModule('quick')).toBe('quick');
    expect(toModule(undefined)).toBe('2');
    expect(toModule('7')).toBe('2');
  });
});
