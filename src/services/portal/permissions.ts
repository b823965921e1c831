import { DomainError, ErrorCode } from '../../domain/errors.ts';
import type { Actor, OperatorRoleName } from './portal-deps.ts';

/**
 * What each role may do, checked on the server for every request. `pii` is separate from
 * `sessions`: a viewer sees sessions with personal data masked on the server.
 */
export type Capability = 'dashboard' | 'sessions' | 'pii' | 'images' | 'decide' | 'deliveries' | 'keys' | 'webhooks' | 'templates' | 'aml' | 'aml_import' | 'team' | 'audit' | 'settings';

const GRANTS: Record<OperatorRoleName, readonly Capability[]> = {
  admin: ['dashboard', 'sessions', 'pii', 'images', 'decide', 'deliveries', 'keys', 'webhooks', 'templates', 'aml', 'aml_import', 'team', 'audit', 'settings'],
  reviewer: ['dashboard', 'sessions', 'pii', 'images', 'decide', 'deliveries', 'aml'],
  viewer: ['dashboard', 'sessions'],
  developer: ['dashboard', 'deliveries', 'keys', 'webhooks', 'templates'],
};

export const can = (role: OperatorRoleName, cap: Capability): boolean => GRANTS[role].includes(cap);

export const capabilitiesOf = (role: OperatorRoleName): Capability[] => [...GRANTS[role]];

export function requireCapability(actor: Actor, cap: Capability): void {
  if (!can(actor.role, cap)) throw new DomainError(ErrorCode.PortalForbidden, `Your role (${actor.role}) does not allow this`);
}
