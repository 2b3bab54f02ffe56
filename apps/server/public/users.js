// People: an admin adds staff accounts, changes roles, disables and enables them.
(() => {
  const { post, patch } = window.hotseat;

  function showError(node, problem) {
    node.textContent = problem.message;
    node.hidden = false;
  }

  for (const row of document.querySelectorAll('#users tr[data-user]')) {
    const id = row.dataset.user;
    const error = row.querySelector('.error');
    row.querySelector('select[name="role"]').addEventListener('change', async (event) => {
      error.hidden = true;
      try {
        await patch(`/api/users/${id}`, { role: event.target.value });
      } catch (problem) {
        showError(error, problem);
      }
    });
    const toggle = row.querySelector('button[data-disabled]');
    toggle.addEventListener('click', async () => {
      error.hidden = true;
      const disabled = toggle.dataset.disabled !== 'true';
      try {
        await patch(`/api/users/${id}`, { disabled });
        toggle.dataset.disabled = String(disabled);
        toggle.textContent = disabled ? 'Enable' : 'Disable';
      } catch (problem) {
        showError(error, problem);
      }
    });
  }

  const form = document.getElementById('add-user');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = form.querySelector('.error');
    error.hidden = true;
    const data = new FormData(form);
    try {
      const created = await post('/api/users', {
        name: data.get('name'),
        email: data.get('email'),
        role: data.get('role'),
      });
      document.getElementById('new-password').value = created.generatedPassword;
      document.getElementById('created').hidden = false;
      form.reset();
    } catch (problem) {
      showError(error, problem);
    }
  });
})();
