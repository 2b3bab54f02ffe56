import { InvalidEnvironmentError, loadEnvironment } from './environment';

function problemsOf(source: Record<string, string>): string[] {
  try {
    loadEnvironment(source);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe(loadEnvironment.name, () => {
  it('uses the documented defaults when nothing is set', () => {
    const environment = loadEnvironment({});
    expect(environment).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      HOTSEAT_DATA_DIR: './data',
      LOG_LEVEL: 'info',
    });
    expect(environment.DATABASE_URL).toBeUndefined();
    expect(environment.publicUrl).toBe('http://localhost:3000');
  });

  it('reads and converts the values it is given, and ignores other variables', () => {
    const environment = loadEnvironment({
      PORT: '8080',
      PUBLIC_URL: 'https://hotseat.example.com/',
      DATABASE_URL: 'postgres://hotseat:pw@db.internal:5432/hotseat',
      LOG_FORMAT: 'json',
      PATH: '/usr/bin',
    });
    expect(environment.PORT).toBe(8080);
    expect(environment.publicUrl).toBe('https://hotseat.example.com');
    expect(environment.DATABASE_URL).toBe('postgres://hotseat:pw@db.internal:5432/hotseat');
    expect(environment.LOG_FORMAT).toBe('json');
    expect(environment).not.toHaveProperty('PATH');
  });

  it('treats an empty value as unset', () => {
    const environment = loadEnvironment({ PORT: '', DATABASE_URL: '  ' });
    expect(environment.PORT).toBe(3000);
    expect(environment.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 1 to 65535 (got "abc").'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 1 to 65535 (got "70000").'],
    [{ PORT: '3000.5' }, 'PORT must be a whole number from 1 to 65535 (got "3000.5").'],
    [
      { PUBLIC_URL: 'hotseat.example.com' },
      'PUBLIC_URL must be an http:// or https:// URL such as https://hotseat.example.com (got "hotseat.example.com").',
    ],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").',
    ],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be one of json, pretty (got "xml").'],
  ])('refuses %j with one line naming the variable', (source, line) => {
    expect(problemsOf(source)).toEqual([line]);
  });

  it('never echoes DATABASE_URL, which may hold a password', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:s3cret@db/hotseat' });
    expect(problems).toEqual([
      'DATABASE_URL must be a postgres:// URL such as postgres://user:password@host:5432/hotseat.',
    ]);
  });

  it('takes a redis:// REDIS_URL and never echoes a bad one', () => {
    expect(loadEnvironment({ REDIS_URL: 'redis://:pw@cache:6379/0' }).REDIS_URL).toBe(
      'redis://:pw@cache:6379/0',
    );
    expect(problemsOf({ REDIS_URL: 'http://:s3cret@cache:6379' })).toEqual([
      'REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379.',
    ]);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: '0', LOG_LEVEL: 'loud' })).toHaveLength(2);
  });

  it('wants the first admin email and password together, and never echoes the password', () => {
    expect(problemsOf({ HOTSEAT_ADMIN_EMAIL: 'boss@example.com' })).toEqual([
      'HOTSEAT_ADMIN_PASSWORD must be set together with HOTSEAT_ADMIN_EMAIL.',
    ]);
    expect(problemsOf({ HOTSEAT_ADMIN_PASSWORD: 'long enough secret' })).toEqual([
      'HOTSEAT_ADMIN_EMAIL must be set together with HOTSEAT_ADMIN_PASSWORD.',
    ]);
    expect(
      problemsOf({ HOTSEAT_ADMIN_EMAIL: 'boss@example.com', HOTSEAT_ADMIN_PASSWORD: 'short' }),
    ).toEqual(['HOTSEAT_ADMIN_PASSWORD must be at least 10 characters long.']);
    expect(
      loadEnvironment({
        HOTSEAT_ADMIN_EMAIL: 'boss@example.com',
        HOTSEAT_ADMIN_PASSWORD: 'long enough secret',
      }),
    ).toMatchObject({ HOTSEAT_ADMIN_EMAIL: 'boss@example.com' });
  });

  it('reads TRUST_PROXY_HOPS as a small whole number', () => {
    expect(loadEnvironment({ TRUST_PROXY_HOPS: '1' }).TRUST_PROXY_HOPS).toBe(1);
    expect(problemsOf({ TRUST_PROXY_HOPS: 'yes' })).toEqual([
      'TRUST_PROXY_HOPS must be a whole number of proxies from 0 to 10 (got "yes").',
    ]);
  });

  it('reads CANDIDATE_LINK_HOURS_AFTER_END as whole hours, 24 by default, 0 allowed', () => {
    expect(loadEnvironment({}).CANDIDATE_LINK_HOURS_AFTER_END).toBe(24);
    expect(
      loadEnvironment({ CANDIDATE_LINK_HOURS_AFTER_END: '0' }).CANDIDATE_LINK_HOURS_AFTER_END,
    ).toBe(0);
    for (const value of ['-1', '1.5', 'a day', '2161']) {
      expect(problemsOf({ CANDIDATE_LINK_HOURS_AFTER_END: value })).toEqual([
        `CANDIDATE_LINK_HOURS_AFTER_END must be a whole number of hours from 0 to 2160 (got "${value}").`,
      ]);
    }
  });
});
