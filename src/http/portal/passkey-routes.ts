import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { PortalDeps } from '../../services/portal/portal-deps.ts';
import { completePasskeySignIn, listPasskeys, passkeyRegistrationOptions, passkeySignInOptions, registerPasskey, removePasskey, webOrigin } from '../../services/portal/passkeys.ts';
import { authOf, clientOf, setSessionCookie } from './portal-auth.ts';
import { okSchema, verifyReply } from './portal-schemas.ts';

const webauthnJson = z.record(z.string(), z.unknown());
const passkeysReply = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), created: z.string(), lastUsed: z.string().nullable() })) });
const passkeyParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,512}$/) });

/** The browser's Origin (the guard already checked it is this portal's on every POST). */
const originOf = (request: FastifyRequest) => webOrigin(typeof request.headers.origin === 'string' ? request.headers.origin : undefined);

/** Passkeys (WebAuthn): register and remove one's own; use one instead of the TOTP code at sign-in. */
export function registerPasskeyRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal'];
  const config = { errorStatus: true };

  api.get('/passkeys', { config, schema: { tags, summary: "The signed-in operator's passkeys", response: { 200: passkeysReply } } }, async (request) => listPasskeys(deps, authOf(request)));
  api.post('/passkeys/options', { config, schema: { tags, summary: 'WebAuthn registration options (PublicKeyCredentialCreationOptionsJSON) for a new passkey of the signed-in operator', response: { 200: webauthnJson } } }, async (request) =>
    (await passkeyRegistrationOptions(deps, authOf(request), originOf(request))) as unknown as Record<string, unknown>,
  );
  api.post(
    '/passkeys',
    { config, schema: { tags, summary: 'Register a passkey: the browser\'s RegistrationResponseJSON and a name; audited as auth.passkey_added', body: z.object({ name: z.string().max(100), response: webauthnJson }), response: { 200: z.object({ id: z.string(), name: z.string() }) } } },
    async (request) => registerPasskey(deps, authOf(request), originOf(request), { name: request.body.name, response: request.body.response as unknown as RegistrationResponseJSON }),
  );
  api.post('/passkeys/:id/remove', { config, schema: { tags, summary: 'Remove one of your passkeys; audited', params: passkeyParams, response: { 200: okSchema } } }, async (request) => removePasskey(deps, authOf(request), request.params.id));

  api.post('/auth/passkey/options', { config: { ...config, portal: 'half' }, schema: { tags, summary: 'After the password: WebAuthn authentication options for your passkeys', response: { 200: webauthnJson } } }, async (request) =>
    (await passkeySignInOptions(deps, authOf(request).session, originOf(request))) as unknown as Record<string, unknown>,
  );
  api.post(
    '/auth/passkey/verify',
    { config: { ...config, portal: 'half' }, schema: { tags, summary: "After the password: the passkey's AuthenticationResponseJSON instead of a TOTP code; a new fully signed-in session", body: z.object({ response: webauthnJson }), response: { 200: verifyReply } } },
    async (request, reply) => {
      const r = await completePasskeySignIn(deps, authOf(request).session, originOf(request), request.body.response as unknown as AuthenticationResponseJSON, clientOf(request));
      setSessionCookie(deps, reply, r.sessionId);
      return { csrf: r.session.csrf_token };
    },
  );
}
