import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer secrets (staff sessions and capability links) are `<prefix><selector><verifier>`:
 * a 128-bit selector that finds the row, and a 256-bit verifier of which only the SHA-256 is stored and
 * which is compared in constant time. A prefix makes a leaked token recognisable (like GitHub's ghp_).
 */
const SELECTOR_BYTES = 16;
const VERIFIER_BYTES = 32;
const PREFIXES = { staff: 'hss_', link: 'hsl_' } as const;
export type TokenKind = keyof typeof PREFIXES;

const SELECTOR_CHARS = Math.ceil((SELECTOR_BYTES * 4) / 3);
const VERIFIER_CHARS = Math.ceil((VERIFIER_BYTES * 4) / 3);
const BODY = new RegExp(`^([A-Za-z0-9_-]{${SELECTOR_CHARS}})([A-Za-z0-9_-]{${VERIFIER_CHARS}})$`);

export interface IssuedToken {
  /** Given to the holder once; never stored. */
  token: string;
  selector: string;
  verifierHash: Buffer;
}

/**
 * A presented token. `kind` comes from the prefix alone, so that even a mangled link is answered as a
 * link; `secret` is missing when the rest is not well-formed.
 */
export interface ParsedToken {
  kind: TokenKind;
  secret?: { selector: string; verifierHash: Buffer };
}

export function issueToken(kind: TokenKind): IssuedToken {
  const selector = randomBytes(SELECTOR_BYTES).toString('base64url');
  const verifier = randomBytes(VERIFIER_BYTES).toString('base64url');
  return {
    token: `${PREFIXES[kind]}${selector}${verifier}`,
    selector,
    verifierHash: sha256(verifier),
  };
}

/** Any string that does not start with a known prefix counts as a staff token that matches nothing. */
export function parseToken(token: string): ParsedToken {
  const kind = token.startsWith(PREFIXES.link) ? 'link' : 'staff';
  const match = token.startsWith(PREFIXES[kind])
    ? BODY.exec(token.slice(PREFIXES[kind].length))
    : null;
  return match
    ? { kind, secret: { selector: match[1], verifierHash: sha256(match[2]) } }
    : { kind };
}

/** Constant-time comparison of the presented verifier's hash with the stored one. */
export function verifierMatches(presented: Buffer, stored: Buffer): boolean {
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
