// The candidate's room: the briefing, the chat with the "customer", the agent desk (when the
// scenario has one: ../lib/desk.ts) and the help center; on a phone, tabs (../lib/tabs.ts), under a
// head that keeps the time left in view. Chat bubbles are drawn only from events (the connection
// hands over each seq once, in order), so a reconnect never loses or doubles a message; their words
// come from the presenter in @hotseat/events. A message on its way shows at once as a "sending"
// bubble, which its event replaces. The same page is the practice room (`mode: 'practice'`): a
// scripted customer, an "End practice" button, and a debrief once it is over.
import {
  EVENT,
  LINK_NO_LONGER_VALID,
  presenter,
  stopwatch,
  type SessionEvent,
  type SessionStatus,
} from '@hotseat/events';
import type { CandidateDesk, SessionMode } from '@hotseat/events';
import { refusal } from '../lib/api';
import { candidateDesk } from '../lib/desk';
import { byId, el, one, pageData, showError, wallClock } from '../lib/dom';
import { connect, uuid, type Connection } from '../lib/roleplay-connection';
import { phoneTabs } from '../lib/tabs';

interface Room {
  token: string;
  sessionId: string;
  status: SessionStatus;
  candidateName: string;
  timeLimitMinutes: number;
  /** The desk's records (titles) and actions (forms); null when the scenario has none. */
  desk: CandidateDesk | null;
  mode: SessionMode;
  /** "Practise first" is offered: the practice's length in minutes; null when it is not. */
  practiceMinutes: number | null;
  /** The server's clock when it made the page. */
  serverTime: string;
}

/** What a practice's debrief holds (GET /api/sessions/:id/debrief, once it has ended). */
interface Debrief {
  scenarioTitle: string;
  durationMs: number;
  solved: boolean;
  checkpoints: { label: string; required: boolean; met: boolean }[];
  did: {
    messages: number;
    searches: number;
    articlesOpened: string[];
    actions: string[];
    emails: number;
    reports: number;
  };
}

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

/** Where the live room is, for the practice room's "Back to your role-play" (this tab only). */
const LIVE_ROOM = 'hotseat:live-room';
/** The time left turns to a warning colour for the last two minutes. */
const LOW_MS = 2 * 60_000;
/** Said to screen readers as the time runs out: "5 minutes left", "1 minute left". */
const ANNOUNCE_AT_MINUTES = [5, 1];

const room = pageData<Room>('room-data');
const practice = room.mode === 'practice';
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
/**
 * The server's clock minus this one's, for a phone whose clock is minutes off; a few seconds are
 * the page's own way here, not a wrong clock.
 */
const skew = Date.parse(room.serverTime) - Date.now() || 0;
const clockOffset = Math.abs(skew) > 5000 ? skew : 0;
let started = false;
let ended = false;
/** The link was revoked or has expired: nothing on this page can reach the server any more. */
let linkEnded = false;
let pending = 0;
const outbox: Outgoing[] = [];
let myTypingTimer: ReturnType<typeof setTimeout> | null = null;
let away = false;
let flags: Promise<unknown> = Promise.resolve();
/** The article on screen and the result button that opened it (focus goes back there). */
let reading: { articleId: string; button: HTMLButtonElement } | null = null;
/** When the chat ends by the time limit, in the server's time; null before the start. */
let endsAt: number | null = null;
let clock: ReturnType<typeof setInterval> | null = null;
let lastLeft: number | null = null;
let debriefAsked = false;

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
  // An interviewer who left mid-sentence is not typing any more; a practice has no interviewer.
  onPresence: ({ interviewer }) => {
    if (!interviewer && !practice) customerTyping(false);
  },
  onConnection: connection,
  // A practice starts when its candidate connects: not before they press "Start the practice".
  autoConnect: !(practice && room.status === 'scheduled'),
});
const desk =
  room.desk &&
  candidateDesk({ desk: room.desk, connection: chat, live, linkEnded: () => linkEnded });
desk?.update();
keepHeadInView();
tick();

