// The interviewer's rating, once the role-play has ended: drafts as often as wanted, then one
// submission. Shown first on the page then, because rating it is what is left to do.
import { get, post } from '../lib/api';
import { byId, messageOf, one, showError, textOf, wallClock } from '../lib/dom';
import type { ConsoleContext, ConsolePart } from './context';

/** A rating as GET /api/sessions/:id/ratings answers it (the parts the form fills in). */
interface Rating {
  attributes: Array<{ id: string; score: number | null; evidence: string }>;
  csat: number | null;
  productTeam: { score: number | null; notes: string | null };
  recommendation: string | null;
  submittedAt: string | null;
}

export function rating(context: ConsoleContext): ConsolePart {
  if (!context.canAct) return {};
  const section = byId('rating');
  const form = byId<HTMLFormElement>('rating-form');
  const error = one(form, '.error');
  const path = `/api/sessions/${context.script.sessionId}/ratings`;
  const field = (name: string) => form.elements.namedItem(name) as HTMLTextAreaElement;

  function choose(name: string, value: string | number | null): void {
    if (value === null) return;
    const input = form.querySelector<HTMLInputElement>(
      `input[name="${CSS.escape(name)}"][value="${CSS.escape(String(value))}"]`,
    );
    if (input) input.checked = true;
  }

  function fill(saved: Rating): void {
    for (const attribute of saved.attributes) {
      choose(`attr-${attribute.id}`, attribute.score);
      field(`evidence-${attribute.id}`).value = attribute.evidence;
    }
    choose('csat', saved.csat);
    choose('productTeam', saved.productTeam.score);
    field('productTeamNotes').value = saved.productTeam.notes ?? '';
    choose('recommendation', saved.recommendation);
    if (saved.submittedAt) submitted();
  }

  /** The answered parts only: a draft may be partial, and fields left out keep the saved ones. */
  function body(): object {
    const data = new FormData(form);
    const text = (name: string) => textOf(data, name);
    // Words without a score would be lost: the API keeps evidence and notes with their score.
    const unscored = [
      ...context.script.rubric
        .filter(({ id }) => !data.get(`attr-${id}`) && text(`evidence-${id}`).trim())
        .map(({ label }) => label),
      ...(!data.get('productTeam') && text('productTeamNotes').trim()
        ? ['the product-team question']
        : []),
    ];
    if (unscored.length > 0) {
      throw new Error(`Pick a score for ${unscored.join(', ')} to keep what you wrote there.`);
    }
    return {
      attributes: context.script.rubric.flatMap(({ id }) =>
        data.get(`attr-${id}`)
          ? [{ id, score: Number(data.get(`attr-${id}`)), evidence: text(`evidence-${id}`) }]
          : [],
      ),
      ...(data.get('csat') ? { csat: Number(data.get('csat')) } : {}),
      ...(data.get('productTeam')
        ? {
            productTeam: {
              score: Number(data.get('productTeam')),
              notes: text('productTeamNotes'),
            },
          }
        : {}),
      ...(data.get('recommendation') ? { recommendation: text('recommendation') } : {}),
    };
  }

  function submitted(): void {
    for (const control of form.elements) (control as HTMLInputElement).disabled = true;
    one(form, '.console-actions').hidden = true;
    byId('rating-done').hidden = false;
  }

  async function save(submit: boolean): Promise<void> {
    showError(error, null);
    byId('rating-saved').textContent = '';
    const buttons = form.querySelectorAll('button');
    for (const button of buttons) button.disabled = true;
    try {
      await post(path, { ...body(), ...(submit ? { submit: true } : {}) });
      if (submit) {
        submitted();
        one(byId('rating-done'), 'a').focus();
      } else {
        byId('rating-saved').textContent = `Draft saved at ${wallClock(new Date())}.`;
      }
    } catch (problem) {
      showError(error, messageOf(problem));
    } finally {
      for (const button of buttons) button.disabled = false;
    }
  }

  byId('save-draft').addEventListener('click', () => void save(false));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(true);
  });

  return {
    update() {
      if (context.state.status !== 'ended' || !section.hidden) return;
      section.hidden = false;
      get<Rating[]>(path)
        .then(([own]) => own && fill(own))
        .catch((problem) => showError(error, messageOf(problem)));
    },
  };
}
