import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import type { ServiceDeps } from '../deps.ts';
import { vaultContext } from './vault-context.ts';
import { openRecord, sealRecord } from './vault-sealing.ts';
import { requireVaultEntry } from './vault-get-entry.ts';
import { FIELD_NAME, isScalar, RESERVED_FIELDS } from './vault-record.ts';

/**
 * Sets data fields of an entry (`{"firstName":"JOHN", ...}`); `docupass_customid` may be set
 * too. Ids, times, the DocuPass reference, results and images are not editable here. A value of
 * null removes the field.
 */
export async function updateVaultEntry(deps: Pick<ServiceDeps, 'clock' | 'vault' | 'vaultKeys'>, accountId: string, id: string, fields: Record<string, unknown>): Promise<{ success: true }> {
  const { repo, crypto } = vaultContext(deps);
  const changes = Object.entries(fields).filter(([k]) => !RESERVED_FIELDS.has(k));
  if (!changes.length) throw invalidValue('data', 'give at least one field to update');
  for (const [k, v] of changes) {
    if (!FIELD_NAME.test(k)) throw invalidValue(k, 'field names are letters, digits and _ (at most 64)');
    if (v !== null && !isScalar(v)) throw invalidValue(k, 'a field value is a string, number or boolean');
  }
  // Read-modify-write with a compare on the sealed value; a concurrent update makes us re-read.
  for (let attempt = 0; ; attempt++) {
    const row = await requireVaultEntry(deps, accountId, id);
    const record = openRecord(crypto, row);
    for (const [k, v] of changes) {
      if (k === 'docupass_customid') record.docupass_customid = v === null ? null : String(v);
      else if (k === 'docupass_success' || k === 'docupass_failcode' || k === 'docupass_failedreason') throw invalidValue(k, 'verification outcomes cannot be edited');
      else if (v === null) delete record.data[k];
      else record.data[k] = v;
    }
    const sealed = sealRecord(crypto, accountId, id, record);
    if (await repo.updateEntry(accountId, id, row.sealed, { sealed: sealed.sealed, key_id: sealed.key_id, updatetime: deps.clock() }, sealed.index)) break;
    if (attempt >= 19) throw new DomainError(ErrorCode.Internal, `Vault entry ${id} is being changed concurrently; try again`);
    // Writers that lost the race back off by a random few milliseconds, so they stop colliding.
    await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
  }
  return { success: true };
}
