// The dashboard's forms: each calls the JSON API and shows its answer or its error in place.
(() => {
  const { post } = window.hotseat;

  function form(id, handle) {
    const node = document.getElementById(id);
    node?.addEventListener('submit', async (event) => {
      event.preventDefault();
      const error = node.querySelector('.error');
      error.hidden = true;
      node.querySelector('button[type="submit"]').disabled = true;
      try {
        await handle(node, new FormData(node));
      } catch (problem) {
        error.textContent = problem.message;
        error.hidden = false;
      } finally {
        node.querySelector('button[type="submit"]').disabled = false;
      }
    });
  }

  form('start-roleplay', async (node, data) => {
    const session = await post('/api/sessions', {
      candidateId: data.get('candidateId'),
      scenarioId: data.get('scenarioId'),
    });
    document.getElementById('candidate-link').value = session.candidateUrl;
    document.getElementById('console-link').href = `/sessions/${session.id}`;
    document.getElementById('started').hidden = false;
  });

  form('add-candidate', async (node, data) => {
    const openingId = data.get('openingId');
    await post('/api/candidates', {
      name: data.get('name'),
      email: data.get('email'),
      ...(openingId ? { openingId } : {}),
    });
    window.location.reload();
  });

  form('add-opening', async (node, data) => {
    await post('/api/openings', {
      title: data.get('title'),
      scenarioIds: data.getAll('scenarioIds'),
    });
    window.location.reload();
  });

  for (const node of document.querySelectorAll('form.shadow-link')) {
    node.id = `shadow-${node.dataset.candidate}`;
    form(node.id, async (_node, data) => {
      const link = await post(`/api/candidates/${node.dataset.candidate}/shadow-links`, {
        hostName: data.get('hostName'),
      });
      const copy = node.querySelector('.copy');
      copy.querySelector('input').value = link.url;
      copy.hidden = false;
    });
  }
})();
