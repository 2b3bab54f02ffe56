import { NotFoundException } from '@nestjs/common';
import {
  canGiveShadowFeedback,
  canSeeCandidate,
  canSeeSession,
  requireAccess,
  roleplayRole,
} from './access-policy';
import type { Principal, StaffRole } from './principal';

const staff = (id: string, role: StaffRole): Principal => ({
  kind: 'staff',
  user: { id, email: `${id}@example.com`, name: id, role },
  sessionId: 's',
  expiresAt: new Date(Date.now() + 60_000),
  csrfToken: 'c',
});
const guest = (scope: 'candidate' | 'shadow', subjectId: string): Principal => ({
  kind: 'guest',
  link: { id: 'l', scope, subjectId, expiresAt: new Date() },
});

const session = { id: 'session-1', interviewerId: 'ivy' };
const candidate = { id: 'cand-1', interviewerIds: ['ivy'] };

describe('access policy', () => {
  it.each([
    ['an admin', staff('ada', 'admin'), true],
    ['a manager', staff('max', 'manager'), true],
    ['the interviewer who runs it', staff('ivy', 'interviewer'), true],
    ['another interviewer', staff('ian', 'interviewer'), false],
    ["the session's candidate", guest('candidate', 'session-1'), true],
    ["another session's candidate", guest('candidate', 'session-2'), false],
    ['a shadow host', guest('shadow', 'session-1'), false],
  ])('lets %s see a session: %s', (_who, principal, allowed) => {
    expect(canSeeSession(principal, session)).toBe(allowed);
  });

  it.each([
    ['the interviewer who runs it', staff('ivy', 'interviewer'), 'interviewer'],
    ['a manager', staff('max', 'manager'), 'observer'],
    ['an admin', staff('ada', 'admin'), 'observer'],
    ["the session's candidate", guest('candidate', 'session-1'), 'candidate'],
    ['another interviewer', staff('ian', 'interviewer'), null],
    ["another session's candidate", guest('candidate', 'session-2'), null],
    ['a shadow host', guest('shadow', 'session-1'), null],
  ])('gives %s the role-play role %s', (_who, principal, role) => {
    expect(roleplayRole(principal, session)).toBe(role);
  });

  it.each([
    ['an admin', staff('ada', 'admin'), true],
    ['a manager', staff('max', 'manager'), true],
    ['an interviewer of theirs', staff('ivy', 'interviewer'), true],
    ['another interviewer', staff('ian', 'interviewer'), false],
    ['a candidate', guest('candidate', 'cand-1'), false],
    ["the candidate's shadow host", guest('shadow', 'cand-1'), false],
  ])('lets %s see a candidate: %s', (_who, principal, allowed) => {
    expect(canSeeCandidate(principal, candidate)).toBe(allowed);
  });

  it.each([
    ["the candidate's shadow host", guest('shadow', 'cand-1'), true],
    ["another candidate's shadow host", guest('shadow', 'cand-2'), false],
    ['a candidate link for the same id', guest('candidate', 'cand-1'), false],
    ['an admin', staff('ada', 'admin'), false],
  ])('lets %s give shadow feedback: %s', (_who, principal, allowed) => {
    expect(canGiveShadowFeedback(principal, 'cand-1')).toBe(allowed);
  });

  it('answers 404 for what the caller may not see', () => {
    expect(() => requireAccess(false, 'session')).toThrow(NotFoundException);
    expect(() => requireAccess(false, 'session')).toThrow('There is no session with this id.');
    expect(() => requireAccess(true, 'session')).not.toThrow();
  });
});
