import { sessionMetrics } from './session-metrics';
import type { SessionEvent } from '@hotseat/events';
import type { MetricsScenario } from './types';

const SCENARIO: MetricsScenario = {
  persona: { name: 'Dana Whitfield', initialAnger: 8, calmAt: 3 },
  solution: {
    checkpoints: [
      { id: 'verify-account', required: true },
      { id: 'refund-duplicates', required: true },
      { id: 'explain-cause', required: false },
    ],
    articles: ['duplicate-charges'],
  },
};

/** A log from [time since 10:00:00.000 as "m:ss.mmm", type, actor, payload] rows; seq counts from 1. */
function log(...rows: Array<[string, string, string, Record<string, unknown>?]>): SessionEvent[] {
  return rows.map(([clock, type, actor, payload = {}], index) => {
    const [minutes, seconds] = clock.split(':');
    const at = new Date(Date.UTC(2026, 10, 23, 10, Number(minutes)) + Number(seconds) * 1000);
    return { seq: index + 1, type, actor, at: at.toISOString(), payload } as SessionEvent;
  });
}

const say = (text: string) => ({ text });

describe(sessionMetrics.name, () => {
  describe('on a whole role-play', () => {
    // t0 = 10:00:00.000. Hand-computed figures beside each line.
    const events = log(
      ['0:00.000', 'session.started', 'interviewer'],
      ['0:00.004', 'chat.message', 'customer', say('You charged me ten times! Fix it NOW.')],
      ['0:09.500', 'chat.message', 'candidate', say('Hi Dana, I am so sorry, let me look.')], // first response 9,500; delay 9,496
      ['0:12.000', 'anger.changed', 'interviewer', { level: 9 }], // peak reached at 12,000
      ['0:20.000', 'chat.message', 'customer', say('Hurry up.')],
      ['0:21.000', 'chat.message', 'customer', say('Hello??')],
      ['0:31.250', 'chat.message', 'candidate', say('I found the charges.')], // delays 11,250 and 10,250
      ['0:40.000', 'help.searched', 'candidate', { query: 'duplicate charge', results: [] }],
      ['0:41.000', 'help.opened', 'candidate', { articleId: 'billing-faq' }], // open 41,000..50,000
      ['0:50.000', 'help.opened', 'candidate', { articleId: 'duplicate-charges' }], // 50,000..65,500
      ['1:05.500', 'help.closed', 'candidate', { articleId: 'duplicate-charges' }],
      ['1:06.000', 'checkpoint.hit', 'interviewer', { checkpointId: 'verify-account' }],
      ['1:10.000', 'chat.message', 'customer', say('Well?')],
      ['1:12.000', 'candidate.pasted', 'candidate'],
      ['1:15.000', 'chat.message', 'candidate', say('Refunded all nine duplicates.')], // delay 5,000
      ['1:20.000', 'anger.changed', 'interviewer', { level: 4 }],
      ['1:30.000', 'anger.changed', 'interviewer', { level: 3 }], // calm: 90,000 - 12,000 = 78,000
      ['1:31.000', 'candidate.away', 'candidate'],
      ['1:35.000', 'candidate.back', 'candidate'], // away 4,000
      ['1:40.000', 'session.solved', 'interviewer'],
      ['2:00.000', 'session.ended', 'interviewer', { endedBy: 'interviewer' }],
    );
    const metrics = sessionMetrics(events, SCENARIO);

    it('times the solution, the first reply and the median reply from t0', () => {
      expect(metrics.t0).toBe('2026-11-23T10:00:00.000Z');
      expect(metrics.timeToSolutionMs).toBe(100_000);
      expect(metrics.durationMs).toBe(120_000);
      expect(metrics.firstResponseMs).toBe(9_500);
      // Delays 9,496, 11,250, 10,250, 5,000 -> sorted 5,000, 9,496, 10,250, 11,250 -> (9,496 + 10,250) / 2.
      expect(metrics.medianResponseMs).toBe(9_873);
      expect(metrics.candidateMessages).toBe(3);
    });

    it('counts help-center use and the time spent in articles', () => {
      expect(metrics.helpCenter).toEqual({
        searches: 1,
        articlesOpened: 2,
        uniqueArticles: 2,
        timeInArticlesMs: 9_000 + 15_500,
        openedSolutionArticle: true,
        usage: 'relied',
      });
    });

    it('follows the anger from its initial level to calm', () => {
      expect(metrics.deEscalation).toMatchObject({
        initialAnger: 8,
        peakAnger: 9,
        finalAnger: 3,
        timeToCalmMs: 78_000,
        timeline: [
          { atMs: 0, level: 8 },
          { atMs: 12_000, level: 9 },
          { atMs: 80_000, level: 4 },
          { atMs: 90_000, level: 3 },
        ],
      });
    });

    it('lists the checkpoints hit with their time and those missed', () => {
      expect(metrics.checkpoints).toEqual({
        hit: [{ id: 'verify-account', atMs: 66_000, by: 'interviewer' }],
        missed: [
          { id: 'refund-duplicates', required: true },
          { id: 'explain-cause', required: false },
        ],
      });
    });

    it('counts pastes and time away as flags', () => {
      expect(metrics.attention).toEqual({ pastes: 1, aways: 1, awayMs: 4_000 });
    });

    it('counts phrases in the candidate messages only', () => {
      expect(metrics.deEscalation.signals.apology).toBe(1);
    });
  });

  it('leaves time to solution empty when the issue was never solved', () => {
    const metrics = sessionMetrics(
      log(
        ['0:00.000', 'session.started', 'interviewer'],
        ['0:02.000', 'chat.message', 'candidate', say('Hello')],
        ['5:00.000', 'session.ended', 'system', { endedBy: 'time-limit' }],
      ),
      SCENARIO,
    );
    expect(metrics.solved).toBe(false);
    expect(metrics.timeToSolutionMs).toBeNull();
    expect(metrics.durationMs).toBe(300_000);
  });

  it('leaves every response figure empty when the candidate never wrote', () => {
    const metrics = sessionMetrics(
      log(
        ['0:00.000', 'session.started', 'interviewer'],
        ['0:00.010', 'chat.message', 'customer', say('Anyone?')],
        ['1:00.000', 'session.ended', 'interviewer'],
      ),
      SCENARIO,
    );
    expect(metrics.firstResponseMs).toBeNull();
    expect(metrics.medianResponseMs).toBeNull();
    expect(metrics.candidateMessages).toBe(0);
    expect(metrics.helpCenter.usage).toBe('none');
    expect(metrics.conversation.heard.flags).toEqual([]);
  });

  it('times calm from the start when the anger never rises', () => {
    const metrics = sessionMetrics(
      log(
        ['0:00.000', 'session.started', 'interviewer'],
        ['0:30.000', 'anger.changed', 'interviewer', { level: 5 }],
        ['0:45.123', 'anger.changed', 'interviewer', { level: 2 }],
      ),
      SCENARIO,
    );
    expect(metrics.deEscalation).toMatchObject({
      peakAnger: 8,
      finalAnger: 2,
      timeToCalmMs: 45_123,
    });
  });

  it('is zero when the peak itself is calm', () => {
    const calmScenario = { ...SCENARIO, persona: { ...SCENARIO.persona, initialAnger: 2 } };
    const metrics = sessionMetrics(
      log(['0:00.000', 'session.started', 'interviewer']),
      calmScenario,
    );
    expect(metrics.deEscalation).toMatchObject({ peakAnger: 2, timeToCalmMs: 0 });
  });

  it('times calm from the last time a twice-reached peak was reached', () => {
    const metrics = sessionMetrics(
      log(
        ['0:00.000', 'session.started', 'interviewer'],
        ['0:10.000', 'anger.changed', 'interviewer', { level: 10 }],
        ['0:20.000', 'anger.changed', 'interviewer', { level: 2 }],
        ['0:30.000', 'anger.changed', 'interviewer', { level: 10 }],
        ['0:35.000', 'anger.changed', 'interviewer', { level: 10 }], // already there: not a new peak
        ['0:50.000', 'anger.changed', 'interviewer', { level: 6 }],
        ['1:07.000', 'anger.changed', 'interviewer', { level: 3 }],
      ),
      SCENARIO,
    );
    expect(metrics.deEscalation.timeToCalmMs).toBe(67_000 - 30_000);
  });

  it('leaves time to calm empty when the customer never calms down', () => {
    const metrics = sessionMetrics(
      log(
        ['0:00.000', 'session.started', 'interviewer'],
        ['0:10.000', 'anger.changed', 'interviewer', { level: 4 }],
        ['0:20.000', 'session.ended', 'interviewer'],
      ),
      SCENARIO,
    );
    expect(metrics.deEscalation).toMatchObject({ peakAnger: 8, finalAnger: 4, timeToCalmMs: null });
  });

  it('counts an article left open until the session ends', () => {
    const metrics = sessionMetrics(
      log(
        ['0:00.000', 'session.started', 'interviewer'],
        ['0:10.000', 'help.opened', 'candidate', { articleId: 'billing-faq' }],
        ['0:11.000', 'help.closed', 'candidate', { articleId: 'another-article' }], // not the open one
        ['0:40.250', 'session.ended', 'system', { endedBy: 'time-limit' }],
      ),
      SCENARIO,
    );
    expect(metrics.helpCenter).toMatchObject({
      timeInArticlesMs: 30_250,
      usage: 'consulted',
      openedSolutionArticle: false,
    });
  });

  it('counts an article still open in a live session until its latest event', () => {
    const metrics = sessionMetrics(
      log(
        ['0:00.000', 'session.started', 'interviewer'],
        ['0:10.000', 'help.opened', 'candidate', { articleId: 'duplicate-charges' }],
        ['0:25.000', 'chat.message', 'customer', say('Still waiting')],
      ),
      SCENARIO,
    );
    expect(metrics.helpCenter).toMatchObject({ timeInArticlesMs: 15_000, usage: 'relied' });
    expect(metrics.durationMs).toBeNull();
  });

  it('does not call a solution article opened after the solve reliance', () => {
    const metrics = sessionMetrics(
      log(
        ['0:00.000', 'session.started', 'interviewer'],
        ['0:10.000', 'session.solved', 'interviewer'],
        ['0:20.000', 'help.opened', 'candidate', { articleId: 'duplicate-charges' }],
        ['0:30.000', 'session.ended', 'interviewer'],
      ),
      SCENARIO,
    );
    expect(metrics.helpCenter).toMatchObject({ openedSolutionArticle: false, usage: 'consulted' });
  });

  it('orders a solve and an article open of the same millisecond by seq', () => {
    const metrics = sessionMetrics(
      log(
        ['0:00.000', 'session.started', 'interviewer'],
        ['0:10.000', 'session.solved', 'interviewer'],
        ['0:10.000', 'help.opened', 'candidate', { articleId: 'duplicate-charges' }],
      ),
      SCENARIO,
    );
    expect(metrics.helpCenter.openedSolutionArticle).toBe(false);
  });

  it('counts time away left open until the end', () => {
    const metrics = sessionMetrics(
      log(
        ['0:00.000', 'session.started', 'interviewer'],
        ['0:10.000', 'candidate.away', 'candidate'],
        ['0:12.000', 'candidate.away', 'candidate'], // still away: not a second absence
        ['0:30.000', 'session.ended', 'interviewer'],
      ),
      SCENARIO,
    );
    expect(metrics.attention).toEqual({ pastes: 0, aways: 1, awayMs: 20_000 });
  });

  it('has no figures before the session starts', () => {
    const metrics = sessionMetrics([], SCENARIO);
    expect(metrics).toMatchObject({
      t0: null,
      timeToSolutionMs: null,
      firstResponseMs: null,
      durationMs: null,
      checkpoints: { hit: [], missed: SCENARIO.solution.checkpoints },
    });
    expect(metrics.deEscalation.timeline).toEqual([{ atMs: 0, level: 8 }]);
  });

  describe('on the desk', () => {
    const DESK_SCENARIO: MetricsScenario = {
      ...SCENARIO,
      desk: { rules: [{ when: { email: true, mentions: ['$801', '3-5 business days', 'fee'] } }] },
    };
    const acted = (actionId: string, mistakes: string[] = []) => ({
      actionId,
      label: actionId,
      input: {},
      result: 'Done.',
      mistakes,
    });
    // t0 = 10:00:00.000.
    const events = log(
      ['0:00.000', 'session.started', 'interviewer'],
      ['0:05.000', 'desk.viewed', 'candidate', { recordId: 'customer', title: 'Customer' }],
      ['0:08.000', 'desk.viewed', 'candidate', { recordId: 'payments', title: 'Payments' }],
      ['0:20.000', 'desk.acted', 'candidate', acted('refund', ['refunded-valid-ticket'])], // first action 20,000
      ['0:20.000', 'checkpoint.hit', 'system', { checkpointId: 'refund-duplicates', metBy: 4 }],
      ['0:25.000', 'desk.viewed', 'candidate', { recordId: 'payments', title: 'Payments' }],
      ['0:30.000', 'checkpoint.hit', 'interviewer', { checkpointId: 'verify-account' }], // all required: 30,000
      ['0:40.000', 'checkpoint.cleared', 'interviewer', { checkpointId: 'verify-account' }], // not any more
      ['0:45.000', 'desk.acted', 'candidate', acted('cancel-order', ['cancelled-order'])],
      ['0:50.000', 'checkpoint.hit', 'interviewer', { checkpointId: 'verify-account' }], // all again: 50,000
      [
        '1:00.000',
        'desk.emailed',
        'candidate',
        { subject: 'Refund of $801.00', body: 'Back in 3 to 5 business days.' },
      ],
      ['1:05.000', 'desk.reported', 'candidate', { title: 'Old report', body: 'x' }],
      [
        '1:10.000',
        'desk.reported',
        'candidate',
        { title: 'Ten charges', body: 'Bug.', impact: 'Rent.', steps: '  ' },
      ],
      ['2:00.000', 'session.ended', 'interviewer', { endedBy: 'interviewer' }],
    );
    const metrics = sessionMetrics(events, DESK_SCENARIO);

    it('times the first action and counts the lookups before it', () => {
      expect(metrics.timeToFirstActionMs).toBe(20_000);
      expect(metrics.lookups).toBe(3);
      expect(metrics.lookupsBeforeFirstAction).toBe(2);
      expect(metrics.actions).toEqual([
        { atMs: 20_000, actionId: 'refund', label: 'refund', mistakes: ['refunded-valid-ticket'] },
        {
          atMs: 45_000,
          actionId: 'cancel-order',
          label: 'cancel-order',
          mistakes: ['cancelled-order'],
        },
      ]);
      expect(metrics.mistakes).toEqual([
        { id: 'refunded-valid-ticket', atMs: 20_000, actionId: 'refund' },
        { id: 'cancelled-order', atMs: 45_000, actionId: 'cancel-order' },
      ]);
    });

    it('times the required checkpoints from the moment the last was met for good, after an untick', () => {
      expect(metrics.timeToRequiredCheckpointsMs).toBe(50_000);
      expect(metrics.checkpoints.hit).toEqual([
        { id: 'refund-duplicates', atMs: 20_000, by: 'desk' },
        { id: 'verify-account', atMs: 50_000, by: 'interviewer' },
      ]);
      expect(metrics.checkpoints.missed).toEqual([{ id: 'explain-cause', required: false }]);
    });

    it('leaves the required checkpoints untimed when one was unticked and never met again', () => {
      const unticked = sessionMetrics(events.slice(0, 8), DESK_SCENARIO);
      expect(unticked.timeToRequiredCheckpointsMs).toBeNull();
      expect(unticked.checkpoints.missed).toContainEqual({ id: 'verify-account', required: true });
    });

    it('finds the facts in the confirmation leniently, and says which are missing', () => {
      expect(metrics.confirmationSent).toBe(true);
      expect(metrics.confirmationFacts).toEqual([
        { fact: '$801', found: true },
        { fact: '3-5 business days', found: true },
        { fact: 'fee', found: false },
      ]);
    });

    it('finds a fact only within one email, never pieced together from two', () => {
      const split = sessionMetrics(
        [
          ...events.slice(0, 1),
          ...log(
            ['0:10.000', 'desk.emailed', 'candidate', { subject: 'Refund', body: 'In 3 business' }],
            ['0:20.000', 'desk.emailed', 'candidate', { subject: 'More', body: 'and 5 days' }],
          ).map((event, index) => ({ ...event, seq: index + 2 })),
        ],
        DESK_SCENARIO,
      );
      expect(split.confirmationFacts).toContainEqual({ fact: '3-5 business days', found: false });
    });

    it('describes the last report to the product team', () => {
      expect(metrics.productReport).toEqual({
        present: true,
        length: 'Ten chargesBug.Rent.  '.length,
        fieldsFilled: 2,
        fields: 5,
      });
    });

    it('has empty desk figures when the candidate never used the desk', () => {
      const quiet = sessionMetrics(
        events.filter((e) => !e.type.startsWith('desk.')),
        DESK_SCENARIO,
      );
      expect(quiet).toMatchObject({
        timeToFirstActionMs: null,
        lookups: 0,
        lookupsBeforeFirstAction: 0,
        actions: [],
        mistakes: [],
        confirmationSent: false,
        confirmationFacts: [
          { fact: '$801', found: false },
          { fact: '3-5 business days', found: false },
          { fact: 'fee', found: false },
        ],
        productReport: { present: false, length: 0, fieldsFilled: 0, fields: 5 },
      });
    });
  });
});
