// The briefing the candidate reads before the room: "I'm ready" (or "Start the practice") opens the
// room, and a practice connects only then, for it starts when its candidate connects. A customer who
// arrives while the candidate is still reading is announced; a candidate back on the page after the
// chat began goes straight to the room, the briefing one click away in it.
import { EVENT } from '@hotseat/events';
import { byId } from '../lib/dom';
import type { RoomContext, RoomPart } from './room';

export interface Briefing extends RoomPart {
  /** Opens the room at once when the chat began before the page was loaded. Needs the connection. */
  openIfBegun(): void;
}

export function briefing(context: RoomContext): Briefing {
  function enterRoom(moveFocus: boolean): void {
    byId('briefing').hidden = true;
    byId('room').hidden = false;
    byId('room-head').hidden = false;
    if (context.practice && !context.socket.active && !context.linkEnded) context.socket.connect();
    if (moveFocus) byId('chat-title').focus();
  }

  byId('ready').addEventListener('click', () => enterRoom(true));

  return {
    show(event) {
      // Still reading the briefing while the clock runs: say so.
      if (event.type === EVENT.sessionStarted) byId('arrived').hidden = !byId('room').hidden;
    },
    openIfBegun() {
      if (context.room.status !== 'scheduled') enterRoom(false);
    },
  };
}
