// The connection banner at the top of the room: nothing while online; "reconnecting" while
// Socket.IO retries (the messages wait safely meanwhile); and, when the connection is closed for
// good, what to do, in the server's words when it gave some, or that the link no longer works.
import { byId } from '../lib/dom';
import type { Connection } from '../lib/roleplay-connection';
import type { RoomContext } from './room';

export function connectionBanner(context: RoomContext) {
  const banner = byId('connection');

  /** `closed`: Socket.IO will not retry; `message`: the server's reason, when it gave one. */
  return function show(status: Connection, closed: boolean, message?: string): void {
    const text =
      status === 'online'
        ? ''
        : context.linkEnded
          ? context.ended
            ? 'The chat has ended, and this link no longer works. Thank you for taking part!'
            : 'This link no longer works. If you think this is a mistake, reply to the email that sent it.'
          : closed
            ? message || 'The chat connection was closed. Reload the page to try again.'
            : 'Reconnecting… your messages are safe.';
    // Set only on change, so screen readers do not repeat it at every reconnection attempt.
    if (banner.textContent !== text) banner.textContent = text;
    banner.hidden = !text;
  };
}
