import type { Db } from '../connect.ts';
import type { TemplatesTable } from '../schema.ts';

export type TemplateRow = TemplatesTable;

/** Templates are versioned: a change adds a row with the next version; reads take the latest live one. */
export function templatesRepository(db: Db) {
  return {
    async insert(row: TemplateRow): Promise<void> {
      await db.insertInto('templates').values(row).execute();
    },
    async getLatest(accountId: string, id: string): Promise<TemplateRow | undefined> {
      return db
        .selectFrom('templates')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
    async getVersion(accountId: string, id: string, version: number): Promise<TemplateRow | undefined> {
      return db
        .selectFrom('templates')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('version', '=', version)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
    },
    /** Any account's template: the CLI works across accounts. */
    async getLatestAnyAccount(id: string): Promise<TemplateRow | undefined> {
      return db.selectFrom('templates').selectAll().where('id', '=', id).where('deleted_at', 'is', null).orderBy('version', 'desc').limit(1).executeTakeFirst();
    },
    async findLatestForAccount(accountId: string): Promise<TemplateRow[]> {
      const rows = await db
        .selectFrom('templates')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .orderBy('version', 'desc')
        .execute();
      const seen = new Set<string>();
      return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
    },
    async findAllLatest(): Promise<TemplateRow[]> {
      const rows = await db.selectFrom('templates').selectAll().where('deleted_at', 'is', null).orderBy('id').orderBy('version', 'desc').execute();
      const seen = new Set<string>();
      return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
    },
    async markDeleted(accountId: string | null, id: string, at: number): Promise<boolean> {
      let q = db.updateTable('templates').set({ deleted_at: at }).where('id', '=', id).where('deleted_at', 'is', null);
      if (accountId) q = q.where('account_id', '=', accountId);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type TemplatesRepository = ReturnType<typeof templatesRepository>;
