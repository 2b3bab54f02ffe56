// The script beside the chat: the beats, each sent as it is (its anger change with it) or edited in
// the composer first; each marked with when it was used and, while its conditions hold, as
// suggested with the reasons (suggestedBeats, the same cues the practice room plays by). Nothing is
// ever sent by itself. Also the solution's help-center articles, loaded when opened.
import { EVENT } from '@hotseat/events';
import { cueScenarioOf, suggestedBeats, type Suggestion } from '@hotseat/metrics/cues';
import { get } from '../lib/api';
import { byId, el, messageOf, one } from '../lib/dom';
import type { Chat } from './chat';
import type { ConsoleBeat, ConsoleContext, ConsolePart } from './context';

export interface Script extends ConsolePart {
  /** Sends the beat numbered `number` (1 is the first) as it is, as its Send button does. */
  send(number: number): void;
}

export function script(context: ConsoleContext, chat: Chat): Script {
  const beats = context.script.beats;
  const items = new Map(beats.map((beat) => [beat.id, byId(`beat-${beat.id}`)]));
  const error = byId('beats-error');
  const summary = byId('suggested-now');
  const opening = byId('opening-line');
  /** Beats whose send awaits its answer: a second press does not send the line twice. */
  const pending = new Set<string>();
  const uses = new Map<string, HTMLTimeElement[]>();
  const scenario = cueScenarioOf(context.script);
  let suggested = '';

  const buttonOf = (beat: ConsoleBeat, kind: 'send' | 'edit') =>
    items.get(beat.id)?.querySelector<HTMLButtonElement>(`[data-${kind}]`) ?? null;
  const angerHintOf = (beat: ConsoleBeat) =>
    one(items.get(beat.id)!, '.beat-anger').textContent ?? '';

  function send(beat: ConsoleBeat): void {
    if (!context.canAct || !context.live || pending.has(beat.id)) return;
    pending.add(beat.id);
    update();
    void context.perform(error, 'chat:send', { text: beat.line, beatId: beat.id }).then(() => {
      pending.delete(beat.id);
      update();
    });
  }

  if (context.canAct) {
    for (const beat of beats) {
      buttonOf(beat, 'send')?.addEventListener('click', () => send(beat));
      buttonOf(beat, 'edit')?.addEventListener('click', () =>
        chat.useBeat({ ...beat, angerHint: angerHintOf(beat) }),
      );
    }
  }

  /** Marks the suggested beats in place, the best first highlighted, and lists them on top. */
  function mark(suggestions: Suggestion[]): void {
    const found = new Map(suggestions.map((s, rank) => [s.beatId, { ...s, rank }]));
    for (const [id, item] of items) {
      const suggestion = found.get(id);
      item.classList.toggle('suggested', suggestion !== undefined);
      item.classList.toggle('top-suggestion', suggestion?.rank === 0);
      one(item, '.beat-suggestion').hidden = suggestion === undefined;
      // A reason may change every second ("No reply for 64 s"); it is not a live region.
      const reasons = suggestion?.reasons.join(' · ') ?? '';
      const line = one(item, '.beat-reasons');
      if (line.textContent !== reasons) line.textContent = reasons;
    }
    // The list on top (a status line) changes only when which beats are suggested does.
    const key = suggestions.map((s) => s.beatId).join(' ');
    if (key === suggested) return;
    suggested = key;
    summary.hidden = suggestions.length === 0;
    one(summary, '.suggested-list').replaceChildren(
      ...suggestions.flatMap(({ beatId }, rank) => {
        const number = beats.findIndex((beat) => beat.id === beatId) + 1;
        const beat = beats[number - 1];
        if (!beat) return [];
        return [
          rank > 0 ? ', ' : '',
          el(
            'button',
            { type: 'button', class: 'link', onclick: () => reveal(beat) },
            `${number}. ${beat.cue}`,
          ),
        ];
      }),
    );
  }

  /** Brings a beat into view inside the list and puts the focus on it. */
  function reveal(beat: ConsoleBeat): void {
    const item = items.get(beat.id)!;
    item.scrollIntoView({ block: 'nearest' });
    (buttonOf(beat, 'send') ?? item).focus();
  }

  function suggest(): void {
    mark(context.live ? suggestedBeats(scenario, context.events, context.now()) : []);
  }
  // Some cues are a matter of time ("no reply for 60 seconds"): they come due between events.
  setInterval(suggest, 1000);

  function update(): void {
    // The opening line is sent at the start: after it, the room is the beats'.
    opening.hidden = context.state.status !== 'scheduled';
    for (const beat of beats) {
      const sending = pending.has(beat.id);
      const sendButton = buttonOf(beat, 'send');
      if (sendButton) sendButton.disabled = !context.live || sending;
      const editButton = buttonOf(beat, 'edit');
      if (editButton) editButton.disabled = !context.live;
    }
    suggest();
  }

  // The server sanitized the articles' HTML: the only HTML this page shows.
  for (const details of document.querySelectorAll<HTMLDetailsElement>('details.article')) {
    details.addEventListener('toggle', () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = 'yes';
      const body = details.querySelector('.article-body')!;
      get<{ html: string }>(
        `/api/help-center/articles/${encodeURIComponent(details.dataset.article ?? '')}`,
      )
        .then((article) => (body.innerHTML = article.html))
        .catch((problem) => {
          body.replaceChildren(el('p', { class: 'error' }, messageOf(problem)));
          delete details.dataset.loaded;
        });
    });
  }

  return {
    show(event) {
      if (event.type !== EVENT.chatMessage || event.payload.beatId === undefined) return;
      const item = items.get(event.payload.beatId);
      if (!item) return;
      const times = [...(uses.get(event.payload.beatId) ?? []), context.stamp(event.at)];
      uses.set(event.payload.beatId, times);
      item.classList.add('used');
      const used = one(item, '.beat-used');
      used.replaceChildren(
        'Used at ',
        ...times.flatMap((time, index) => (index > 0 ? [', ', time] : [time])),
      );
      used.hidden = false;
    },
    update,
    send(number) {
      const beat = beats[number - 1];
      if (beat) send(beat);
    },
  };
}
