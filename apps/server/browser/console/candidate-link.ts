// The candidate's link, from the console: a new one in place of a leaked or lost one (shown this
// once), or none at all. Who may is the server's rule; the buttons follow the session's state.
import { del, post } from '../lib/api';
import { byId, messageOf, showError } from '../lib/dom';
import type { ConsoleContext, ConsolePart } from './context';

export function candidateLink(context: ConsoleContext): ConsolePart {
  const path = `/api/sessions/${context.script.sessionId}/candidate-link`;
  const error = byId('link-error');
  const said = byId('link-status');
  const shown = byId('new-link-shown');
  let confirming = false;

  function update(): void {
    const { status } = context.state;
    // A cancelled role-play's link was revoked with it; an ended one takes no new link.
    byId('candidate-link').hidden = status === 'cancelled';
    byId('new-link').hidden = status === 'ended' || status === 'cancelled' || confirming;
    byId('revoke-link').hidden = confirming;
    byId('confirm-revoke').hidden = !confirming;
  }

  async function change(work: () => Promise<string>): Promise<void> {
    showError(error, null);
    said.textContent = '';
    try {
      said.textContent = await work();
    } catch (problem) {
      showError(error, messageOf(problem));
    }
  }

  byId('new-link').addEventListener('click', () => {
    void change(async () => {
      const link = await post<{ candidateUrl: string }>(path);
      byId<HTMLInputElement>('new-link-url').value = link.candidateUrl;
      shown.hidden = false;
      return 'Here is the new link. The old one no longer works.';
    });
  });
  byId('revoke-link').addEventListener('click', () => {
    confirming = true;
    update();
    byId('revoke-yes').focus();
  });
  byId('revoke-no').addEventListener('click', () => {
    confirming = false;
    update();
    byId('revoke-link').focus();
  });
  byId('revoke-yes').addEventListener('click', () => {
    void change(async () => {
      await del(path);
      shown.hidden = true;
      return context.state.status === 'ended'
        ? 'Revoked: the candidate’s link no longer works.'
        : 'Revoked: the candidate’s link no longer works. Make a new one to let them back in.';
    }).finally(() => {
      confirming = false;
      update();
      byId('revoke-link').focus();
    });
  });

  return { update };
}
