export { sessionMetrics, type SessionMetrics, type HelpCenterUsage } from './session-metrics';
export { METRIC_DEFINITIONS, METRICS_VERSION, type MetricKey } from './definitions';
export { CANNED_RUN_WORDS, type Signals } from './signals';
export { PHRASE_CATEGORIES, type PhraseCategory } from './lexicon';
export type { ArticleText, MetricsScenario, TimedMessage } from './types';
export {
  overallScore,
  scaleRating,
  DEFAULT_WEIGHTS,
  SCORE_COMPONENTS,
  type OverallScore,
  type ScoreComponent,
  type ScoreInputs,
  type ScoreWeights,
} from './overall-score';
export { confirmationFactsOf, factsMentioned } from './facts';
export {
  candidateAwaitsAnswer,
  conditionsInWords,
  cueScenarioOf,
  nextCueAt,
  patternProblem,
  suggestedBeats,
  type BeatConditions,
  type CueBeat,
  type CueScenario,
  type Suggestion,
} from './cues';
