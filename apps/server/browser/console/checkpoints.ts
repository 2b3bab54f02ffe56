// The solution's checkpoints: the interviewer ticks one when the candidate meets it; the tick is an
// event, so every console watching shows it with its time.
import { EVENT, stopwatch } from '@hotseat/events';
import { byId, one } from '../lib/dom';
import type { ConsoleContext, ConsolePart } from './context';

export function checkpoints(context: ConsoleContext): ConsolePart {
  const boxes = document.querySelectorAll<HTMLInputElement>('#checkpoints input');

  function update(): void {
    for (const box of boxes) box.disabled = !context.canAct || !context.live || box.checked;
  }

  if (context.canAct) {
    for (const box of boxes) {
      box.addEventListener('change', () => {
        if (!box.checked) return;
        box.disabled = true;
        void context
          .perform(byId('checkpoint-error'), 'checkpoint:hit', { checkpointId: box.value })
          .then((done) => {
            if (done) return;
            box.checked = false;
            update();
          });
      });
    }
  }

  return {
    show(event) {
      if (event.type !== EVENT.checkpointHit) return;
      const box = [...boxes].find((b) => b.value === event.payload.checkpointId);
      if (!box) return;
      box.checked = true;
      const time = one(box.closest('li')!, 'time');
      time.textContent = `ticked at ${stopwatch(context.sinceStart(event.at) ?? 0)}`;
      time.hidden = false;
    },
    update,
  };
}
