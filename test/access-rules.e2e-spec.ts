import { randomUUID } from 'node:crypto';
import { CandidatesService } from '@hotseat/hiring';
import {
  AuthService,
  type Principal,
  type StaffPrincipal,
  type StaffRole,
} from '@hotseat/identity';
import { SessionsService } from '@hotseat/roleplay';
import { createCandidate, createStaff, issueLink, type TestStaff } from './support/factories';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Who may see which role-play and which candidate, asked of the real queries: each rule is a WHERE
 * clause in a repository (docs/access.md), so these cases run against the database, for one row and
 * for lists alike.
 */
describe(`access rules in the queries (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  const staff = new Map<string, Principal>();
  const guests = new Map<string, Principal>();
  let sessionId: string;
  let candidateId: string;

  const principal = (person: TestStaff, role: StaffRole): Principal => ({
    kind: 'staff',
    user: { id: person.id, email: person.email, name: person.email, role },
    loginId: randomUUID(),
    expiresAt: new Date(Date.now() + 60_000),
    csrfToken: '',
  });
  const guest = async (scope: 'candidate' | 'shadow', subjectId: string) =>
    testApp.app
      .get(AuthService)
      .authenticate((await issueLink(testApp.app, scope, subjectId)).token);

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    for (const [name, role] of [
      ['ada', 'admin'],
      ['max', 'manager'],
      ['ivy', 'interviewer'],
      ['ian', 'interviewer'],
    ] as const) {
      staff.set(name, principal(await createStaff(testApp.app, role), role));
    }
    // A manager adds the candidate and schedules Ivy: Ivy sees them only as their interviewer.
    const max = staff.get('max') as StaffPrincipal;
    const ivy = staff.get('ivy') as StaffPrincipal;
    const candidate = await createCandidate(testApp.app, max.user);
    const session = await sessions().create(max, {
      candidateId: candidate.id,
      scenarioId: 'charged-ten-times',
      interviewerId: ivy.user.id,
    });
    sessionId = session.id;
    candidateId = candidate.id;
    guests.set('session', await guest('candidate', sessionId));
    guests.set('other session', await guest('candidate', randomUUID()));
    guests.set('shadow of the session', await guest('shadow', sessionId));
    guests.set('candidate link for the candidate', await guest('candidate', candidateId));
    guests.set('shadow of the candidate', await guest('shadow', candidateId));
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const who = (name: string) => staff.get(name) ?? guests.get(name)!;
  const sessions = () => testApp.app.get(SessionsService);
  const candidates = () => testApp.app.get(CandidatesService);

  it.each([
    ['an admin', true, 'ada'],
    ['a manager', true, 'max'],
    ['the interviewer who runs it', true, 'ivy'],
    ['another interviewer', false, 'ian'],
    ["the session's candidate", true, 'session'],
    ["another session's candidate", false, 'other session'],
    ['a shadow host', false, 'shadow of the session'],
  ])('lets %s see a session: %s', async (_who, allowed, name) => {
    const seen = sessions().visible(who(name), sessionId);
    if (allowed) await expect(seen).resolves.toMatchObject({ id: sessionId });
    else await expect(seen).rejects.toThrow('There is no role-play with this id.');
    expect((await sessions().visibleAmong(who(name), [sessionId])).has(sessionId)).toBe(allowed);
  });

  it.each([
    ['an admin', true, 'ada'],
    ['a manager', true, 'max'],
    ['the interviewer who runs it', true, 'ivy'],
    ['another interviewer', false, 'ian'],
  ])('lists the session for %s: %s', async (_who, listed, name) => {
    const page = await sessions().list(who(name) as StaffPrincipal, {});
    expect(page.items.some((session) => session.id === sessionId)).toBe(listed);
  });

  it.each([
    ['the interviewer who runs it', 'interviewer', 'ivy'],
    ['a manager', 'observer', 'max'],
    ['an admin', 'observer', 'ada'],
    ["the session's candidate", 'candidate', 'session'],
    ['another interviewer', null, 'ian'],
    ["another session's candidate", null, 'other session'],
    ['a shadow host', null, 'shadow of the session'],
  ])('gives %s the role-play role %s', async (_who, role, name) => {
    const joining = sessions().participant(who(name), sessionId);
    if (role) await expect(joining).resolves.toMatchObject({ role });
    else
      await expect(joining).rejects.toThrow(
        'There is no role-play with this id that you may join.',
      );
    if (role)
      await expect(sessions().visible(who(name), sessionId)).resolves.toMatchObject({ role });
  });

  it.each([
    ['an admin', true, 'ada'],
    ['a manager', true, 'max'],
    ['an interviewer of theirs', true, 'ivy'],
    ['another interviewer', false, 'ian'],
    ['a candidate', false, 'candidate link for the candidate'],
    ["the candidate's shadow host", false, 'shadow of the candidate'],
  ])('lets %s see a candidate: %s', async (_who, allowed, name) => {
    const seen = candidates().get(who(name), candidateId);
    if (allowed) await expect(seen).resolves.toMatchObject({ id: candidateId });
    else await expect(seen).rejects.toThrow('There is no candidate with this id.');
    const page = await candidates().list(who(name), {});
    expect(page.items.some((candidate) => candidate.id === candidateId)).toBe(allowed);
  });
});
