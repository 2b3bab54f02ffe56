/**
 * The figures' definitions in plain words: the API returns them beside the figures and the pages show
 * them, so what a number means is written once, here, next to the code that computes it.
 */
export const METRIC_DEFINITIONS = {
  t0: 'The moment the role-play started: the opening line is sent then. Every time below counts from it, in milliseconds of server time.',
  timeToSolutionMs:
    'Time from the start until the interviewer marked the issue solved. Empty if it was never solved.',
  firstResponseMs:
    "Time from the start until the candidate's first message. Empty if they never wrote.",
  medianResponseMs:
    "The median, over every customer message that a candidate message follows, of the wait until the candidate's next message. A customer who writes twice before an answer is counted twice: they waited twice.",
  'helpCenter.searches': 'Help-center searches the candidate made.',
  'helpCenter.articlesOpened': 'Articles the candidate opened, counting re-opens.',
  'helpCenter.uniqueArticles': 'Different articles the candidate opened.',
  'helpCenter.timeInArticlesMs':
    'Time with an article open: from opening it until it is closed, another is opened, or the session ends (while a session is live: until its latest event).',
  'helpCenter.openedSolutionArticle':
    "Whether the candidate opened one of the scenario's solution articles before the issue was solved (when it never was: at any time).",
  'helpCenter.usage':
    '"none": no search and no article; "relied": opened a solution article before solving; "consulted": used the help center otherwise.',
  'deEscalation.initialAnger': "The customer's anger (0-10) at the start, from the scenario.",
  'deEscalation.peakAnger': 'The highest anger the interviewer set during the session.',
  'deEscalation.finalAnger': 'The anger at the end of the session.',
  'deEscalation.timeToCalmMs':
    "Time from the last moment the anger reached its peak until it first came down to the scenario's calm level or below. Zero if the peak itself was calm; empty if the customer never calmed down.",
  'deEscalation.calmAtMs':
    'The calm moment itself, from the start: the last peak plus the time to calm. Empty if the customer never calmed down.',
  'deEscalation.timeline':
    'Every anger level with the time it was set, starting at 0 with the initial anger.',
  'deEscalation.signals':
    "Phrases of apology, empathy, ownership, next steps and rapport in the candidate's messages, counted with the lexicon of docs/signals.md. Signals, not a verdict.",
  'checkpoints.hit': 'Solution checkpoints the interviewer ticked, with the time of each.',
  'checkpoints.missed': 'Solution checkpoints never ticked; required ones are marked.',
  'attention.pastes':
    'Times the candidate pasted into the reply box. A flag to look at in the transcript, not a verdict.',
  'attention.awayMs':
    'Time the candidate spent on another tab or window while the session ran. A flag, not a verdict.',
} as const;

export type MetricKey = keyof typeof METRIC_DEFINITIONS;

/**
 * Bumped whenever a definition above or the code behind it changes, so that stored figures computed
 * with an older definition are recomputed from the log.
 */
export const METRICS_VERSION = 2;
