import type { Db } from '../connect.ts';
import type { PortalSessionsTable } from '../schema.ts';

export type PortalSessionRow = PortalSessionsTable;

/** Server-side operator sessions; the cookie holds the id, the table only its SHA-256. */
export function portalSessionsRepository(db: Db) {
  return {
    async insert(row: PortalSessionRow): Promise<void> {
      await db.insertInto('portal_sessions').values(row).execute();
    },
    async find(idHash: string): Promise<PortalSessionRow | undefined> {
      return db.selectFrom('portal_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    },
    async update(idHash: string, set: Partial<Omit<PortalSessionRow, 'id_hash'>>): Promise<void> {
      await db.updateTable('portal_sessions').set(set).where('id_hash', '=', idHash).execute();
    },
    async remove(idHash: string): Promise<void> {
      await db.deleteFrom('portal_sessions').where('id_hash', '=', idHash).execute();
    },
    async removeForOperator(operatorId: string): Promise<number> {
      const r = await db.deleteFrom('portal_sessions').where('operator_id', '=', operatorId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async removeExpired(now: number, idleBefore: number): Promise<void> {
      await db.deleteFrom('portal_sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)])).execute();
    },
  };
}
export type PortalSessionsRepository = ReturnType<typeof portalSessionsRepository>;
