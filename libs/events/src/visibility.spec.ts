import { candidateSees, eventFor } from './visibility';
import { EVENT_TYPES, type EventType, type LoggedEvent } from './vocabulary';

/** The 7th event of a log; the candidate's 3rd, when they may see it. */
const event = (type: EventType, payload: Record<string, unknown> = {}) =>
  ({
    seq: 7,
    candidateSeq: 3,
    type,
    actor: 'interviewer',
    at: '2026-11-23T10:00:00.000Z',
    payload,
  }) as LoggedEvent;

describe('event visibility', () => {
  const hidden: EventType[] = [
    'note.added',
    'anger.changed',
    'checkpoint.hit',
    'checkpoint.cleared',
    'session.solved',
  ];

  it.each(hidden)('never shows a candidate %s', (type) => {
    expect(candidateSees(type)).toBe(false);
    expect(eventFor('candidate', event(type, { text: 'secret', level: 9 }))).toBeUndefined();
  });

  it.each(EVENT_TYPES.filter((type) => !hidden.includes(type)))('shows a candidate %s', (type) => {
    expect(candidateSees(type)).toBe(true);
    // In the candidate's own numbering: hidden events leave no gaps.
    expect(eventFor('candidate', event(type))).toMatchObject({ seq: 3, type });
    expect(eventFor('candidate', event(type))).not.toHaveProperty('candidateSeq');
  });

  it('tells the candidate the time limit', () => {
    const started = event('session.started', { timeLimitMinutes: 20 });
    expect(eventFor('candidate', started)?.payload).toEqual({ timeLimitMinutes: 20 });
  });

  it('strips the script beat from a line and the reason from an ending, for the candidate only', () => {
    const line = event('chat.message', { text: 'Where is my refund?', beatId: 'threatens-bank' });
    expect(eventFor('candidate', line)?.payload).toEqual({ text: 'Where is my refund?' });
    expect(eventFor('interviewer', line)).toEqual({ ...line, candidateSeq: undefined });
    expect(eventFor('interviewer', line)).not.toHaveProperty('candidateSeq');
    const ended = event('session.ended', { endedBy: 'interviewer', reason: 'Candidate froze' });
    expect(eventFor('candidate', ended)?.payload).toEqual({ endedBy: 'interviewer' });
    expect(eventFor('observer', ended)).toMatchObject({ seq: 7, payload: ended.payload });
  });

  it('strips the answer keys from desk events: which actions were mistakes, which facts were meant', () => {
    const acted = event('desk.acted', {
      actionId: 'refund',
      label: 'Refund',
      input: { payments: ['P1'] },
      result: 'Refund started.',
      mistakes: ['refunded-valid-ticket'],
    });
    expect(eventFor('candidate', acted)?.payload).toEqual({
      actionId: 'refund',
      label: 'Refund',
      input: { payments: ['P1'] },
      result: 'Refund started.',
    });
    expect(eventFor('interviewer', acted)?.payload).toEqual(acted.payload);
    const emailed = event('desk.emailed', {
      subject: 'Your refund',
      body: 'It is on its way.',
      mentions: [{ fact: '$801', found: false }],
    });
    expect(eventFor('candidate', emailed)?.payload).toEqual({
      subject: 'Your refund',
      body: 'It is on its way.',
    });
  });
});
