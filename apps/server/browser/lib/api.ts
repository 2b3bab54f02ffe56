/**
 * Staff pages' calls to the JSON API: the login cookie authenticates, the page's CSRF token (a meta
 * tag) goes with every change. A refusal comes back as an Error with the API's message, ready to show.
 */

const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

interface Problem {
  message?: string | string[];
}

/** The API's message for a refused request, or what to do when there is none. */
export async function refusal(response: Response, fallback: string): Promise<string> {
  const answer = (await response.json().catch(() => ({}))) as Problem;
  const message = Array.isArray(answer.message) ? answer.message.join(' ') : answer.message;
  return message || fallback;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      await refusal(response, `Something went wrong (${response.status}). Try again.`),
    );
  }
  return (response.status === 204 ? null : await response.json()) as T;
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => call<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => call<T>('PATCH', path, body);
export const del = (path: string) => call<null>('DELETE', path);

/**
 * Every page of a paged list (the API answers a page and a `Link: <...>; rel="next"` header while
 * there is more), for the few screens that need the whole list, such as an opening's candidates.
 */
export async function getAll<T>(path: string): Promise<T[]> {
  const rows: T[] = [];
  let next: string | null = path;
  while (next) {
    const response = await fetch(next);
    if (!response.ok) throw new Error(await refusal(response, 'The list could not be loaded.'));
    rows.push(...((await response.json()) as T[]));
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
  }
  return rows;
}
