// The scenario page: "Open a practice link" makes a practice session of this scenario, with no
// candidate, and shows its link (once) and the console to watch it from.
import { post } from '../lib/api';
import { byId, one } from '../lib/dom';

interface Made {
  id: string;
  candidateUrl: string;
  interviewerUrl: string;
}

const form = byId<HTMLFormElement>('practice-link');
const error = one<HTMLElement>(form, '.error');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const button = one<HTMLButtonElement>(form, 'button');
  button.disabled = true;
  error.hidden = true;
  post<Made>('/api/sessions', { scenarioId: form.dataset.scenario, mode: 'practice' })
    .then((made) => {
      byId<HTMLInputElement>('practice-url').value = made.candidateUrl;
      byId<HTMLAnchorElement>('practice-console').href = `/sessions/${made.id}`;
      byId('practice-made').hidden = false;
      button.textContent = 'Open another practice link';
    })
    .catch((problem: Error) => {
      error.textContent = problem.message;
      error.hidden = false;
    })
    .finally(() => (button.disabled = false));
});
