// The comparison: pick an opening's candidates, then show GET /api/scorecards/compare side by side,
// their anger curves overlaid, and a CSV link for the same candidates.
import { duration } from '@hotseat/events';
import { get, getAll } from '../lib/api';
import { angerChart, legend, type AngerPoint, type AngerSeries } from '../lib/charts';
import { byId, el, messageOf, one, showError } from '../lib/dom';

/** The parts of GET /api/scorecards/compare this page shows (docs/scorecards.md). */
interface Comparison {
  blind: boolean;
  candidates: Array<{ ref: string; id?: string; name?: string; sessions: number; formula: string }>;
  rows: Array<{
    key: string;
    label: string;
    definition: string | null;
    better: 'lower' | 'higher' | null;
    values: Array<{
      raw: number | string | null;
      missing?: number;
      percentile?: number | null;
      best: boolean;
    }>;
  }>;
  disagreements: Array<{
    candidate: string;
    label: string;
    scores: Array<{ rater: string; score: number }>;
  }>;
}
type Row = Comparison['rows'][number];

/** The parts of a candidate's scorecard the curves need. */
interface Scorecard {
  candidate: { name: string };
  sessions: Array<{
    scenario: { title: string };
    figures: {
      t0: string | null;
      durationMs: number | null;
      deEscalation: { timeline: AngerPoint[] };
    } | null;
  }>;
}

const form = byId<HTMLFormElement>('pick');
const opening = one<HTMLSelectElement>(form, 'select[name="openingId"]');
const blind = one<HTMLInputElement>(form, 'input[name="blind"]');
const error = one(form, '.error');
const list = byId('candidate-list');
const result = byId('comparison');
// Answers can cross (a quick blind toggle): only the latest request may draw.
let latest = 0;

function guarded(work: () => Promise<void>): void {
  showError(error, null);
  work().catch((problem) => showError(error, messageOf(problem)));
}

async function loadCandidates(): Promise<void> {
  result.hidden = true;
  if (!opening.value) {
    list.replaceChildren(el('p', { class: 'muted' }, 'Choose an opening to list its candidates.'));
    return;
  }
  const candidates = await getAll<{ id: string; name: string; email: string }>(
    `/api/candidates?openingId=${encodeURIComponent(opening.value)}`,
  );
  list.replaceChildren(
    ...(candidates.length
      ? candidates.map((c) =>
          el(
            'label',
            { class: 'inline candidate' },
            el('input', { type: 'checkbox', name: 'candidates', value: c.id }),
            c.name,
            el('span', { class: 'muted' }, c.email),
          ),
        )
      : [
          el(
            'p',
            { class: 'muted' },
            'No candidates in this opening yet. Add them from the dashboard.',
          ),
        ]),
  );
}

function shown(key: string, value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value !== 'number') return value;
  if (key.endsWith('Ms')) return duration(value);
  if (key === 'checkpointsHit') return `${Math.round(value * 100)}%`;
  return String(Math.round(value * 10) / 10);
}

function cell(row: Row, value: Row['values'][number]): HTMLTableCellElement {
  return el(
    'td',
    { class: value.best ? 'best' : '' },
    shown(row.key, value.raw),
    value.percentile !== undefined &&
      el('span', { class: 'muted' }, ` · percentile ${value.percentile ?? '—'}`),
    !!value.missing && el('span', { class: 'muted' }, ` (${value.missing} without)`),
    value.best && [' ', el('span', { class: 'best-marker' }, '★ Best')],
  );
}

function table(comparison: Comparison): void {
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'Figure'),
    ...comparison.candidates.map((c) =>
      el(
        'th',
        { scope: 'col' },
        c.name ?? c.ref,
        el('span', { class: 'hint definition' }, `${c.sessions} ended role-plays`),
      ),
    ),
  );
  const rows = comparison.rows.map((row) =>
    el(
      'tr',
      { class: row.better === null ? 'signal' : '', 'data-row': row.key },
      el(
        'th',
        { scope: 'row' },
        row.label.replace(/ \(ms\)$/, ''),
        row.better === null && [' ', el('span', { class: 'flag' }, 'signal')],
        row.definition && el('span', { class: 'hint definition' }, row.definition),
      ),
      ...row.values.map((value) => cell(row, value)),
    ),
  );
  byId('comparison-table').replaceChildren(
    el('caption', { class: 'hint' }, 'Raw figures and percentiles, one column per candidate.'),
    el('thead', {}, head),
    el('tbody', {}, rows),
  );
}

/** One curve per ended role-play, from each candidate's scorecard (the comparison has none). */
async function curveSeries(comparison: Comparison): Promise<AngerSeries[]> {
  const cards = await Promise.all(
    comparison.candidates.map((c) => get<Scorecard>(`/api/candidates/${c.id}/scorecard`)),
  );
  return cards.flatMap((card) => {
    const ended = card.sessions.flatMap((s) =>
      s.figures && s.figures.t0 !== null ? [{ ...s, figures: s.figures }] : [],
    );
    return ended.map((s) => {
      const timeline = s.figures.deEscalation.timeline;
      return {
        label:
          ended.length > 1 ? `${card.candidate.name}, ${s.scenario.title}` : card.candidate.name,
        timeline,
        endMs: s.figures.durationMs ?? timeline[timeline.length - 1].atMs,
      };
    });
  });
}

function curves(series: AngerSeries[] | null): void {
  const box = byId('curves');
  if (series === null) {
    // Blind: which curve is whose would need the names the comparison hides.
    box.replaceChildren(
      el('p', { class: 'muted' }, 'Left out in blind mode: the curves come from named scorecards.'),
    );
  } else if (series.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, 'No ended role-plays yet.'));
  } else {
    const chart = angerChart({ title: "The customers' anger over time, overlaid", series });
    box.replaceChildren(chart.element, legend(series.map((s) => s.label ?? '')));
  }
}

function notes(comparison: Comparison): void {
  const nameOf = (ref: string) => comparison.candidates.find((c) => c.ref === ref)?.name ?? ref;
  byId('formulas').replaceChildren(
    ...comparison.candidates.map((c) =>
      el('li', {}, el('strong', {}, nameOf(c.ref)), `: ${c.formula}`),
    ),
  );
  byId('disagreements-block').hidden = comparison.disagreements.length === 0;
  byId('disagreements').replaceChildren(
    ...comparison.disagreements.map((d) => {
      const scores = d.scores.map((s) => `${s.rater} gave ${s.score}`).join(', ');
      return el('li', {}, el('strong', {}, nameOf(d.candidate)), `, ${d.label}: ${scores}`);
    }),
  );
}

async function compare(): Promise<void> {
  const ids = [...list.querySelectorAll<HTMLInputElement>('input[name="candidates"]:checked')].map(
    (input) => input.value,
  );
  if (ids.length < 2) throw new Error('Tick at least two candidates to compare.');
  const mine = ++latest;
  const query = `candidates=${ids.join(',')}${blind.checked ? '&blind=true' : ''}`;
  const comparison = await get<Comparison>(`/api/scorecards/compare?${query}`);
  const series = comparison.blind ? null : await curveSeries(comparison);
  if (mine !== latest) return;
  table(comparison);
  notes(comparison);
  curves(series);
  byId<HTMLAnchorElement>('csv').href = `/api/scorecards/compare?${query}&format=csv`;
  result.hidden = false;
}

opening.addEventListener('change', () => guarded(loadCandidates));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(compare);
});
blind.addEventListener('change', () => {
  if (!result.hidden) guarded(compare);
});
if (opening.value) guarded(loadCandidates);
