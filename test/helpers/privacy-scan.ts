import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestServer } from './test-server.ts';

/** Where personal data was found: "db:<table>", "sqlite:<file>", "file:<key>" (plain or decrypted), "data:<file>". */
export type Trace = { needle: string; where: string };

function* walk(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) yield* walk(full);
    else if (d.isFile()) yield full;
  }
}

const label = (n: Buffer) => (n.every((b) => b >= 0x20 && b < 0x7f) ? n.toString('latin1') : `<${n.length} image bytes>`);

/**
 * Looks for each needle everywhere the server keeps data: the database (SQLite: the database
 * file and its WAL, byte for byte; PostgreSQL: every table of the suite's schema as text), every
 * file of the file store both as stored and as the store opens it, and every other file in the
 * data dir (SMS outbox, …) except the key files.
 */
export async function findTraces(s: TestServer, needles: Buffer[], s3?: { dir: string }): Promise<Trace[]> {
  const traces: Trace[] = [];
  const check = (where: string, hay: Buffer) => {
    for (const n of needles) if (hay.includes(n)) traces.push({ needle: label(n), where });
  };
  const db = s.comp.database;
  if (db.dialect === 'sqlite') {
    for (const f of fs.readdirSync(s.dataDir).filter((n) => n.startsWith('idgate.sqlite'))) check(`sqlite:${f}`, fs.readFileSync(path.join(s.dataDir, f)));
  } else {
    const tables = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.db);
    for (const { t } of tables.rows) {
      const rows = await sql<{ r: string }>`select t::text as r from ${sql.table(t)} t`.execute(db.db);
      check(`db:${t}`, Buffer.from(rows.rows.map((r) => r.r).join('\n'), 'utf8'));
    }
  }
  if (s3) {
    // S3 (s3rver keeps objects and their metadata as files): every byte it holds, then every key as the store opens it.
    for (const f of walk(s3.dir)) check(`s3:${path.relative(s3.dir, f)}`, fs.readFileSync(f));
    for await (const key of s.comp.deps.files.list('')) {
      const opened = await s.comp.deps.files.get(key).catch(() => null);
      if (opened) check(`file:${key} (decrypted)`, opened);
    }
  }
  const filesRoot = path.join(s.dataDir, 'files');
  for (const f of walk(filesRoot)) {
    const key = path.relative(filesRoot, f).split(path.sep).join('/');
    check(`file:${key} (as stored)`, fs.readFileSync(f));
    const opened = await s.comp.deps.files.get(key).catch(() => null);
    if (opened) check(`file:${key} (decrypted)`, opened);
  }
  for (const f of walk(s.dataDir)) {
    const rel = path.relative(s.dataDir, f);
    if (rel.startsWith('files') || rel.startsWith('keys') || rel.startsWith('idgate.sqlite')) continue;
    check(`data:${rel}`, fs.readFileSync(f));
  }
  return traces;
}

