/** `GET /api/sessions/:id/debrief` (docs/protocol.md, "Practice"), typed once for the server and the candidate's room. */

/** A practice's debrief: what the candidate did, and which checkpoints they met. */
export interface Debrief {
  scenarioTitle: string;
  durationMs: number;
  solved: boolean;
  checkpoints: Array<{ label: string; required: boolean; met: boolean }>;
  did: {
    messages: number;
    searches: number;
    /** Titles, each once, in the order first opened. */
    articlesOpened: string[];
    /** Desk action labels, in order. */
    actions: string[];
    emails: number;
    reports: number;
  };
}
