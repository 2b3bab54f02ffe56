// The shadow host's form: sends the three answers with the link's token; sending again replaces them.
import { refusal } from '../lib/api';
import { byId, one, pageData, showError, textOf } from '../lib/dom';

const form = byId<HTMLFormElement>('shadow-feedback');
const token = pageData<string>('shadow-data');
const error = one(form, '.error');
const saved = one(form, '.saved');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void send();
});

async function send(): Promise<void> {
  showError(error, null);
  saved.hidden = true;
  const data = new FormData(form);
  const answer = (id: string) => ({
    score: Number(data.get(id)),
    notes: textOf(data, `${id}Notes`),
  });
  const response = await fetch('/api/shadow-feedback', {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      learning: answer('learning'),
      understanding: answer('understanding'),
      engagement: answer('engagement'),
    }),
  });
  if (response.ok) saved.hidden = false;
  else if (response.status === 401) {
    // The link was revoked or has expired: sending again cannot help, so say so plainly.
    showError(
      error,
      'This link no longer works. If you think this is a mistake, reply to the email that sent it.',
    );
    one<HTMLButtonElement>(form, 'button[type="submit"]').disabled = true;
  } else {
    showError(
      error,
      await refusal(response, 'Your feedback could not be saved. Try again in a moment.'),
    );
  }
}
