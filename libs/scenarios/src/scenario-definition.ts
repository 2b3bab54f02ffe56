import type { BeatConditions } from '@hotseat/metrics';
import type { DeskDefinition } from './desk';
import type { DIFFICULTIES } from './dto/scenario-file';

/** A validated scenario: what the interviewer plays, the candidate reads and the metrics need. */
export interface ScenarioDefinition {
  id: string;
  title: string;
  product: string;
  company: string;
  difficulty: (typeof DIFFICULTIES)[number];
  timeLimitMinutes: number;
  variables: Record<string, unknown>;
  persona: {
    name: string;
    situation: string;
    temperament: string;
    initialAnger: number;
    calmAt: number;
  };
  briefing: string;
  /** The customer's first line, sent when the role-play starts (`opening:` in the file). */
  firstLine: string;
  /**
   * `anger`: the change applied when the line is sent; `when`: the conditions Hotseat sees in the log
   * (suggested in the console, played in practice); `once`: never suggested again once used.
   */
  beats: Array<{
    id: string;
    cue: string;
    line: string;
    anger: number;
    once?: boolean;
    when?: BeatConditions;
  }>;
  solution: {
    summary: string;
    checkpoints: Array<{ id: string; label: string; required: boolean; article?: string }>;
    articles: string[];
  };
  /** The articles the candidate can find, resolved from `all` to the list of ids. */
  helpCenter: { articles: string[] };
  rubric: Array<{
    id: string;
    label: string;
    lookFor: string;
    anchors: { '1': string; '2': string; '3': string; '4': string };
  }>;
  /** What the candidate can look up and do; absent for a chat-only scenario. */
  desk?: DeskDefinition;
}

export interface LoadedScenario {
  file: string;
  definition: ScenarioDefinition;
  /** SHA-256 of the definition: edits that change what the scenario means change it. */
  hash: string;
}
