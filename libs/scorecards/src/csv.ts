import { stringify } from 'csv-stringify/sync';
import type { SessionMetrics } from '@hotseat/metrics';
import { RANKED_FIGURES } from './ranked-figures';
import type { ScorecardsService } from './scorecards.service';

type Comparison = Awaited<ReturnType<ScorecardsService['compare']>>;
type OpeningSessions = Awaited<ReturnType<ScorecardsService['openingSessions']>>;

/** Spreadsheets run cells that start with = + - @ as formulas; names come from outside. */
function toCsv(rows: Array<Record<string, unknown>>, columns = Object.keys(rows[0] ?? {})): string {
  return stringify(rows, { header: true, columns, escape_formulas: true, bom: true });
}

/** One row per compared candidate; each figure raw, ranked ones with their percentile too. */
export function comparisonCsv(comparison: Comparison): string {
  return toCsv(
    comparison.candidates.map((candidate) => {
      const cells: Record<string, unknown> = {
        Candidate: comparison.blind ? candidate.ref : candidate.name,
        ...(comparison.blind ? {} : { Email: candidate.email }),
        Opening: candidate.opening?.title ?? '',
        Sessions: candidate.sessions,
        Scenarios: candidate.scenarios.join(' '),
      };
      const bestAt: string[] = [];
      for (const row of comparison.rows) {
        const value = row.values.find((v) => v.candidate === candidate.ref)!;
        cells[row.label] = value.raw ?? '';
        if (value.percentile !== undefined)
          cells[`${row.label} percentile`] = value.percentile ?? '';
        if (value.best) bestAt.push(row.label);
      }
      cells['Best at'] = bestAt.join('; ');
      cells.Disagreements = comparison.disagreements
        .filter((d) => d.candidate === candidate.ref)
        .map((d) => `${d.label}: ${d.scores.map((s) => `${s.rater} ${s.score}`).join(', ')}`)
        .join('; ');
      cells['Score formula'] = candidate.formula;
      return cells;
    }),
  );
}

/** One row per session of an opening's candidates. */
export function sessionsCsv({ opening, summaries, blind }: OpeningSessions): string {
  const rows = summaries.flatMap((summary, index) =>
    summary.sessions.map((session, number) => {
      const figures = session.figures;
      const cells: Record<string, unknown> = {
        // Ids lead back to names through the API: blind rows are only numbered.
        Session: blind ? `${index + 1}.${number + 1}` : session.id,
        Candidate: blind ? `Candidate ${index + 1}` : summary.candidate.name,
        ...(blind ? {} : { Email: summary.candidate.email }),
        Opening: opening.title,
        Scenario: session.scenario.id,
        'Scenario version': session.scenario.version,
        Interviewer: session.interviewer.name,
        Status: session.status,
        'Started at': session.startedAt?.toISOString() ?? '',
        'Ended at': session.endedAt?.toISOString() ?? '',
      };
      for (const figure of RANKED_FIGURES) {
        cells[figure.label] = session.ranked?.raw[figure.key] ?? '';
        cells[`${figure.label} percentile`] = session.ranked?.percentile[figure.key] ?? '';
      }
      Object.assign(cells, {
        'Help-center usage': figures?.helpCenter.usage ?? '',
        'Help-center searches': figures?.helpCenter.searches ?? '',
        'Time in articles (ms)': figures?.helpCenter.timeInArticlesMs ?? '',
        'Peak anger': figures?.deEscalation.peakAnger ?? '',
        'Final anger': figures?.deEscalation.finalAnger ?? '',
        'Canned answers': figures?.conversation.cannedAnswers.length ?? '',
        Pastes: figures?.attention.pastes ?? '',
        'Time away (ms)': figures?.attention.awayMs ?? '',
        ...deskCells(figures),
        Recommendation: session.rating?.recommendation ?? '',
      });
      return cells;
    }),
  );
  return toCsv(rows, rows.length > 0 ? undefined : ['Session', 'Candidate', 'Scenario', 'Status']);
}

/**
 * A session's agent-desk figures for its row (the ranked ones are among RANKED_FIGURES); empty cells
 * without figures, or with figures stored before METRICS_VERSION 3 that have no desk figures yet.
 */
function deskCells(figures: SessionMetrics | null): Record<string, unknown> {
  const desk = figures?.productReport ? figures : null;
  const facts = desk?.confirmationFacts ?? [];
  const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'yes' : 'no');
  return {
    'Desk lookups': desk?.lookups ?? '',
    'Desk lookups before the first action': desk?.lookupsBeforeFirstAction ?? '',
    'Desk actions': desk?.actions.length ?? '',
    'Desk mistakes': desk?.mistakes.length ?? '',
    'Desk mistake ids': desk?.mistakes.map((mistake) => mistake.id).join(' ') ?? '',
    'Confirmation email sent': yesNo(desk?.confirmationSent),
    // Empty when the scenario's email rule names no facts.
    'Confirmation facts found': facts.length ? facts.filter((fact) => fact.found).length : '',
    'Confirmation facts named': facts.length ? facts.length : '',
    'Confirmation facts missing': facts
      .filter((fact) => !fact.found)
      .map((fact) => fact.fact)
      .join('; '),
    'Product report filed': yesNo(desk?.productReport.present),
    'Product report fields filled': desk ? desk.productReport.fieldsFilled : '',
    'Product report length (characters)': desk ? desk.productReport.length : '',
  };
}
