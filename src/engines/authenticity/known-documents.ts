import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type KnownDocument = { id: string; names?: string[]; numbers?: string[]; issuer?: string; commonName?: boolean; source: string };
export type KnownImageHash = { id: string; dhash: string; source: string };
export type KnownDocuments = {
  specimenWords: string[];
  specimenIssuers: Array<{ code: string; source: string }>;
  documents: KnownDocument[];
  imageHashes: KnownImageHash[];
};

export const SHIPPED_KNOWN_DOCUMENTS = fileURLToPath(new URL('../../../assets/authenticity/known-documents.json', import.meta.url));
/** Where `idgate authenticity add-known` stores additions, inside the data directory. */
export const knownDocumentsFile = (dataDir: string): string => path.join(dataDir, 'authenticity', 'known-documents.json');

const empty = (): KnownDocuments => ({ specimenWords: [], specimenIssuers: [], documents: [], imageHashes: [] });
let shipped: KnownDocuments | undefined;
const added = new Map<string, { mtimeMs: number; data: KnownDocuments }>();

export function readKnownFile(file: string): KnownDocuments {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<KnownDocuments>;
  return { ...empty(), ...raw };
}

/** The shipped database merged with the data directory's additions (re-read when the file changes). */
export function loadKnownDocuments(dataDir?: string): KnownDocuments {
  shipped ??= readKnownFile(SHIPPED_KNOWN_DOCUMENTS);
  if (!dataDir) return shipped;
  const file = knownDocumentsFile(dataDir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return shipped;
  }
  let extra = added.get(file);
  if (!extra || extra.mtimeMs !== stat.mtimeMs) {
    extra = { mtimeMs: stat.mtimeMs, data: readKnownFile(file) };
    added.set(file, extra);
  }
  const e = extra.data;
  return {
    specimenWords: [...shipped.specimenWords, ...e.specimenWords],
    specimenIssuers: [...shipped.specimenIssuers, ...e.specimenIssuers],
    documents: [...shipped.documents, ...e.documents],
    imageHashes: [...shipped.imageHashes, ...e.imageHashes],
  };
}

/** Upper-case Latin letters only, diacritics folded (É→E, Ø→O), everything else a single space. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'SS')
    .replace(/[ØøŁł]/g, (c) => ({ Ø: 'O', ø: 'O', Ł: 'L', ł: 'L' })[c]!)
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim();
}

export const normaliseNumber = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
