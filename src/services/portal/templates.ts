import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { findTemplates, getTemplate, addTemplate, updateTemplate } from '../contracts/templates.ts';
import { previewContract } from '../contracts/contracts.ts';
import { importAmlList } from '../aml/aml-import.ts';
import { actorWho, audit } from './audit.ts';
import { requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';

/** Sample ID data for previews: made up, never a real person. */
export const SAMPLE_DATA = {
  firstName: 'JANE', middleName: 'Q', lastName: 'SAMPLE', fullName: 'JANE Q SAMPLE', documentNumber: 'X0000000', dob: '1990/01/01',
  nationality_full: 'Utopia', nationality_iso2: 'UT', sex: 'F', expiry: '2035/01/01', address1: '1 Sample Street', postcode: '12345', documentType: 'P',
};

export async function listPortalTemplates(deps: PortalDeps, actor: Actor) {
  requireCapability(actor, 'templates');
  const rows = await findTemplates(deps, actor.accountId);
  return { items: rows.map((r) => ({ id: r.id, version: r.version, name: r.name, created: new Date(r.created_at).toISOString() })) };
}

export async function getPortalTemplate(deps: PortalDeps, actor: Actor, id: string) {
  requireCapability(actor, 'templates');
  const t = await getTemplate(deps, actor.accountId, id);
  return { id: t.id, version: t.version, name: t.name, html: t.html, placeholders: t.placeholders, unknownPlaceholders: t.unknown_placeholders };
}

/** The same service as the Template API: sanitised, and a change adds a version (never overwrites). */
export async function savePortalTemplate(deps: PortalDeps, actor: Actor, input: { id?: string; name: string; html: string }) {
  requireCapability(actor, 'templates');
  const stored = input.id ? await updateTemplate(deps, actor.accountId, input.id, { name: input.name, html: input.html }) : await addTemplate(deps, actor.accountId, input.name, input.html);
  await audit(deps, actorWho(actor), input.id ? 'template.update' : 'template.create', stored.id, { version: stored.version });
  return { id: stored.id, version: stored.version, unknownPlaceholders: stored.unknown_placeholders, removed: stored.removed };
}

/** The filled contract as the signer would read it, with the specimen's data. */
export async function previewPortalTemplate(deps: PortalDeps, actor: Actor, id: string): Promise<string> {
  requireCapability(actor, 'templates');
  return previewContract(deps, { accountId: actor.accountId, templateId: id, data: SAMPLE_DATA, system: { reference: 'PREVIEW000000', companyName: 'Preview' } });
}

/** Loaded AML lists: database, entity count, snapshot date, import time (no entity data). */
export async function listAmlLists(deps: PortalDeps, actor: Actor) {
  requireCapability(actor, 'aml');
  const rows = await deps.portal.queries.findAmlLists();
  return { items: rows.map((l) => ({ database: l.database, entities: l.entity_count, snapshot: l.snapshot_date, format: l.format, source: l.source, imported: new Date(l.imported_at).toISOString() })) };
}

/**
 * A new list file (or OFAC's CSV set) replaces one database's list, as `idgate aml import` does.
 * An incomplete OFAC CSV set is refused (aliases and addresses would be lost).
 */
export async function importPortalAmlList(deps: PortalDeps, actor: Actor, files: Array<{ name: string; data: Uint8Array }>, database?: string) {
  requireCapability(actor, 'aml_import');
  const names = new Set(files.map((f) => f.name.toLowerCase()));
  if (names.has('sdn.csv') && !['alt.csv', 'add.csv', 'sdn_comments.csv'].every((n) => names.has(n))) {
    throw new DomainError(ErrorCode.InvalidValue, 'Incomplete OFAC CSV set: give sdn.csv, alt.csv, add.csv and sdn_comments.csv together');
  }
  const r = await importAmlList(deps, files, { database: database || undefined });
  await audit(deps, actorWho(actor), 'aml.import', r.database, { format: r.format, entities: r.entities });
  return r;
}
