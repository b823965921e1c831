import { loadAnalysisImage } from './analysis-image.ts';
import { imageHashes } from './check-publicity.ts';
import { findDocumentRegion } from './document-region.ts';
import type { KnownDocument, KnownDocuments, KnownImageHash } from './known-documents.ts';
import { normaliseName, normaliseNumber } from './known-documents.ts';

/**
 * What `idgate authenticity add-known FILE` records for one public document image: its dHashes
 * (whole image and, when found, the document region) and optionally its names and numbers.
 */
export async function knownEntryFor(bytes: Uint8Array, meta: { id: string; source: string; names?: string[]; numbers?: string[] }): Promise<{ document?: KnownDocument; hashes: KnownImageHash[] }> {
  const front = await loadAnalysisImage(bytes);
  const region = findDocumentRegion(front.work);
  const hashes = (await imageHashes({ front, region })).map((dhash) => ({ id: meta.id, dhash, source: meta.source }));
  const names = (meta.names ?? []).map(normaliseName).filter(Boolean);
  const numbers = (meta.numbers ?? []).map(normaliseNumber).filter(Boolean);
  const document = names.length || numbers.length ? { id: meta.id, source: meta.source, ...(names.length && { names }), ...(numbers.length && { numbers }) } : undefined;
  return { document, hashes };
}

/** Adds an entry to a database file's content, replacing an earlier entry with the same id. */
export function mergeKnownEntry(db: KnownDocuments, entry: { document?: KnownDocument; hashes: KnownImageHash[] }, id: string): KnownDocuments {
  return {
    ...db,
    documents: [...db.documents.filter((d) => d.id !== id), ...(entry.document ? [entry.document] : [])],
    imageHashes: [...db.imageHashes.filter((h) => h.id !== id), ...entry.hashes],
  };
}
