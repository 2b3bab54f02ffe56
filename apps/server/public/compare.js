// The comparison: pick an opening's candidates, then show GET /api/scorecards/compare side by side,
// their anger curves overlaid, and a CSV link for the same candidates.
(() => {
  const { get, el } = window.hotseat;
  const { anger, legend, duration } = window.hotseatCharts;
  const form = document.getElementById('pick');
  const opening = form.elements.openingId;
  const blind = form.elements.blind;
  const error = form.querySelector('.error');
  const list = document.getElementById('candidate-list');
  const result = document.getElementById('comparison');
  // Answers can cross (a quick blind toggle): only the latest request may draw.
  let latest = 0;

  async function guarded(work) {
    error.hidden = true;
    try {
      await work();
    } catch (problem) {
      error.textContent = problem.message;
      error.hidden = false;
    }
  }

  async function loadCandidates() {
    result.hidden = true;
    if (!opening.value) {
      list.replaceChildren(
        el('p', { class: 'muted' }, 'Choose an opening to list its candidates.'),
      );
      return;
    }
    const candidates = await get(`/api/candidates?openingId=${encodeURIComponent(opening.value)}`);
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

  function shown(key, value) {
    if (value === null || value === undefined) return '—';
    if (typeof value !== 'number') return String(value);
    if (/Ms$/.test(key)) return duration(value);
    if (key === 'checkpointsHit') return `${Math.round(value * 100)}%`;
    return String(Math.round(value * 10) / 10);
  }

  function cell(row, value) {
    const parts = [shown(row.key, value.raw)];
    if (value.percentile !== undefined) {
      parts.push(el('span', { class: 'muted' }, ` · percentile ${value.percentile ?? '—'}`));
    }
    if (value.missing) parts.push(el('span', { class: 'muted' }, ` (${value.missing} without)`));
    if (value.best) parts.push(' ', el('span', { class: 'best-marker' }, '★ Best'));
    return el('td', { class: value.best ? 'best' : '' }, ...parts);
  }

  function table(comparison) {
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
          row.better === null ? [' ', el('span', { class: 'flag' }, 'signal')] : null,
          row.definition ? el('span', { class: 'hint definition' }, row.definition) : null,
        ),
        ...row.values.map((value) => cell(row, value)),
      ),
    );
    document
      .getElementById('comparison-table')
      .replaceChildren(
        el('caption', { class: 'hint' }, 'Raw figures and percentiles, one column per candidate.'),
        el('thead', {}, head),
        el('tbody', {}, rows),
      );
  }

  /** One curve per ended role-play, from each candidate's scorecard (the comparison has none). */
  async function curveSeries(comparison) {
    const cards = await Promise.all(
      comparison.candidates.map((c) => get(`/api/candidates/${c.id}/scorecard`)),
    );
    return cards.flatMap((card) => {
      const ended = card.sessions.filter((s) => s.figures && s.figures.t0 !== null);
      return ended.map((s) => ({
        label:
          ended.length > 1 ? `${card.candidate.name}, ${s.scenario.title}` : card.candidate.name,
        timeline: s.figures.deEscalation.timeline,
        endMs: s.figures.durationMs ?? s.figures.deEscalation.timeline.at(-1).atMs,
      }));
    });
  }

  function curves(series) {
    const box = document.getElementById('curves');
    if (series === null) {
      // Blind: which curve is whose would need the names the comparison hides.
      box.replaceChildren(
        el(
          'p',
          { class: 'muted' },
          'Left out in blind mode: the curves come from named scorecards.',
        ),
      );
    } else if (series.length === 0) {
      box.replaceChildren(el('p', { class: 'muted' }, 'No ended role-plays yet.'));
    } else {
      const chart = anger({ title: "The customers' anger over time, overlaid", series });
      box.replaceChildren(chart.element, legend(series.map((s) => s.label)));
    }
  }

  function notes(comparison) {
    const nameOf = (ref) => comparison.candidates.find((c) => c.ref === ref)?.name ?? ref;
    document
      .getElementById('formulas')
      .replaceChildren(
        ...comparison.candidates.map((c) =>
          el('li', {}, el('strong', {}, nameOf(c.ref)), `: ${c.formula}`),
        ),
      );
    document.getElementById('disagreements-block').hidden = comparison.disagreements.length === 0;
    document.getElementById('disagreements').replaceChildren(
      ...comparison.disagreements.map((d) => {
        const scores = d.scores.map((s) => `${s.rater} gave ${s.score}`).join(', ');
        return el('li', {}, el('strong', {}, nameOf(d.candidate)), `, ${d.label}: ${scores}`);
      }),
    );
  }

  async function compare() {
    const ids = [...list.querySelectorAll('input[name="candidates"]:checked')].map((i) => i.value);
    if (ids.length < 2) throw new Error('Tick at least two candidates to compare.');
    const mine = ++latest;
    const query = `candidates=${ids.join(',')}${blind.checked ? '&blind=true' : ''}`;
    const comparison = await get(`/api/scorecards/compare?${query}`);
    const series = comparison.blind ? null : await curveSeries(comparison);
    if (mine !== latest) return;
    table(comparison);
    notes(comparison);
    curves(series);
    document.getElementById('csv').href = `/api/scorecards/compare?${query}&format=csv`;
    result.hidden = false;
  }

  opening.addEventListener('change', () => guarded(loadCandidates));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void guarded(compare);
  });
  blind.addEventListener('change', () => {
    if (!result.hidden) void guarded(compare);
  });
  if (opening.value) void guarded(loadCandidates);
})();
