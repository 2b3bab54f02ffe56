/**
 * Refusals a client recognises, to say in its own words what they mean for the person in front of
 * it. The server answers them over HTTP and in a refused handshake's connect_error (docs/protocol.md).
 */

/** The one answer for an unknown, expired or revoked link: it says nothing about any other link. */
export const LINK_NO_LONGER_VALID =
  'This link is no longer valid. Ask the person who sent it to you for a new one.';
