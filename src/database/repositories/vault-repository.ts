import type { Db } from '../connect.ts';
import type { VaultEntriesTable, VaultEntryIndexTable, VaultFacesTable, VaultImagesTable } from '../schema.ts';

export type VaultEntryRow = VaultEntriesTable;
export type VaultIndexRow = VaultEntryIndexTable;
export type VaultImageRow = VaultImagesTable;
export type VaultFaceRow = VaultFacesTable;

/** Columns held in clear, filterable and sortable in SQL. */
export type VaultPlainColumn = 'id' | 'docupass_reference' | 'createtime' | 'updatetime';
export type VaultOp = '=' | '!=' | '>' | '<' | '>=' | '<=';

/** A filter the database can answer: on a plain column, or equality on a blind-index token. */
export type VaultSqlFilter =
  | { kind: 'column'; column: VaultPlainColumn; op: VaultOp; value: string | number }
  | { kind: 'index'; field: string; op: '=' | '!='; tokens: string[] };

export type VaultListQuery = {
  filters: VaultSqlFilter[];
  orderBy: VaultPlainColumn;
  direction: 'asc' | 'desc';
  limit: number;
  offset: number;
};

/** Every query takes the account id: no key can reach another account's entries. */
export function vaultRepository(db: Db) {
  return {
    async insertEntry(entry: VaultEntryRow, index: VaultIndexRow[], images: VaultImageRow[], faces: VaultFaceRow[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('vault_entries').values(entry).execute();
        if (index.length) await trx.insertInto('vault_entry_index').values(index).execute();
        if (images.length) await trx.insertInto('vault_images').values(images).execute();
        if (faces.length) await trx.insertInto('vault_faces').values(faces).execute();
      });
    },

    async findEntry(accountId: string, id: string): Promise<VaultEntryRow | undefined> {
      return db.selectFrom('vault_entries').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
    },

    async findEntries(accountId: string, ids: string[]): Promise<VaultEntryRow[]> {
      if (!ids.length) return [];
      return db.selectFrom('vault_entries').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
    },

    async findImages(accountId: string, entryIds: string[]): Promise<VaultImageRow[]> {
      if (!entryIds.length) return [];
      return db.selectFrom('vault_images').selectAll().where('account_id', '=', accountId).where('entry_id', 'in', entryIds).orderBy('createtime').orderBy('id').execute();
    },

    /**
     * Replaces the sealed content and its index tokens in one transaction, only if the row still
     * holds `previousSealed` (optimistic: a concurrent update makes this return false).
     */
    async updateEntry(accountId: string, id: string, previousSealed: string, set: { sealed: string; key_id: string; updatetime: number }, index: VaultIndexRow[]): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('vault_entries').set(set).where('id', '=', id).where('account_id', '=', accountId).where('sealed', '=', previousSealed).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await trx.deleteFrom('vault_entry_index').where('entry_id', '=', id).execute();
        if (index.length) await trx.insertInto('vault_entry_index').values(index).execute();
        return true;
      });
    },

    async touchEntry(accountId: string, id: string, at: number): Promise<void> {
      await db.updateTable('vault_entries').set({ updatetime: at }).where('id', '=', id).where('account_id', '=', accountId).execute();
    },

    /** Deletes entries with their index, faces and image rows; returns the image rows (for the files). */
    async deleteEntries(accountId: string, ids: string[]): Promise<{ deleted: string[]; images: VaultImageRow[] }> {
      if (!ids.length) return { deleted: [], images: [] };
      return db.transaction().execute(async (trx) => {
        const owned = (await trx.selectFrom('vault_entries').select('id').where('account_id', '=', accountId).where('id', 'in', ids).execute()).map((r) => r.id);
        if (!owned.length) return { deleted: [], images: [] };
        const images = await trx.selectFrom('vault_images').selectAll().where('entry_id', 'in', owned).execute();
        await trx.deleteFrom('vault_faces').where('entry_id', 'in', owned).execute();
        await trx.deleteFrom('vault_images').where('entry_id', 'in', owned).execute();
        await trx.deleteFrom('vault_entry_index').where('entry_id', 'in', owned).execute();
        await trx.deleteFrom('vault_entries').where('id', 'in', owned).execute();
        return { deleted: owned, images };
      });
    },

    async insertImage(image: VaultImageRow, face: VaultFaceRow | undefined, at: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('vault_images').values(image).execute();
        if (face) await trx.insertInto('vault_faces').values(face).execute();
        await trx.updateTable('vault_entries').set({ updatetime: at }).where('id', '=', image.entry_id).execute();
      });
    },

    async deleteImage(accountId: string, entryId: string, imageId: string, at: number): Promise<VaultImageRow | undefined> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('vault_images').selectAll().where('id', '=', imageId).where('entry_id', '=', entryId).where('account_id', '=', accountId).executeTakeFirst();
        if (!row) return undefined;
        await trx.deleteFrom('vault_faces').where('image_id', '=', imageId).execute();
        await trx.deleteFrom('vault_images').where('id', '=', imageId).execute();
        await trx.updateTable('vault_entries').set({ updatetime: at }).where('id', '=', entryId).execute();
        return row;
      });
    },

    async findFaces(accountId: string): Promise<VaultFaceRow[]> {
      return db.selectFrom('vault_faces').selectAll().where('account_id', '=', accountId).execute();
    },

    async findImageByStorageKey(storageKey: string): Promise<VaultImageRow | undefined> {
      return db.selectFrom('vault_images').selectAll().where('storage_key', '=', storageKey).executeTakeFirst();
    },

    /**
     * One page of entry rows. With `limit` 0 every matching row is returned (the service then
     * filters, sorts and pages decrypted values itself, for what SQL cannot see).
     */
    async listEntries(accountId: string, q: VaultListQuery): Promise<VaultEntryRow[]> {
      let query = db.selectFrom('vault_entries').selectAll().where('account_id', '=', accountId);
      for (const f of q.filters) {
        if (f.kind === 'column') {
          const { column, op, value } = f;
          // An entry without a reference is "not equal" to any reference (SQL NULL would drop it).
          query = op === '!=' ? query.where((eb) => eb.or([eb(column, 'is', null), eb(column, '<>', value as never)])) : query.where(column, op, value as never);
        } else {
          // `=` drives from the (account, field, token) index, so a unique value is one look-up;
          // `!=` keeps entries that lack the field, hence NOT IN over the same set.
          const matching = db
            .selectFrom('vault_entry_index')
            .select('entry_id')
            .where('account_id', '=', accountId)
            .where('field', '=', f.field)
            .where('token', 'in', f.tokens);
          query = query.where('id', f.op === '=' ? 'in' : 'not in', matching);
        }
      }
      query = query.orderBy(q.orderBy, q.direction).orderBy('id', q.direction);
      if (q.limit > 0) query = query.limit(q.limit).offset(q.offset);
      return query.execute();
    },

    // --- key rotation: walks every account, in pages ---
    async findEntriesNotOnKey(keyId: string, limit: number): Promise<VaultEntryRow[]> {
      return db.selectFrom('vault_entries').selectAll().where('key_id', '<>', keyId).orderBy('id').limit(limit).execute();
    },
    async findFacesNotOnKey(keyId: string, limit: number): Promise<VaultFaceRow[]> {
      return db.selectFrom('vault_faces').selectAll().where('key_id', '<>', keyId).orderBy('id').limit(limit).execute();
    },
    async resealFace(id: string, sealed: string, keyId: string): Promise<void> {
      await db.updateTable('vault_faces').set({ sealed_embedding: sealed, key_id: keyId }).where('id', '=', id).execute();
    },
    async resealEntry(row: VaultEntryRow, sealed: string, keyId: string, index: VaultIndexRow[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('vault_entries').set({ sealed, key_id: keyId }).where('id', '=', row.id).execute();
        await trx.deleteFrom('vault_entry_index').where('entry_id', '=', row.id).execute();
        if (index.length) await trx.insertInto('vault_entry_index').values(index).execute();
      });
    },
    async findAllImageKeys(): Promise<string[]> {
      return (await db.selectFrom('vault_images').select('storage_key').execute()).map((r) => r.storage_key);
    },
  };
}
export type VaultRepository = ReturnType<typeof vaultRepository>;
