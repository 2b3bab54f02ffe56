// The scorecard's replays: each ended role-play's log played back at 1x, 4x or 16x, revealing the
// transcript, the checkpoints and the anger curve up to the replay clock. The figures "first reply",
// "solved" and "calm" jump the clock to their moment, as the metrics computed it.
import { replayClock } from '@hotseat/events';
import { del } from '../lib/api';
import { angerChart, type AngerPoint, type Marker } from '../lib/charts';
import { el, messageOf, one, pageData, showError } from '../lib/dom';

/** What libs/scorecards' presenter puts on the page for each replay. */
interface Replay {
  durationMs: number;
  timeline: AngerPoint[];
  calmAt: number;
  moments: Record<string, number | null>;
  checkpoints: Marker[];
}

function replay(article: HTMLElement, data: Replay): void {
  const end = data.durationMs;
  const chart = angerChart({
    title: "The customer's anger over time",
    series: [{ label: null, timeline: data.timeline, endMs: end }],
    calmAt: data.calmAt,
    markers: data.checkpoints,
  });
  one(article, '.chart-slot').append(chart.element);

  const play = one<HTMLButtonElement>(article, '[data-replay="play"]');
  const position = one<HTMLInputElement>(article, '[data-replay="position"]');
  const output = one<HTMLOutputElement>(article, '.replay-clock');
  const timed = article.querySelectorAll<HTMLElement>('[data-at-ms]');
  const speeds = article.querySelectorAll<HTMLButtonElement>('[data-speed]');
  // The clock runs from an anchor: where it was, and when, so a speed change keeps its place.
  const state = { clock: end, speed: 1, playing: false, anchorClock: end, anchorWall: 0 };

  function show(ms: number): void {
    state.clock = Math.min(Math.max(ms, 0), end);
    for (const node of timed) node.hidden = Number(node.dataset.atMs) > state.clock;
    chart.setClock(state.clock);
    position.value = String(state.clock);
    output.textContent = `${replayClock(state.clock)} of ${replayClock(end)}`;
    output.dataset.ms = String(Math.round(state.clock));
  }

  function anchor(): void {
    state.anchorClock = state.clock;
    state.anchorWall = performance.now();
  }

  function tick(now: number): void {
    if (!state.playing) return;
    show(state.anchorClock + (now - state.anchorWall) * state.speed);
    if (state.clock >= end) setPlaying(false);
    else requestAnimationFrame(tick);
  }

  function setPlaying(playing: boolean): void {
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
  for (const button of article.querySelectorAll<HTMLButtonElement>('[data-jump]')) {
    button.addEventListener('click', () => {
      const moment = data.moments[button.dataset.jump ?? ''];
      if (moment === null || moment === undefined) return;
      show(moment);
      anchor();
      output.scrollIntoView({ block: 'nearest' });
    });
  }

  article.dataset.speed = '1';
  show(end);
}

for (const article of document.querySelectorAll<HTMLElement>('article.session')) {
  const id = `replay-${article.dataset.session}`;
  if (document.getElementById(id)) replay(article, pageData<Replay>(id));
}

/** "Revoke link" beside a shadow host whose link still works, confirmed in place. */
function revokeControl(feedback: HTMLElement): void {
  const control = one(feedback, '.link-revoke');
  const revoke = one<HTMLButtonElement>(control, '[data-revoke]');
  const confirm = one(control, '[data-confirm]');
  const error = one(control, '.error');
  const confirming = (now: boolean) => {
    revoke.hidden = now;
    confirm.hidden = !now;
  };
  revoke.addEventListener('click', () => {
    confirming(true);
    one<HTMLButtonElement>(confirm, '[data-revoke-yes]').focus();
  });
  one(confirm, '[data-revoke-no]').addEventListener('click', () => {
    confirming(false);
    revoke.focus();
  });
  one(confirm, '[data-revoke-yes]').addEventListener('click', () => {
    showError(error, null);
    del(`/api/shadow-links/${feedback.dataset.shadowLink}`).then(
      () => {
        feedback.querySelector('[data-waiting]')?.remove();
        control.replaceWith(
          el('p', { class: 'muted link-state', role: 'status' }, 'The link was revoked just now.'),
        );
      },
      (problem) => showError(error, messageOf(problem)),
    );
  });
}

for (const feedback of document.querySelectorAll<HTMLElement>('[data-shadow-link]')) {
  if (feedback.querySelector('.link-revoke')) revokeControl(feedback);
}
