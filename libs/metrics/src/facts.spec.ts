import { confirmationFactsOf, factsMentioned } from './facts';

describe(factsMentioned.name, () => {
  const found = (text: string, fact: string) => factsMentioned(text, [fact])[0].found;

  it.each([
    ['Your refund of $801.00 is on its way', '$801'],
    ['801 dollars are coming back', '$801'],
    ['It takes 3 to 5 business days', '3-5 business days'],
    ['It takes 3–5 Business Days.', '3-5 business days'],
    ['within 3-5 days, business ones', '3-5 business days'],
    ['We’ll refund the $1,250 today', '$1250'],
    ['a 35 dollar credit for the fee', '$35 fee'],
  ])('finds %j in "%s"', (text, fact) => {
    expect(found(text, fact)).toBe(true);
  });

  it.each([
    ['Your refund of $810 is on its way', '$801'],
    ['It takes 5 business days', '3-5 business days'],
    ['It takes 3-5 days', '3-5 business days'],
    ['', '$801'],
  ])('does not find %j in "%s"', (text, fact) => {
    expect(found(text, fact)).toBe(false);
  });

  it('answers every fact in order', () => {
    expect(factsMentioned('refund $801', ['$801', 'fee'])).toEqual([
      { fact: '$801', found: true },
      { fact: 'fee', found: false },
    ]);
  });

  it('takes the facts from the scenario’s email rule, once each', () => {
    const rules = [
      { when: { action: 'refund' } },
      { when: { email: true as const, mentions: ['$20', '3-5 days', '$20'] } },
    ];
    expect(confirmationFactsOf({ desk: { rules } })).toEqual(['$20', '3-5 days']);
    expect(confirmationFactsOf({})).toEqual([]);
  });
});
