// The shadow host's form: sends the three answers with the link's token; sending again replaces them.
(() => {
  const form = document.getElementById('shadow-feedback');
  const token = JSON.parse(document.getElementById('shadow-data').textContent);
  const error = form.querySelector('.error');
  const saved = form.querySelector('.saved');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    saved.hidden = true;
    const data = new FormData(form);
    const answer = (id) => ({ score: Number(data.get(id)), notes: data.get(`${id}Notes`) ?? '' });
    const response = await fetch('/api/shadow-feedback', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        learning: answer('learning'),
        understanding: answer('understanding'),
        engagement: answer('engagement'),
      }),
    });
    if (response.ok) {
      saved.hidden = false;
      return;
    }
    const body = await response.json().catch(() => ({}));
    const message = Array.isArray(body.message) ? body.message.join(' ') : body.message;
    error.textContent = message || 'Your feedback could not be saved. Try again in a moment.';
    error.hidden = false;
  });
})();
