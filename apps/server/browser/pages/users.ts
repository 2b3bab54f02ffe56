// People: an admin adds staff accounts, changes roles, disables and enables them.
import { patch, post } from '../lib/api';
import { byId, messageOf, one, showError } from '../lib/dom';

for (const row of document.querySelectorAll<HTMLTableRowElement>('#users tr[data-user]')) {
  const path = `/api/users/${row.dataset.user}`;
  const error = one(row, '.error');
  const role = one<HTMLSelectElement>(row, 'select[name="role"]');
  role.addEventListener('change', () => {
    showError(error, null);
    patch(path, { role: role.value }).catch((problem) => showError(error, messageOf(problem)));
  });
  const toggle = one<HTMLButtonElement>(row, 'button[data-disabled]');
  toggle.addEventListener('click', () => {
    showError(error, null);
    const disabled = toggle.dataset.disabled !== 'true';
    patch(path, { disabled })
      .then(() => {
        toggle.dataset.disabled = String(disabled);
        toggle.textContent = disabled ? 'Enable' : 'Disable';
      })
      .catch((problem) => showError(error, messageOf(problem)));
  });
}

interface CreatedUser {
  generatedPassword: string;
}

const form = byId<HTMLFormElement>('add-user');
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const error = one(form, '.error');
  showError(error, null);
  const data = new FormData(form);
  post<CreatedUser>('/api/users', {
    name: data.get('name'),
    email: data.get('email'),
    role: data.get('role'),
  })
    .then((created) => {
      byId<HTMLInputElement>('new-password').value = created.generatedPassword;
      byId('created').hidden = false;
      form.reset();
    })
    .catch((problem) => showError(error, messageOf(problem)));
});
