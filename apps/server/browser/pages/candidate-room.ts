// The candidate's room: the briefing, the chat with the "customer", the agent desk (when the
// scenario has one: ../lib/desk.ts) and the help center; on a phone, tabs (../lib/tabs.ts). Chat
// bubbles are drawn only from events (the connection hands over each seq once, in order), so a
// reconnect never loses or doubles a message; their words come from the presenter in @hotseat/events.
import {
  EVENT,
  LINK_NO_LONGER_VALID,
  presenter,
  type SessionEvent,
  type SessionStatus,
} from '@hotseat/events';
import type { CandidateDesk } from '@hotseat/events';
import { candidateDesk } from '../lib/desk';
import { byId, el, one, pageData, wallClock } from '../lib/dom';
import { connect, type Connection } from '../lib/roleplay-connection';
import { phoneTabs } from '../lib/tabs';

interface Room {
  token: string;
  status: SessionStatus;
  candidateName: string;
  /** The desk's records (titles) and actions (forms); null when the scenario has none. */
  desk: CandidateDesk | null;
}

const room = pageData<Room>('room-data');
const banner = byId('connection');
const messages = byId('messages');
const reply = byId<HTMLTextAreaElement>('reply');
const send = one<HTMLButtonElement>(byId('composer'), 'button[type="submit"]');
const results = byId('help-results');
const article = byId('help-article');
// The customer is the interviewer: their name is not the candidate's business.
const lineOf = presenter({
  audience: 'candidate',
  candidateName: room.candidateName,
  customerName: 'Customer',
});
let started = false;
let ended = false;
/** The link was revoked or has expired: nothing on this page can reach the server any more. */
let linkEnded = false;
let pending = 0;
let myTypingTimer: ReturnType<typeof setTimeout> | null = null;
let away = false;
let flags: Promise<unknown> = Promise.resolve();
/** The article on screen and the result button that opened it (focus goes back there). */
let reading: { articleId: string; button: HTMLButtonElement } | null = null;

const live = () => started && !ended && !linkEnded;
/** Customer messages that came while another tab was open, on a phone. */
let unread = 0;

const tabs = phoneTabs({
  tablist: byId('room-tabs'),
  media: '(max-width: 760px)',
  onChange: (panel, tabbed) => {
    if (!tabbed || panel === 'chat-panel') markRead();
  },
});

const chat = connect({
  auth: { token: room.token },
  onEvent: show,
  onTyping: ({ actor, typing }) => {
    if (actor === 'customer') customerTyping(typing);
  },
  // An interviewer who left mid-sentence is not typing any more.
  onPresence: ({ interviewer }) => {
    if (!interviewer) customerTyping(false);
  },
  onConnection: connection,
});
const desk =
  room.desk &&
  candidateDesk({ desk: room.desk, connection: chat, live, linkEnded: () => linkEnded });
desk?.update();

function show(event: SessionEvent): void {
  // Help-center and attention events are this page's own actions: nothing else changes for them.
  if (event.type === EVENT.sessionStarted) {
    started = true;
    // Still reading the briefing while the clock runs: say so.
    byId('arrived').hidden = !byId('room').hidden;
    state('');
    composer(!ended);
  } else if (event.type === EVENT.chatMessage && event.actor !== 'candidate') {
    customerTyping(false);
    if (tabs.tabbed && tabs.selected !== 'chat-panel') unreadMessage();
  } else if (event.type === EVENT.sessionEnded) {
    ended = true;
    state('The chat has ended. Thank you for taking part!');
    composer(false);
    customerTyping(false);
    stopMyTyping();
  }
  desk?.show(event);
  if (event.type === EVENT.sessionStarted || event.type === EVENT.sessionEnded) desk?.update();
  const line = lineOf(event);
  if (line) bubble(line.kind, line.text, line.kind === 'system' ? '' : `${line.who} · `, event.at);
}

function bubble(kind: string, text: string, prefix: string, at: string): void {
  const className =
    kind === 'candidate' ? 'bubble mine' : kind === 'system' ? 'bubble system' : 'bubble';
  const time = el('time', { datetime: at }, prefix + wallClock(at));
  messages.append(el('div', { class: className }, el('span', { class: 'said' }, text), time));
  messages.scrollTop = messages.scrollHeight;
}

function unreadMessage(): void {
  unread += 1;
  showUnread();
  // Said once per burst: the tab's name carries the count from then on.
  if (unread === 1) byId('unread-status').textContent = 'The customer wrote a new message.';
}

function markRead(): void {
  messages.scrollTop = messages.scrollHeight;
  if (unread === 0) return;
  unread = 0;
  showUnread();
  byId('unread-status').textContent = '';
}

function showUnread(): void {
  const badge = byId('unread');
  badge.textContent = unread === 0 ? '' : String(unread);
  badge.hidden = unread === 0;
  byId('unread-words').textContent =
    unread === 0 ? '' : ` (${unread} new ${unread === 1 ? 'message' : 'messages'})`;
}

function state(text: string): void {
  const node = byId('chat-state');
  node.textContent = text;
  node.hidden = !text;
}

function composer(enabled: boolean): void {
  reply.disabled = !enabled;
  send.disabled = !enabled;
}

function customerTyping(typing: boolean): void {
  byId('typing').textContent = typing ? 'The customer is typing…' : '';
}

function connection(status: Connection, message?: string): void {
  // A refused handshake or a server-side close is not retried by Socket.IO: say what to do.
  const closed = status !== 'online' && !chat.socket.active;
  if (closed && message === LINK_NO_LONGER_VALID) linkClosed();
  const text =
    status === 'online'
      ? ''
      : linkEnded
        ? ended
          ? 'The chat has ended, and this link no longer works. Thank you for taking part!'
          : 'This link no longer works. If you think this is a mistake, reply to the email that sent it.'
        : closed
          ? message || 'The chat connection was closed. Reload the page to try again.'
          : 'Reconnecting… your messages are safe.';
  // Set only on change, so screen readers do not repeat it at every reconnection attempt.
  if (banner.textContent !== text) banner.textContent = text;
  banner.hidden = !text;
  if (status !== 'online') customerTyping(false);
  sendStatus();
}

