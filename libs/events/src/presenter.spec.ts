import { presenter, type PresenterContext } from './presenter';
import type { SessionEvent } from './vocabulary';

let seq = 0;
const at = '2026-12-02T10:00:00.000Z';
const event = (e: Omit<SessionEvent, 'seq' | 'at'>) => ({ ...e, seq: ++seq, at }) as SessionEvent;

const context = (audience: PresenterContext['audience']): PresenterContext => ({
  audience,
  candidateName: 'Ada Lovelace',
  customerName: 'Dana Whitfield',
  checkpointLabel: (id) => (id === 'refund' ? 'Refund the nine' : id),
});

const log = [
  event({ type: 'session.started', actor: 'interviewer', payload: { timeLimitMinutes: 20 } }),
  event({ type: 'chat.message', actor: 'customer', payload: { text: 'Ten!', beatId: 'opening' } }),
  event({ type: 'chat.message', actor: 'candidate', payload: { text: 'I am sorry.' } }),
  event({ type: 'anger.changed', actor: 'interviewer', payload: { level: 6 } }),
  event({ type: 'checkpoint.hit', actor: 'interviewer', payload: { checkpointId: 'refund' } }),
  event({ type: 'note.added', actor: 'interviewer', payload: { text: 'Calm start' } }),
  event({
    type: 'help.searched',
    actor: 'candidate',
    payload: { query: 'refund', results: ['refunds'] },
  }),
  event({
    type: 'help.opened',
    actor: 'candidate',
    payload: { articleId: 'refunds', title: 'Refunds' },
  }),
  event({ type: 'help.closed', actor: 'candidate', payload: { articleId: 'refunds' } }),
  event({ type: 'candidate.pasted', actor: 'candidate', payload: {} }),
  event({ type: 'session.solved', actor: 'interviewer', payload: {} }),
  event({
    type: 'session.ended',
    actor: 'interviewer',
    payload: { endedBy: 'interviewer', reason: 'Done early' },
  }),
];

describe('presenter', () => {
  it('words every event for staff, naming people as staff know them', () => {
    const present = presenter(context('staff'));
    expect(
      log.map((e) => present(e)).map((line) => line && [line.kind, line.who, line.text]),
    ).toEqual([
      ['system', 'Hotseat', 'The role-play started'],
      ['customer', 'Dana Whitfield (customer)', 'Ten!'],
      ['candidate', 'Ada Lovelace (candidate)', 'I am sorry.'],
      ['anger', 'Interviewer', 'Anger set to 6 of 10'],
      ['checkpoint', 'Interviewer', 'Checkpoint met: Refund the nine'],
      ['note', 'Interviewer note', 'Calm start'],
      ['help', 'Help center', 'Searched for "refund": 1 result'],
      ['help', 'Help center', 'Opened "Refunds"'],
      ['help', 'Help center', 'Closed "Refunds"'],
      ['attention', 'Signal', 'Pasted into the reply box'],
      ['system', 'Hotseat', 'The interviewer marked the issue solved'],
      ['system', 'Hotseat', 'The interviewer ended the role-play: Done early'],
    ]);
  });

  it('gives the beat of a customer line to staff only', () => {
    expect(presenter(context('staff'))(log[1])?.detail).toBe('beat opening');
    expect(presenter(context('candidate'))(log[1])).not.toHaveProperty('detail');
  });

  it('shows a candidate only the conversation, in their own words', () => {
    const present = presenter(context('candidate'));
    const shown = log.map((e) => present(e)).filter((line) => line !== null);
    expect(shown.map((line) => [line.who, line.text])).toEqual([
      ['Hotseat', 'The chat started'],
      ['Customer', 'Ten!'],
      ['You', 'I am sorry.'],
      ['Hotseat', 'The chat has ended'],
    ]);
  });

  it('says the time limit ended it, and counts results in plain words', () => {
    const present = presenter(context('staff'));
    const timeUp = event({
      type: 'session.ended',
      actor: 'system',
      payload: { endedBy: 'time-limit' },
    });
    expect(present(timeUp)?.text).toBe('The role-play ended at its time limit');
    const none = event({
      type: 'help.searched',
      actor: 'candidate',
      payload: { query: 'x', results: [] },
    });
    expect(present(none)?.text).toBe('Searched for "x": 0 results');
  });

  describe('on the desk', () => {
    const desk = [
      event({
        type: 'desk.viewed',
        actor: 'candidate',
        payload: { recordId: 'payments', title: 'Payments' },
      }),
      event({
        type: 'desk.acted',
        actor: 'candidate',
        payload: {
          actionId: 'refund',
          label: 'Refund the selected payments',
          input: { reason: 'Duplicate charge', amount: 5, payments: ['P1', 'P2'] },
          result: 'Refund started.',
          mistakes: ['refunded-valid-ticket'],
        },
      }),
      event({
        type: 'checkpoint.hit',
        actor: 'system',
        payload: { checkpointId: 'refund', metBy: 2 },
      }),
      event({
        type: 'checkpoint.cleared',
        actor: 'interviewer',
        payload: { checkpointId: 'refund' },
      }),
      event({
        type: 'desk.emailed',
        actor: 'candidate',
        payload: {
          subject: 'Your refund',
          body: 'Soon.',
          mentions: [
            { fact: '$801', found: true },
            { fact: '3-5 days', found: false },
          ],
        },
      }),
      event({
        type: 'desk.reported',
        actor: 'candidate',
        payload: { title: 'Ten charges', body: 'Bug.' },
      }),
    ];

    it('words lookups, actions, emails, reports and the desk’s checkpoints for staff, flagging mistakes', () => {
      const present = presenter({
        ...context('staff'),
        mistakeNote: (id) => (id === 'refunded-valid-ticket' ? 'The ticket is cancelled.' : id),
        deskForm: () => [
          { id: 'payments', label: 'Payments to refund' },
          { id: 'reason', label: 'Reason' },
        ],
      });
      const lines = desk.map((e) => present(e)!);
      expect(lines.map((line) => [line.kind, line.who, line.text])).toEqual([
        ['desk', 'Desk', 'Looked up Payments'],
        [
          'desk',
          'Desk',
          'Did "Refund the selected payments" (Payments to refund: P1, P2; Reason: Duplicate charge; amount: 5.00)',
        ],
        ['checkpoint', 'Desk', 'Checkpoint met by the desk: Refund the nine'],
        ['checkpoint', 'Interviewer', 'Checkpoint unticked: Refund the nine'],
        ['desk', 'Desk', 'Emailed the customer: "Your refund"'],
        ['desk', 'Desk', 'Reported to the product team: "Ten charges"'],
      ]);
      expect(lines[1]).toMatchObject({
        mistake: true,
        detail: 'Mistake: The ticket is cancelled.',
      });
      expect(lines[4].detail).toBe('Mentions (a signal) $801: yes; 3-5 days: no');
      expect(lines[0]).not.toHaveProperty('mistake');
    });

    it('draws nothing of the desk in the candidate’s chat', () => {
      const present = presenter(context('candidate'));
      expect(desk.map((e) => present(e))).toEqual(desk.map(() => null));
    });
  });
});
