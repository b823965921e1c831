import type { DocumentReading } from './document-reading.ts';

const norm = (s: string | undefined) => s?.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * `dualsidecheck`: names, document number and type must agree between the sides wherever both
 * sides carry the field (a side that did not read a field cannot contradict it).
 */
export function compareSides(reading: DocumentReading): { match: boolean; mismatches: string[] } {
  const mismatches: string[] = [];
  const [front, back] = reading.sides;
  for (const field of ['firstName', 'lastName', 'documentNumber', 'documentType'] as const) {
    const a = norm(front?.data?.[field]), b = norm(back?.data?.[field]);
    if (a && b && a !== b) mismatches.push(field);
  }
  return { match: mismatches.length === 0, mismatches };
}