/** Said once, in place of "reconnecting": nothing more can be sent, so nothing waits to be. */
function linkClosed(): void {
  linkEnded = true;
  composer(false);
  stopMyTyping();
  state('');
  desk?.update();
}

function sendStatus(error = ''): void {
  const waiting = pending > 0 && !chat.socket.connected && !linkEnded;
  byId('send-status').textContent =
    error || (waiting ? 'Your message will be sent as soon as the connection is back.' : '');
}

byId('ready').addEventListener('click', () => enterRoom(true));
// Back on the page after the chat began: the briefing is still one click away in the room.
if (room.status !== 'scheduled') enterRoom(false);

function enterRoom(moveFocus: boolean): void {
  byId('briefing').hidden = true;
  byId('room').hidden = false;
  if (moveFocus) byId('chat-title').focus();
}

byId('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  void sendReply();
});
reply.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    void sendReply();
  }
});

async function sendReply(): Promise<void> {
  const text = reply.value.trim();
  if (!text || !live()) return;
  reply.value = '';
  stopMyTyping();
  pending += 1;
  sendStatus();
  try {
    // act() keeps one clientId through its retries: a message sent offline arrives once.
    const answer = await chat.act('chat:send', { text });
    if (!answer.ok) notSent(text, answer.error.message);
    else sendStatus();
  } catch {
    notSent(text, 'Your message could not be sent. Check your connection, then send it again.');
  } finally {
    pending -= 1;
  }
}

function notSent(text: string, why: string): void {
  if (!reply.value) reply.value = text;
  sendStatus(why);
}

// Typing: one `true` when a burst starts, `false` after 3 s without a key or when sent.
reply.addEventListener('input', () => {
  if (!live()) return;
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
  if (chat.socket.connected) chat.typing(typing);
}

// Flags for the interviewer (never verdicts); the candidate sees nothing change.
reply.addEventListener('paste', () => attention('pasted'));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden' && live()) {
    away = true;
    attention('away');
  } else if (document.visibilityState === 'visible' && away) {
    away = false;
    attention('back');
  }
});

function attention(kind: 'pasted' | 'away' | 'back'): void {
  if (!live() && kind !== 'back') return;
  // One at a time, so that "away" is always logged before its "back". A flag that fails after
  // every retry is only a missing hint; the chat goes on.
  flags = flags.then(() => chat.act('attention', { kind })).catch(() => undefined);
}

byId('help-search').addEventListener('submit', (event) => {
  event.preventDefault();
  void search(byId<HTMLInputElement>('help-query').value.trim());
});

async function search(query: string): Promise<void> {
  if (!query) return;
  closeArticle(false);
  helpStatus('Searching…');
  const answer = await chat.act('help:search', { query }).catch(() => null);
  if (!answer?.ok) return helpFailed(answer);
  results.replaceChildren(
    ...answer.results.map((result) => {
      const open = el('button', { type: 'button', class: 'link' }, result.title);
      open.addEventListener('click', () => void openArticle(result.articleId, open));
      return el('li', {}, open, el('p', { class: 'snippet' }, ...highlighted(result.snippet)));
    }),
  );
  const count = answer.results.length;
  helpStatus(
    count === 0
      ? `No articles match “${query}”. Try other words.`
      : `${count} ${count === 1 ? 'article' : 'articles'} for “${query}”.`,
  );
}

async function openArticle(articleId: string, button: HTMLButtonElement): Promise<void> {
  closeArticle(false);
  const answer = await chat.act('help:open', { articleId }).catch(() => null);
  if (!answer?.ok) return helpFailed(answer);
  reading = { articleId, button };
  byId('article-title').textContent = answer.article.title;
  // The one HTML insert on this page: the article body, sanitized by the server.
  byId('article-body').innerHTML = answer.article.html;
  results.hidden = true;
  article.hidden = false;
  byId('article-title').focus();
}

byId('help-back').addEventListener('click', () => closeArticle(true));

function closeArticle(moveFocus: boolean): void {
  if (!reading) return;
  const { articleId, button } = reading;
  reading = null;
  article.hidden = true;
  byId('article-body').replaceChildren();
  results.hidden = false;
  if (moveFocus) button.focus();
  chat
    .act('help:close', { articleId })
    .then((answer) => answer.ok || helpFailed(answer))
    .catch(() => helpFailed(null));
}

/** Says what went wrong with a help-center action: the server's reason, or no answer at all. */
function helpFailed(answer: { ok: false; error: { message: string } } | null): void {
  helpStatus(
    answer?.error.message ?? 'The help center did not answer. Check your connection and try again.',
  );
}

function helpStatus(text: string): void {
  byId('help-status').textContent = text;
}

/**
 * The snippet is the article's text, escaped by the server, with each match in <mark>. It is split
 * on those two markers and its escapes decoded, so none of it is ever parsed as HTML.
 */
function highlighted(snippet: string): (Node | string)[] {
  let marked = false;
  const nodes: (Node | string)[] = [];
  for (const part of snippet.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>' || part === '</mark>') marked = part === '<mark>';
    else if (part) nodes.push(marked ? el('mark', {}, unescapeHtml(part)) : unescapeHtml(part));
  }
  return nodes;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeHtml(text: string): string {
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi,
    (_, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
      name
        ? NAMED[name.toLowerCase()]
        : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
  );
}
