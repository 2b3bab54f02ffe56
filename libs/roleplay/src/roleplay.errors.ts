/**
 * An action the role-play refuses, with a stable `code` clients can act on (docs/protocol.md lists
 * them) and a message a person can read. Sent back through the acknowledgement.
 */
export class ActionRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ActionRefused';
  }
}
