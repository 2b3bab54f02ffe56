// The candidate's room: the briefing, the chat with the "customer" and the help center.
// Chat bubbles are drawn only from events (chat.js hands over each seq once, in order), so a
// reconnect never loses or doubles a message. Everything people typed is set as text.
(() => {
  const room = JSON.parse(document.getElementById('room-data').textContent);
  const $ = (id) => document.getElementById(id);
  const banner = $('connection');
  const messages = $('messages');
  const reply = $('reply');
  const send = document.querySelector('#composer button[type="submit"]');
  const results = $('help-results');
  const article = $('help-article');
  let started = false;
  let ended = false;
  let pending = 0;
  let myTypingTimer = null;
  let away = false;
  let flags = Promise.resolve();
  /** The article on screen and the result button that opened it (focus goes back there). */
  let reading = null;

  // api.js is for staff pages only, hence this small text-only builder.
  function el(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children);
    return node;
  }

  const live = () => started && !ended;

  const { connect, clock } = window.hotseatChat;

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

  function show(event) {
    switch (event.type) {
      case 'session.started':
        started = true;
        // Still reading the briefing while the clock runs: say so.
        $('arrived').hidden = !$('room').hidden;
        note('The chat started', event.at);
        state('');
        composer(!ended);
        break;
      case 'chat.message': {
        const mine = event.actor === 'candidate';
        if (!mine) customerTyping(false);
        const who = mine ? 'You' : 'Customer';
        bubble(mine ? 'bubble mine' : 'bubble', event.payload.text, `${who} · `, event.at);
        break;
      }
      case 'session.ended':
        ended = true;
        note('The chat has ended', event.at);
        state('The chat has ended. Thank you for taking part!');
        composer(false);
        customerTyping(false);
        stopMyTyping();
        break;
      default:
      // Help-center and attention events are this page's own actions: nothing to draw.
    }
  }

  function bubble(className, text, prefix, at) {
    const time = el('time', '', prefix + clock(at));
    time.dateTime = at;
    messages.append(el('div', className, el('span', 'said', text), time));
    messages.scrollTop = messages.scrollHeight;
  }

  function note(text, at) {
    bubble('bubble system', text, '', at);
  }

  function state(text) {
    $('chat-state').textContent = text;
    $('chat-state').hidden = !text;
  }

  function composer(enabled) {
    reply.disabled = !enabled;
    send.disabled = !enabled;
  }

  function customerTyping(typing) {
    $('typing').textContent = typing ? 'The customer is typing…' : '';
  }

  function connection(status, message) {
    // A refused handshake or a server-side close is not retried by Socket.IO: say what to do.
    const closed = status !== 'online' && !chat.socket.active;
    const text =
      status === 'online'
        ? ''
        : closed
          ? message || 'The chat connection was closed. Reload the page to try again.'
          : 'Reconnecting… your messages are safe.';
    // Set only on change, so screen readers do not repeat it at every reconnection attempt.
    if (banner.textContent !== text) banner.textContent = text;
    banner.hidden = !text;
    if (status !== 'online') customerTyping(false);
    sendStatus();
  }

  function sendStatus(error = '') {
    const waiting = pending > 0 && !chat.socket.connected;
    $('send-status').textContent =
      error || (waiting ? 'Your message will be sent as soon as the connection is back.' : '');
  }

  $('ready').addEventListener('click', () => enterRoom(true));
  // Back on the page after the chat began: the briefing is still one click away in the room.
  if (room.status !== 'scheduled') enterRoom(false);

  function enterRoom(moveFocus) {
    $('briefing').hidden = true;
    $('room').hidden = false;
    if (moveFocus) $('chat-title').focus();
  }

  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    void sendReply();
  });
  reply.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void sendReply();
    }
  });

  async function sendReply() {
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

  function notSent(text, why) {
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

  function stopMyTyping() {
    if (myTypingTimer === null) return;
    clearTimeout(myTypingTimer);
    myTypingTimer = null;
    myTyping(false);
  }

  function myTyping(typing) {
    // A hint, not a record: skipped while offline rather than queued for later.
    if (!chat.socket.connected) return;
    chat.emit('typing', { typing }).catch(() => undefined);
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

  function attention(kind) {
    if (!live() && kind !== 'back') return;
    // One at a time, so that "away" is always logged before its "back". A flag that fails after
    // every retry is only a missing hint; the chat goes on.
    flags = flags.then(() => chat.act('attention', { kind })).catch(() => undefined);
  }

  $('help-search').addEventListener('submit', (event) => {
    event.preventDefault();
    void search($('help-query').value.trim());
  });

  async function search(query) {
    if (!query) return;
    closeArticle(false);
    helpStatus('Searching…');
    const answer = await helpAction('help:search', { query });
    if (!answer) return;
    results.replaceChildren(
      ...answer.results.map((result) => {
        const open = el('button', 'link', result.title);
        open.type = 'button';
        open.addEventListener('click', () => void openArticle(result.articleId, open));
        return el('li', '', open, el('p', 'snippet', ...highlighted(result.snippet)));
      }),
    );
    const count = answer.results.length;
    helpStatus(
      count === 0
        ? `No articles match “${query}”. Try other words.`
        : `${count} ${count === 1 ? 'article' : 'articles'} for “${query}”.`,
    );
  }

  async function openArticle(articleId, button) {
    closeArticle(false);
    const answer = await helpAction('help:open', { articleId });
    if (!answer) return;
    reading = { articleId, button };
    $('article-title').textContent = answer.article.title;
    // The one HTML insert on this page: the article body, sanitized by the server.
    $('article-body').innerHTML = answer.article.html;
    results.hidden = true;
    article.hidden = false;
    $('article-title').focus();
  }

  $('help-back').addEventListener('click', () => closeArticle(true));

  function closeArticle(moveFocus) {
    if (!reading) return;
    const { articleId, button } = reading;
    reading = null;
    article.hidden = true;
    $('article-body').replaceChildren();
    results.hidden = false;
    if (moveFocus) button.focus();
    void helpAction('help:close', { articleId });
  }

  /** The ack of a help-center action, or null after saying what went wrong. */
  async function helpAction(name, payload) {
    try {
      const answer = await chat.act(name, payload);
      if (answer.ok) return answer;
      helpStatus(answer.error.message);
    } catch {
      helpStatus('The help center did not answer. Check your connection and try again.');
    }
    return null;
  }

  function helpStatus(text) {
    $('help-status').textContent = text;
  }

  /**
   * The snippet is the article's text, escaped by the server, with each match in <mark>. It is
   * split on those two markers and its escapes decoded, so none of it is ever parsed as HTML.
   */
  function highlighted(snippet) {
    let marked = false;
    const nodes = [];
    for (const part of snippet.split(/(<mark>|<\/mark>)/)) {
      if (part === '<mark>' || part === '</mark>') marked = part === '<mark>';
      else if (part) nodes.push(marked ? el('mark', '', unescapeHtml(part)) : unescapeHtml(part));
    }
    return nodes;
  }

  function unescapeHtml(text) {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    return text.replace(
      /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi,
      (_, dec, hex, name) =>
        name
          ? named[name.toLowerCase()]
          : String.fromCodePoint(dec ? Number(dec) : parseInt(hex, 16)),
    );
  }
})();
