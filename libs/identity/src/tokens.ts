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
const FORMAT = new RegExp(
  `^(hss_|hsl_)([A-Za-z0-9_-]{${SELECTOR_CHARS}})([A-Za-z0-9_-]{${VERIFIER_CHARS}})$`,
);

export interface IssuedToken {
  /** Given to the holder once; never stored. */
  token: string;
  selector: string;
  verifierHash: Buffer;
}

export interface ParsedToken {
  kind: TokenKind;
  selector: string;
  verifierHash: Buffer;
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

/** A link token by its prefix, well-formed or not, so that its refusal speaks of links. */
export function looksLikeLink(token: string): boolean {
  return token.startsWith(PREFIXES.link);
}

/** Undefined for anything that is not a well-formed token. */
export function parseToken(token: string): ParsedToken | undefined {
  const match = FORMAT.exec(token);
  if (!match) return undefined;
  const kind = match[1] === PREFIXES.staff ? 'staff' : 'link';
  return { kind, selector: match[2], verifierHash: sha256(match[3]) };
}

/** Constant-time comparison of the presented verifier's hash with the stored one. */
export function verifierMatches(presented: Buffer, stored: Buffer | undefined): boolean {
  // Compare against a dummy when there is no row, so an unknown selector takes as long as a wrong verifier.
  const expected = stored ?? DUMMY_HASH;
  return timingSafeEqual(presented, expected) && stored !== undefined;
}

const DUMMY_HASH = Buffer.alloc(32);

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
