// The time left, in the room's head: counted once a second from the server's start, on the server's
// clock, so a phone whose clock is minutes off still shows the right time; it warns for the last two
// minutes and tells screen readers at five and at one. The head sticks to the top of the screen, so
// the time stays in view, a phone's keyboard included.
import { EVENT, stopwatch } from '@hotseat/events';
import { byId } from '../lib/dom';
import type { RoomContext, RoomPart } from './room';

/** The time left turns to a warning colour for the last two minutes. */
const LOW_MS = 2 * 60_000;
/** Said to screen readers as the time runs out: "5 minutes left", "1 minute left". */
const ANNOUNCE_AT_MINUTES = [5, 1];

export function timeLeft(context: RoomContext): RoomPart {
  /**
   * The server's clock minus this one's, for a phone whose clock is minutes off; a few seconds are
   * the page's own way here, not a wrong clock.
   */
  const skew = Date.parse(context.room.serverTime) - Date.now() || 0;
  const clockOffset = Math.abs(skew) > 5000 ? skew : 0;
  /** When the chat ends by the time limit, in the server's time; null before the start. */
  let endsAt: number | null = null;
  let clock: ReturnType<typeof setInterval> | null = null;
  let lastLeft: number | null = null;

  /** Shows the time left now, or why there is none (the chat ended, the link closed). */
  function tick(): void {
    const node = byId('time-left');
    const head = byId('room-head');
    byId('time-label').hidden = context.ended;
    if (context.ended || context.linkEnded) {
      node.textContent = context.ended ? (context.practice ? 'Practice over' : 'Chat ended') : '—';
      head.classList.remove('low');
      if (clock !== null) clearInterval(clock);
      clock = null;
      return;
    }
    const limit = context.room.timeLimitMinutes * 60_000;
    const left =
      endsAt === null ? limit : Math.min(limit, Math.max(0, endsAt - (Date.now() + clockOffset)));
    // Rounded up, so that 00:00 is the end itself.
    node.textContent = stopwatch(Math.ceil(left / 1000) * 1000);
    head.classList.toggle('low', endsAt !== null && left <= LOW_MS);
    if (endsAt !== null && lastLeft !== null) {
      const minutes = ANNOUNCE_AT_MINUTES.find((m) => lastLeft! > m * 60_000 && left <= m * 60_000);
      if (minutes) {
        byId('time-status').textContent =
          `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left.`;
      }
    }
    if (endsAt !== null) lastLeft = left;
  }

  keepHeadInView();
  tick();

  return {
    show(event) {
      if (event.type !== EVENT.sessionStarted) return;
      endsAt = Date.parse(event.at) + event.payload.timeLimitMinutes * 60_000;
      clock ??= setInterval(tick, 1000);
    },
    update: tick,
  };
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
