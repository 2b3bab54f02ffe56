import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AuthService,
  CapabilityLinksService,
  User,
  UsersService,
  type LinkScope,
  type StaffPrincipal,
  type StaffRole,
} from '@hotseat/identity';
import { Candidate, SessionsService } from '@hotseat/roleplay';

/** Small builders for end-to-end tests; each test makes what it needs, through the real services. */

export interface TestStaff {
  id: string;
  email: string;
  password: string;
  role: StaffRole;
}

export async function createStaff(app: INestApplication, role: StaffRole): Promise<TestStaff> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${randomUUID()}`;
  const { user } = await app
    .get(UsersService)
    .create({ email, name: `Test ${role}`, role, password });
  return { id: user.id, email, password, role };
}

/** A bearer token for `staff`, made without HTTP so that tests do not trip the login throttle. */
export async function staffToken(app: INestApplication, staff: { id: string }): Promise<string> {
  const user = await app.get(DataSource).getRepository(User).findOneByOrFail({ id: staff.id });
  const session = await app.get(AuthService).startSession(user);
  if (!session) throw new Error(`could not start a session for ${staff.id}`);
  return session.token;
}

export async function issueLink(
  app: INestApplication,
  scope: LinkScope,
  subjectId: string = randomUUID(),
  lifetimeMs = 60 * 60 * 1000,
) {
  return app.get(CapabilityLinksService).issue({
    scope,
    subjectId,
    expiresAt: new Date(Date.now() + lifetimeMs),
    createdById: null,
  });
}

/** A candidate added by `createdBy`, who may then see them. */
export async function createCandidate(app: INestApplication, createdBy: { id: string }) {
  return app
    .get(DataSource)
    .getRepository(Candidate)
    .save({ name: 'Test Candidate', email: 'candidate@example.com', createdById: createdBy.id });
}

/** A scheduled role-play run by `interviewer`, made by the real SessionsService. */
export async function scheduleSession(
  app: INestApplication,
  interviewer: TestStaff,
  scenarioId = 'charged-ten-times',
) {
  const candidate = await createCandidate(app, interviewer);
  const principal: StaffPrincipal = {
    kind: 'staff',
    user: { id: interviewer.id, email: interviewer.email, name: 'Test', role: interviewer.role },
    sessionId: randomUUID(),
    expiresAt: new Date(Date.now() + 60_000),
    csrfToken: '',
  };
  return app.get(SessionsService).create(principal, { candidateId: candidate.id, scenarioId });
}
