import { zipSync, type Zippable } from 'fflate';
import type { ServiceDeps } from '../deps.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { vaultContext } from '../vault/vault-context.ts';
import { openEmbedding, openRecord } from '../vault/vault-sealing.ts';
import { privacyRepo } from './privacy-deps.ts';
import type { EraseTarget } from './erase-session.ts';

const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());
const extOf = (key: string) => key.split('.').pop() ?? 'bin';

/** A file that could not be read (already erased, or its key destroyed) is listed, not fatal. */
async function readOrNull(deps: Pick<ServiceDeps, 'files'>, key: string): Promise<Buffer | null> {
  try {
    return await deps.files.get(key);
  } catch {
    return null;
  }
}

/**
 * Subject access: everything held about a reference (with its reusable-link children) or a
 * custom id, as one ZIP: `export.json` (sessions, options as given, verification results,
 * callback payloads, phone, vault records, face descriptors, erasures) and every file under
 * `files/`. Scoped to the account (undefined = any account: the operator's CLI).
 */
export async function exportSubject(deps: Pick<ServiceDeps, 'clock' | 'files' | 'privacy' | 'vault' | 'vaultKeys'>, accountId: string | undefined, target: EraseTarget): Promise<{ zip: Buffer; summary: { sessions: number; files: number; vault_entries: number } }> {
  const repo = privacyRepo(deps);
  const sessions = await repo.findSessions(accountId, target);
  if (!sessions.length) throw new DomainError(ErrorCode.NotFound, target.reference !== undefined ? 'No session with this reference' : 'No session with this customid');
  const zip: Zippable = {};
  const addFile = (path: string, data: Buffer) => {
    zip[path] = [new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { level: 0 }];
  };
  const out: Record<string, unknown>[] = [];
  let fileCount = 0;
  let vaultCount = 0;
  for (const s of sessions) {
    const held = await repo.holdings(s.account_id, s.reference);
    const dir = `files/${s.reference}`;
    const files = [];
    for (const f of held.files) {
      const name = `${dir}/${f.role}-${f.id.slice(0, 8)}.${extOf(f.storage_key)}`;
      const bytes = await readOrNull(deps, f.storage_key);
      if (bytes) {
        addFile(name, bytes);
        fileCount++;
      }
      files.push({ role: f.role, mime: f.mime, size: f.size, sha256: f.sha256, created: iso(f.created_at), file: bytes ? name : null });
    }
    const attempts = [];
    for (const a of held.attempts) {
      const result = a.result_key ? await readOrNull(deps, a.result_key) : null;
      attempts.push({ attempt: a.attempt, passed: !!a.passed, failcode: a.failcode, failreason: a.failreason, created: iso(a.created_at), result: result ? JSON.parse(result.toString('utf8')) : null });
    }
    const callbacks = [];
    for (const d of held.deliveries) {
      const payload = await readOrNull(deps, d.payload_key);
      callbacks.push({ id: d.id, url: d.url, state: d.state, attempts: d.attempts, created: iso(d.created_at), payload: payload ? JSON.parse(payload.toString('utf8')) : null });
    }
    const vault = await exportVault(deps, s.account_id, held.vaultEntryIds, `files/vault`, addFile);
    vaultCount += vault.length;
    fileCount += vault.reduce((n, v) => n + (v.images as unknown[]).length, 0);
    out.push({
      reference: s.reference,
      kind: s.kind,
      type: s.type,
      customid: s.customid,
      state: s.state,
      success: s.outcome_success === null ? null : !!s.outcome_success,
      failcode: s.outcome_failcode,
      attempts: s.attempts,
      created: iso(s.created_at),
      updated: iso(s.updated_at),
      expires: iso(s.expires_at),
      parent_reference: s.parent_reference,
      options: s.options,
      phone: held.phone ? { number: held.phone.number, type: held.phone.number_type, verified: iso(held.phone.verified_at) } : null,
      files,
      verification_attempts: attempts,
      callbacks,
      vault,
      erasures: (await repo.findErasures(s.account_id, s.reference)).map((e) => ({ level: e.level, reason: e.reason, time: iso(e.created_at), erased: JSON.parse(e.erased_json) })),
    });
  }
  const doc = { exported: iso(deps.clock()), query: target, sessions: out };
  zip['export.json'] = [new TextEncoder().encode(JSON.stringify(doc, null, 2)), { level: 6 }];
  return { zip: Buffer.from(zipSync(zip)), summary: { sessions: sessions.length, files: fileCount, vault_entries: vaultCount } };
}

async function exportVault(deps: Pick<ServiceDeps, 'files' | 'vault' | 'vaultKeys'>, accountId: string, ids: string[], dir: string, addFile: (path: string, data: Buffer) => void): Promise<Record<string, unknown>[]> {
  if (!ids.length) return [];
  const { repo, crypto } = vaultContext(deps);
  const rows = await repo.findEntries(accountId, ids);
  const images = await repo.findImages(accountId, ids);
  const faces = (await repo.findFaces(accountId)).filter((f) => ids.includes(f.entry_id));
  return Promise.all(
    rows.map(async (row) => {
      const imgs = [];
      for (const img of images.filter((i) => i.entry_id === row.id)) {
        const bytes = await readOrNull(deps, img.storage_key);
        const name = `${dir}/${row.id}/${img.id}.${img.format}`;
        if (bytes) addFile(name, bytes);
        imgs.push({ id: img.id, type: img.type === 1 ? 'person' : 'document', side: img.side, format: img.format, created: iso(img.createtime), file: bytes ? name : null });
      }
      return {
        id: row.id,
        created: iso(row.createtime),
        updated: iso(row.updatetime),
        record: openRecord(crypto, row),
        images: imgs,
        face_descriptors: faces.filter((f) => f.entry_id === row.id).map((f) => ({ id: f.id, image_id: f.image_id, created: iso(f.createtime), descriptor: openEmbedding(crypto, f) })),
      };
    }),
  );
}
