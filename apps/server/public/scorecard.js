// The scorecard's replays: each ended role-play's log played back at 1x, 4x or 16x, revealing the
// transcript, the checkpoints and the anger curve up to the replay clock. The figures "first reply",
// "solved" and "calm" jump the clock to their moment.
(() => {
  const { anger, clock } = window.hotseatCharts;

  function replay(article) {
    const data = window.hotseat.data(`replay-${article.dataset.session}`);
    const end = data.durationMs;
    const chart = anger({
      title: "The customer's anger over time",
      series: [{ label: null, timeline: data.timeline, endMs: end }],
      calmAt: data.calmAt,
      markers: data.checkpoints,
    });
    article.querySelector('.chart-slot').append(chart.element);

    const play = article.querySelector('[data-replay="play"]');
    const position = article.querySelector('[data-replay="position"]');
    const output = article.querySelector('.replay-clock');
    const timed = article.querySelectorAll('[data-at-ms]');
    const speeds = article.querySelectorAll('[data-speed]');
    // The clock runs from an anchor: where it was, and when, so a speed change keeps its place.
    const state = { clock: end, speed: 1, playing: false, anchorClock: end, anchorWall: 0 };

    function show(ms) {
      state.clock = Math.min(Math.max(ms, 0), end);
      for (const node of timed) node.hidden = Number(node.dataset.atMs) > state.clock;
      chart.setClock(state.clock);
      position.value = String(state.clock);
      output.textContent = `${clock(state.clock)} of ${clock(end)}`;
      output.dataset.ms = String(Math.round(state.clock));
    }

    function anchor() {
      state.anchorClock = state.clock;
      state.anchorWall = performance.now();
    }

    function tick(now) {
      if (!state.playing) return;
      show(state.anchorClock + (now - state.anchorWall) * state.speed);
      if (state.clock >= end) setPlaying(false);
      else requestAnimationFrame(tick);
    }

    function setPlaying(playing) {
      state.playing = playing;
      play.textContent = playing ? 'Pause' : 'Play';
      if (!playing) return;
      if (state.clock >= end) show(0);
      anchor();
      requestAnimationFrame(tick);
    }

    play.addEventListener('click', () => setPlaying(!state.playing));
    for (const button of speeds) {
      button.addEventListener('click', () => {
        anchor();
        state.speed = Number(button.dataset.speed);
        article.dataset.speed = button.dataset.speed;
        for (const other of speeds) other.setAttribute('aria-pressed', String(other === button));
      });
    }
    position.addEventListener('input', () => {
      show(Number(position.value));
      anchor();
    });

    // The moments come with the page, as the metrics computed them.
    const moments = data.moments;
    for (const button of article.querySelectorAll('[data-jump]')) {
      button.addEventListener('click', () => {
        show(moments[button.dataset.jump]);
        anchor();
        output.scrollIntoView({ block: 'nearest' });
      });
    }

    article.dataset.speed = '1';
    show(end);
  }

  for (const article of document.querySelectorAll('article.session')) {
    if (document.getElementById(`replay-${article.dataset.session}`)) replay(article);
  }
})();
