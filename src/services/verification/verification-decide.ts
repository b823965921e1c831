import type { CreateOptions } from '../../domain/session/create-options.ts';
import { decideVerification } from '../../domain/verification/decide-verification.ts';
import type { FaceOutcome } from '../../domain/verification/verification-input.ts';
import type { Decision, Evidence } from './verification-decision.ts';

/** Maps what the engines found onto the domain decision's inputs. */
export function decide(options: CreateOptions, e: Evidence): Decision {
  const reading = e.reading;
  let face: FaceOutcome | null = null;
  if (options.biometric > 0) {
    if (!e.face) face = { failure: { reason: 'No selfie was supplied.' } };
    else if (e.face.kind === 'photo') face = e.face.comparison;
    else {
      const v = e.face.video;
      face = v.failure ? { ...v.comparison, failure: v.failure } : (v.comparison ?? { failure: { reason: 'The selfie video could not be analysed.' } });
    }
  }
  let authentication: { score: number } | null = null;
  if (options.authenticate_minscore > 0) {
    // A check that could not run never counts as a pass: a score of 0 fails it (fail code 2).
    authentication = e.authentication && 'score' in e.authentication ? { score: e.authentication.score } : { score: 0 };
  }
  return decideVerification({
    options,
    document: {
      recognized: !!reading && !reading.failure && Object.keys(reading.data).length > 0,
      data: reading?.data ?? {},
      documentKind: reading?.documentKind,
      doubtful: reading?.doubtful,
      failureReason: reading?.failure?.reason ?? (reading ? undefined : 'No document image was supplied.'),
      dualSide: e.sides,
    },
    face,
    authentication,
    phone: options.phoneverification ? { verified: !!e.phone, number: e.phone?.number, type: e.phone?.type } : null,
    aml: e.aml,
    now: new Date(e.now),
  });
}
