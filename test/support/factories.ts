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
import { ShadowingService } from '@hotseat/feedback';
import { Candidate } from '@hotseat/hiring';
import { SessionsService } from '@hotseat/roleplay';
import { RoleplayClient } from './roleplay-client';

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

/** A new staff member with a bearer token of their own. */
export async function signedInStaff(app: INestApplication, role: StaffRole) {
  const person = await createStaff(app, role);
  return { ...person, token: await staffToken(app, person) };
}

/** A bearer token for `staff`, made without HTTP so that tests do not trip the login throttle. */
export async function staffToken(app: INestApplication, staff: { id: string }): Promise<string> {
  const user = await app.get(DataSource).getRepository(User).findOneByOrFail({ id: staff.id });
  const session = await app.get(AuthService).startLogin(user);
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
  return app
    .get(SessionsService)
    .create(principalOf(interviewer), { candidateId: candidate.id, scenarioId });
}

/** A practice session staff made, without a candidate: the script plays the customer. */
export function practiceSession(
  app: INestApplication,
  staff: TestStaff,
  scenarioId = 'practice-wrong-address',
) {
  return app.get(SessionsService).create(principalOf(staff), { scenarioId, mode: 'practice' });
}

/** A role-play of `interviewer`'s that ran over the real sockets: started, then ended. */
export async function endedSession(
  testApp: { app: INestApplication; url: string },
  interviewer: TestStaff,
  scenarioId = 'charged-ten-times',
) {
  const session = await scheduleSession(testApp.app, interviewer, scenarioId);
  const client = await RoleplayClient.connect(testApp.url, {
    token: await staffToken(testApp.app, interviewer),
    sessionId: session.id,
  });
  try {
    for (const action of ['session:start', 'session:end']) {
      const ack = await client.act(action);
      if (!ack.ok) throw new Error(`${action} failed: ${JSON.stringify(ack.error)}`);
    }
  } finally {
    client.close();
  }
  return session;
}

/** A complete rating body for charged-ten-times, every attribute at `score`. */
export function completeRating(score = 3, extra: Record<string, unknown> = {}) {
  return {
    attributes: ['de-escalation', 'problem-solving', 'clarity', 'rapport'].map((id) => ({
      id,
      score,
      evidence: `Seen: ${id}`,
    })),
    csat: Math.min(score + 1, 5),
    productTeam: { score, notes: 'Files a ticket with a count of reports' },
    recommendation: 'yes',
    submit: true,
    ...extra,
  };
}

/** A shadow link for a new candidate of `createdBy`'s, made by the real ShadowingService. */
export async function shadowLink(
  app: INestApplication,
  createdBy: TestStaff,
  hostName = 'Sam Host',
) {
  const candidate = await createCandidate(app, createdBy);
  const link = await app
    .get(ShadowingService)
    .createLink(principalOf(createdBy), candidate.id, hostName);
  return { candidate, ...link };
}

function principalOf(staff: TestStaff): StaffPrincipal {
  return {
    kind: 'staff',
    user: { id: staff.id, email: staff.email, name: 'Test', role: staff.role },
    loginId: randomUUID(),
    expiresAt: new Date(Date.now() + 60_000),
    csrfToken: '',
  };
}
