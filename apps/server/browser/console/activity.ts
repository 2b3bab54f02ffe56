// The candidate's activity as it happens: every lookup, action, email and report on the desk,
// help-center use, attention flags (facts, not verdicts) and the checkpoints as they are met or
// unticked. A desk action that is a mistake in this story is flagged at once, here and in the head.
import { EVENT, isEvent, type SessionEvent } from '@hotseat/events';
import { byId, el } from '../lib/dom';
import { appendTo, type ConsoleContext, type ConsolePart } from './context';

const SHOWN = new Set(['help', 'attention', 'desk', 'checkpoint']);

const REPORT_PARTS = [
  ['body', 'What happened'],
  ['steps', 'Steps to reproduce'],
  ['impact', 'Impact'],
  ['customersAffected', 'Customers affected'],
  ['suggestion', 'Suggestion'],
] as const;

export function activity(context: ConsoleContext): ConsolePart {
  const list = byId('activity');
  const counter = byId('desk-mistakes');
  let mistakes = 0;

  return {
    show(event, line) {
      if (!line || !SHOWN.has(line.kind)) return;
      const text = line.kind === 'attention' ? el('span', { class: 'flag' }, line.text) : line.text;
      const item = el(
        'li',
        { class: line.mistake ? `${line.kind} mistake` : line.kind },
        context.stamp(event.at),
        ' ',
        text,
        line.detail &&
          (line.mistake
            ? el('strong', { class: 'flag mistake' }, line.detail)
            : el('span', { class: 'detail' }, line.detail)),
        writing(event),
      );
      appendTo(list, item);
      list.scrollTop = list.scrollHeight;
      if (line.mistake) {
        mistakes += 1;
        counter.textContent = `${mistakes} desk ${mistakes === 1 ? 'mistake' : 'mistakes'}: see the activity`;
        counter.hidden = false;
      }
    },
  };
}

/** What the candidate wrote to the customer or the product team, to read in full. */
function writing(event: SessionEvent): HTMLElement | null {
  if (isEvent(event, EVENT.deskEmailed)) {
    return el(
      'details',
      { class: 'writing' },
      el('summary', {}, 'Read the email'),
      el('p', { class: 'note' }, event.payload.body),
    );
  }
  if (isEvent(event, EVENT.deskReported)) {
    const report = event.payload;
    return el(
      'details',
      { class: 'writing' },
      el('summary', {}, 'Read the report'),
      el(
        'dl',
        {},
        REPORT_PARTS.map(([field, label]) =>
          report[field] ? [el('dt', {}, label), el('dd', { class: 'note' }, report[field])] : null,
        ),
      ),
    );
  }
  return null;
}
