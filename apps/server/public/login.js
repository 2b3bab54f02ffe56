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
      const next = form.dataset.next;
      // Only a path on this site, never another origin.
      window.location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
      return;
    }
    const answer = await response.json().catch(() => ({}));
    error.textContent = answer.message || 'Could not log in. Try again.';
    error.hidden = false;
  });
})();
