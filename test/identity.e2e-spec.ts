import { DataSource } from 'typeorm';
import request from 'supertest';
import {
  CapabilityLinksService,
  DEMO_ADMIN_EMAIL,
  FirstAdmin,
  LINK_NO_LONGER_VALID,
  SESSION_ENDED,
  WRONG_CREDENTIALS,
} from '@hotseat/identity';
import { createStaff, issueLink, staffToken, type TestStaff } from './support/factories';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

describe(`staff accounts and logins (${databaseKind} database)`, () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let admin: TestStaff;
  let adminToken: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
    admin = await createStaff(testApp.app, 'admin');
    adminToken = await staffToken(testApp.app, admin);
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const api = () => request(testApp.url);
  const login = (email: string, password: string) =>
    api().post('/api/auth/login').send({ email, password });

  describe('POST /api/users', () => {
    it('creates a staff account with a case-insensitive email, and refuses the same email again', async () => {
      const created = await api()
        .post('/api/users')
        .auth(adminToken, { type: 'bearer' })
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

      const again = await api()
        .post('/api/users')
        .auth(adminToken, { type: 'bearer' })
        .send({ email: 'rita.lopez@EXAMPLE.com', name: 'Rita Again', role: 'manager' })
        .expect(409);
      expect(again.body.message).toBe(
        'A staff account with the email rita.lopez@example.com already exists.',
      );
    });

    it('generates a password when none is given, and returns it once', async () => {
      const created = await api()
        .post('/api/users')
        .auth(adminToken, { type: 'bearer' })
        .send({ email: 'sam@example.com', name: 'Sam', role: 'manager' })
        .expect(201);
      expect(created.body.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
      await login('sam@example.com', created.body.generatedPassword).expect(200);
      const list = await api().get('/api/users').auth(adminToken, { type: 'bearer' }).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(created.body.generatedPassword);
      expect(JSON.stringify(list.body)).not.toContain('scrypt');
    });

    it('names each bad field, refuses unknown fields, and creates nothing', async () => {
      const before = await api().get('/api/users').auth(adminToken, { type: 'bearer' });
      const response = await api()
        .post('/api/users')
        .auth(adminToken, { type: 'bearer' })
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
      const after = await api().get('/api/users').auth(adminToken, { type: 'bearer' });
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
      await api()
        .patch(`/api/users/${disabled.id}`)
        .auth(adminToken, { type: 'bearer' })
        .send({ disabled: true })
        .expect(200);
      const answers = await Promise.all([
        login('nobody-here@example.com', 'whatever it is'),
        login(admin.email, 'not the password'),
        login(disabled.email, disabled.password),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.body).toEqual({
          statusCode: 401,
          error: 'Unauthorized',
          message: WRONG_CREDENTIALS,
        });
      }
    });

    it('stores only a hash of the session token', async () => {
      const response = await login(admin.email, admin.password).expect(200);
      const rows = await testApp.app.get(DataSource).query(`SELECT * FROM staff_sessions`);
      expect(JSON.stringify(rows)).not.toContain(response.body.token.slice(4));
    });
  });

  describe('sessions', () => {
    it('ends server-side on logout: the token stops working and the cookie is cleared', async () => {
      const token = await staffToken(testApp.app, admin);
      const response = await api()
        .post('/api/auth/logout')
        .auth(token, { type: 'bearer' })
        .expect(204);
      expect(String(response.headers['set-cookie'])).toMatch(/hotseat_session=;/);
      const after = await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
      expect(after.body.message).toBe(SESSION_ENDED);
    });

    it('stop working once they expire', async () => {
      const token = await staffToken(testApp.app, admin);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
      await testApp.app
        .get(DataSource)
        .query(
          `UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
          [admin.id],
        );
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
      adminToken = await staffToken(testApp.app, admin);
    });

    it('of a disabled user stop working at once, and come back only with a new login once enabled', async () => {
      const person = await createStaff(testApp.app, 'interviewer');
      const token = await staffToken(testApp.app, person);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);

      await api()
        .patch(`/api/users/${person.id}`)
        .auth(adminToken, { type: 'bearer' })
        .send({ disabled: true })
        .expect(200);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);

      await api()
        .patch(`/api/users/${person.id}`)
        .auth(adminToken, { type: 'bearer' })
        .send({ disabled: false })
        .expect(200);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
      await login(person.email, person.password).expect(200);
    });

    it('refuses a token that is not a token', async () => {
      const response = await api()
        .get('/api/auth/me')
        .auth('hss_nonsense', { type: 'bearer' })
        .expect(401);
      expect(response.body.message).toBe(SESSION_ENDED);
      await api().get('/api/auth/me').set('authorization', 'Basic abc').expect(401);
    });
  });

  describe('passwords', () => {
    it('changes the caller’s password and ends their other sessions', async () => {
      const person = await createStaff(testApp.app, 'manager');
      const current = await staffToken(testApp.app, person);
      const other = await staffToken(testApp.app, person);
      await api()
        .post('/api/auth/password')
        .auth(current, { type: 'bearer' })
        .send({ currentPassword: 'wrong password', newPassword: 'a brand new password' })
        .expect(401);
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

    it('lets an admin set a new password, which ends that person’s sessions', async () => {
      const person = await createStaff(testApp.app, 'interviewer');
      const token = await staffToken(testApp.app, person);
      await api()
        .patch(`/api/users/${person.id}`)
        .auth(adminToken, { type: 'bearer' })
        .send({ password: 'set by the admin' })
        .expect(200);
      await api().get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
      await login(person.email, 'set by the admin').expect(200);
    });
  });

  describe('PATCH /api/users/:id', () => {
    it('never leaves Hotseat without an active admin', async () => {
      const users = await api().get('/api/users').auth(adminToken, { type: 'bearer' });
      const admins = (users.body as { id: string; role: string; disabled: boolean }[]).filter(
        (user) => user.role === 'admin' && !user.disabled,
      );
      // Disable every admin but the test's own, then try to remove that last one.
      for (const other of admins.filter((user) => user.id !== admin.id)) {
        await api()
          .patch(`/api/users/${other.id}`)
          .auth(adminToken, { type: 'bearer' })
          .send({ disabled: true })
          .expect(200);
      }
      for (const change of [{ disabled: true }, { role: 'manager' }]) {
        const response = await api()
          .patch(`/api/users/${admin.id}`)
          .auth(adminToken, { type: 'bearer' })
          .send(change)
          .expect(409);
        expect(response.body.message).toBe(
          'This is the last active admin. Make someone else an admin first.',
        );
      }
      await api().get('/api/auth/me').auth(adminToken, { type: 'bearer' }).expect(200);
    });

    it('answers 404 for an unknown account and 400 for an empty change or a bad id', async () => {
      await api()
        .patch('/api/users/00000000-0000-4000-8000-000000000000')
        .auth(adminToken, { type: 'bearer' })
        .send({ name: 'Ghost' })
        .expect(404);
      await api()
        .patch(`/api/users/${admin.id}`)
        .auth(adminToken, { type: 'bearer' })
        .send({})
        .expect(400);
      await api()
        .patch('/api/users/not-a-uuid')
        .auth(adminToken, { type: 'bearer' })
        .send({ name: 'X' })
        .expect(400);
    });
  });

  describe('CSRF protection for the session cookie', () => {
    it('refuses a state-changing request that relies on the cookie without the CSRF token', async () => {
      const response = await login(admin.email, admin.password).expect(200);
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
      const rows = await testApp.app.get(DataSource).query(`SELECT * FROM capability_links`);
      expect(JSON.stringify(rows)).not.toContain(token.slice(4 + link.selector.length));
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
      const unknown = (await issueLink(testApp.app, 'candidate')).token.replace(/.$/, (c) =>
        c === 'A' ? 'B' : 'A',
      );

      for (const token of [revoked.token, expired.token, unknown, 'hsl_short']) {
        const response = await api().get('/api/links/current').auth(token, { type: 'bearer' });
        expect({ status: response.status, body: response.body }).toEqual({
          status: 401,
          body: { statusCode: 401, error: 'Unauthorized', message: LINK_NO_LONGER_VALID },
        });
      }
    });

    it('revoke every link of one subject at once', async () => {
      const subject = '11111111-1111-4111-8111-111111111111';
      const first = await issueLink(testApp.app, 'candidate', subject);
      const second = await issueLink(testApp.app, 'candidate', subject);
      const unrelated = await issueLink(testApp.app, 'candidate');
      await testApp.app.get(CapabilityLinksService).revokeAll('candidate', subject);
      await api().get('/api/links/current').auth(first.token, { type: 'bearer' }).expect(401);
      await api().get('/api/links/current').auth(second.token, { type: 'bearer' }).expect(401);
      await api().get('/api/links/current').auth(unrelated.token, { type: 'bearer' }).expect(200);
    });

    it('cannot be issued already expired or for longer than 90 days', async () => {
      await expect(issueLink(testApp.app, 'candidate', undefined, -1000)).rejects.toThrow(
        'within 90 days',
      );
      await expect(
        issueLink(testApp.app, 'candidate', undefined, 91 * 24 * 3600 * 1000),
      ).rejects.toThrow();
    });
  });
});

describe('login throttling', () => {
  let database: TestDatabase;
  let testApp: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    testApp = await startTestApp(database.environment);
  });

  afterAll(async () => {
    await testApp?.close();
    await database?.drop();
  });

  const login = (email: string, password: string) =>
    request(testApp.url).post('/api/auth/login').send({ email, password });

  it('locks an email out after 5 attempts, even with the right password, and leaves other emails alone', async () => {
    const person = await createStaff(testApp.app, 'interviewer');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await login(person.email.toUpperCase(), 'wrong password').expect(401);
    }
    const locked = await login(person.email, person.password).expect(429);
    expect(locked.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Too many login attempts. Wait a few minutes and try again.',
    });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    const other = await createStaff(testApp.app, 'manager');
    await login(other.email, other.password).expect(200);
  });

  it('slows down one address that tries many emails', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 22; attempt++) {
      statuses.push((await login(`guess-${attempt}@example.com`, 'password guess')).status);
    }
    // One login already came from this address in the test above; the limit is 20 a minute.
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(-1)).toEqual([429]);
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
    const testApp = await startTestApp(database.environment);
    try {
      const dataSource = testApp.app.get(DataSource);
      await dataSource.query('DELETE FROM users');
      const firstAdmin = testApp.app.get(FirstAdmin);
      await Promise.all([1, 2, 3].map(() => firstAdmin.onApplicationBootstrap()));
      expect(await dataSource.query(`SELECT email, role FROM users`)).toEqual([
        { email: DEMO_ADMIN_EMAIL, role: 'admin' },
      ]);
    } finally {
      await testApp.close();
    }
  });
});
