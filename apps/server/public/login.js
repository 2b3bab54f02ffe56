// The login page: posts the form as JSON; the answer sets the session cookie.
(() => {
  const form = document.getElementById('login');
  const error = form.querySelector('.error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const body = Object.fromEntries(new FormData(form));
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      // Only somewhere on this site: resolved by the browser itself, so no trick (`/\\evil`, tabs)
      // can turn it into another origin.
      const next = new URL(form.dataset.next || '/', window.location.origin);
      window.location.assign(
        next.origin === window.location.origin ? next.pathname + next.search + next.hash : '/',
      );
      return;
    }
    const answer = await response.json().catch(() => ({}));
    error.textContent = answer.message || 'Could not log in. Try again.';
    error.hidden = false;
  });
})();
