import { isIP } from 'node:net';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import type { PortalSessionRow } from '../../database/repositories/portal-sessions-repository.ts';
import { actorWho, audit } from './audit.ts';
import { countFailure, failed, finishSignIn, refuseLocked, whoOf, type Authenticated, type Client } from './auth.ts';
import { iso } from './paging.ts';
import type { PortalDeps } from './portal-deps.ts';

/**
 * Passkeys (WebAuthn) for operators: registered from a signed-in session, then usable instead of
 * the TOTP code as the second factor after the password. User verification is required (the
 * authenticator's PIN or biometric), so password + passkey is two factors plus a third gesture.
 * The relying party is the host the portal is reached at (its Origin, checked by the portal
 * guard); WebAuthn does not accept an IP address as a relying party.
 */
const CHALLENGE_MS = 5 * 60_000;

export type WebOrigin = { origin: string; rpID: string };

export function webOrigin(origin: string | undefined): WebOrigin {
  let url: URL;
  try {
    url = new URL(origin ?? '');
  } catch {
    throw new DomainError(ErrorCode.InvalidValue, 'Passkeys need the Origin header of the portal');
  }
  if (isIP(url.hostname.replace(/^\[|\]$/g, ''))) throw new DomainError(ErrorCode.InvalidValue, 'Passkeys need the portal to be reached at a host name, not an IP address');
  return { origin: url.origin, rpID: url.hostname };
}

export async function listPasskeys(deps: PortalDeps, a: Authenticated) {
  const rows = await deps.portal.passkeys.findForOperator(a.operator.id);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, created: iso(r.created_at)!, lastUsed: iso(r.last_used_at) })) };
}

export async function passkeyRegistrationOptions(deps: PortalDeps, a: Authenticated, where: WebOrigin) {
  const existing = await deps.portal.passkeys.findForOperator(a.operator.id);
  const options = await generateRegistrationOptions({
    rpName: 'idgate operator portal',
    rpID: where.rpID,
    userName: a.operator.email,
    userID: new TextEncoder().encode(a.operator.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: transportsOf(c.transports) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  });
  await deps.portal.passkeys.setChallenge({ session_hash: a.session.id_hash, purpose: 'register', challenge: options.challenge, expires_at: deps.clock() + CHALLENGE_MS });
  return options;
}

export async function registerPasskey(deps: PortalDeps, a: Authenticated, where: WebOrigin, input: { name: string; response: RegistrationResponseJSON }) {
  const name = input.name.trim();
  if (!name || name.length > 100) throw invalidValue('name', '1 to 100 characters');
  const challenge = await deps.portal.passkeys.takeChallenge(a.session.id_hash, 'register', deps.clock());
  if (!challenge) throw new DomainError(ErrorCode.InvalidValue, 'No passkey registration is pending (or it expired); start again');
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({ response: input.response, expectedChallenge: challenge, expectedOrigin: where.origin, expectedRPID: where.rpID, requireUserVerification: true });
  } catch (e) {
    throw new DomainError(ErrorCode.InvalidValue, `The passkey could not be verified: ${(e as Error).message}`);
  }
  if (!verified.verified) throw new DomainError(ErrorCode.InvalidValue, 'The passkey could not be verified');
  const { credential } = verified.registrationInfo;
  await deps.portal.passkeys.insert({
    id: credential.id,
    operator_id: a.operator.id,
    account_id: a.operator.account_id,
    name,
    public_key: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports?.join(',') ?? null,
    created_at: deps.clock(),
    last_used_at: null,
  });
  await audit(deps, actorWho(a.actor), 'auth.passkey_added', a.operator.id, { name });
  return { id: credential.id, name };
}

export async function removePasskey(deps: PortalDeps, a: Authenticated, id: string) {
  if (!(await deps.portal.passkeys.remove(a.operator.id, id))) throw new DomainError(ErrorCode.InvalidValue, 'No such passkey');
  await audit(deps, actorWho(a.actor), 'auth.passkey_removed', a.operator.id);
  return { ok: true as const };
}

const transportsOf = (s: string | null) => (s ? (s.split(',') as AuthenticatorTransportFuture[]) : undefined);

/** Second step of sign-in with a passkey: the options for the half-signed-in operator's passkeys. */
export async function passkeySignInOptions(deps: PortalDeps, session: PortalSessionRow, where: WebOrigin) {
  if (session.stage !== 'password') throw new DomainError(ErrorCode.PortalForbidden, 'Signed in already');
  const creds = await deps.portal.passkeys.findForOperator(session.operator_id);
  if (!creds.length) throw new DomainError(ErrorCode.InvalidValue, 'You have no passkey yet: use the code from your authenticator app');
  const options = await generateAuthenticationOptions({ rpID: where.rpID, allowCredentials: creds.map((c) => ({ id: c.id, transports: transportsOf(c.transports) })), userVerification: 'required' });
  await deps.portal.passkeys.setChallenge({ session_hash: session.id_hash, purpose: 'sign-in', challenge: options.challenge, expires_at: deps.clock() + CHALLENGE_MS });
  return options;
}

/** The passkey's answer; success replaces the half session with a fully signed-in one (like a TOTP code). */
export async function completePasskeySignIn(deps: PortalDeps, session: PortalSessionRow, where: WebOrigin, response: AuthenticationResponseJSON, c: Client) {
  if (session.stage !== 'password') throw new DomainError(ErrorCode.PortalForbidden, 'Signed in already');
  const op = await deps.portal.operators.findById(session.operator_id);
  if (!op || op.disabled) throw failed();
  refuseLocked(deps, op);
  const challenge = await deps.portal.passkeys.takeChallenge(session.id_hash, 'sign-in', deps.clock());
  const cred = (await deps.portal.passkeys.findForOperator(op.id)).find((x) => x.id === response.id);
  if (!challenge || !cred) return countFailure(deps, op, c, 'auth.totp_failed');
  let ok = false;
  let newCounter = cred.counter;
  try {
    const v = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: where.origin,
      expectedRPID: where.rpID,
      credential: { id: cred.id, publicKey: new Uint8Array(Buffer.from(cred.public_key, 'base64url')), counter: cred.counter, transports: transportsOf(cred.transports) },
      requireUserVerification: true,
    });
    ok = v.verified;
    newCounter = v.authenticationInfo.newCounter;
  } catch {
    ok = false;
  }
  if (!ok) {
    await audit(deps, whoOf(op, c), 'auth.passkey_failed', op.id);
    return countFailure(deps, op, c, 'auth.totp_failed');
  }
  await deps.portal.passkeys.markUsed(cred.id, newCounter, deps.clock());
  return finishSignIn(deps, op, session, c);
}
