// The chat with the "customer": bubbles drawn only from events (the connection hands over each seq
// once, in order), so a reconnect never loses or doubles a message; the line under them that says
// where the chat stands; who is typing; and the composer. A message on its way shows at once as a
// "sending" bubble, kept in an outbox with its one clientId until it is acknowledged and its event
// replaces it, or until it is refused and offers "Try again".
import { EVENT, type SessionEvent } from '@hotseat/events';
import { byId, el, one, wallClock } from '../lib/dom';
import { uuid } from '../lib/roleplay-connection';
import type { RoomContext, RoomPart } from './room';

/** A chat message shown before its event: until acknowledged, or refused. */
interface Outgoing {
  clientId: string;
  text: string;
  node: HTMLElement;
  note: HTMLElement;
  /** Its event's seq, once acknowledged, when the event is not drawn yet. */
  seq?: number;
  failed: boolean;
}

export interface Chat extends RoomPart {
  customerTyping(typing: boolean): void;
  /** Says, under the composer, whether a message waits for the connection to come back. */
  sendStatus(text?: string): void;
  /** The link no longer works: nothing more can be sent, so nothing waits to be. */
  linkClosed(): void;
  /** The end, where the candidate can see it: the log at its newest line, then the chat's state. */
  showEnd(): void;
}

