// On every staff page: logging out, and "Copy" beside a read-only field (links, passwords shown once).
import { post } from '../lib/api';

document.addEventListener('click', (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('.copy button');
  const input = button?.parentElement?.querySelector('input');
  if (!button || !input) return;
  input.select();
  navigator.clipboard?.writeText(input.value).catch(() => undefined);
  button.textContent = 'Copied';
});

document.querySelector('[data-action="logout"]')?.addEventListener('submit', (event) => {
  event.preventDefault();
  void post('/api/auth/logout').finally(() => window.location.assign('/login'));
});
