// The candidate's activity as it happens: help-center use and attention flags (facts, not verdicts).
import { byId, el } from '../lib/dom';
import { appendTo, type ConsoleContext, type ConsolePart } from './context';

export function activity(context: ConsoleContext): ConsolePart {
  const list = byId('activity');
  return {
    show(event, line) {
      if (line?.kind !== 'help' && line?.kind !== 'attention') return;
      const text = line.kind === 'attention' ? el('span', { class: 'flag' }, line.text) : line.text;
      appendTo(list, el('li', {}, context.stamp(event.at), ' ', text));
    },
  };
}