function show(event: SessionEvent): void {
  // Help-center and attention events are this page's own actions: nothing else changes for them.
  if (event.type === EVENT.sessionStarted) {
    started = true;
    endsAt = Date.parse(event.at) + event.payload.timeLimitMinutes * 60_000;
    clock ??= setInterval(tick, 1000);
    // Still reading the briefing while the clock runs: say so.
    byId('arrived').hidden = !byId('room').hidden;
    document.getElementById('practice-offer')?.remove();
    state('');
    composer(!ended);
  } else if (event.type === EVENT.chatMessage && event.actor !== 'candidate') {
    customerTyping(false);
    if (tabs.tabbed && tabs.selected !== 'chat-panel') unreadMessage();
  } else if (event.type === EVENT.sessionEnded) {
    ended = true;
    state(
      practice ? 'The practice has ended.' : 'The chat has ended. Thank you for taking part!',
      'ended',
    );
    composer(false);
    byId('composer').hidden = true;
    customerTyping(false);
    stopMyTyping();
    // Nothing can be sent any more: a refused message keeps its words, not its "Try again".
    for (const message of outbox) message.note.querySelector('button')?.remove();
  }
  desk?.show(event);
  if (event.type === EVENT.sessionStarted || event.type === EVENT.sessionEnded) {
    desk?.update();
    tick();
    practiceControls();
  }
  const line = lineOf(event);
  if (line) {
    bubble(line.kind, line.text, line.kind === 'system' ? '' : `${line.who} · `, event);
  }
  if (event.type === EVENT.chatMessage && event.actor === 'candidate') {
    arrived(event.seq, event.payload.text);
  }
  if (event.type === EVENT.sessionEnded) chatEnded();
}

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

