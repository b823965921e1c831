import type { Db } from '../connect.ts';
import type { AmlListsTable } from '../schema.ts';
import type { AmlEntity } from '../../engines/aml/aml-entity.ts';

export type AmlListRow = AmlListsTable;

// 4 parameters a row: 250 rows stay far below SQLite's and PostgreSQL's parameter limits.
const BATCH = 250;

export function amlRepository(db: Db) {
  return {
    /** Replaces one database's entities and status in a single transaction: readers see the old list or the new one. */
    async replaceList(database: string, entities: AmlEntity[], meta: Omit<AmlListRow, 'database' | 'entity_count'>, onProgress?: (done: number) => void): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('aml_entities').where('database', '=', database).execute();
        await trx.deleteFrom('aml_lists').where('database', '=', database).execute();
        const seen = new Set<string>();
        const unique = entities.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
        for (let i = 0; i < unique.length; i += BATCH) {
          const rows = unique.slice(i, i + BATCH).map((e) => ({ database, entity_id: e.id, entity: e.entity, record_json: JSON.stringify(e) }));
          await trx.insertInto('aml_entities').values(rows).execute();
          onProgress?.(Math.min(unique.length, i + BATCH));
        }
        await trx.insertInto('aml_lists').values({ database, entity_count: unique.length, ...meta }).execute();
      });
    },
    async findLists(): Promise<AmlListRow[]> {
      return db.selectFrom('aml_lists').selectAll().orderBy('database').execute();
    },
    async findAllEntities(): Promise<AmlEntity[]> {
      const rows = await db.selectFrom('aml_entities').select(['record_json']).orderBy('database').orderBy('entity_id').execute();
      return rows.map((r) => JSON.parse(r.record_json) as AmlEntity);
    },
    /** Changes whenever a list is re-imported anywhere: lets a process notice another's import. */
    async fingerprint(): Promise<string> {
      const rows = await db.selectFrom('aml_lists').select(['database', 'imported_at']).orderBy('database').execute();
      return rows.map((r) => `${r.database}:${r.imported_at}`).join(',');
    },
  };
}
export type AmlRepository = ReturnType<typeof amlRepository>;
