import { NotFoundException } from '@nestjs/common';
import { canGiveShadowFeedback, requireAccess, seesEverything } from './access-policy';
import type { Principal, StaffRole } from './principal';

const staff = (id: string, role: StaffRole): Principal => ({
  kind: 'staff',
  user: { id, email: `${id}@example.com`, name: id, role },
  loginId: 's',
  expiresAt: new Date(Date.now() + 60_000),
  csrfToken: 'c',
});
const guest = (scope: 'candidate' | 'shadow', subjectId: string): Principal => ({
  kind: 'guest',
  link: { id: 'l', scope, subjectId, expiresAt: new Date() },
});

describe('access policy', () => {
  it.each([
    ['an admin', staff('ada', 'admin'), true],
    ['a manager', staff('max', 'manager'), true],
    ['an interviewer', staff('ivy', 'interviewer'), false],
    ['a candidate', guest('candidate', 'session-1'), false],
    ['a shadow host', guest('shadow', 'cand-1'), false],
  ])('lets %s see everything: %s', (_who, principal, allowed) => {
    expect(seesEverything(principal)).toBe(allowed);
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
