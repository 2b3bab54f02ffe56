// The console's head: status, clock and presence, the interviewer's start, solve and end buttons,
// and the references folded into it (the customer, the solution, the briefing, the candidate link).
import { stopwatch, type SessionStatus } from '@hotseat/events';
import { byId } from '../lib/dom';
import type { ConsoleContext, ConsolePart } from './context';

const STATUS: Record<SessionStatus, string> = {
  scheduled: 'Not started',
  live: 'Live',
  ended: 'Ended',
  cancelled: 'Cancelled',
};

const over = (status: SessionStatus) => status === 'ended' || status === 'cancelled';

export function sessionControls(context: ConsoleContext): ConsolePart {
  let confirming = false;

  function tick(): void {
    const endedAt = context.state.endedAt?.getTime();
    const since = context.sinceStart(endedAt);
    if (since !== null) byId('clock').textContent = stopwatch(since);
  }
  setInterval(tick, 1000);

  function update(): void {
    // Until it is over the console is one screen; then the rating comes first, and the page scrolls.
    document.body.classList.toggle('console-over', over(context.state.status));
    byId('status').textContent = STATUS[context.state.status];
    byId('solved').hidden = context.state.solvedAt === null;
    tick();
    if (!context.canAct) return;
    const live = context.live;
    byId('start').hidden = context.state.status !== 'scheduled';
    byId('solve').hidden = !live || context.state.solvedAt !== null;
    if (!live) confirming = false;
    byId('end').hidden = !live || confirming;
    byId('confirm-end').hidden = !confirming;
    // A click while offline would wait in a queue (or forever, when the handshake was refused).
    for (const id of ['start', 'solve', 'end', 'end-yes']) {
      byId<HTMLButtonElement>(id).disabled = !context.online;
    }
  }

  if (context.canAct) {
    const actionError = byId('action-error');
    byId('start').addEventListener(
      'click',
      () => void context.perform(actionError, 'session:start', {}),
    );
    byId('solve').addEventListener(
      'click',
      () => void context.perform(actionError, 'session:solve', {}),
    );
    byId('end').addEventListener('click', () => {
      confirming = true;
      update();
      byId('end-yes').focus();
    });
    byId('end-no').addEventListener('click', () => {
      confirming = false;
      update();
      byId('end').focus();
    });
    byId('end-yes').addEventListener('click', () => {
      // The button goes away with the end: the focus moves on to what comes next, the rating.
      void context.perform(actionError, 'session:end', {}).then((ended) => {
        if (ended) byId('rating-title').focus();
      });
    });
  }

  return { update };
}

/** Whether the candidate is on their page, and what to say when the connection drops. */
export function presence(context: ConsoleContext) {
  return {
    candidate(connected: boolean): void {
      byId('presence').textContent = connected ? 'Candidate connected' : 'Candidate not connected';
    },
    connection(online: boolean, why?: string): void {
      // A refused handshake (logged out, cancelled) is not retried by Socket.IO: say why instead.
      const closed = !online && !context.socket.active;
      byId('connection').hidden = online;
      byId('connection').textContent = closed
        ? why || 'The connection was closed. Reload the page to try again.'
        : 'Connection lost; reconnecting… Nothing is lost meanwhile.';
    },
  };
}

/**
 * The head's folded references open over the panels, one at a time: Escape or a click elsewhere
 * folds them again, and Escape puts the focus back on the one that was open.
 */
export function headMenus(): void {
  const menus = [...document.querySelectorAll<HTMLDetailsElement>('details.drop')];
  for (const menu of menus) {
    menu.addEventListener('toggle', () => {
      if (!menu.open) return;
      for (const other of menus) if (other !== menu) other.open = false;
    });
    menu.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !menu.open) return;
      event.preventDefault();
      menu.open = false;
      menu.querySelector('summary')?.focus();
    });
  }
  document.addEventListener('click', (event) => {
    for (const menu of menus) {
      if (menu.open && !menu.contains(event.target as Node)) menu.open = false;
    }
  });
}
