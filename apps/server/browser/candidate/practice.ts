// Practice: "Practise first", offered in a live room's briefing, opens a practice in this tab and
// remembers the way back (this tab only); the practice room (`mode: 'practice'`, a scripted customer)
// then links "Back to your role-play" and has an "End practice" button, confirmed before it ends
// anything, and shown only while the practice runs and can be reached. Its debrief is ./debrief.ts.
import { EVENT } from '@hotseat/events';
import { refusal } from '../lib/api';
import { byId, showError } from '../lib/dom';
import type { RoomContext, RoomPart } from './room';

/** Where the live room is, for the practice room's "Back to your role-play" (this tab only). */
const LIVE_ROOM = 'hotseat:live-room';

export interface Practice extends RoomPart {
  update(): void;
}

export function practice(context: RoomContext): Practice {
  const { room } = context;

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

  if (context.practice) {
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
  function update(): void {
    if (!context.practice) return;
    const on = context.live && context.socket.connected;
    if (!on) byId('end-confirm').hidden = true;
    byId('end-practice').hidden = !on || !byId('end-confirm').hidden;
  }

  async function endPractice(): Promise<void> {
    const yes = byId<HTMLButtonElement>('end-yes');
    yes.disabled = true;
    try {
      // The ended event comes with the answer: it shows the debrief.
      const answer = await context.act('session:end', {});
      if (!answer.ok) showError(byId('end-error'), answer.error.message);
    } catch {
      showError(byId('end-error'), 'The practice could not be ended. Check your connection.');
    } finally {
      yes.disabled = false;
    }
  }

  return {
    show(event) {
      if (event.type === EVENT.sessionStarted) document.getElementById('practice-offer')?.remove();
    },
    update,
  };
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
