import { NotFoundException } from '@nestjs/common';
import type { Principal } from './principal';

/**
 * Per-resource rules, beside the route-level rules of AccessGuard. A service method that touches a
 * resource starts with one of these; what the caller may not see answers 404, as if it did not exist.
 * Later features add their rules here, so all of them stay in one place.
 */

/** The facts about a role-play session that decide who sees it. */
export interface SessionFacts {
  id: string;
  interviewerId: string;
}

/** The facts about a candidate that decide who sees them. */
export interface CandidateFacts {
  id: string;
  /** Staff who created the candidate or run one of their sessions. */
  interviewerIds: readonly string[];
}

function seesEverything(principal: Principal): boolean {
  return principal.kind === 'staff' && ['admin', 'manager'].includes(principal.user.role);
}

/** Managers and admins: all; an interviewer: the sessions they run; a candidate: their own session. */
export function canSeeSession(principal: Principal, session: SessionFacts): boolean {
  if (principal.kind === 'guest') {
    return principal.link.scope === 'candidate' && principal.link.subjectId === session.id;
  }
  return seesEverything(principal) || session.interviewerId === principal.user.id;
}

/**
 * How a caller takes part in a role-play: its `candidate`; the `interviewer` running it, who alone
 * plays the customer and acts on it; or an `observer` (a manager or admin watching). Null: not at all.
 */
export type RoleplayRole = 'candidate' | 'interviewer' | 'observer';

export function roleplayRole(principal: Principal, session: SessionFacts): RoleplayRole | null {
  if (!canSeeSession(principal, session)) return null;
  if (principal.kind === 'guest') return 'candidate';
  return session.interviewerId === principal.user.id ? 'interviewer' : 'observer';
}

/** Managers and admins: all; an interviewer: the candidates they created or interview. Guests: none. */
export function canSeeCandidate(principal: Principal, candidate: CandidateFacts): boolean {
  if (principal.kind === 'guest') return false;
  return seesEverything(principal) || candidate.interviewerIds.includes(principal.user.id);
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