export function chat(context: RoomContext): Chat {
  const messages = byId('messages');
  const reply = byId<HTMLTextAreaElement>('reply');
  const send = one<HTMLButtonElement>(byId('composer'), 'button[type="submit"]');
  const outbox: Outgoing[] = [];
  let pending = 0;
  let myTypingTimer: ReturnType<typeof setTimeout> | null = null;

  function bubble(kind: string, text: string, prefix: string, event: SessionEvent): void {
    const className =
      kind === 'candidate' ? 'bubble mine' : kind === 'system' ? 'bubble system' : 'bubble';
    const time = el('time', { datetime: event.at }, prefix + wallClock(event.at));
    const node = el(
      'div',
      { class: className, 'data-seq': event.seq },
      el('span', { class: 'said' }, text),
      time,
    );
    // Messages still on their way stay last, under everything the log holds.
    messages.insertBefore(node, outbox[0]?.node ?? null);
    messages.scrollTop = messages.scrollHeight;
  }

  function state(text: string, kind = ''): void {
    const node = byId('chat-state');
    node.textContent = text;
    node.className = `chat-state ${kind}`.trim();
    node.hidden = !text;
  }

  function composer(enabled: boolean): void {
    reply.disabled = !enabled;
    send.disabled = !enabled;
  }

  function customerTyping(typing: boolean): void {
    byId('typing').textContent = typing ? 'The customer is typing…' : '';
  }

  function sendStatus(text = ''): void {
    const waiting = pending > 0 && !context.socket.connected && !context.linkEnded;
    byId('send-status').textContent =
      text || (waiting ? 'Your message will be sent as soon as the connection is back.' : '');
  }

  byId('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    sendReply();
  });
  // A touch keyboard's Enter key says "send" (enterkeyhint): the Shift+Enter hint is hidden there.
  if (window.matchMedia('(hover: none) and (pointer: coarse)').matches) {
    reply.removeAttribute('aria-describedby');
  }
  reply.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      sendReply();
    }
  });

  function sendReply(): void {
    const text = reply.value.trim();
    if (!text || !context.live) return;
    reply.value = '';
    stopMyTyping();
    const note = el('span', { class: 'sending-note' });
    const node = el(
      'div',
      { class: 'bubble mine outgoing' },
      el('span', { class: 'said' }, text),
      note,
    );
    const message: Outgoing = { clientId: uuid(), text, node, note, failed: false };
    outbox.push(message);
    messages.append(node);
    messages.scrollTop = messages.scrollHeight;
    void deliver(message);
  }

  /**
   * Sends `message` with its one clientId, waiting for the connection while it is down, so it goes
   * once the line is back and never twice; its bubble stays until its event is drawn.
   */
  async function deliver(message: Outgoing): Promise<void> {
    message.failed = false;
    message.node.classList.remove('failed');
    message.note.replaceChildren('Sending…');
    pending += 1;
    sendStatus();
    try {
      const answer = await context.act(
        'chat:send',
        { text: message.text },
        { clientId: message.clientId, untilConnected: true },
      );
      if (answer.ok) sent(message, answer.event?.seq);
      else notSent(message, answer.error.message);
    } catch {
      notSent(
        message,
        context.linkEnded
          ? 'This link no longer works.'
          : 'The chat did not answer. Check your connection, then try again.',
      );
    } finally {
      pending -= 1;
      sendStatus(outbox.some((m) => m.failed) ? 'A message of yours was not sent.' : '');
    }
  }

  /** Acknowledged: the bubble goes once its event is on screen (it may come before the answer). */
  function sent(message: Outgoing, seq: number | undefined): void {
    const drawn = seq === undefined || messages.querySelector(`[data-seq="${seq}"]`) !== null;
    if (drawn) drop(message);
    else message.seq = seq;
  }

  /** The candidate's message `seq` is on screen: its "sending" bubble goes. */
  function arrived(seq: number, text: string): void {
    const message =
      outbox.find((m) => m.seq === seq) ??
      outbox.find((m) => m.seq === undefined && !m.failed && m.text === text);
    if (message) drop(message);
  }

  function drop(message: Outgoing): void {
    const at = outbox.indexOf(message);
    if (at === -1) return;
    outbox.splice(at, 1);
    message.node.remove();
  }

  function notSent(message: Outgoing, why: string): void {
    message.failed = true;
    message.node.classList.add('failed');
    const retry =
      context.live &&
      el(
        'button',
        { type: 'button', class: 'secondary', onclick: () => void deliver(message) },
        'Try again',
      );
    message.note.replaceChildren(`Not sent. ${why}`, retry || '');
  }

  // Typing: one `true` when a burst starts, `false` after 3 s without a key or when sent.
  reply.addEventListener('input', () => {
    if (!context.live) return;
    if (myTypingTimer === null) myTyping(true);
    else clearTimeout(myTypingTimer);
    myTypingTimer = setTimeout(stopMyTyping, 3000);
  });

  function stopMyTyping(): void {
    if (myTypingTimer === null) return;
    clearTimeout(myTypingTimer);
    myTypingTimer = null;
    myTyping(false);
  }

  function myTyping(typing: boolean): void {
    // A hint, not a record: skipped while offline rather than queued for later.
    if (context.socket.connected) context.typing(typing);
  }

  return {
    show(event, line) {
      if (event.type === EVENT.sessionStarted) {
        state('');
        composer(!context.ended);
      } else if (event.type === EVENT.chatMessage && event.actor !== 'candidate') {
        customerTyping(false);
      } else if (event.type === EVENT.sessionEnded) {
        state(
          context.practice
            ? 'The practice has ended.'
            : 'The chat has ended. Thank you for taking part!',
          'ended',
        );
        composer(false);
        byId('composer').hidden = true;
        customerTyping(false);
        stopMyTyping();
        // Nothing can be sent any more: a refused message keeps its words, not its "Try again".
        for (const message of outbox) message.note.querySelector('button')?.remove();
      }
      if (line) {
        bubble(line.kind, line.text, line.kind === 'system' ? '' : `${line.who} · `, event);
      }
      if (event.type === EVENT.chatMessage && event.actor === 'candidate') {
        arrived(event.seq, event.payload.text);
      }
    },
    customerTyping,
    sendStatus,
    linkClosed() {
      composer(false);
      stopMyTyping();
      state('');
    },
    showEnd() {
      messages.scrollTop = messages.scrollHeight;
      if (!context.practice) byId('chat-state').scrollIntoView({ block: 'nearest' });
    },
  };
}
