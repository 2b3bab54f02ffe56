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
  'checkpoints.hit':
    'Solution checkpoints met at the end of the session, with the time of each and who met it: the interviewer by a tick, or the desk when an action, an email or a report met the rule the scenario ties to it. A checkpoint the interviewer unticked counts from its next tick, if any.',
  'checkpoints.missed': 'Solution checkpoints not met at the end; required ones are marked.',
  timeToRequiredCheckpointsMs:
    "Time from the start until the last of the scenario's required checkpoints was met (by an action or a tick), counting only checkpoints still met at the end. Where the desk meets the checkpoints, this is the objective time to solution; empty if some required checkpoint was never met.",
  timeToFirstActionMs:
    'Time from the start until the candidate first took an action on the desk (a refund, a credit...). Empty if they never did.',
  lookups: 'Records the candidate opened on the desk, counting re-opens.',
  lookupsBeforeFirstAction:
    'Records the candidate opened before their first action: how much they looked before acting (all of them, when they never acted).',
  actions: 'Every action the candidate took on the desk, with its time and any mistakes it made.',
  mistakes:
    "Actions that are wrong in the scenario's story (such as refunding the valid ticket), each with its time. A flag for the interviewer to weigh.",
  confirmationSent: 'Whether the candidate emailed the customer from the desk.',
  confirmationFacts:
    "The facts the scenario's email rule names (an amount, a timing), each found in one of the candidate's emails or not, matched leniently (case, punctuation and currency signs aside; numbers by value; plurals as singulars). A signal, not a verdict.",
  productReport:
    'The last report the candidate filed to the product team: whether there is one, its length in characters, and how many of its five fields (what happened, steps, impact, customers affected, suggestion) have an answer.',
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
export const METRICS_VERSION = 3;
