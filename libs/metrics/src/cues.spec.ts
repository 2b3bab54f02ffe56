import { EVENT, type NewEvent, type SessionEvent } from '@hotseat/events';
import {
  candidateAwaitsAnswer,
  nextCueAt,
  suggestedBeats,
  type CueBeat,
  type CueScenario,
} from './cues';

const T0 = Date.parse('2026-12-04T10:00:00.000Z');

/** A log from lines of [seconds after T0, event]: seq and `at` filled in. */
function log(...lines: Array<[number, NewEvent]>): SessionEvent[] {
  return lines.map(([seconds, event], index) => ({
    seq: index + 1,
    at: new Date(T0 + seconds * 1000).toISOString(),
    ...event,
  }));
}

const started: NewEvent = {
  type: EVENT.sessionStarted,
  actor: 'interviewer',
  payload: { timeLimitMinutes: 20 },
};
const customer = (text: string, beatId?: string): NewEvent => ({
  type: EVENT.chatMessage,
  actor: 'customer',
  payload: beatId === undefined ? { text } : { text, beatId },
});
const candidate = (text: string): NewEvent => ({
  type: EVENT.chatMessage,
  actor: 'candidate',
  payload: { text },
});
const anger = (level: number): NewEvent => ({
  type: EVENT.angerChanged,
  actor: 'interviewer',
  payload: { level },
});
const acted = (actionId: string): NewEvent => ({
  type: EVENT.deskActed,
  actor: 'candidate',
  payload: { actionId, label: actionId, input: {}, result: 'Done' },
});
const ended: NewEvent = {
  type: EVENT.sessionEnded,
  actor: 'interviewer',
  payload: { endedBy: 'interviewer' },
};

function scenario(...beats: CueBeat[]): CueScenario {
  return {
    persona: { initialAnger: 8 },
    beats,
    actionLabels: { refund: 'Refund the selected payments' },
  };
}

const at = (seconds: number) => T0 + seconds * 1000;
const ids = (found: Array<{ beatId: string }>) => found.map((s) => s.beatId);

