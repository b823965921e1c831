import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.ts';

describe('loadConfig', () => {
  it('gives the document read budget its default and takes an operator value', () => {
    expect(loadConfig({}).documentReadBudgetMs).toBe(6000);
    expect(loadConfig({ IDGATE_DOCUMENT_READ_BUDGET_MS: '2500' }).documentReadBudgetMs).toBe(2500);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ IDGATE_DOCUMENT_READ_BUDGET_MS: '-1', PORT: 'eighty' });
      expect.unreachable('a bad configuration must throw');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['IDGATE_DOCUMENT_READ_BUDGET_MS', 'PORT']);
    }
  });
});