/** The end, where the candidate can see it: on the chat tab, scrolled into view. */
function chatEnded(): void {
  if (tabs.tabbed && tabs.selected !== 'chat-panel') tabs.select('chat-panel');
  messages.scrollTop = messages.scrollHeight;
  if (practice) void showDebrief();
  else byId('chat-state').scrollIntoView({ block: 'nearest' });
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

/** The time left, once a second: counted from the server's start, on the server's clock. */
function tick(): void {
  const node = byId('time-left');
  const head = byId('room-head');
  byId('time-label').hidden = ended;
  if (ended || linkEnded) {
    node.textContent = ended ? (practice ? 'Practice over' : 'Chat ended') : '—';
    head.classList.remove('low');
    if (clock !== null) clearInterval(clock);
    clock = null;
    return;
  }
  const limit = room.timeLimitMinutes * 60_000;
  const left =
    endsAt === null ? limit : Math.min(limit, Math.max(0, endsAt - (Date.now() + clockOffset)));
  // Rounded up, so that 00:00 is the end itself.
  node.textContent = stopwatch(Math.ceil(left / 1000) * 1000);
  head.classList.toggle('low', endsAt !== null && left <= LOW_MS);
  if (endsAt !== null && lastLeft !== null) {
    const minutes = ANNOUNCE_AT_MINUTES.find((m) => lastLeft! > m * 60_000 && left <= m * 60_000);
    if (minutes) {
      byId('time-status').textContent = `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left.`;
    }
  }
  if (endsAt !== null) lastLeft = left;
}

/**
 * The head sticks to the top of the screen. Its height keeps what gets the focus clear of it, and a
 * phone's keyboard, which pans the visual viewport over the page, does not push it out of sight.
 */
function keepHeadInView(): void {
  const top = byId('room-top');
  new ResizeObserver(() => {
    document.documentElement.style.setProperty('--room-top-height', `${top.offsetHeight}px`);
  }).observe(top);
  const viewport = window.visualViewport;
  if (!viewport) return;
  const place = () => {
    top.style.top = `${Math.max(0, Math.round(viewport.offsetTop))}px`;
  };
  viewport.addEventListener('resize', place);
  viewport.addEventListener('scroll', place);
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
  practiceControls();
}

/** Said once, in place of "reconnecting": nothing more can be sent, so nothing waits to be. */
function linkClosed(): void {
  linkEnded = true;
  composer(false);
  stopMyTyping();
  state('');
  desk?.update();
  tick();
}

function sendStatus(text = ''): void {
  const waiting = pending > 0 && !chat.socket.connected && !linkEnded;
  byId('send-status').textContent =
    text || (waiting ? 'Your message will be sent as soon as the connection is back.' : '');
}

byId('ready').addEventListener('click', () => enterRoom(true));
// Back on the page after the chat began: the briefing is still one click away in the room.
if (room.status !== 'scheduled') enterRoom(false);

function enterRoom(moveFocus: boolean): void {
  byId('briefing').hidden = true;
  byId('room').hidden = false;
  byId('room-head').hidden = false;
  if (practice && !chat.socket.active && !linkEnded) chat.socket.connect();
  if (moveFocus) byId('chat-title').focus();
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
  if (!text || !live()) return;
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
    const answer = await chat.act(
      'chat:send',
      { text: message.text },
      { clientId: message.clientId, untilConnected: true },
    );
    if (answer.ok) sent(message, answer.event?.seq);
    else notSent(message, answer.error.message);
  } catch {
    notSent(
      message,
      linkEnded
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
    live() &&
    el(
      'button',
      { type: 'button', class: 'secondary', onclick: () => void deliver(message) },
      'Try again',
    );
  message.note.replaceChildren(`Not sent. ${why}`, retry || '');
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

// Practice: offered in a live room's briefing, and then the practice room's own controls.
document.getElementById('practise')?.addEventListener('click', () => void practise());

/** Opens a new practice in this tab, remembering the way back to this room. */
async function practise(): Promise<void> {
  const button = byId<HTMLButtonElement>('practise');
  const error = byId('practice-error');
  button.disabled = true;
  showError(error, null);
  const response = await fetch(`/api/sessions/${room.sessionId}/practice`, {
    method: 'POST',
    headers: { authorization: `Bearer ${room.token}` },
  }).catch(() => null);
  if (!response?.ok) {
    showError(
      error,
      response
        ? await refusal(response, 'The practice could not be opened. Try again in a moment.')
        : 'The practice could not be opened. Check your connection, then try again.',
    );
    // A refusal (started, or practised enough) stands; only a lost request is worth another go.
    button.disabled = false;
    button.hidden = response?.status === 409;
    return;
  }
  const { candidateUrl } = (await response.json()) as { candidateUrl: string };
  remember(location.pathname);
  // On this page's own address, which works for this device (PUBLIC_URL may name another).
  const target = new URL(candidateUrl, location.href);
  location.assign(target.pathname + target.search);
}

function remember(path: string): void {
  try {
    sessionStorage.setItem(LIVE_ROOM, path);
  } catch {
    // Storage refused (a private window): the practice room only lacks its way back.
  }
}

/** The live room this tab came from, if any: a path on this site. */
function liveRoom(): string | null {
  let path: string | null = null;
  try {
    path = sessionStorage.getItem(LIVE_ROOM);
  } catch {
    return null;
  }
  return path?.startsWith('/join/') ? path : null;
}

if (practice) {
  const back = liveRoom();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a.back-to-live')) {
    if (back) link.href = back;
    link.hidden = !back;
  }
  byId('debrief-close').hidden = back !== null;
  byId('end-practice').addEventListener('click', () => confirmEnd(true));
  byId('end-no').addEventListener('click', () => confirmEnd(false));
  byId('end-yes').addEventListener('click', () => void endPractice());
}

function confirmEnd(asking: boolean): void {
  byId('end-confirm').hidden = !asking;
  byId('end-practice').hidden = asking;
  showError(byId('end-error'), null);
  byId(asking ? 'end-yes' : 'end-practice').focus();
}

/** "End practice" while the practice runs and can be reached. */
function practiceControls(): void {
  if (!practice) return;
  const on = live() && chat.socket.connected;
  if (!on) byId('end-confirm').hidden = true;
  byId('end-practice').hidden = !on || !byId('end-confirm').hidden;
}

async function endPractice(): Promise<void> {
  const yes = byId<HTMLButtonElement>('end-yes');
  yes.disabled = true;
  try {
    // The ended event comes with the answer: it shows the debrief.
    const answer = await chat.act('session:end', {});
    if (!answer.ok) showError(byId('end-error'), answer.error.message);
  } catch {
    showError(byId('end-error'), 'The practice could not be ended. Check your connection.');
  } finally {
    yes.disabled = false;
  }
}

/** The debrief, once the practice is over: asked again a few times, as the end settles. */
async function showDebrief(): Promise<void> {
  if (debriefAsked) return;
  debriefAsked = true;
  const section = byId('debrief');
  const body = byId('debrief-body');
  section.hidden = false;
  body.replaceChildren(el('p', { class: 'muted' }, 'Putting your debrief together…'));
  // Its top under the head, the rest below it: not just its heading at the bottom of the screen.
  byId('debrief-title').focus({ preventScroll: true });
  section.scrollIntoView({ block: 'start' });
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const response = await fetch(`/api/sessions/${room.sessionId}/debrief`, {
      headers: { authorization: `Bearer ${room.token}` },
    }).catch(() => null);
    if (response?.ok) {
      body.replaceChildren(...debriefOf((await response.json()) as Debrief));
      // Taller now: the page may scroll far enough to show it from its top.
      section.scrollIntoView({ block: 'start' });
      return;
    }
    // 409: not over yet, as the server sees it; anything else but a failure will not change.
    if (response && response.status !== 409 && response.status < 500) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  debriefAsked = false;
  body.replaceChildren(
    el('p', {}, 'Your debrief could not be loaded. '),
    el(
      'button',
      { type: 'button', class: 'secondary', onclick: () => void showDebrief() },
      'Try again',
    ),
  );
}

/** What they did and which steps they met, in plain words; kind whatever happened. */
function debriefOf(debrief: Debrief): Node[] {
  const required = debrief.checkpoints.filter((c) => c.required);
  const met = required.filter((c) => c.met).length;
  const took = spent(debrief.durationMs);
  const all =
    required.length === 1
      ? 'the required step'
      : required.length === 2
        ? 'both required steps'
        : `all ${required.length} required steps`;
  const steps =
    required.length === 0
      ? null
      : met === required.length
        ? `You met ${all}.`
        : `You met ${met} of the ${required.length} required ${required.length === 1 ? 'step' : 'steps'}.`;
  // A bonus step is praise when met, and no reproach when not.
  const shown = debrief.checkpoints.filter((c) => c.required || c.met);
  const stepList = shown.length
    ? [
        el(
          'ul',
          { class: 'plain debrief-steps', 'aria-label': 'The steps' },
          ...shown.map((c) =>
            el(
              'li',
              { class: c.met ? 'met' : 'missed' },
              el('span', { class: 'step-mark', 'aria-hidden': 'true' }, c.met ? '✓' : '○'),
              el('span', {}, c.label, !c.required && el('span', { class: 'muted' }, ' (a bonus)')),
              el('span', { class: 'step-state' }, c.met ? 'Done' : 'Not this time'),
            ),
          ),
        ),
      ]
    : [];
  return [
    el(
      'p',
      { class: 'debrief-lead' },
      debrief.solved
        ? `Well done: you solved the customer’s problem in ${took}.`
        : `You spent ${took} with the customer.`,
      steps && ` ${steps}`,
    ),
    ...stepList,
    el('h3', {}, 'What you did'),
    el('ul', { class: 'debrief-did' }, ...didLines(debrief.did).map((line) => el('li', {}, line))),
    el('p', { class: 'muted' }, 'This was only practice: none of it counts in your role-play.'),
  ];
}

/** "less than a minute", "1 minute", "4 minutes": a practice is short, and seconds would only sting. */
function spent(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 1 ? 'less than a minute' : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

function didLines(did: Debrief['did']): string[] {
  const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
  const titles = (list: string[]) => [...new Set(list)].map((title) => `“${title}”`).join(', ');
  return [
    did.messages === 0
      ? 'You did not write to the customer.'
      : `You wrote ${did.messages} ${did.messages === 1 ? 'message' : 'messages'} to the customer.`,
    did.searches > 0 ? `You searched the help center ${times(did.searches)}.` : '',
    did.articlesOpened.length > 0 ? `You read ${titles(did.articlesOpened)}.` : '',
    did.actions.length > 0 ? `On the customer’s records, you used ${titles(did.actions)}.` : '',
    did.emails > 0 ? `You emailed the customer ${times(did.emails)}.` : '',
    did.reports > 0 ? `You reported to the product team ${times(did.reports)}.` : '',
  ].filter(Boolean);
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
