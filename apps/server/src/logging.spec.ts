import { redactTokens } from './logging';

describe(redactTokens.name, () => {
  it('hides capability tokens in paths and query strings', () => {
    const token = 'q3Vx0b6kq2pFh3QeY1n8Zt7mW4sR9aLcJd5uHgTyBvE';
    expect(redactTokens(`/c/${token}`)).toBe('/c/[token]');
    expect(redactTokens(`/api/x?token=${token}&page=2`)).toBe('/api/x?token=[token]&page=2');
  });

  it('leaves ordinary paths alone', () => {
    expect(redactTokens('/api/sessions/5f0c6a6e-8e1b-4c43-9c0e-0d7c2a1b3f4e/events')).toBe(
      '/api/sessions/5f0c6a6e-8e1b-4c43-9c0e-0d7c2a1b3f4e/events',
    );
  });
});
