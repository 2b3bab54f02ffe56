import { SCHEDULED, sessionState, stateChanges } from './session-state';
import type { SessionEvent } from './vocabulary';

const at = (second: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, second)).toISOString();
const started: SessionEvent = {
  seq: 1,
  type: 'session.started',
  actor: 'interviewer',
  at: at(0),
  payload: { timeLimitMinutes: 20 },
};
const line: SessionEvent = {
  seq: 2,
  type: 'chat.message',
  actor: 'customer',
  at: at(0),
  payload: { text: 'Ten charges!' },
};
const solved: SessionEvent = {
  seq: 3,
  type: 'session.solved',
  actor: 'interviewer',
  at: at(40),
  payload: {},
};
const ended: SessionEvent = {
  seq: 4,
  type: 'session.ended',
  actor: 'system',
  at: at(59),
  payload: { endedBy: 'time-limit' },
};

describe('session state from the log', () => {
  it('is scheduled with an empty log', () => {
    expect(sessionState([])).toEqual(SCHEDULED);
  });

  it('goes live at the start, with the deadline the time limit sets', () => {
    expect(sessionState([started, line])).toEqual({
      ...SCHEDULED,
      status: 'live',
      startedAt: new Date(at(0)),
      endsAt: new Date(Date.parse(at(0)) + 20 * 60_000),
    });
  });

  it('marks the solve and the end, keeping the start', () => {
    expect(sessionState([started, line, solved, ended])).toMatchObject({
      status: 'ended',
      startedAt: new Date(at(0)),
      solvedAt: new Date(at(40)),
      endedAt: new Date(at(59)),
      cancelledAt: null,
    });
  });

  it('is cancelled by its cancellation', () => {
    const cancelled: SessionEvent = {
      seq: 1,
      type: 'session.cancelled',
      actor: 'interviewer',
      at: at(5),
      payload: {},
    };
    expect(sessionState([cancelled])).toEqual({
      ...SCHEDULED,
      status: 'cancelled',
      cancelledAt: new Date(at(5)),
    });
  });

  it('changes nothing for events that are not about the state', () => {
    expect(stateChanges([line])).toEqual({});
  });
});
