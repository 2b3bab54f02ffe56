/**
 * The customer's anger over time as SVG, shared by the console (running on to now), the scorecard
 * (one role-play, with a replay clock) and the comparison (several overlaid). Built with DOM calls:
 * no markup from data.
 */
import { replayClock } from '@hotseat/events';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 34, right: 14, top: 12, bottom: 30 };
let count = 0;

export interface AngerPoint {
  atMs: number;
  level: number;
}

export interface AngerSeries {
  label: string | null;
  timeline: AngerPoint[];
  endMs?: number | null;
}

export interface Marker {
  atMs: number;
  label: string;
}

export interface AngerChart {
  element: SVGSVGElement;
  /** Hides what came after `ms` and draws the replay clock's line there. */
  setClock(ms: number): void;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** The level holds until the next change: a step line through every point, on to `endMs`. */
function steps(timeline: AngerPoint[], endMs: number): [number, number][] {
  const corners = timeline.flatMap((point, index): [number, number][] =>
    index === 0
      ? [[point.atMs, point.level]]
      : [
          [point.atMs, timeline[index - 1].level],
          [point.atMs, point.level],
        ],
  );
  return [...corners, [endMs, timeline[timeline.length - 1].level]];
}

export function angerChart({
  title,
  series,
  calmAt = null,
  markers = [],
}: {
  title: string;
  series: AngerSeries[];
  calmAt?: number | null;
  markers?: Marker[];
}): AngerChart {
  const id = `anger-chart-${++count}`;
  const endMs = Math.max(
    1,
    ...series.flatMap((s) => [s.endMs ?? 0, ...s.timeline.map((p) => p.atMs)]),
  );
  const x = (ms: number) =>
    PAD.left + (Math.min(ms, endMs) / endMs) * (WIDTH - PAD.left - PAD.right);
  const y = (level: number) => PAD.top + (1 - level / 10) * (HEIGHT - PAD.top - PAD.bottom);
  const named = (s: AngerSeries) => (s.label ? `${s.label}: ` : '');
  const description = series
    .map(
      (s) =>
        `${named(s)}${s.timeline.map((p) => `${p.level} at ${replayClock(p.atMs)}`).join(', ')}.`,
    )
    .join(' ');

  const element = svg('svg', {
    class: 'anger-chart',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
  });
  element.append(svg('title', { id: `${id}-title` }, title));
  element.append(svg('desc', { id: `${id}-desc` }, `Anger out of 10: ${description}`));
  for (const level of [0, 5, 10]) {
    element.append(
      svg('line', {
        class: 'grid',
        x1: PAD.left,
        x2: WIDTH - PAD.right,
        y1: y(level),
        y2: y(level),
      }),
      svg(
        'text',
        { class: 'axis', x: PAD.left - 6, y: y(level) + 4, 'text-anchor': 'end' },
        `${level}`,
      ),
    );
  }
  element.append(
    svg('text', { class: 'axis', x: PAD.left, y: HEIGHT - 8 }, '0:00'),
    svg(
      'text',
      { class: 'axis', x: WIDTH - PAD.right, y: HEIGHT - 8, 'text-anchor': 'end' },
      replayClock(endMs),
    ),
  );
  if (calmAt !== null) {
    element.append(
      svg('line', {
        class: 'calm',
        x1: PAD.left,
        x2: WIDTH - PAD.right,
        y1: y(calmAt),
        y2: y(calmAt),
      }),
      svg(
        'text',
        { class: 'axis', x: WIDTH - PAD.right, y: y(calmAt) - 4, 'text-anchor': 'end' },
        `calm at ${calmAt}`,
      ),
    );
  }

  // What lies after the replay clock is clipped away, so the curve unrolls as the replay plays.
  const reveal = svg('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT });
  element.append(svg('defs', {}, svg('clipPath', { id: `${id}-clip` }, reveal)));
  const plot = svg('g', { 'clip-path': `url(#${id}-clip)` });
  series.forEach((s, index) => {
    const group = svg('g', { class: `series series-${index % 4}` });
    const points = steps(s.timeline, s.endMs ?? endMs).map(([ms, level]) => `${x(ms)},${y(level)}`);
    group.append(svg('polyline', { class: 'curve', points: points.join(' ') }));
    for (const point of s.timeline) {
      const what = `${named(s)}anger ${point.level} at ${replayClock(point.atMs)}`;
      group.append(
        svg(
          'circle',
          { class: 'point', cx: x(point.atMs), cy: y(point.level), r: 4 },
          svg('title', {}, what),
        ),
      );
    }
    plot.append(group);
  });
  const base = HEIGHT - PAD.bottom;
  for (const marker of markers) {
    const [mx, size] = [x(marker.atMs), 5];
    plot.append(
      svg(
        'path',
        {
          class: 'marker',
          d: `M${mx},${base - size} l${size},${size} l${-size},${size} l${-size},${-size}z`,
        },
        svg('title', {}, `${marker.label} at ${replayClock(marker.atMs)}`),
      ),
    );
  }
  element.append(plot);
  // The replay clock's line, shown once a clock is set (never on the comparison's overlay).
  const cursor = svg('line', { class: 'cursor', y1: PAD.top, y2: base });

  return {
    element,
    setClock(ms) {
      const at = x(ms);
      reveal.setAttribute('width', String(at + 6));
      cursor.setAttribute('x1', String(at));
      cursor.setAttribute('x2', String(at));
      if (!cursor.isConnected) element.append(cursor);
    },
  };
}

/** A key for overlaid curves: each line's dash pattern beside its name, not colour alone. */
export function legend(labels: string[]): HTMLUListElement {
  const list = document.createElement('ul');
  list.className = 'legend plain';
  labels.forEach((label, index) => {
    const swatch = svg('svg', {
      class: `swatch series series-${index % 4}`,
      viewBox: '0 0 40 10',
      'aria-hidden': 'true',
    });
    swatch.append(svg('line', { class: 'curve', x1: 0, x2: 40, y1: 5, y2: 5 }));
    const item = document.createElement('li');
    item.append(swatch, ` ${label}`);
    list.append(item);
  });
  return list;
}
