// The practice's debrief, once it is over (GET /api/sessions/:id/debrief): how it went and what the
// candidate did, in plain words and kind whatever happened; a practice counts for nothing, and the
// page says so. It is asked again a few times while the end settles on the server.
import type { Debrief } from '@hotseat/events';
import { byId, el } from '../lib/dom';
import type { RoomContext } from './room';

/** Shows the debrief, under the chat: loaded once, with "Try again" when it could not be. */
export function debrief(context: RoomContext): () => Promise<void> {
  const { room } = context;
  let debriefAsked = false;

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

  return showDebrief;
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
