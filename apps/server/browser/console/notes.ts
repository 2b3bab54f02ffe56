// The interviewer's private notes: added as events the candidate is never sent.
import { byId, el, one } from '../lib/dom';
import { appendTo, type ConsoleContext, type ConsolePart } from './context';

export function notes(context: ConsoleContext): ConsolePart {
  const list = byId('notes');
  const form = context.canAct ? byId<HTMLFormElement>('note-form') : null;
  const text = form && one<HTMLTextAreaElement>(form, 'textarea');

  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const note = text!.value.trim();
    if (!note) return;
    void context.perform(one(form, '.error'), 'note:add', { text: note }).then((added) => {
      if (added) text!.value = '';
    });
  });

  return {
    show(event, line) {
      if (line?.kind !== 'note') return;
      appendTo(
        list,
        el('li', {}, context.stamp(event.at), ' ', el('span', { class: 'note' }, line.text)),
      );
      list.scrollTop = list.scrollHeight;
    },
    update() {
      if (!form) return;
      for (const control of form.querySelectorAll<HTMLTextAreaElement | HTMLButtonElement>(
        'textarea, button',
      )) {
        control.disabled = !context.live;
      }
    },
  };
}
