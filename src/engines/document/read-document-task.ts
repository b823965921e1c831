import { readDocument, type VisualZoneMode } from './read-document.ts';
import type { DocumentReading } from './document-reading.ts';

/** Pool task `document.read`: dates cross the thread boundary as epoch milliseconds. */
export async function readDocumentTask(input: { front: Uint8Array; back?: Uint8Array; nowMs: number; everySide?: boolean; visualZone?: VisualZoneMode; budgetMs?: number }): Promise<DocumentReading> {
  return readDocument({ front: input.front, back: input.back, now: new Date(input.nowMs), everySide: input.everySide, visualZone: input.visualZone, budgetMs: input.budgetMs });
}
