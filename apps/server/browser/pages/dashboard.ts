// The dashboard's forms: each calls the JSON API and shows its answer or its error in place.
import { post } from '../lib/api';
import { byId, messageOf, one, showError } from '../lib/dom';

function form(node: HTMLFormElement, handle: (data: FormData) => Promise<void>): void {
  const error = one(node, '.error');
  const submit = one<HTMLButtonElement>(node, 'button[type="submit"]');
  node.addEventListener('submit', (event) => {
    event.preventDefault();
    showError(error, null);
    submit.disabled = true;
    handle(new FormData(node))
      .catch((problem) => showError(error, messageOf(problem)))
      .finally(() => (submit.disabled = false));
  });
}

function byForm(id: string, handle: (data: FormData) => Promise<void>): void {
  const node = document.getElementById(id);
  if (node instanceof HTMLFormElement) form(node, handle);
}

interface StartedSession {
  id: string;
  candidateUrl: string;
}

byForm('start-roleplay', async (data) => {
  const session = await post<StartedSession>('/api/sessions', {
    candidateId: data.get('candidateId'),
    scenarioId: data.get('scenarioId'),
  });
  byId<HTMLInputElement>('candidate-link').value = session.candidateUrl;
  byId<HTMLAnchorElement>('console-link').href = `/sessions/${session.id}`;
  byId('started').hidden = false;
});

byForm('add-candidate', async (data) => {
  const openingId = data.get('openingId');
  await post('/api/candidates', {
    name: data.get('name'),
    email: data.get('email'),
    ...(openingId ? { openingId } : {}),
  });
  window.location.reload();
});

byForm('add-opening', async (data) => {
  await post('/api/openings', {
    title: data.get('title'),
    scenarioIds: data.getAll('scenarioIds'),
  });
  window.location.reload();
});

for (const node of document.querySelectorAll<HTMLFormElement>('form.shadow-link')) {
  form(node, async (data) => {
    const link = await post<{ url: string }>(
      `/api/candidates/${node.dataset.candidate}/shadow-links`,
      { hostName: data.get('hostName') },
    );
    const copy = one(node, '.copy');
    one<HTMLInputElement>(copy, 'input').value = link.url;
    copy.hidden = false;
  });
}
