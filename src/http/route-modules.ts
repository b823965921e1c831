import type { RouteModule } from './route-module.ts';
import { registerTemplateRoutes } from './template-api/template-routes.ts';
import { registerVaultRoutes } from './vault-api/vault-routes.ts';
import { registerCaptureRoutes } from './web-api/capture-routes.ts';
import { registerCaptureCheckRoutes } from './web-api/capture-check-routes.ts';
import { registerAmlRoutes } from './aml-api/aml-routes.ts';
import { registerPrivacyRoutes } from './privacy-api/privacy-routes.ts';
import { registerCoreApiRoutes } from './core-api/core-api-routes.ts';
import { registerWebhookSecretRoutes } from './webhook-api/webhook-secret-routes.ts';
import { registerPortalRoutes } from './portal/portal-routes.ts';
import { registerOpsRoutes } from './ops/ops-routes.ts';

/**
 * Route modules beyond the DocuPass core (vault, AML, core API, web app). Each module adds
 * itself here; serve and the test server register every entry.
 */
export const routeModules: RouteModule[] = [registerOpsRoutes, registerPortalRoutes, registerTemplateRoutes, registerVaultRoutes, registerCaptureRoutes, registerCaptureCheckRoutes, registerAmlRoutes, registerCoreApiRoutes, registerPrivacyRoutes, registerWebhookSecretRoutes];
