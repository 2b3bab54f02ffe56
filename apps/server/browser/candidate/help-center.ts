// The help center: the candidate searches it and reads its articles, each search, opening and
// closing an action on the role-play connection, so the interviewer sees the research as it happens.
// The articles' HTML was sanitized by the server; a result's snippet is text with its matches marked,
// never parsed as HTML.
import { byId, el } from '../lib/dom';
import type { RoomContext } from './room';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function helpCenter(context: RoomContext): void {
  const results = byId('help-results');
  const article = byId('help-article');
  /** The article on screen and the result button that opened it (focus goes back there). */
  let reading: { articleId: string; button: HTMLButtonElement } | null = null;

  byId('help-search').addEventListener('submit', (event) => {
    event.preventDefault();
    void search(byId<HTMLInputElement>('help-query').value.trim());
  });

  async function search(query: string): Promise<void> {
    if (!query) return;
    closeArticle(false);
    helpStatus('Searching…');
    const answer = await context.act('help:search', { query }).catch(() => null);
    if (!answer?.ok) return helpFailed(answer);
    results.replaceChildren(
      ...answer.results.map((result) => {
        const open = el('button', { type: 'button', class: 'link' }, result.title);
        open.addEventListener('click', () => void openArticle(result.articleId, open));
        return el('li', {}, open, el('p', { class: 'snippet' }, ...highlighted(result.snippet)));
      }),
    );
    const count = answer.results.length;
    helpStatus(
      count === 0
        ? `No articles match “${query}”. Try other words.`
        : `${count} ${count === 1 ? 'article' : 'articles'} for “${query}”.`,
    );
  }

  async function openArticle(articleId: string, button: HTMLButtonElement): Promise<void> {
    closeArticle(false);
    const answer = await context.act('help:open', { articleId }).catch(() => null);
    if (!answer?.ok) return helpFailed(answer);
    reading = { articleId, button };
    byId('article-title').textContent = answer.article.title;
    // The one HTML insert on this page: the article body, sanitized by the server.
    byId('article-body').innerHTML = answer.article.html;
    results.hidden = true;
    article.hidden = false;
    byId('article-title').focus();
  }

  byId('help-back').addEventListener('click', () => closeArticle(true));

  function closeArticle(moveFocus: boolean): void {
    if (!reading) return;
    const { articleId, button } = reading;
    reading = null;
    article.hidden = true;
    byId('article-body').replaceChildren();
    results.hidden = false;
    if (moveFocus) button.focus();
    context
      .act('help:close', { articleId })
      .then((answer) => answer.ok || helpFailed(answer))
      .catch(() => helpFailed(null));
  }
}

/** Says what went wrong with a help-center action: the server's reason, or no answer at all. */
function helpFailed(answer: { ok: false; error: { message: string } } | null): void {
  helpStatus(
    answer?.error.message ?? 'The help center did not answer. Check your connection and try again.',
  );
}

function helpStatus(text: string): void {
  byId('help-status').textContent = text;
}

/**
 * The snippet is the article's text, escaped by the server, with each match in <mark>. It is split
 * on those two markers and its escapes decoded, so none of it is ever parsed as HTML.
 */
function highlighted(snippet: string): (Node | string)[] {
  let marked = false;
  const nodes: (Node | string)[] = [];
  for (const part of snippet.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>' || part === '</mark>') marked = part === '<mark>';
    else if (part) nodes.push(marked ? el('mark', {}, unescapeHtml(part)) : unescapeHtml(part));
  }
  return nodes;
}

function unescapeHtml(text: string): string {
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi,
    (_, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
      name
        ? NAMED[name.toLowerCase()]
        : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
  );
}
