import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import { portalDeps } from '../../services/portal/portal-deps.ts';
import { portalGuard } from './portal-auth.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { registerSessionRoutes } from './session-routes.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { registerPortalPrivacyRoutes } from './portal-privacy-routes.ts';
import { registerPortalPages } from './portal-pages.ts';
import { registerSettingsRoutes } from './settings-routes.ts';
import { registerPasskeyRoutes } from './passkey-routes.ts';

/**
 * The operator portal: the single-page app at /portal and its JSON API at /portal/api. Every
 * API route passes the guard (Origin + CSRF on state changes, the signed-in session); every
 * service call checks the operator's role and account again.
 */
export async function registerPortalRoutes(app: FastifyInstance, rawDeps: ServiceDeps): Promise<void> {
  const deps = portalDeps(rawDeps);
  await app.register(
    async (api) => {
      // onRequest: a refused request is answered before its body is even parsed.
      api.addHook('onRequest', portalGuard(deps));
      registerAuthRoutes(api, deps);
      registerSessionRoutes(api, deps);
      registerAdminRoutes(api, deps);
      registerPortalPrivacyRoutes(api, deps);
      registerSettingsRoutes(api, deps);
      registerPasskeyRoutes(api, deps);
    },
    { prefix: '/portal/api' },
  );
  registerPortalPages(app, deps);
}
