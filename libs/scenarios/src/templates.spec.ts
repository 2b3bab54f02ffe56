import { checkTemplate, renderTemplate, templateContext } from './templates';

const scenario = {
  company: 'Tixly',
  persona: { name: 'Dana Whitfield' },
  variables: { order: { id: 'TX-1' } },
};
const context = templateContext(scenario, { firstName: 'Sam', lastName: 'Okafor' });

describe(renderTemplate.name, () => {
  it('fills in the candidate, the customer, the company and the scenario variables', () => {
    expect(
      renderTemplate(
        'Hi {{candidate.firstName}} ({{candidate.name}}), {{customer.firstName}} of order {{order.id}} at {{company}}',
        context,
      ),
    ).toBe('Hi Sam (Sam Okafor), Dana of order TX-1 at Tixly');
  });

  it('keeps text as typed: escaping is for whoever displays it', () => {
    expect(renderTemplate('<b>{{order.id}}</b> & "quotes"', { order: { id: '<1>' } })).toBe(
      '<b><1></b> & "quotes"',
    );
  });

  it('throws on a variable that does not exist instead of leaving a gap', () => {
    expect(() => renderTemplate('Hi {{candidate.nickname}}', context)).toThrow(
      '"nickname" not defined',
    );
  });
});

describe(checkTemplate.name, () => {
  it('names the whole missing path, where it is, and what is known', () => {
    expect(checkTemplate('Line one\nHello {{order.number}}!', context)).toEqual({
      line: 2,
      column: 9,
      message: expect.stringMatching(
        /^uses \{\{order\.number\}\}, which is not a known variable \(known: order\.id, candidate\.firstName/,
      ),
    });
  });

  it('accepts the built-in helpers and refuses others', () => {
    expect(checkTemplate('{{#if order.id}}yes{{/if}}', context)).toBeUndefined();
    expect(checkTemplate('{{upper company}}', context)?.message).toBe(
      'uses the helper upper, which does not exist (use if, unless, each or with)',
    );
  });
});
