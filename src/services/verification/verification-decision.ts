import type { CreateOptions } from '../../domain/session/create-options.ts';
import type { DocumentReading } from '../../engines/document/document-reading.ts';
import type { FaceComparison, SelfieVideoResult } from '../../engines/face/face-types.ts';
import type { AmlRecord } from '../aml/aml-screening.ts';

export type AuthenticationBlock = { score: number; breakdown: Record<string, { passed: boolean; reason?: string }>; warning?: string[] };

/** Everything the engines found for one attempt; stored (encrypted) with the attempt. */
export type Evidence = {
  reading: DocumentReading | null;
  sides: { match: boolean; mismatches: string[] } | null;
  face: { kind: 'photo'; comparison: FaceComparison } | { kind: 'video'; video: SelfieVideoResult } | null;
  authentication: AuthenticationBlock | { notPerformed: string } | null;
  phone: { number: string; type: string } | null;
  aml: AmlRecord[];
  now: number;
};

export type Decision = { passed: boolean; failcode: number | null; failreason: string | null; result: Record<string, boolean> };

