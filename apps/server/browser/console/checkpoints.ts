// The solution's checkpoints: the interviewer ticks one when the candidate meets it, and may untick
// one met by hand or by the desk (and tick it again); the desk ticks those its rules check by itself.
// Each tick and untick is an event, so every console watching shows it with its time and its author.
import { EVENT, stopwatch } from '@hotseat/events';
import { byId, el, one } from '../lib/dom';
import type { ConsoleContext, ConsolePart } from './context';

export function checkpoints(context: ConsoleContext): ConsolePart {
  const boxes = [...document.querySelectorAll<HTMLInputElement>('#checkpoints input')];
  /** Whether each checkpoint is met, as the log says: a refused change goes back to it. */
  const met = new Map<string, boolean>();
  /** Boxes whose tick or untick awaits its answer. */
  const pending = new Set<HTMLInputElement>();
  const byDesk = new Set((context.script.desk?.rules ?? []).map((rule) => rule.checkpoint));

  for (const box of boxes) {
    const item = box.closest('li')!;
    const time = one(item, 'time');
    time.id = `checkpoint-${box.value}-time`;
    box.setAttribute('aria-describedby', time.id);
    if (byDesk.has(box.value)) {
      time.before(el('span', { class: 'hint' }, 'The desk ticks this when the candidate does it.'));
    }
  }

  function update(): void {
    for (const box of boxes) {
      box.disabled = !context.canAct || !context.live || pending.has(box);
    }
  }

  if (context.canAct) {
    for (const box of boxes) {
      box.addEventListener('change', () => {
        const ticking = box.checked;
        pending.add(box);
        update();
        void context
          .perform(byId('checkpoint-error'), ticking ? 'checkpoint:hit' : 'checkpoint:clear', {
            checkpointId: box.value,
          })
          .then((done) => {
            pending.delete(box);
            if (!done) box.checked = met.get(box.value) ?? false;
            update();
          });
      });
    }
  }

  return {
    show(event) {
      if (event.type !== EVENT.checkpointHit && event.type !== EVENT.checkpointCleared) return;
      const id = event.payload.checkpointId;
      const box = boxes.find((b) => b.value === id);
      if (!box) return;
      const hit = event.type === EVENT.checkpointHit;
      met.set(id, hit);
      box.checked = hit;
      const item = box.closest('li')!;
      const desk = hit && event.actor === 'system';
      item.classList.toggle('by-desk', desk);
      const at = stopwatch(context.sinceStart(event.at) ?? 0);
      const time = one(item, 'time');
      time.textContent = !hit
        ? `unticked at ${at}`
        : desk
          ? `met by the desk at ${at}`
          : `ticked at ${at}`;
      time.hidden = false;
    },
    update,
  };
}
