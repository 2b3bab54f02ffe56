// The chat: the conversation and the role-play's own lines (words from the presenter), who is
// typing, and the interviewer's composer, where a beat from the script can be edited before sending,
// its anger change applied with it unless the interviewer unticks that for this send.
import type { TypingNotice } from '@hotseat/events';
import { byId, el, one } from '../lib/dom';
import type { ConsoleContext, ConsolePart } from './context';

/** A beat as the composer takes it: `angerHint` is the script's words for its change ("anger −2"). */
export interface ComposedBeat {
  id: string;
  line: string;
  anger: number;
  angerHint: string;
}

export interface Chat extends ConsolePart {
  typing(notice: TypingNotice): void;
  /** Puts a beat's line in the composer, to edit and send as that beat. */
  useBeat(beat: ComposedBeat): void;
}

/** Within this many pixels of the bottom, the log counts as read to its newest line. */
const PINNED_SLACK_PX = 32;

export function chat(context: ConsoleContext): Chat {
  const box = byId('chat');
  const typingLine = byId('typing');
  const newest = byId<HTMLButtonElement>('chat-newest');

  const atBottom = () => box.scrollHeight - box.scrollTop - box.clientHeight <= PINNED_SLACK_PX;
  function toBottom(): void {
    box.scrollTop = box.scrollHeight;
    newest.hidden = true;
  }
  /** Pinned to the newest line, unless the interviewer has scrolled up to read. */
  function add(node: HTMLElement): void {
    const reading = !atBottom();
    box.append(node);
    if (reading) newest.hidden = false;
    else toBottom();
  }
  // The log's height changes with the window: one that was at its newest line stays there.
  let pinned = true;
  box.addEventListener(
    'scroll',
    () => {
      pinned = atBottom();
      if (pinned) newest.hidden = true;
    },
    { passive: true },
  );
  new ResizeObserver(() => {
    if (pinned) toBottom();
  }).observe(box);
  newest.addEventListener('click', toBottom);

  const composer = context.canAct ? composerOf(context) : null;

  return {
    show(event, line) {
      if (!line) return;
      if (line.kind === 'system') {
        add(el('div', { class: 'bubble system' }, line.text, ' ', context.stamp(event.at)));
      } else if (line.kind === 'customer' || line.kind === 'candidate') {
        if (line.kind === 'candidate') typingLine.textContent = '';
        add(
          el(
            'div',
            { class: line.kind === 'customer' ? 'bubble mine' : 'bubble' },
            el('strong', { class: 'who' }, line.who),
            el('span', { class: 'text' }, line.text),
            el(
              'span',
              { class: 'meta' },
              context.stamp(event.at),
              line.detail && ` · ${line.detail}`,
            ),
          ),
        );
      }
    },
    typing({ actor, typing }) {
      const who = actor === 'candidate' ? context.script.candidateName : 'The customer';
      typingLine.textContent = typing ? `${who} is typing…` : '';
    },
    update() {
      composer?.enable(context.live);
      composer?.showLevel();
    },
    useBeat(beat) {
      composer?.useBeat(beat);
    },
  };
}

function composerOf(context: ConsoleContext) {
  const form = byId<HTMLFormElement>('composer');
  const text = byId<HTMLTextAreaElement>('message');
  const used = byId('beat-used');
  const applyChoice = byId('apply-anger-choice');
  const apply = byId<HTMLInputElement>('apply-anger');
  let beat: ComposedBeat | null = null;
  let sending = false;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingSent = false;

  function fromBeat(next: ComposedBeat | null): void {
    beat = next;
    used.hidden = next === null;
    one(used, 'strong').textContent = next?.id ?? '';
    applyChoice.hidden = !next || next.anger === 0;
    apply.checked = true;
    showLevel();
  }

  /** "Apply anger −2 (8 → 6)": what sending this line does to the level the log has now. */
  function showLevel(): void {
    if (!beat || beat.anger === 0) return;
    const to = Math.min(10, Math.max(0, context.anger + beat.anger));
    byId('apply-anger-text').textContent = `Apply ${beat.angerHint} (${context.anger} → ${to})`;
  }

  /** One `true` when a burst of keys starts, `false` 3 s after the last or on sending. */
  function typing(now: boolean): void {
    clearTimeout(typingTimer);
    if (now) typingTimer = setTimeout(() => typing(false), 3000);
    if (now === typingSent) return;
    typingSent = now;
    context.typing(now);
  }

  text.addEventListener('input', () => {
    if (text.value === '') fromBeat(null);
    typing(text.value !== '');
  });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const line = text.value.trim();
    if (!line || sending) return;
    sending = true;
    // `applyAnger` is sent only to switch it off: with a beat, the server applies it by default.
    const payload = beat
      ? { text: line, beatId: beat.id, ...(apply.checked ? {} : { applyAnger: false }) }
      : { text: line };
    void context.perform(one(form, '.error'), 'chat:send', payload).then((sent) => {
      sending = false;
      if (!sent) return;
      text.value = '';
      fromBeat(null);
      typing(false);
    });
  });
  byId('beat-clear').addEventListener('click', () => {
    fromBeat(null);
    text.focus();
  });

  return {
    enable(live: boolean): void {
      for (const control of form.querySelectorAll<HTMLTextAreaElement | HTMLButtonElement>(
        'textarea, [type="submit"]',
      )) {
        control.disabled = !live;
      }
    },
    showLevel,
    useBeat(next: ComposedBeat): void {
      text.value = next.line;
      fromBeat(next);
      text.focus();
      text.setSelectionRange(text.value.length, text.value.length);
    },
  };
}
