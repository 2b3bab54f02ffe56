/**
 * The inputs and outputs of the metrics library. It knows nothing of databases or Nest: a session's
 * log and its scenario go in, figures come out, so live views, scorecards and replays agree.
 */

/** What the figures need from the scenario version the session pinned. */
export interface MetricsScenario {
  persona: { name: string; initialAnger: number; calmAt: number };
  solution: { checkpoints: Array<{ id: string; required: boolean }>; articles: string[] };
  /** The desk's rules: an email rule names the facts the confirmation should mention. */
  desk?: { rules: ReadonlyArray<{ when: { email?: true; mentions?: string[] } }> };
}

/** A help-center article as plain text, for spotting answers pasted from it. */
export interface ArticleText {
  id: string;
  title: string;
  text: string;
}

/** A chat message with its time from t0 (`atMs`, milliseconds; negative before the start). */
export interface TimedMessage {
  seq: number;
  atMs: number;
  text: string;
}
