// The login page: posts the form as JSON; the answer sets the login cookie.
import { refusal } from '../lib/api';
import { byId, one, showError } from '../lib/dom';

const form = byId<HTMLFormElement>('login');
const error = one(form, '.error');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void logIn();
});

async function logIn(): Promise<void> {
  showError(error, null);
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(Object.fromEntries(new FormData(form))),
  });
  if (!response.ok) {
    showError(error, await refusal(response, 'Could not log in. Try again.'));
    return;
  }
  // Only somewhere on this site: resolved by the browser itself, so no trick (`/\\evil`, tabs) can
  // turn it into another origin.
  const next = new URL(form.dataset.next || '/', window.location.origin);
  window.location.assign(
    next.origin === window.location.origin ? next.pathname + next.search + next.hash : '/',
  );
}