describe(suggestedBeats.name, () => {
  const opening = customer('TEN charges. What is going on?');

  describe('noReplyFor', () => {
    const silence = scenario({ id: 'silence', anger: 1, when: { noReplyFor: 60 } });

    it('holds once that many seconds have passed since the customer’s last line without a reply', () => {
      const events = log([0, started], [0, opening]);
      expect(suggestedBeats(silence, events, at(59.9))).toEqual([]);
      expect(suggestedBeats(silence, events, at(64.2))).toEqual([
        { beatId: 'silence', reasons: ['No reply for 64 s'] },
      ]);
    });

    it('does not hold once the candidate has replied, and counts again from the customer’s next line', () => {
      const replied = log([0, started], [0, opening], [10, candidate('Let me look.')]);
      expect(suggestedBeats(silence, replied, at(300))).toEqual([]);
      const again = log(
        [0, started],
        [0, opening],
        [10, candidate('Let me look.')],
        [20, customer('Well?')],
      );
      expect(suggestedBeats(silence, again, at(79))).toEqual([]);
      expect(ids(suggestedBeats(silence, again, at(80)))).toEqual(['silence']);
    });

    it('says when it comes due, for a timer', () => {
      const events = log([0, started], [5, opening]);
      expect(nextCueAt(silence, events, at(6))).toBe(at(65));
      expect(nextCueAt(silence, events, at(70))).toBeNull();
      const replied = log([0, started], [5, opening], [7, candidate('Hello')]);
      expect(nextCueAt(silence, replied, at(8))).toBeNull();
    });
  });

  describe('candidateSays', () => {
    const apology = scenario({
      id: 'apology',
      anger: -2,
      when: { candidateSays: { categories: ['apology', 'empathy'] } },
    });

    it('finds a phrase of a lexicon category in a message since the customer’s last line, and quotes it', () => {
      const events = log([0, started], [0, opening], [12, candidate('Dana, I’m SO sorry.')]);
      expect(suggestedBeats(apology, events, at(13))).toEqual([
        { beatId: 'apology', reasons: ['The candidate said “so sorry” (an apology)'] },
      ]);
    });

    it('reads whole words only, and not what was said before the customer’s last line', () => {
      const notAWord = log([0, started], [0, opening], [12, candidate('Sorryville is our HQ')]);
      expect(suggestedBeats(apology, notAWord, at(13))).toEqual([]);
      const answered = log(
        [0, started],
        [0, opening],
        [12, candidate('I understand.')],
        [20, customer('Then fix it.')],
      );
      expect(suggestedBeats(apology, answered, at(21))).toEqual([]);
    });

    it('matches the author’s phrases and pattern', () => {
      const policy = scenario(
        {
          id: 'ten-days',
          anger: 2,
          when: { candidateSays: { pattern: '5\\s*-\\s*10 business days' } },
        },
        { id: 'policy', anger: 1, when: { candidateSays: { phrases: ['our policy'] } } },
      );
      const events = log(
        [0, started],
        [0, opening],
        [9, candidate('Refunds take 5-10 Business Days per OUR policy.')],
      );
      expect(suggestedBeats(policy, events, at(10))).toEqual([
        { beatId: 'ten-days', reasons: ['The candidate said “5-10 Business Days”'] },
        { beatId: 'policy', reasons: ['The candidate said “our policy”'] },
      ]);
    });
  });

  it('matches a pattern in linear time, so a pathological one cannot stall the server on a long message', () => {
    // With a backtracking engine, each of these takes exponential time on this message (seconds at
    // 30 characters, years at 4,000): the test would never finish.
    const pathological = scenario(
      { id: 'a', anger: 0, when: { candidateSays: { pattern: '(a|a)+$' } } },
      { id: 'b', anger: 0, when: { candidateSays: { pattern: '(a+)+$' } } },
      { id: 'c', anger: 0, when: { candidateSays: { pattern: '.*.*.*.*x' } } },
    );
    const events = log([0, started], [0, opening], [5, candidate(`${'a'.repeat(4000)}!`)]);
    expect(suggestedBeats(pathological, events, at(6))).toEqual([]);
  });

  it('afterBeat holds once that beat has been used', () => {
    const followUp = scenario(
      { id: 'fee', anger: 2 },
      {
        id: 'fee-again',
        anger: 1,
        when: { afterBeat: 'fee', candidateSays: { phrases: ['fee'] } },
      },
    );
    const before = log([0, started], [0, opening], [5, candidate('What fee?')]);
    expect(suggestedBeats(followUp, before, at(6))).toEqual([]);
    const after = log(
      [0, started],
      [0, opening],
      [5, customer('My bank charged me a fee.', 'fee')],
      [9, candidate('What fee?')],
    );
    expect(suggestedBeats(followUp, after, at(10))).toEqual([
      {
        beatId: 'fee-again',
        reasons: ['The candidate said “fee”', 'After the beat “fee”'],
      },
    ]);
  });

  it('angerAtLeast and angerAtMost read the level now, from the persona’s start until it is set', () => {
    const calm = scenario({ id: 'calm', anger: -1, when: { angerAtMost: 3 } });
    const furious = scenario({
      id: 'furious',
      anger: 1,
      when: { angerAtLeast: 8, angerAtMost: 9 },
    });
    const start = log([0, started], [0, opening]);
    expect(ids(suggestedBeats(furious, start, at(1)))).toEqual(['furious']);
    expect(suggestedBeats(calm, start, at(1))).toEqual([]);
    const calmer = log([0, started], [0, opening], [30, anger(3)]);
    expect(suggestedBeats(calm, calmer, at(31))).toEqual([
      { beatId: 'calm', reasons: ['Anger is 3'] },
    ]);
    expect(suggestedBeats(furious, calmer, at(31))).toEqual([]);
  });

  it('action holds when the candidate applied that desk action since the customer’s last line', () => {
    const thanks = scenario({ id: 'thanks', anger: -2, when: { action: 'refund' } });
    const refunded = log([0, started], [0, opening], [40, acted('refund')]);
    expect(suggestedBeats(thanks, refunded, at(41))).toEqual([
      { beatId: 'thanks', reasons: ['The candidate did “Refund the selected payments”'] },
    ]);
    expect(
      suggestedBeats(thanks, log([0, started], [0, opening], [40, acted('cancel')]), at(41)),
    ).toEqual([]);
    expect(candidateAwaitsAnswer(8, refunded)).toBe(true);
    expect(candidateAwaitsAnswer(8, log([0, started], [0, opening]))).toBe(false);
  });

  it('puts the beat with more conditions first, then keeps the order of the file', () => {
    const tie = scenario(
      { id: 'first', anger: -1, when: { candidateSays: { categories: ['apology'] } } },
      { id: 'second', anger: -1, when: { candidateSays: { categories: ['apology'] } } },
      {
        id: 'specific',
        anger: -2,
        when: { candidateSays: { categories: ['apology'] }, angerAtLeast: 5 },
      },
    );
    const events = log([0, started], [0, opening], [5, candidate('Sorry!')]);
    expect(ids(suggestedBeats(tie, events, at(6)))).toEqual(['specific', 'first', 'second']);
  });

  it('never suggests a once-only beat again, and a used beat only after the candidate moved since', () => {
    const beats = scenario(
      { id: 'once', anger: -2, once: true, when: { candidateSays: { categories: ['apology'] } } },
      { id: 'again', anger: -1, when: { candidateSays: { categories: ['apology'] } } },
      { id: 'quiet', anger: 0, when: { angerAtLeast: 0 } },
    );
    const used = log(
      [0, started],
      [0, opening],
      [5, candidate('Sorry!')],
      [8, customer('Okay.', 'once')],
      [9, customer('Still here.', 'again')],
      [9.5, customer('Hm.', 'quiet')],
    );
    // Used, and the candidate has not said anything since: nothing is offered twice in a row.
    expect(suggestedBeats(beats, used, at(10))).toEqual([]);
    const later = log(
      [0, started],
      [0, opening],
      [5, candidate('Sorry!')],
      [8, customer('Okay.', 'once')],
      [9, customer('Still here.', 'again')],
      [9.5, customer('Hm.', 'quiet')],
      [12, candidate('So sorry again.')],
    );
    expect(ids(suggestedBeats(beats, later, at(13)))).toEqual(['again', 'quiet']);
  });

  it('suggests nothing before the start, after the end, or for a beat without conditions', () => {
    const beats = scenario(
      { id: 'free', anger: 0 },
      { id: 'always', anger: 0, when: { angerAtMost: 10 } },
    );
    expect(suggestedBeats(beats, [], at(1))).toEqual([]);
    expect(ids(suggestedBeats(beats, log([0, started], [0, opening]), at(1)))).toEqual(['always']);
    expect(suggestedBeats(beats, log([0, started], [0, opening], [5, ended]), at(6))).toEqual([]);
  });
});
