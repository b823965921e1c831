import type { CreateOptions, SignOptions } from './create-options.ts';

export type StepName = 'phone' | 'document' | 'document_back' | 'selfie' | 'selfie_video' | 'contract';
export type SessionProgress = {
  /** File roles already stored for the session: document, document_back, face, face_video, … */
  files: ReadonlySet<string>;
  phoneVerified: boolean;
  contractSigned: boolean;
  /** The business supplied the front at create, or the user said the document has no back. */
  backNotNeeded: boolean;
};

/**
 * The capture steps a session still needs, in the order the user meets them. The back side is
 * asked for unless the session is limited to passports, the business supplied the document at
 * create, or the user said their document has no back (a passport page).
 */
export function requiredSteps(kind: 'verification' | 'signature', options: CreateOptions | SignOptions, progress: SessionProgress): StepName[] {
  if (kind === 'signature') return progress.contractSigned ? [] : ['contract'];
  const o = options as CreateOptions;
  const steps: StepName[] = [];
  if (o.phoneverification && !progress.phoneVerified) steps.push('phone');
  if (!progress.files.has('document')) steps.push('document');
  const passportOnly = o.documenttype?.length === 1 && o.documenttype[0] === 'P';
  if (!passportOnly && !progress.backNotNeeded && !progress.files.has('document_back')) steps.push('document_back');
  if (o.biometric === 1 && !progress.files.has('face')) steps.push('selfie');
  if (o.biometric === 2 && !progress.files.has('face_video') && !progress.files.has('face')) steps.push('selfie_video');
  return steps;
}
