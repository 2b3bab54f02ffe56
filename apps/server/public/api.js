// Staff pages' calls to the JSON API: the session cookie authenticates, the page's CSRF token
// (a meta tag) goes with every change. Errors come back as the API's message, ready to show.
window.hotseat = (() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

  async function call(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 204) return null;
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = Array.isArray(answer.message) ? answer.message.join(' ') : answer.message;
      throw new Error(message || `Something went wrong (${response.status}). Try again.`);
    }
    return answer;
  }

  /** Text for a node, never HTML: everything people typed is shown escaped. */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (value !== undefined && value !== null && value !== false)
        node.setAttribute(name, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined)
        node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function data(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  // "Copy" beside a read-only field (links, passwords shown once).
  document.addEventListener('click', (event) => {
    const button = event.target.closest('.copy button');
    if (!button) return;
    const input = button.parentElement.querySelector('input');
    input.select();
    navigator.clipboard?.writeText(input.value).catch(() => undefined);
    button.textContent = 'Copied';
  });

  const logout = document.querySelector('[data-action="logout"]');
  logout?.addEventListener('submit', async (event) => {
    event.preventDefault();
    await call('POST', '/api/auth/logout');
    window.location.assign('/login');
  });

  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    el,
    data,
  };
})();
