import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import request from 'supertest';
import {
  CapabilityLinksService,
  DEMO_ADMIN_EMAIL,
  FirstAdmin,
  LINK_NO_LONGER_VALID,
  LOGIN_ENDED,
  WRONG_CREDENTIALS,
} from '@hotseat/identity';
import { createStaff, issueLink, staffToken, type TestStaff } from './support/factories';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

/** A different client address for every login, through one trusted proxy hop, so that the per-address limit stays out of tests about other things. */
const somewhere = () =>
  `198.51.100.${Math.floor(Math.random() * 250) + 1}, 10.0.0.${Math.floor(Math.random() * 250) + 1}`;

describe(`staff accounts and logins (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let admin: TestStaff;
  let adminToken: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ ...database.environment, TRUST_PROXY_HOPS: '1' });
    admin = await createStaff(testApp.app, 'admin');
    adminToken = await staffToken(testApp.app, admin);
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const api = () => request(testApp.url);
  const login = (email: string, password: string) =>
    api().post('/api/auth/login').set('x-forwarded-for', somewhere()).send({ email, password });
  const asAdmin = (pending: request.Test) => pending.auth(adminToken, { type: 'bearer' });
  const sessionRows = () =>
    testApp.app.get(DataSource).query<Record<string, unknown>[]>('SELECT * FROM logins');

  describe('POST /api/users', () => {
    it('creates a staff account with a case-insensitive email, and refuses the same email again', async () => {
      const created = await asAdmin(api().post('/api/users'))
        .send({
          email: ' Rita.Lopez@Example.com ',
          name: 'Rita Lopez',
          role: 'interviewer',
          password: 'a long password',
        })
        .expect(201);
      expect(created.body).toEqual({
        user: {
          id: expect.any(String),
          email: 'rita.lopez@example.com',
          name: 'Rita Lopez',
          role: 'interviewer',
          disabled: false,
          createdAt: expect.any(String),
        },
      });
      await login('RITA.LOPEZ@example.COM', 'a long password').expect(200);

      const again = await asAdmin(api().post('/api/users'))
        .send({ email: 'rita.lopez@EXAMPLE.com', name: 'Rita Again', role: 'manager' })
        .expect(409);
      expect(again.body.message).toBe(
        'A staff account with the email rita.lopez@example.com already exists.',
      );
    });

    it('generates a password when none is given, and returns it once', async () => {
      const created = await asAdmin(api().post('/api/users'))
        .send({ email: 'sam@example.com', name: 'Sam', role: 'manager' })
        .expect(201);
      expect(created.body.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
      await login('sam@example.com', created.body.generatedPassword).expect(200);
      const list = await asAdmin(api().get('/api/users')).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(created.body.generatedPassword);
      expect(JSON.stringify(list.body)).not.toContain('scrypt');
    });

    it('names each bad field, refuses unknown fields, and creates nothing', async () => {
      const before = await asAdmin(api().get('/api/users'));
      const response = await asAdmin(api().post('/api/users'))
        .send({ email: 'not-an-email', name: '', role: 'boss', password: 'short', isAdmin: true })
        .expect(400);
      expect(response.body.message).toEqual(
        expect.arrayContaining([
          'email must be an email address',
          'name must be 1 to 100 characters long',
          'role must be one of admin, manager, interviewer',
          'password must be at least 10 characters long',
          'property isAdmin should not exist',
        ]),
      );
      const after = await asAdmin(api().get('/api/users'));
      expect(after.body).toHaveLength(before.body.length);
    });
  });

  describe('POST /api/auth/login', () => {
    it('gives a bearer token and an httpOnly, SameSite=Lax session cookie', async () => {
      const manager = await createStaff(testApp.app, 'manager');
      const response = await login(manager.email, manager.password).expect(200);
      expect(response.body).toEqual({
        token: expect.stringMatching(/^hss_/),
        csrfToken: expect.any(String),
        expiresAt: expect.any(String),
        user: { id: manager.id, email: manager.email, name: 'Test manager', role: 'manager' },
      });
      const cookie = String(response.headers['set-cookie']);
      expect(cookie).toContain(`hotseat_session=${response.body.token}`);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/); // served over http in this test

      const me = await api()
        .get('/api/auth/me')
        .auth(response.body.token, { type: 'bearer' })
        .expect(200);
      expect(me.body.user.email).toBe(manager.email);
      await api()
        .get('/api/auth/me')
        .set('cookie', `hotseat_session=${response.body.token}`)
        .expect(200);
    });

    it('gives the same answer for an unknown email, a wrong password and a disabled account', async () => {
      const disabled = await createStaff(testApp.app, 'interviewer');
      await asAdmin(api().patch(`/api/users/${disabled.id}`))
        .send({ disabled: true })
        .expect(200);
      const answers = await Promise.all([
        login('nobody-here@example.com', 'whatever it is'),
        login(admin.email, 'not the password'),
        login(disabled.email, disabled.password),
      ]);
      for (const answer of answers) {
        expect({ status: answer.status, body: answer.body }).toEqual({
          status: 401,
          body: { statusCode: 401, error: 'Unauthorized', message: WRONG_CREDENTIALS },
        });
      }
    });

    it('stores the session as selector and SHA-256 of the verifier, never the token', async () => {
      const person = await createStaff(testApp.app, 'manager');
      const { token } = (await login(person.email, person.password).expect(200)).body as {
        token: string;
      };
      const selector = token.slice(4, 26);
      const verifier = token.slice(26);
      const [row] = await testApp.app
        .get(DataSource)
        .query<{ selector: string; verifier_hash: Buffer }[]>(
          'SELECT selector, verifier_hash FROM logins WHERE selector = $1',
          [selector],
        );
      expect(row.verifier_hash).toEqual(createHash('sha256').update(verifier).digest());
      const columns = Object.keys((await sessionRows())[0]).sort();
      expect(columns).toEqual([
        'created_at',
        'csrf_token',
        'expires_at',
        'id',
        'selector',
        'user_id',
        'verifier_hash',
      ]);
      for (const value of (await sessionRows()).flatMap((row) => Object.values(row))) {
        expect(String(value)).not.toContain(verifier);
      }
    });
  });

  describe('tokens', () => {
    it('are refused with a valid selector and a wrong verifier, an unknown selector, or garbage', async () => {
      const token = await staffToken(testApp.app, admin);
      const wrongVerifier = token.slice(0, 26) + (token[26] === 'A' ? 'B' : 'A') + token.slice(27);
      const unknownSelector = 'hss_' + 'Q'.repeat(22) + token.slice(26);
      for (const bad of [wrongVerifier, unknownSelector, 'hss_nonsense', 'plain garbage']) {
        const response = await api().get('/api/auth/me').auth(bad, { type: 'bearer' });
        expect({ status: response.status, message: response.body.message }).toEqual({
          status: 401,
          message: LOGIN_ENDED,
        });
      }
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
      await api().get('/api/auth/me').set('authorization', 'Basic abc').expect(401);
    });

    it('end server-side on logout: the token stops working and the cookie is cleared', async () => {
      const token = await staffToken(testApp.app, admin);
      const response = await api()
        .post('/api/auth/logout')
        .auth(token, { type: 'bearer' })
        .expect(204);
      expect(String(response.headers['set-cookie'])).toMatch(/hotseat_session=;/);
      const after = await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
      expect(after.body.message).toBe(LOGIN_ENDED);
    });

    it('stop working once they expire', async () => {
      const person = await createStaff(testApp.app, 'manager');
      const token = await staffToken(testApp.app, person);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
      await testApp.app
        .get(DataSource)
        .query(`UPDATE logins SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
          person.id,
        ]);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    });

    it('of a disabled user stop working at once, and come back only with a new login once enabled', async () => {
      const person = await createStaff(testApp.app, 'interviewer');
      const token = await staffToken(testApp.app, person);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);

      await asAdmin(api().patch(`/api/users/${person.id}`))
        .send({ disabled: true })
        .expect(200);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);

      await asAdmin(api().patch(`/api/users/${person.id}`))
        .send({ disabled: false })
        .expect(200);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
      await login(person.email, person.password).expect(200);
    });

    it('carry a new role from the next request on', async () => {
      const person = await createStaff(testApp.app, 'admin');
      const token = await staffToken(testApp.app, person);
      await api().get('/api/users').auth(token, { type: 'bearer' }).expect(200);
      await asAdmin(api().patch(`/api/users/${person.id}`))
        .send({ role: 'manager' })
        .expect(200);
      await api().get('/api/users').auth(token, { type: 'bearer' }).expect(403);
    });
  });

  describe('passwords', () => {
    it('changes the caller’s password and ends their other sessions', async () => {
      const person = await createStaff(testApp.app, 'manager');
      const current = await staffToken(testApp.app, person);
      const other = await staffToken(testApp.app, person);
      const wrong = await api()
        .post('/api/auth/password')
        .auth(current, { type: 'bearer' })
        .send({ currentPassword: 'wrong password', newPassword: 'a brand new password' })
        .expect(400);
      expect(wrong.body.message).toBe('currentPassword is not your current password.');
      await api()
        .post('/api/auth/password')
        .auth(current, { type: 'bearer' })
        .send({ currentPassword: person.password, newPassword: 'a brand new password' })
        .expect(204);
      await api().get('/api/auth/me').auth(current, { type: 'bearer' }).expect(200);
      await api().get('/api/auth/me').auth(other, { type: 'bearer' }).expect(401);
      await login(person.email, person.password).expect(401);
      await login(person.email, 'a brand new password').expect(200);
    });

    it('stops guessing the current password after 5 wrong tries', async () => {
      const person = await createStaff(testApp.app, 'interviewer');
      const token = await staffToken(testApp.app, person);
      const change = (currentPassword: string) =>
        api()
          .post('/api/auth/password')
          .set('x-forwarded-for', somewhere())
          .auth(token, { type: 'bearer' })
          .send({ currentPassword, newPassword: 'whatever new password' });
      for (let attempt = 0; attempt < 5; attempt++) await change(`guess ${attempt}`).expect(400);
      await change(person.password).expect(429);
    });

    it('lets an admin set a new password, which ends that person’s sessions', async () => {
      const person = await createStaff(testApp.app, 'interviewer');
      const token = await staffToken(testApp.app, person);
      await asAdmin(api().patch(`/api/users/${person.id}`))
        .send({ password: 'set by the admin' })
        .expect(200);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
      await login(person.email, 'set by the admin').expect(200);
    });
  });

  describe('PATCH /api/users/:id', () => {
    it('answers 404 for an unknown account and 400 for an empty change, a bad id or a null field', async () => {
      await asAdmin(api().patch('/api/users/00000000-0000-4000-8000-000000000000'))
        .send({ name: 'Ghost' })
        .expect(404);
      await asAdmin(api().patch(`/api/users/${admin.id}`))
        .send({})
        .expect(400);
      await asAdmin(api().patch('/api/users/not-a-uuid')).send({ name: 'X' }).expect(400);
      const person = await createStaff(testApp.app, 'manager');
      for (const field of ['name', 'role', 'password', 'disabled']) {
        const response = await asAdmin(api().patch(`/api/users/${person.id}`))
          .send({ [field]: null })
          .expect(400);
        expect(String(response.body.message)).toContain(field);
      }
    });
  });

  describe('CSRF protection for the session cookie', () => {
    it('refuses a state-changing request that relies on the cookie without the CSRF token', async () => {
      const person = await createStaff(testApp.app, 'manager');
      const response = await login(person.email, person.password).expect(200);
      const cookie = `hotseat_session=${response.body.token}`;
      const refused = await api().post('/api/auth/logout').set('cookie', cookie).expect(403);
      expect(refused.body.message).toBe('This form has expired. Reload the page and try again.');
      await api()
        .post('/api/auth/logout')
        .set('cookie', cookie)
        .set('x-csrf-token', 'guess')
        .expect(403);
      await api().get('/api/auth/me').set('cookie', cookie).expect(200);

      await api()
        .post('/api/auth/logout')
        .set('cookie', cookie)
        .set('x-csrf-token', response.body.csrfToken)
        .expect(204);
      await api().get('/api/auth/me').set('cookie', cookie).expect(401);
    });

    it('accepts the token as the _csrf field of a posted form', async () => {
      const person = await createStaff(testApp.app, 'manager');
      const response = await login(person.email, person.password).expect(200);
      await api()
        .post('/api/auth/password')
        .set('cookie', `hotseat_session=${response.body.token}`)
        .type('form')
        .send({
          _csrf: response.body.csrfToken,
          currentPassword: person.password,
          newPassword: 'changed by a form',
        })
        .expect(204);
      await login(person.email, 'changed by a form').expect(200);
    });

    it('does not ask for it with a bearer token, which a browser never sends on its own', async () => {
      const token = await staffToken(testApp.app, admin);
      await api().post('/api/auth/logout').auth(token, { type: 'bearer' }).expect(204);
    });

    it('refuses state-changing requests from another site, login included', async () => {
      const person = await createStaff(testApp.app, 'manager');
      const response = await api()
        .post('/api/auth/login')
        .set('sec-fetch-site', 'cross-site')
        .send({ email: person.email, password: person.password })
        .expect(403);
      expect(response.body.message).toBe('Requests from other sites are not accepted.');
      await api()
        .post('/api/auth/login')
        .set('sec-fetch-site', 'same-origin')
        .send({ email: person.email, password: person.password })
        .expect(200);
    });
  });

  it('sends security headers, without HSTS or https upgrades on a plain-http install', async () => {
    const response = await api().get('/health').expect(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  describe('capability links', () => {
    it('let a guest in with the scope they were issued for, and store only a hash', async () => {
      const { token, link } = await issueLink(testApp.app, 'candidate');
      const response = await api()
        .get('/api/links/current')
        .auth(token, { type: 'bearer' })
        .expect(200);
      expect(response.body).toEqual({
        scope: 'candidate',
        expiresAt: link.expiresAt.toISOString(),
      });
      const verifier = token.slice(4 + link.selector.length);
      const [row] = await testApp.app
        .get(DataSource)
        .query<{ verifier_hash: Buffer }[]>(
          'SELECT verifier_hash FROM capability_links WHERE id = $1',
          [link.id],
        );
      expect(row.verifier_hash).toEqual(createHash('sha256').update(verifier).digest());
    });

    it('answer an unknown, expired, revoked or malformed link with the same plain message', async () => {
      const links = testApp.app.get(CapabilityLinksService);
      const revoked = await issueLink(testApp.app, 'shadow');
      await links.revoke(revoked.link.id);
      const expired = await issueLink(testApp.app, 'candidate');
      await testApp.app
        .get(DataSource)
        .query(
          `UPDATE capability_links SET expires_at = now() - interval '1 second' WHERE id = $1`,
          [expired.link.id],
        );
      const live = (await issueLink(testApp.app, 'candidate')).token;
      const wrongVerifier = live.slice(0, -1) + (live.endsWith('A') ? 'B' : 'A');
      const unknownSelector = 'hsl_' + 'Q'.repeat(22) + live.slice(26);

      for (const token of [
        revoked.token,
        expired.token,
        wrongVerifier,
        unknownSelector,
        'hsl_short',
      ]) {
        const response = await api().get('/api/links/current').auth(token, { type: 'bearer' });
        expect({ status: response.status, body: response.body }).toEqual({
          status: 401,
          body: { statusCode: 401, error: 'Unauthorized', message: LINK_NO_LONGER_VALID },
        });
      }
      await api().get('/api/links/current').auth(live, { type: 'bearer' }).expect(200);
    });

    it('revoke every link of one subject at once', async () => {
      const subject = randomUUID();
      const first = await issueLink(testApp.app, 'candidate', subject);
      const second = await issueLink(testApp.app, 'candidate', subject);
      const unrelated = await issueLink(testApp.app, 'candidate');
      await testApp.app.get(CapabilityLinksService).revokeAll('candidate', subject);
      await api().get('/api/links/current').auth(first.token, { type: 'bearer' }).expect(401);
      await api().get('/api/links/current').auth(second.token, { type: 'bearer' }).expect(401);
      await api().get('/api/links/current').auth(unrelated.token, { type: 'bearer' }).expect(200);
    });

    it('cannot be issued already expired or for longer than 90 days', async () => {
      const message = 'A link must expire in the future and within 90 days.';
      await expect(issueLink(testApp.app, 'candidate', undefined, -1000)).rejects.toThrow(message);
      await expect(
        issueLink(testApp.app, 'candidate', undefined, 91 * 24 * 3600 * 1000),
      ).rejects.toThrow(message);
    });
  });
});

describe('the last active admin', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    // Only the admins this test makes (the embedded database starts with a demo admin).
    await testApp.app.get(DataSource).query('DELETE FROM users');
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('can be neither disabled nor demoted, even by two admins removing each other at once', async () => {
    const first = await createStaff(testApp.app, 'admin');
    const second = await createStaff(testApp.app, 'admin');
    const tokens = [await staffToken(testApp.app, first), await staffToken(testApp.app, second)];
    // Both at once: exactly one may go, and neither request fails with a deadlock.
    const answers = await Promise.all([
      request(testApp.url)
        .patch(`/api/users/${second.id}`)
        .auth(tokens[0], { type: 'bearer' })
        .send({ disabled: true }),
      request(testApp.url)
        .patch(`/api/users/${first.id}`)
        .auth(tokens[1], { type: 'bearer' })
        .send({ disabled: true }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, expect.any(Number)]);
    const admins = await testApp.app
      .get(DataSource)
      .query(`SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL`);
    expect(admins).toHaveLength(1);

    const remaining =
      admins[0].id === first.id
        ? { admin: first, token: tokens[0] }
        : { admin: second, token: tokens[1] };
    for (const change of [{ disabled: true }, { role: 'manager' }]) {
      const response = await request(testApp.url)
        .patch(`/api/users/${remaining.admin.id}`)
        .auth(remaining.token, { type: 'bearer' })
        .send(change)
        .expect(409);
      expect(response.body.message).toBe(
        'This is the last active admin. Make someone else an admin first.',
      );
    }
  });
});

describe('login throttling', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeEach(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({ ...database.environment, TRUST_PROXY_HOPS: '1' });
  });

  afterEach(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const login = (email: string, password: string, from: string) =>
    request(testApp.url)
      .post('/api/auth/login')
      .set('x-forwarded-for', from)
      .send({ email, password });

  it('locks an email after 5 wrong passwords from anywhere, even for the right one, and no other email', async () => {
    const person = await createStaff(testApp.app, 'interviewer');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await login(person.email.toUpperCase(), 'wrong password', `203.0.113.${attempt}`).expect(401);
    }
    const locked = await login(person.email, person.password, '203.0.113.99').expect(429);
    expect(locked.body.message).toMatch(
      /^Too many wrong passwords for this account\. Wait 15 minute\(s\)/,
    );

    const other = await createStaff(testApp.app, 'manager');
    await login(other.email, other.password, '203.0.113.99').expect(200);
  });

  it('never locks someone who only logs in successfully', async () => {
    const person = await createStaff(testApp.app, 'interviewer');
    for (let attempt = 1; attempt <= 8; attempt++) {
      await login(person.email, person.password, `203.0.113.${attempt}`).expect(200);
    }
  });

  it('slows down one address that tries many emails, with a Retry-After', async () => {
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let attempt = 0; attempt < 21; attempt++) {
      last = await login(`guess-${attempt}@example.com`, 'password guess', '192.0.2.7');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(last!.status).toBe(429);
    expect(last!.body.message).toBe(
      'Too many attempts from your network. Wait a few minutes and try again.',
    );
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    const person = await createStaff(testApp.app, 'manager');
    await login(person.email, person.password, '192.0.2.8').expect(200);
  });
});

