import { METRIC_DEFINITIONS, PHRASE_CATEGORIES } from '@hotseat/metrics';
import { mean, round1, shadowMean } from './means';
import { RANKED_FIGURES } from './ranked-figures';
import type { CandidateSummary } from './summaries';

/** A row of the comparison: one figure for every compared candidate, the best marked. */
export interface ComparisonRow {
  key: string;
  label: string;
  definition: string | null;
  /** Which way is better; null: a signal, shown but never ranked. */
  better: 'lower' | 'higher' | null;
  values: Array<{
    candidate: string;
    raw: number | string | null;
    /** Ranked figures: sessions without a value (never solved...), left out of `raw`. */
    missing?: number;
    percentile?: number | null;
    best: boolean;
  }>;
}

/** The comparison's rows: ranked figures (best by percentile), scores (best by value), signals. */
export function comparisonRows(
  summaries: CandidateSummary[],
  ref: (summary: CandidateSummary) => string,
): ComparisonRow[] {
  const row = (
    key: string,
    label: string,
    better: ComparisonRow['better'],
    definition: string | null,
    read: (summary: CandidateSummary) => {
      raw: number | string | null;
      missing?: number;
      percentile?: number | null;
    },
  ): ComparisonRow => {
    const values = summaries.map((summary) => ({ candidate: ref(summary), ...read(summary) }));
    // An empty value is never best: not even when every candidate's is empty, all ranked at 0.
    const rank = (value: (typeof values)[number]) =>
      value.raw === null
        ? null
        : value.percentile !== undefined
          ? value.percentile
          : typeof value.raw === 'number'
            ? value.raw
            : null;
    const ranks = values.map(rank).filter((r): r is number => r !== null);
    const usesPercentile = values.some((value) => value.percentile !== undefined);
    const best =
      better === null || ranks.length === 0
        ? null
        : usesPercentile || better === 'higher'
          ? Math.max(...ranks)
          : Math.min(...ranks);
    return {
      key,
      label,
      definition,
      better,
      values: values.map((value) => ({ ...value, best: best !== null && rank(value) === best })),
    };
  };
  const definitions: Record<string, string> = METRIC_DEFINITIONS;
  return [
    row(
      'overallScore',
      'Overall score (0-100)',
      'higher',
      "See each candidate's formula.",
      (s) => ({
        raw: s.overall.score,
      }),
    ),
    ...RANKED_FIGURES.map((figure) =>
      row(
        figure.key,
        figure.label,
        figure.better,
        figure.definition ? definitions[figure.definition] : null,
        (s) => s.figures[figure.key],
      ),
    ),
    row('productTeam', 'Product-team question (1-4)', 'higher', null, (s) => ({
      raw: round1(mean(s.ratings.map((r) => r.productTeam.score))),
    })),
    row('shadowing', 'Shadowing feedback (mean, 1-4)', 'higher', null, (s) => ({
      raw: round1(mean(s.shadowing.map(shadowMean))),
    })),
    row('recommendation', 'Recommendations', null, null, (s) => ({
      raw: s.ratings.map((r) => r.recommendation).join(', ') || null,
    })),
    row('helpCenter.usage', 'Help-center usage', null, definitions['helpCenter.usage'], (s) => ({
      raw: s.signals.helpCenterUsage.join(', ') || null,
    })),
    row(
      'helpCenter.searches',
      'Help-center searches',
      null,
      definitions['helpCenter.searches'],
      (s) => ({
        raw: s.signals.searches,
      }),
    ),
    row(
      'helpCenter.timeInArticlesMs',
      'Time in articles (ms)',
      null,
      definitions['helpCenter.timeInArticlesMs'],
      (s) => ({
        raw: s.signals.timeInArticlesMs,
      }),
    ),
    ...deskRows(row, definitions),
    ...PHRASE_CATEGORIES.map((category) =>
      row(
        `signals.${category}`,
        `Phrases: ${category}`,
        null,
        definitions['deEscalation.signals'],
        (s) => ({
          raw: s.signals.phrases[category],
        }),
      ),
    ),
    row('cannedAnswers', 'Canned answers (copied from an article)', null, null, (s) => ({
      raw: s.signals.cannedAnswers.length,
    })),
    row('heardFlags', 'De-escalation order flags', null, null, (s) => ({
      raw: s.signals.heardFlags.map((flag) => flag.message).join(' ') || null,
    })),
    row('attention.pastes', 'Pastes', null, definitions['attention.pastes'], (s) => ({
      raw: s.signals.pastes,
    })),
    row(
      'attention.awayMs',
      'Time away from the tab (ms)',
      null,
      definitions['attention.awayMs'],
      (s) => ({
        raw: s.signals.awayMs,
      }),
    ),
  ];
}

type RowOf = (
  key: string,
  label: string,
  better: null,
  definition: string | null,
  read: (summary: CandidateSummary) => { raw: number | string | null },
) => ComparisonRow;

/** The agent desk's signals: what the candidate did, for reading beside the ranked desk figures. */
function deskRows(row: RowOf, definitions: Record<string, string>): ComparisonRow[] {
  /** One entry per ended session, joined; empty without sessions. */
  const perSession = (entries: string[]) => entries.join(', ') || null;
  return [
    row(
      'desk.lookupsBeforeFirstAction',
      'Desk lookups before the first action',
      null,
      definitions.lookupsBeforeFirstAction,
      (s) => ({ raw: s.signals.lookupsBeforeFirstAction }),
    ),
    row('desk.mistakes', 'Desk mistakes', null, definitions.mistakes, (s) => ({
      raw: s.signals.mistakes,
    })),
    row(
      'desk.confirmationSent',
      'Confirmation email sent',
      null,
      definitions.confirmationSent,
      (s) => ({ raw: perSession(s.signals.confirmationSent.map((sent) => (sent ? 'yes' : 'no'))) }),
    ),
    row(
      'desk.confirmationFacts',
      'Confirmation facts found',
      null,
      definitions.confirmationFacts,
      (s) => ({
        raw: perSession(
          s.signals.confirmationFacts.flatMap(({ found, of }) =>
            of === 0 ? [] : [`${found} of ${of}`],
          ),
        ),
      }),
    ),
    row(
      'desk.productReport',
      'Report to the product team',
      null,
      definitions.productReport,
      (s) => ({
        raw: perSession(
          s.signals.productReports.map((report) =>
            report.present ? `yes (${report.fieldsFilled} of ${report.fields} fields)` : 'no',
          ),
        ),
      }),
    ),
  ];
}
