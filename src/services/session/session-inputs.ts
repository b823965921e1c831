import type { ServiceDeps } from '../deps.ts';
import type { SessionFileRow, Session } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions } from '../../domain/session/create-options.ts';
import { requiredSteps, type StepName } from '../../domain/session/required-steps.ts';
import { getVerifiedPhone } from '../phone/verified-phone.ts';

/** The newest file of each role (a retry uploads a new one; older ones stay for the audit). */
export function latestByRole(files: SessionFileRow[]): Map<string, SessionFileRow> {
  const out = new Map<string, SessionFileRow>();
  for (const f of [...files].sort((a, b) => a.created_at - b.created_at)) out.set(f.role, f);
  return out;
}

/** What the session still needs from the user, from its stored files and capture state. */
export async function pendingSteps(deps: Pick<ServiceDeps, 'capture' | 'sessions'>, session: Session, files?: SessionFileRow[]): Promise<StepName[]> {
  const options = session.options;
  const rows = files ?? (await deps.sessions.findFiles(session.account_id, session.reference));
  const roles = new Set(rows.map((f) => f.role));
  const capture = await deps.capture.getState(session.reference);
  const phone = session.kind === 'verification' && session.options.phoneverification ? await getVerifiedPhone(deps, session.reference) : null;
  // Files the business supplied at create are stored before the session row is written.
  const suppliedAtCreate = rows.some((f) => f.role === 'document' && f.created_at <= session.created_at);
  return requiredSteps(session.kind, options, {
    files: roles,
    phoneVerified: !!phone,
    contractSigned: false,
    backNotNeeded: !!capture?.back_not_needed || suppliedAtCreate,
  });
}
