import { join } from 'node:path';
import request from 'supertest';
import { EmbeddedPostgres } from '@hotseat/database';
import { createTestDatabase, databaseKind, type TestDatabase } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';

describe(`GET /health (${databaseKind} database)`, () => {
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

  it('answers 200 with status ok when the database answers', async () => {
    const response = await request(testApp.url).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('gives every response a request id, and keeps a valid one the client sent', async () => {
    const fresh = await request(testApp.url).get('/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(testApp.url).get('/health').set('x-request-id', 'trace-42');
    expect(kept.headers['x-request-id']).toBe('trace-42');
  });

  it('answers an unknown API route with 404 in the error format', async () => {
    const response = await request(testApp.url).get('/api/no-such-thing').expect(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /api/no-such-thing',
    });
  });

  it('answers an unknown page with a 404 page, escaping the path', async () => {
    const response = await request(testApp.url).get('/no-such-page<b>').expect(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('<h1>Not found</h1>');
    expect(response.text).not.toContain('<b>');
  });

  it('answers malformed JSON with 400 in the error format and no stack trace', async () => {
    const response = await request(testApp.url)
      .post('/health')
      .set('content-type', 'application/json')
      .send('{"broken": ')
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('JSON'),
    });
    expect(response.text).not.toMatch(/at \w+ \(/);
  });
});

describe('GET /health when the database stops answering', () => {
  let proxy: TcpProxy;
  let testApp: TestApp;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    // The app reaches its database through a relay the test can cut: a real outage, not a mock.
    let databaseName: string;
    if (databaseKind === 'server') {
      const database = await createTestDatabase();
      const url = new URL(database.url!);
      proxy = await new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) }).start();
      databaseName = url.pathname.slice(1);
      cleanup = () => database.drop();
    } else {
      const embedded = await EmbeddedPostgres.start();
      proxy = await new TcpProxy({ path: join(embedded.connection.host, '.s.PGSQL.5432') }).start();
      databaseName = 'postgres';
      cleanup = () => embedded.stop();
    }
    testApp = await startTestApp({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/${databaseName}`,
    });
  });

  afterAll(async () => {
    await testApp?.close();
    await proxy?.close();
    await cleanup?.();
  });

  it('answers 503 with the reason, then 200 again once the database is back', async () => {
    await request(testApp.url).get('/health').expect(200);

    await proxy.cut();
    const down = await request(testApp.url).get('/health').expect(503);
    expect(down.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: expect.stringMatching(/^The database is not answering: connection (refused|lost)$/),
    });

    await proxy.restore();
    await request(testApp.url).get('/health').expect(200);
  });
});

describe('GET /health with Redis (REDIS_URL)', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let testApp: TestApp;

  beforeAll(async () => {
    // CI runs Redis on this machine; the app reaches it through a relay the test can cut.
    const redis = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    proxy = await new TcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) }).start();
    redis.hostname = '127.0.0.1';
    redis.port = String(proxy.port);
    database = await createTestDatabase();
    testApp = await startTestApp({ ...database.environment, REDIS_URL: redis.href });
  });

  afterAll(async () => {
    await testApp?.close();
    await proxy?.close();
    await database?.drop();
  });

  /** The Redis client notices a cut and reconnects by itself, a moment later: ask until then. */
  async function healthOnce(status: string) {
    for (const deadline = Date.now() + 20_000; ;) {
      const response = await request(testApp.url).get('/health');
      if (response.body.status === status || Date.now() > deadline) return response;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('reports Redis, degraded (not down) while only Redis is gone, then ok again', async () => {
    const up = await request(testApp.url).get('/health').expect(200);
    expect(up.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });

    await proxy.cut();
    const degraded = await healthOnce('degraded');
    expect(degraded.status).toBe(200);
    expect(degraded.body).toEqual({
      status: 'degraded',
      info: { database: { status: 'up' } },
      error: {
        redis: {
          status: 'down',
          message:
            'not connected: role-plays go on, but broadcasts to other instances are lost until Redis is back',
        },
      },
      details: {
        database: { status: 'up' },
        redis: { status: 'down', message: expect.any(String) },
      },
    });

    await proxy.restore();
    const back = await healthOnce('ok');
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'ok', info: { redis: { status: 'up' } } });
  });
});
