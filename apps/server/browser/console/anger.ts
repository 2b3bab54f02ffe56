// The customer's anger: the slider (arrow keys work too) or the buttons set it; the curve follows the
// logged events, drawn by the same chart as the scorecard, running on to now.
import { EVENT } from '@hotseat/events';
import { angerChart, type AngerPoint } from '../lib/charts';
import { byId } from '../lib/dom';
import type { ConsoleContext, ConsolePart } from './context';

/** The curve's time axis shows at least this much, so the first minute does not fill the chart. */
const AXIS_MIN_MS = 60_000;

export function anger(context: ConsoleContext): ConsolePart {
  const slider = byId<HTMLInputElement>('anger');
  const value = byId('anger-value');
  const timeline: AngerPoint[] = [{ atMs: 0, level: context.script.persona.initialAnger }];
  const level = () => timeline[timeline.length - 1].level;

  function draw(): void {
    const endedAt = context.state.endedAt?.getTime();
    const now = context.sinceStart(endedAt) ?? 0;
    const chart = angerChart({
      title: "The customer's anger so far",
      series: [
        {
          label: '',
          timeline,
          endMs: Math.max(now, timeline[timeline.length - 1].atMs, AXIS_MIN_MS),
        },
      ],
      calmAt: context.script.persona.calmAt,
    });
    const container = byId('anger-curve');
    container.replaceChildren(chart.element);
    container.dataset.levels = timeline.map((point) => point.level).join(',');
  }
  setInterval(() => {
    if (context.live) draw();
  }, 1000);

  if (context.canAct) {
    const error = byId('anger-error');
    const set = (to: number) =>
      void context.perform(error, 'anger:set', { level: to }).then((done) => {
        // Refused: the slider goes back to the level in the log.
        if (!done) slider.value = String(level());
        value.textContent = slider.value;
      });
    slider.addEventListener('input', () => (value.textContent = slider.value));
    slider.addEventListener('change', () => {
      if (Number(slider.value) !== level()) set(Number(slider.value));
    });
    for (const [id, step] of [
      ['anger-up', 1],
      ['anger-down', -1],
    ] as const) {
      byId(id).addEventListener('click', () => {
        const to = Math.min(10, Math.max(0, Number(slider.value) + step));
        if (to === level()) return;
        slider.value = String(to);
        set(to);
      });
    }
  }

  return {
    show(event) {
      if (event.type !== EVENT.angerChanged) return;
      timeline.push({ atMs: context.sinceStart(event.at) ?? 0, level: event.payload.level });
      slider.value = String(event.payload.level);
      value.textContent = String(event.payload.level);
    },
    update() {
      draw();
      if (!context.canAct) return;
      slider.disabled = !context.live;
      // Angrier than 10 or calmer than 0 there is not: the button would only log the same level.
      byId<HTMLButtonElement>('anger-up').disabled = !context.live || level() >= 10;
      byId<HTMLButtonElement>('anger-down').disabled = !context.live || level() <= 0;
    },
  };
}