describe('on an https install', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp({
      ...database.environment,
      PUBLIC_URL: 'https://hotseat.example.com',
    });
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  it('marks the session cookie Secure and sends HSTS', async () => {
    const person = await createStaff(testApp.app, 'manager');
    const response = await request(testApp.url)
      .post('/api/auth/login')
      .send({ email: person.email, password: person.password })
      .expect(200);
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});

describe('the first admin', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase({ empty: true });
  });

  afterEach(async () => {
    await database.drop();
  });

  it('comes from HOTSEAT_ADMIN_EMAIL and HOTSEAT_ADMIN_PASSWORD on an empty database, once', async () => {
    const first = await startTestApp({
      ...database.environment,
      HOTSEAT_ADMIN_EMAIL: 'Boss@Example.com',
      HOTSEAT_ADMIN_PASSWORD: 'the first admin password',
    });
    await first.close();
    const second = await startTestApp({
      ...database.environment,
      HOTSEAT_ADMIN_EMAIL: 'someone.else@example.com',
      HOTSEAT_ADMIN_PASSWORD: 'another admin password',
    });
    try {
      const login = await request(second.url)
        .post('/api/auth/login')
        .send({ email: 'boss@example.com', password: 'the first admin password' })
        .expect(200);
      expect(login.body.user.role).toBe('admin');
      const users = await request(second.url)
        .get('/api/users')
        .auth(login.body.token, { type: 'bearer' });
      expect(users.body.map((user: { email: string }) => user.email)).toEqual(['boss@example.com']);
    } finally {
      await second.close();
    }
  });

  it('is created once, without errors, when several instances start at the same moment', async () => {
    const variables = {
      ...database.environment,
      HOTSEAT_ADMIN_EMAIL: 'boss@example.com',
      HOTSEAT_ADMIN_PASSWORD: 'the first admin password',
    };
    const testApp = await startTestApp(variables);
    try {
      const dataSource = testApp.app.get(DataSource);
      await dataSource.query('DELETE FROM users');
      const firstAdmin = testApp.app.get(FirstAdmin);
      await Promise.all([1, 2, 3].map(() => firstAdmin.onApplicationBootstrap()));
      expect(await dataSource.query(`SELECT email, role FROM users`)).toEqual([
        { email: 'boss@example.com', role: 'admin' },
      ]);
    } finally {
      await testApp.close();
    }
  });

  it(`is a demo admin (${DEMO_ADMIN_EMAIL}) only on the embedded database`, async () => {
    const testApp = await startTestApp(database.environment);
    try {
      const users = await testApp.app.get(DataSource).query(`SELECT email FROM users`);
      expect(users).toEqual(databaseKind === 'embedded' ? [{ email: DEMO_ADMIN_EMAIL }] : []);
    } finally {
      await testApp.close();
    }
  });
});
