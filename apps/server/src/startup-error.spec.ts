import { describeStartupError } from './startup-error';

describe(describeStartupError.name, () => {
  it('points at DATABASE_URL when the server cannot be reached', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(describeStartupError(error)).toBe(
      'the database server does not answer (connect ECONNREFUSED 10.0.0.5:5432). Check DATABASE_URL, or unset it to use the embedded database.',
    );
  });

  it('points at the credentials when PostgreSQL refuses them', () => {
    const error = Object.assign(new Error('password authentication failed for user "hotseat"'), {
      code: '28P01',
    });
    expect(describeStartupError(error)).toMatch(
      /^the database refused the connection .* Check the user, password/,
    );
  });

  it('points at PORT when the port is taken', () => {
    const error = Object.assign(
      new Error('listen EADDRINUSE: address already in use 0.0.0.0:3000'),
      { code: 'EADDRINUSE' },
    );
    expect(describeStartupError(error)).toMatch(/Set PORT to a free port\.$/);
  });

  it('passes any other message through', () => {
    expect(describeStartupError(new Error('disk full'))).toBe('disk full');
  });
});
