// The candidate's room: the briefing, the chat with the "customer", the agent desk (when the
// scenario has one: ../lib/desk.ts) and the help center; on a phone, tabs, under a head that keeps
// the time left in view. Everything the room shows of the role-play is drawn from its events, their
// words from the presenter in @hotseat/events. The same page is the practice room (`mode:
// 'practice'`): a scripted customer, an "End practice" button, and a debrief once it is over. Each
// concern has its file in ../candidate/: the briefing, the chat and its composer, the phone's tabs,
// the time left, the connection banner, the practice and its debrief, the help center and the
// attention flags; this file wires them to the one role-play connection.
import { EVENT, LINK_NO_LONGER_VALID, presenter } from '@hotseat/events';
import { attentionFlags } from '../candidate/attention';
import { briefing } from '../candidate/briefing';
import { chat } from '../candidate/chat';
import { connectionBanner } from '../candidate/connection';
import { debrief } from '../candidate/debrief';
import { helpCenter } from '../candidate/help-center';
import { roomTabs } from '../candidate/phone-tabs';
import { practice } from '../candidate/practice';
import { RoomContext, type Room, type RoomPart } from '../candidate/room';
import { timeLeft } from '../candidate/time-left';
import { candidateDesk } from '../lib/desk';
import { pageData } from '../lib/dom';
import { connect } from '../lib/roleplay-connection';

const context = new RoomContext(pageData<Room>('room-data'));
const { room } = context;
// The customer is the interviewer: their name is not the candidate's business.
const lineOf = presenter({
  audience: 'candidate',
  candidateName: room.candidateName,
  customerName: 'Customer',
});

const banner = connectionBanner(context);
const tabs = roomTabs();
const conversation = chat(context);
const desk =
  room.desk &&
  candidateDesk({
    desk: room.desk,
    connection: context,
    live: () => context.live,
    linkEnded: () => context.linkEnded,
  });
desk?.update();
const entrance = briefing(context);
const practiceRoom = practice(context);
const showDebrief = debrief(context);
const parts: RoomPart[] = [
  entrance,
  conversation,
  tabs,
  ...(desk ? [desk] : []),
  timeLeft(context),
  practiceRoom,
];
helpCenter(context);
attentionFlags(context);

/** The role-play started or ended, or the link closed: the parts that follow it redraw. */
const update = () => parts.forEach((part) => part.update?.());

/** Said once, in place of "reconnecting": nothing more can be sent, so nothing waits to be. */
function linkClosed(): void {
  context.linkEnded = true;
  conversation.linkClosed();
  update();
}

context.connected(
  connect({
    auth: { token: room.token },
    onEvent: (event) => {
      context.apply(event);
      const line = lineOf(event);
      for (const part of parts) part.show(event, line);
      if (event.type === EVENT.sessionStarted || event.type === EVENT.sessionEnded) update();
      if (event.type === EVENT.sessionEnded) {
        // The end, where the candidate can see it: on the chat tab, scrolled into view.
        tabs.showChat();
        conversation.showEnd();
        if (context.practice) void showDebrief();
      }
    },
    onTyping: ({ actor, typing }) => {
      if (actor === 'customer') conversation.customerTyping(typing);
    },
    // An interviewer who left mid-sentence is not typing any more; a practice has no interviewer.
    onPresence: ({ interviewer }) => {
      if (!interviewer && !context.practice) conversation.customerTyping(false);
    },
    onConnection: (status, message) => {
      // A refused handshake or a server-side close is not retried by Socket.IO: say what to do.
      const closed = status !== 'online' && !context.socket.active;
      if (closed && message === LINK_NO_LONGER_VALID) linkClosed();
      banner(status, closed, message);
      if (status !== 'online') conversation.customerTyping(false);
      conversation.sendStatus();
      practiceRoom.update();
    },
    // A practice starts when its candidate connects: not before they press "Start the practice".
    autoConnect: !(context.practice && room.status === 'scheduled'),
  }),
);
// Back on the page after the chat began: the briefing is still one click away in the room.
entrance.openIfBegun();
