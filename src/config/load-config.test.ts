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

  it('runs jobs on pg-boss by default on PostgreSQL and on the embedded queue on SQLite; IDGATE_JOB_QUEUE overrides', () => {
    const pg = 'postgres://idgate@db:5432/idgate';
    expect(loadConfig({}).jobQueue).toBe('embedded');
    expect(loadConfig({ DATABASE_URL: 'sqlite:///var/lib/idgate/idgate.db' }).jobQueue).toBe('embedded');
    expect(loadConfig({ DATABASE_URL: pg }).jobQueue).toBe('pg-boss');
    expect(loadConfig({ DATABASE_URL: 'postgresql://idgate@db/idgate' }).jobQueue).toBe('pg-boss');
    expect(loadConfig({ DATABASE_URL: pg, IDGATE_JOB_QUEUE: 'embedded' }).jobQueue).toBe('embedded');
    expect(() => loadConfig({ IDGATE_JOB_QUEUE: 'pg-boss' })).toThrow(ConfigError);
  });

  it("puts pg-boss's tables in `pgboss`, or beside a schema the URL pins, unless IDGATE_PGBOSS_SCHEMA says", () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/idgate' }).pgBossSchema).toBe('pgboss');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/idgate?options=-c%20search_path%3Dacme' }).pgBossSchema).toBe('acme_pgboss');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/idgate?options=-c%20search_path%3Dacme', IDGATE_PGBOSS_SCHEMA: 'jobs_x' }).pgBossSchema).toBe('jobs_x');
  });
});
