// The script beside the chat: the beats (a line to edit and send as the customer) and the solution's
// help-center articles, loaded when opened.
import { get } from '../lib/api';
import { el, messageOf } from '../lib/dom';
import type { Chat } from './chat';
import type { ConsoleContext, ConsolePart } from './context';

export function script(context: ConsoleContext, chat: Chat): ConsolePart {
  const beats = document.querySelectorAll<HTMLButtonElement>('[data-beat]');
  for (const button of beats) {
    const beat = context.script.beats.find((b) => b.id === button.dataset.beat);
    if (beat) button.addEventListener('click', () => chat.useBeat(beat));
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
    update() {
      for (const button of beats) button.disabled = !context.live;
    },
  };
}
