import { issueToken, parseToken, verifierMatches } from './tokens';

describe('tokens', () => {
  it('issues prefixed tokens with a 128-bit selector and a 256-bit verifier', () => {
    const { token, selector, verifierHash } = issueToken('link');
    expect(token).toMatch(/^hsl_[A-Za-z0-9_-]{65}$/);
    expect(Buffer.from(selector, 'base64url')).toHaveLength(16);
    expect(Buffer.from(token.slice(4 + selector.length), 'base64url')).toHaveLength(32);
    expect(verifierHash).toHaveLength(32);
    expect(issueToken('staff').token).toMatch(/^hss_/);
  });

  it('never issues the same token twice', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => issueToken('staff').token));
    expect(tokens.size).toBe(1000);
  });

  it('parses what it issued into the stored selector and verifier hash', () => {
    const issued = issueToken('staff');
    const parsed = parseToken(issued.token);
    expect(parsed).toEqual({
      kind: 'staff',
      selector: issued.selector,
      verifierHash: issued.verifierHash,
    });
    expect(verifierMatches(parsed!.verifierHash, issued.verifierHash)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['an unknown prefix', 'ghp_' + 'a'.repeat(65)],
    ['a short token', 'hsl_' + 'a'.repeat(64)],
    ['a long token', 'hsl_' + 'a'.repeat(66)],
    ['characters outside base64url', 'hsl_' + 'a'.repeat(64) + '='],
  ])('refuses %s', (_name, token) => {
    expect(parseToken(token)).toBeUndefined();
  });

  it('does not match another verifier, or a missing row', () => {
    const a = issueToken('link');
    const b = issueToken('link');
    expect(verifierMatches(parseToken(a.token)!.verifierHash, b.verifierHash)).toBe(false);
    expect(verifierMatches(parseToken(a.token)!.verifierHash, undefined)).toBe(false);
  });
});
