import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/database/connect.ts';
import { sql } from 'kysely';

/**
 * Why erasure sets `secure_delete`: SQLite leaves a deleted row's bytes in free space (and the
 * WAL keeps old pages until a checkpoint). The same delete with and without it, the file scanned.
 */
describe('SQLite free pages', () => {
  const run = (secureDelete: boolean) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-sqlite-'));
    const file = path.join(dir, 'x.sqlite');
    const db = new SqliteDatabase(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
    db.exec('create table t (id integer primary key, v text)');
    const insert = db.prepare('insert into t (v) values (?)');
    for (let i = 0; i < 50; i++) insert.run(`filler row ${i} ${'x'.repeat(200)}`);
    insert.run('QUOKKAZEBRA L898902C3');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.prepare('delete from t where v like ?').run('QUOKKA%');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = Buffer.concat([fs.readFileSync(file), fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return bytes.includes(Buffer.from('QUOKKAZEBRA'));
  };

  it('without secure_delete a deleted value stays in the file; with it, it is gone', () => {
    expect(run(false)).toBe(true);
    expect(run(true)).toBe(false);
  });

  it("idgate's connection runs with secure_delete on", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-sqlite-'));
    const h = connectDatabase({ dataDir: dir });
    const r = await sql<{ secure_delete: number }>`PRAGMA secure_delete`.execute(h.db);
    expect(r.rows[0]?.secure_delete).toBe(1);
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
