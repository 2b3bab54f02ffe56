// The chat: the conversation and the role-play's own lines (words from the presenter), who is
// typing, and the interviewer's composer, where a beat from the script can be edited before sending.
import type { TypingNotice } from '@hotseat/events';
import { byId, el, one } from '../lib/dom';
import type { ConsoleContext, ConsolePart } from './context';

export interface Chat extends ConsolePart {
  typing(notice: TypingNotice): void;
  /** Puts a beat's line in the composer, to edit and send as that beat. */
  useBeat(beat: { id: string; line: string }): void;
}

export function chat(context: ConsoleContext): Chat {
  const box = byId('chat');
  const typingLine = byId('typing');

  function add(node: HTMLElement): void {
    box.append(node);
    box.scrollTop = box.scrollHeight;
  }

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
  let beatId: string | null = null;
  let sending = false;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingSent = false;

  function fromBeat(id: string | null): void {
    beatId = id;
    used.hidden = id === null;
    one(used, 'strong').textContent = id ?? '';
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
    void context
      .perform(one(form, '.error'), 'chat:send', beatId ? { text: line, beatId } : { text: line })
      .then((sent) => {
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
    useBeat(beat: { id: string; line: string }): void {
      text.value = beat.line;
      fromBeat(beat.id);
      text.focus();
      text.setSelectionRange(text.value.length, text.value.length);
    },
  };
}
