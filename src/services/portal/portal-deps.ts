import type { ServiceDeps } from '../deps.ts';
import type { PortalRepos } from '../../database/repositories/portal-queries-repository.ts';

export type { PortalRepos };

export type PortalDeps = ServiceDeps & { portal: PortalRepos };

export function portalDeps(deps: ServiceDeps): PortalDeps {
  if (!deps.portal) throw new Error('the portal repositories are not wired (compose.ts)');
  return deps as PortalDeps;
}

/** Who is acting, and from where: every audited action carries it. */
export type Actor = { operatorId: string; email: string; accountId: string; role: OperatorRoleName; ip: string | null; userAgent: string | null };
export type OperatorRoleName = 'admin' | 'reviewer' | 'viewer' | 'developer';
