import {
  actionResult,
  candidateDesk,
  checkInput,
  checkpointsMetBy,
  checkpointsMetByAction,
  deskRecords,
  mistakesOf,
  type Application,
  type DeskDefinition,
} from './desk';

const desk: DeskDefinition = {
  records: [
    { id: 'customer', title: 'Customer {{customer.name}}', fields: { Address: '1 Old Road' } },
    {
      id: 'payments',
      title: 'Payments for {{order.id}}',
      columns: { id: 'Payment', amount: 'Amount', status: 'Status' },
      rows: [
        { id: 'P1', amount: '$10.00', status: 'captured' },
        { id: 'P2', amount: '$10.00', status: 'captured' },
        { id: 'P3', amount: '$10.00', status: 'captured' },
      ],
    },
    { id: 'credits', title: 'Credits', columns: { id: 'Credit', amount: 'Amount' }, rows: [] },
  ],
  actions: [
    {
      id: 'refund',
      label: 'Refund',
      record: 'payments',
      inputs: [
        { id: 'payments', label: 'Payments', type: 'rows', pick: 'many', optional: false },
        {
          id: 'reason',
          label: 'Reason',
          type: 'choice',
          options: ['Duplicate', 'Other'],
          optional: false,
        },
      ],
      set: { status: 'refunded' },
      result: 'Refunded {{input.payments}} for {{input.reason}}.',
    },
    {
      id: 'credit',
      label: 'Credit',
      record: 'credits',
      inputs: [{ id: 'amount', label: 'Amount', type: 'money', max: 50, optional: false }],
      add: { amount: '${{input.amount}}' },
    },
    {
      id: 'move',
      label: 'Change the address',
      record: 'customer',
      inputs: [
        { id: 'address', label: 'New address', type: 'text', maxLength: 40, optional: false },
        { id: 'note', label: 'Note', type: 'text', maxLength: 40, optional: true },
      ],
      set: { Address: '{{input.address}}' },
    },
  ],
  rules: [
    { checkpoint: 'refund-two', when: { action: 'refund', rows: ['P2', 'P3'] } },
    {
      checkpoint: 'fee',
      when: { action: 'credit', input: { amount: { atLeast: 5, atMost: 20 } } },
    },
    { checkpoint: 'written', when: { email: true, mentions: ['$20', '3-5 days'] } },
    { checkpoint: 'told', when: { report: true } },
  ],
  mistakes: [
    { id: 'valid-one', when: { action: 'refund', rowsInclude: ['P1'] }, note: 'P1 is valid.' },
    {
      id: 'other-reason',
      when: { action: 'refund', input: { reason: { is: ['other'] } } },
      note: 'x',
    },
  ],
};
const context = { customer: { name: 'Dana' }, order: { id: 'TX-1' } };
const refund = (payments: string[], reason = 'Duplicate'): Application => ({
  actionId: 'refund',
  input: { payments, reason },
});
const action = (id: string) => desk.actions.find((a) => a.id === id)!;

