// The interviewer console (docs/protocol.md): the interviewer plays the scripted customer; managers
// and admins watching get the same view read-only. Everything shown is drawn from the session's
// events, so a reload or a reconnect rebuilds the same page from the log.
(() => {
  const { el, data, get, post } = window.hotseat;
  const { connect, clock } = window.hotseatChat;
  const script = data('console-data');
  const canAct = script.role === 'interviewer';
  const $ = (id) => document.getElementById(id);
  const STATUS = { scheduled: 'Not started', live: 'Live', ended: 'Ended', cancelled: 'Cancelled' };

  const state = {
    status: script.status,
    solved: false,
    t0: null,
    endedAt: null,
    confirming: false,
  };
  const anger = [{ atMs: 0, level: script.persona.initialAnger }];
  const articleTitles = new Map();

  const chat = connect({
    auth: { sessionId: script.sessionId },
    onEvent: show,
    onTyping: ({ actor, typing }) => {
      const who = actor === 'candidate' ? script.candidateName : 'The customer';
      $('typing').textContent = typing ? `${who} is typing…` : '';
    },
    onPresence: ({ candidate }) => {
      $('presence').textContent = candidate ? 'Candidate connected' : 'Candidate not connected';
      // A candidate who left mid-sentence is not typing any more.
      if (!candidate) $('typing').textContent = '';
    },
    onConnection: (connection, why) => {
      // A refused handshake (logged out, cancelled) is not retried by Socket.IO: say why instead.
      const closed = connection !== 'online' && !chat.socket.active;
      $('connection').hidden = connection === 'online';
      $('connection').textContent = closed
        ? why || 'The connection was closed. Reload the page to try again.'
        : 'Connection lost; reconnecting… Nothing is lost meanwhile.';
    },
  });

  // Times in the console are mm:ss since the start (t0), as the scorecard counts them.
  function mmss(ms) {
    const seconds = Math.max(0, Math.floor(ms / 1000));
    const pad = (n) => String(n).padStart(2, '0');
    return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
  }

  function stamp(at) {
    const text = state.t0 === null ? clock(at) : mmss(Date.parse(at) - state.t0);
    return el('time', { datetime: at, title: clock(at) }, text);
  }

  /** Appends to a list, replacing its "nothing yet" line. */
  function append(list, item) {
    list.querySelector('.empty')?.remove();
    list.append(item);
  }

  function addToChat(node) {
    const box = $('chat');
    box.append(node);
    box.scrollTop = box.scrollHeight;
  }

  function system(at, text) {
    addToChat(el('div', { class: 'bubble system' }, text, ' ', stamp(at)));
  }

  function activity(at, text, flag = false) {
    append(
      $('activity'),
      el('li', {}, stamp(at), ' ', flag ? el('span', { class: 'flag' }, text) : text),
    );
  }

  function show(event) {
    const { type, payload, at } = event;
    switch (type) {
      case 'session.started':
        state.t0 = Date.parse(at);
        state.status = 'live';
        system(at, 'The role-play started.');
        break;
      case 'chat.message':
        message(event);
        break;
      case 'anger.changed':
        anger.push({ atMs: Date.parse(at) - state.t0, level: payload.level });
        $('anger').value = String(payload.level);
        $('anger-value').textContent = String(payload.level);
        break;
      case 'checkpoint.hit':
        checkpointHit(payload.checkpointId, at);
        break;
      case 'note.added':
        append(
          $('notes'),
          el('li', {}, stamp(at), ' ', el('span', { class: 'note' }, payload.text)),
        );
        break;
      case 'help.searched':
        activity(
          at,
          `searched for "${payload.query}" (${payload.results.length === 1 ? '1 result' : `${payload.results.length} results`})`,
        );
        break;
      case 'help.opened':
        articleTitles.set(payload.articleId, payload.title);
        activity(at, `opened "${payload.title}"`);
        break;
      case 'help.closed':
        activity(at, `closed "${articleTitles.get(payload.articleId) ?? payload.articleId}"`);
        break;
      case 'candidate.pasted':
        activity(at, 'pasted into the reply', true);
        break;
      case 'candidate.away':
        activity(at, 'left the tab', true);
        break;
      case 'candidate.back':
        activity(at, 'came back to the tab', true);
        break;
      case 'session.solved':
        state.solved = true;
        system(at, 'Marked solved.');
        break;
      case 'session.ended':
        state.status = 'ended';
        state.endedAt = Date.parse(at);
        system(
          at,
          payload.endedBy === 'time-limit'
            ? 'The time limit passed: the role-play ended.'
            : 'The role-play ended.',
        );
        break;
      default:
        break;
    }
    update();
  }

  function message({ actor, at, payload }) {
    const customer = actor === 'customer';
    if (!customer) $('typing').textContent = '';
    const who = customer
      ? `${script.persona.name} (${canAct ? 'you' : 'the customer'})`
      : script.candidateName;
    const beat = payload.beatId ? ` · beat ${payload.beatId}` : '';
    addToChat(
      el(
        'div',
        { class: customer ? 'bubble mine' : 'bubble' },
        el('strong', { class: 'who' }, who),
        el('span', { class: 'text' }, payload.text),
        el('span', { class: 'meta' }, stamp(at), beat),
      ),
    );
  }

  function checkpointHit(id, at) {
    const box = document.querySelector(`#checkpoints input[value="${CSS.escape(id)}"]`);
    if (!box) return;
    box.checked = true;
    const time = box.closest('li').querySelector('time');
    time.textContent = `ticked at ${mmss(Date.parse(at) - state.t0)}`;
    time.hidden = false;
  }

  /** Shows and enables what fits the session's state and the viewer's role. */
  function update() {
    $('status').textContent = STATUS[state.status] ?? state.status;
    $('solved').hidden = !state.solved;
    drawCurve();
    tick();
    const live = state.status === 'live';
    for (const box of document.querySelectorAll('#checkpoints input')) {
      box.disabled = !canAct || !live || box.checked;
    }
    if (!canAct) return;
    $('start').hidden = state.status !== 'scheduled';
    $('solve').hidden = !live || state.solved;
    if (!live) state.confirming = false;
    $('end').hidden = !live || state.confirming;
    $('confirm-end').hidden = !state.confirming;
    const controls =
      '#composer textarea, #composer [type="submit"], [data-beat], #anger, #anger-up, #anger-down, #note-form textarea, #note-form button';
    for (const control of document.querySelectorAll(controls)) control.disabled = !live;
    if (state.status === 'ended' && $('rating').hidden) {
      $('rating').hidden = false;
      void loadRating();
    }
  }

  function tick() {
    if (state.t0 === null) return;
    $('clock').textContent = mmss((state.endedAt ?? Date.now()) - state.t0);
  }
  setInterval(() => {
    tick();
    if (state.status === 'live') drawCurve();
  }, 1000);

  /** The anger over time, drawn by the same chart as the scorecard, running on to now. */
  function drawCurve() {
    const now = state.t0 === null ? 0 : (state.endedAt ?? Date.now()) - state.t0;
    const chart = window.hotseatCharts.anger({
      title: "The customer's anger so far",
      series: [
        { label: '', timeline: anger, endMs: Math.max(now, anger[anger.length - 1].atMs, 60_000) },
      ],
      calmAt: script.persona.calmAt,
    });
    const container = $('anger-curve');
    container.replaceChildren(chart.element);
    container.dataset.levels = anger.map((point) => point.level).join(',');
  }

  /** Sends an action; shows the server's reason in `errorNode` and answers null when refused. */
  async function perform(errorNode, name, payload) {
    errorNode.hidden = true;
    try {
      const answer = await chat.act(name, payload);
      if (answer.ok) return answer;
      errorNode.textContent = answer.error.message;
    } catch {
      errorNode.textContent = 'The server did not answer. Check your connection, then try again.';
    }
    errorNode.hidden = false;
    return null;
  }

  // Articles that hold the answer: the server sanitized their HTML, the only HTML this page shows.
  for (const details of document.querySelectorAll('details.article')) {
    details.addEventListener('toggle', async () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = 'yes';
      const body = details.querySelector('.article-body');
      try {
        body.innerHTML = (
          await get(`/api/help-center/articles/${encodeURIComponent(details.dataset.article)}`)
        ).html;
      } catch (problem) {
        body.replaceChildren(el('p', { class: 'error' }, problem.message));
        delete details.dataset.loaded;
      }
    });
  }

  if (!canAct) {
    update();
    return;
  }

  const actionError = $('action-error');
  $('start').addEventListener('click', () => perform(actionError, 'session:start'));
  $('solve').addEventListener('click', () => perform(actionError, 'session:solve'));
  $('end').addEventListener('click', () => {
    state.confirming = true;
    update();
    $('end-yes').focus();
  });
  $('end-no').addEventListener('click', () => {
    state.confirming = false;
    update();
    $('end').focus();
  });
  $('end-yes').addEventListener('click', async () => {
    // The button goes away with the end: the focus moves on to what comes next, the rating.
    if (await perform(actionError, 'session:end')) $('rating-title').focus();
  });

  // The chat as the customer, with the script's beats as lines to edit before sending.
  const composer = $('composer');
  const text = $('message');
  let beatId = null;
  let sending = false;
  let typingTimer = null;
  let typingSent = false;

  function useBeat(id) {
    beatId = id;
    $('beat-used').hidden = id === null;
    $('beat-used').querySelector('strong').textContent = id ?? '';
  }

  /** One `true` when a burst of keys starts, `false` 3 s after the last or on sending. */
  function typing(now) {
    clearTimeout(typingTimer);
    if (now) typingTimer = setTimeout(() => typing(false), 3000);
    if (now === typingSent) return;
    typingSent = now;
    // Typing is a hint that is never logged: a lost one needs no retry.
    chat.emit('typing', { typing: now }).catch(() => undefined);
  }

  text.addEventListener('input', () => {
    if (text.value === '') useBeat(null);
    typing(text.value !== '');
  });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    const line = text.value.trim();
    if (!line || sending) return;
    sending = true;
    const answer = await perform(
      composer.querySelector('.error'),
      'chat:send',
      beatId ? { text: line, beatId } : { text: line },
    );
    sending = false;
    if (!answer) return;
    text.value = '';
    useBeat(null);
    typing(false);
  });
  $('beat-clear').addEventListener('click', () => {
    useBeat(null);
    text.focus();
  });
  for (const button of document.querySelectorAll('[data-beat]')) {
    button.addEventListener('click', () => {
      const beat = script.beats.find((b) => b.id === button.dataset.beat);
      text.value = beat.line;
      useBeat(beat.id);
      text.focus();
      text.setSelectionRange(text.value.length, text.value.length);
    });
  }

  // The anger: the slider (arrow keys work too) or the buttons; the curve follows the logged events.
  const slider = $('anger');
  async function setAnger(level) {
    const answer = await perform($('anger-error'), 'anger:set', { level });
    // Refused: the slider goes back to the level in the log.
    if (!answer) slider.value = String(anger[anger.length - 1].level);
    $('anger-value').textContent = slider.value;
  }
  slider.addEventListener('input', () => ($('anger-value').textContent = slider.value));
  slider.addEventListener('change', () => setAnger(Number(slider.value)));
  for (const [id, step] of [
    ['anger-up', 1],
    ['anger-down', -1],
  ]) {
    $(id).addEventListener('click', () => {
      const level = Math.min(10, Math.max(0, Number(slider.value) + step));
      slider.value = String(level);
      void setAnger(level);
    });
  }

  for (const box of document.querySelectorAll('#checkpoints input')) {
    box.addEventListener('change', async () => {
      if (!box.checked) return;
      box.disabled = true;
      const answer = await perform($('checkpoint-error'), 'checkpoint:hit', {
        checkpointId: box.value,
      });
      if (!answer) {
        box.checked = false;
        update();
      }
    });
  }

  const noteForm = $('note-form');
  noteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const note = noteForm.elements.text.value.trim();
    if (!note) return;
    const answer = await perform(noteForm.querySelector('.error'), 'note:add', { text: note });
    if (answer) noteForm.elements.text.value = '';
  });

  // The rating, once the role-play has ended: drafts as often as wanted, then one submission.
  const ratingForm = $('rating-form');
  const ratingError = ratingForm.querySelector('.error');
  const ratingsPath = `/api/sessions/${script.sessionId}/ratings`;

  function choose(name, value) {
    if (value === null || value === undefined) return;
    const input = ratingForm.querySelector(
      `input[name="${CSS.escape(name)}"][value="${CSS.escape(String(value))}"]`,
    );
    if (input) input.checked = true;
  }

  function fill(rating) {
    for (const attribute of rating.attributes) {
      choose(`attr-${attribute.id}`, attribute.score);
      ratingForm.elements[`evidence-${attribute.id}`].value = attribute.evidence;
    }
    choose('csat', rating.csat);
    choose('productTeam', rating.productTeam.score);
    ratingForm.elements.productTeamNotes.value = rating.productTeam.notes ?? '';
    choose('recommendation', rating.recommendation);
    if (rating.submittedAt) submitted();
  }

  async function loadRating() {
    try {
      const [own] = await get(ratingsPath);
      if (own) fill(own);
    } catch (problem) {
      ratingError.textContent = problem.message;
      ratingError.hidden = false;
    }
  }

  /** The answered parts only: a draft may be partial, and fields left out keep the saved ones. */
  function ratingBody() {
    const form = new FormData(ratingForm);
    // Words without a score would be lost: the API keeps evidence and notes with their score.
    const unscored = [
      ...script.rubric
        .filter(
          ({ id }) => !form.get(`attr-${id}`) && String(form.get(`evidence-${id}`) ?? '').trim(),
        )
        .map(({ label }) => label),
      ...(!form.get('productTeam') && String(form.get('productTeamNotes') ?? '').trim()
        ? ['the product-team question']
        : []),
    ];
    if (unscored.length > 0) {
      throw new Error(`Pick a score for ${unscored.join(', ')} to keep what you wrote there.`);
    }
    const body = {
      attributes: script.rubric.flatMap(({ id }) =>
        form.get(`attr-${id}`)
          ? [{ id, score: Number(form.get(`attr-${id}`)), evidence: form.get(`evidence-${id}`) }]
          : [],
      ),
    };
    if (form.get('csat')) body.csat = Number(form.get('csat'));
    if (form.get('productTeam')) {
      body.productTeam = {
        score: Number(form.get('productTeam')),
        notes: form.get('productTeamNotes'),
      };
    }
    if (form.get('recommendation')) body.recommendation = form.get('recommendation');
    return body;
  }

  function submitted() {
    for (const field of ratingForm.elements) field.disabled = true;
    ratingForm.querySelector('.console-actions').hidden = true;
    $('rating-done').hidden = false;
  }

  async function saveRating(submit) {
    ratingError.hidden = true;
    $('rating-saved').textContent = '';
    for (const button of ratingForm.querySelectorAll('button')) button.disabled = true;
    try {
      await post(ratingsPath, { ...ratingBody(), ...(submit ? { submit: true } : {}) });
      if (submit) {
        submitted();
        $('rating-done').querySelector('a').focus();
      } else {
        $('rating-saved').textContent = `Draft saved at ${clock(new Date())}.`;
      }
    } catch (problem) {
      ratingError.textContent = problem.message;
      ratingError.hidden = false;
    } finally {
      for (const button of ratingForm.querySelectorAll('button')) button.disabled = false;
    }
  }
  $('save-draft').addEventListener('click', () => saveRating(false));
  ratingForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveRating(true);
  });

  // Last: the rating form needs everything above when the page opens on an ended role-play.
  update();
})();
