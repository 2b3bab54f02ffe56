import { createHash } from 'node:crypto';
import { issueToken, parseToken, verifierMatches } from './tokens';

describe('tokens', () => {
  it('issues prefixed tokens with a 128-bit selector and a 256-bit verifier', () => {
    const { token, selector } = issueToken('link');
    expect(token).toMatch(/^hsl_[A-Za-z0-9_-]{65}$/);
    expect(Buffer.from(selector, 'base64url')).toHaveLength(16);
    expect(Buffer.from(token.slice(4 + selector.length), 'base64url')).toHaveLength(32);
    expect(issueToken('staff').token).toMatch(/^hss_/);
  });

  it('keeps for storage only the selector and the SHA-256 of the verifier', () => {
    const { token, selector, verifierHash } = issueToken('staff');
    const verifier = token.slice(4 + selector.length);
    expect(token).toBe(`hss_${selector}${verifier}`);
    expect(verifierHash).toEqual(createHash('sha256').update(verifier).digest());
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
      secret: { selector: issued.selector, verifierHash: issued.verifierHash },
    });
    expect(verifierMatches(parsed.secret!.verifierHash, issued.verifierHash)).toBe(true);
  });

  it.each([
    ['an empty string', '', 'staff'],
    ['an unknown prefix', 'ghp_' + 'a'.repeat(65), 'staff'],
    ['a short link', 'hsl_' + 'a'.repeat(64), 'link'],
    ['a long link', 'hsl_' + 'a'.repeat(66), 'link'],
    ['characters outside base64url', 'hss_' + 'a'.repeat(64) + '=', 'staff'],
  ])('reads %s as a %s token with no secret', (_name, token, kind) => {
    expect(parseToken(token)).toEqual({ kind });
  });

  it('does not match another verifier', () => {
    const a = issueToken('link');
    const b = issueToken('link');
    expect(verifierMatches(parseToken(a.token).secret!.verifierHash, b.verifierHash)).toBe(false);
  });
});
