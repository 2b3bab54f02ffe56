// The role-play connection both sides use (docs/protocol.md): every event is kept by seq, so a
// message that arrives twice (live and through sync) is shown once, and after every (re)connect the
// page asks `sync` for what it missed, in order. Rendering is the page's: it gets each new event once.
window.hotseatChat = (() => {
  /**
   * connect({ auth, onEvent, onTyping, onPresence, onConnection }) -> { act, emit, events }
   * onEvent(event) is called once per seq, in seq order; onConnection('online' | 'reconnecting').
   */
  function connect({ auth, onEvent, onTyping, onPresence, onConnection }) {
    const socket = io('/roleplay', { auth, transports: ['websocket'] });
    const events = new Map();
    let lastSeq = 0;
    let syncing = null;

    function remember(list) {
      const fresh = list.filter((event) => !events.has(event.seq)).sort((a, b) => a.seq - b.seq);
      for (const event of fresh) {
        // Maybe something was missed (or, for a candidate, hidden): sync fills the gap in order.
        if (event.seq > lastSeq + 1) {
          sync();
          return;
        }
        events.set(event.seq, event);
        lastSeq = Math.max(lastSeq, event.seq);
        onEvent(event);
      }
    }

    function emit(name, payload) {
      return socket.timeout(10000).emitWithAck(name, payload);
    }

    function sync() {
      syncing ??= (async () => {
        try {
          for (;;) {
            const answer = await emit('sync', { afterSeq: lastSeq });
            if (!answer.ok) return;
            // A sync answer is complete and in order; a candidate's has gaps where hidden events are.
            for (const event of answer.events) {
              if (!events.has(event.seq) && event.seq > lastSeq) {
                events.set(event.seq, event);
                lastSeq = event.seq;
                onEvent(event);
              }
            }
            lastSeq = Math.max(lastSeq, answer.lastSeq ?? 0);
            if (!answer.more) return;
          }
        } catch {
          // A timed-out sync is retried at the next connect.
        } finally {
          syncing = null;
        }
      })();
      return syncing;
    }

    socket.on('event', (event) =>
      syncing ? syncing.then(() => remember([event])) : remember([event]),
    );
    socket.on('typing', (typing) => onTyping?.(typing));
    socket.on('presence', (presence) => onPresence?.(presence));
    socket.on('connect', () => {
      onConnection?.('online');
      sync();
    });
    socket.on('disconnect', () => onConnection?.('reconnecting'));
    socket.on('connect_error', (error) => onConnection?.('reconnecting', error.message));

    /** An action with a fresh clientId; a retry after a drop re-sends the same clientId. */
    async function act(name, payload = {}) {
      const message = { clientId: uuid(), ...payload };
      for (let attempt = 0; ; attempt += 1) {
        try {
          const answer = await emit(name, message);
          if (answer.event) remember([answer.event]);
          return answer;
        } catch (timeout) {
          if (attempt >= 5) throw timeout;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    }

    return { socket, act, emit, events };
  }

  /** A random UUID v4; crypto.randomUUID exists only on https or localhost, this works on a LAN too. */
  function uuid() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** "14:03:07" in the reader's time zone. */
  function clock(at) {
    return new Date(at).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  return { connect, clock };
})();