describe('the agent desk', () => {
  it('renders the records with the scenario, then applies each action in order', () => {
    const fresh = deskRecords(desk, context, []);
    expect(fresh.map((record) => record.title)).toEqual([
      'Customer Dana',
      'Payments for TX-1',
      'Credits',
    ]);
    const after = deskRecords(desk, context, [
      refund(['P2']),
      { actionId: 'credit', input: { amount: 12.5 } },
      { actionId: 'credit', input: { amount: 3 } },
      { actionId: 'move', input: { address: '2 New Street' } },
    ]);
    expect(after[0]).toMatchObject({ fields: [{ label: 'Address', value: '2 New Street' }] });
    expect(after[1]).toMatchObject({
      rows: [
        { id: 'P1', cells: { status: 'captured' } },
        { id: 'P2', cells: { status: 'refunded' } },
        { id: 'P3', cells: { status: 'captured' } },
      ],
    });
    expect(after[2]).toMatchObject({
      rows: [
        { id: '1', cells: { id: '1', amount: '$12.50' } },
        { id: '2', cells: { id: '2', amount: '$3.00' } },
      ],
    });
    // Amounts read as people write them; a fixed id used twice stays unique.
    const big = deskRecords(desk, context, [{ actionId: 'credit', input: { amount: 2520 } }]);
    expect(big[2]).toMatchObject({ rows: [{ cells: { amount: '$2,520.00' } }] });
    const fixed: DeskDefinition = {
      ...desk,
      actions: desk.actions.map((a) =>
        a.id === 'credit' ? { ...a, add: { id: 'CR-1', amount: '1' } } : a,
      ),
    };
    const twice = deskRecords(fixed, context, [
      { actionId: 'credit', input: { amount: 1 } },
      { actionId: 'credit', input: { amount: 1 } },
    ]);
    expect(twice[2]).toMatchObject({ rows: [{ id: 'CR-1' }, { id: 'CR-1 (2)' }] });
    // The definition itself is never changed: the next rebuild starts fresh.
    expect(deskRecords(desk, context, [])).toEqual(fresh);
  });

  it('checks every input against the form and the records as they are', () => {
    const records = deskRecords(desk, context, []);
    const check = (id: string, input: unknown) => checkInput(action(id), input, records);
    expect(check('refund', { payments: ['P2', 'P2', 'P3'], reason: 'Duplicate' })).toEqual({
      input: { payments: ['P2', 'P3'], reason: 'Duplicate' },
    });
    expect(check('refund', { payments: 'P2', reason: 'Other' })).toEqual({
      input: { payments: ['P2'], reason: 'Other' },
    });
    expect(check('credit', { amount: '12.5' })).toEqual({ input: { amount: 12.5 } });
    expect(check('credit', { amount: 0.29 })).toEqual({ input: { amount: 0.29 } });
    expect(check('credit', { amount: 0.1 + 0.2 })).toEqual({ input: { amount: 0.3 } });
    expect(check('move', { address: '  2 New Street ' })).toEqual({
      input: { address: '2 New Street' },
    });
    const refused: Array<[string, unknown, string, string]> = [
      ['refund', [], 'input', 'map'],
      ['refund', { payments: ['P9'], reason: 'Other' }, 'input.payments', 'no row P9'],
      ['refund', { payments: [3], reason: 'Other' }, 'input.payments', 'at least one'],
      ['refund', { payments: ['P2'], reason: 'Nope' }, 'input.reason', 'one of: Duplicate, Other'],
      ['refund', { payments: ['P2'], reason: 'Other', x: 1 }, 'input.x', 'not an input'],
      ['credit', {}, 'input.amount', 'required'],
      ['credit', { amount: 50.5 }, 'input.amount', 'at most 50.00'],
      ['credit', { amount: 'lots' }, 'input.amount', 'above 0'],
      ['credit', { amount: '0x28' }, 'input.amount', 'above 0'],
      ['credit', { amount: '1e1' }, 'input.amount', 'above 0'],
      ['credit', { amount: 1.005 }, 'input.amount', 'two decimals'],
      ['move', { address: 'x'.repeat(41) }, 'input.address', 'at most 40'],
      ['move', { address: ['a'] }, 'input.address', 'must be text'],
    ];
    for (const [id, input, field, reason] of refused) {
      const answer = check(id, input);
      expect(answer).toEqual({ field, reason: expect.stringContaining(reason) });
    }
  });

  it('meets "exactly these rows" over every application, never with a wrong row among them', () => {
    expect(checkpointsMetByAction(desk, [refund(['P2'])])).toEqual([]);
    expect(checkpointsMetByAction(desk, [refund(['P2']), refund(['P3'])])).toEqual(['refund-two']);
    expect(checkpointsMetByAction(desk, [refund(['P3', 'P2'])])).toEqual(['refund-two']);
    expect(checkpointsMetByAction(desk, [refund(['P3']), refund(['P2', 'P3'])])).toEqual([
      'refund-two',
    ]);
    expect(checkpointsMetByAction(desk, [refund(['P1']), refund(['P2', 'P3'])])).toEqual([]);
    // Only the newest application can bring it about.
    expect(
      checkpointsMetByAction(desk, [
        refund(['P2', 'P3']),
        { actionId: 'credit', input: { amount: 1 } },
      ]),
    ).toEqual([]);
  });

  it('meets an amount rule only within its range', () => {
    const credit = (amount: number) => [{ actionId: 'credit', input: { amount } }];
    expect(checkpointsMetByAction(desk, credit(4.99))).toEqual([]);
    expect(checkpointsMetByAction(desk, credit(5))).toEqual(['fee']);
    expect(checkpointsMetByAction(desk, credit(20))).toEqual(['fee']);
    expect(checkpointsMetByAction(desk, credit(20.01))).toEqual([]);
  });

  it('names the mistakes one application makes', () => {
    expect(mistakesOf(desk, refund(['P2']))).toEqual([]);
    expect(mistakesOf(desk, refund(['P2', 'P1']))).toEqual(['valid-one']);
    expect(mistakesOf(desk, refund(['P1'], 'Other'))).toEqual(['valid-one', 'other-reason']);
  });

  it('ties emails and reports to their checkpoints', () => {
    expect(checkpointsMetBy(desk, 'email')).toEqual(['written']);
    expect(checkpointsMetBy(desk, 'report')).toEqual(['told']);
  });

  it('words the result with the inputs, or says it is done', () => {
    expect(
      actionResult(action('refund'), { payments: ['P2', 'P3'], reason: 'Duplicate' }, context),
    ).toBe('Refunded P2, P3 for Duplicate.');
    expect(actionResult(action('credit'), { amount: 5 }, context)).toBe('Done: Credit.');
  });

  it('gives the candidate the records’ titles and the forms, never the effects, rules or mistakes', () => {
    const shown = candidateDesk(desk, context);
    expect(shown.records).toEqual([
      { id: 'customer', title: 'Customer Dana' },
      { id: 'payments', title: 'Payments for TX-1' },
      { id: 'credits', title: 'Credits' },
    ]);
    const text = JSON.stringify(shown);
    for (const secret of ['refunded', 'valid-one', 'refund-two', 'atLeast', '{{input']) {
      expect(text).not.toContain(secret);
    }
  });
});
