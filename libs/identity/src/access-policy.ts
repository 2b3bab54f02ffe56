import { NotFoundException } from '@nestjs/common';
import type { Principal } from './principal';

/**
 * Per-resource rules, beside the route-level rules of AccessGuard. What a caller may see of a
 * resource is decided in the query that reads it (each feature's repository puts the rule in its
 * WHERE, docs/access.md lists them); what the caller may not see answers 404, as if it did not exist.
 */

/** Managers and admins see every opening, candidate, role-play and scorecard. */
export function seesEverything(principal: Principal): boolean {
  return principal.kind === 'staff' && ['admin', 'manager'].includes(principal.user.role);
}

/** Only the shadow host holding this candidate's shadow link. */
export function canGiveShadowFeedback(principal: Principal, candidateId: string): boolean {
  return (
    principal.kind === 'guest' &&
    principal.link.scope === 'shadow' &&
    principal.link.subjectId === candidateId
  );
}

/** Throws 404 unless `allowed`: a caller learns nothing about what they may not see. */
export function requireAccess(allowed: boolean, what: string): void {
  if (!allowed) throw new NotFoundException(`There is no ${what} with this id.`);
}
