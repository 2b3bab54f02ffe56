import { HEARD_PHRASES, PHRASE_CATEGORIES, PHRASE_LEXICON } from './lexicon';
import { CANNED_RUN_WORDS, signalsOf, type SignalsInput } from './signals';
import type { ArticleText, TimedMessage } from './types';

let nextSeq = 1;
function message(text: string, atMs = 0): TimedMessage {
  return { seq: nextSeq++, atMs, text };
}

function chat(input: Partial<SignalsInput>): SignalsInput {
  return {
    candidateMessages: [],
    customerMessages: [],
    customerName: 'Dana Whitfield',
    articles: [],
    ...input,
  };
}

describe(signalsOf.name, () => {
  describe('lexicon', () => {
    it('writes every phrase as lowercase words separated by single spaces, once per list', () => {
      const lists = [
        ...PHRASE_CATEGORIES.map((category) => PHRASE_LEXICON[category]),
        HEARD_PHRASES.hear,
        HEARD_PHRASES.diagnose,
      ];
      for (const list of lists) {
        for (const phrase of list) expect(phrase).toMatch(/^[a-z0-9']+( [a-z0-9']+)*$/);
        expect(new Set(list).size).toBe(list.length);
      }
    });
  });

  describe('phrases', () => {
    it('counts each category once per phrase, longest first, ignoring case and curly apostrophes', () => {
      const candidateMessages = [
        message('Hi Dana, I’m so sorry about the double charge. My apologies!', 20_000),
        message(
          'I understand, that must be frustrating. Let me check your account and I’ll take care of it.',
          45_000,
        ),
        message(
          'DANA, here’s what happens next: you’ll receive the refund within 3 business days. Thanks for your patience!',
          80_000,
        ),
      ];
      const [first, second, third] = candidateMessages.map((m) => m.seq);

      const signals = signalsOf(chat({ candidateMessages }));

      expect(signals.phrases).toEqual({
        apology: 2, // "so sorry" (not also "sorry"), "my apologies" (not also "apologies")
        empathy: 2, // "i understand", "that must be frustrating" (not also "frustrating")
        ownership: 2, // "let me check", "i'll take care of"
        nextSteps: 5, // "here's what", "next", "you'll receive", "within", "business days"
        rapport: 4, // "hi", "dana", "dana", "thanks for"
      });
      expect(signals.matches.map((m) => [m.seq, m.category, m.phrase])).toEqual([
        [first, 'rapport', 'hi'],
        [first, 'rapport', 'dana'],
        [first, 'apology', 'so sorry'],
        [first, 'apology', 'my apologies'],
        [second, 'empathy', 'i understand'],
        [second, 'empathy', 'that must be frustrating'],
        [second, 'ownership', 'let me check'],
        [second, 'ownership', "i'll take care of"],
        [third, 'rapport', 'dana'],
        [third, 'nextSteps', "here's what"],
        [third, 'nextSteps', 'next'],
        [third, 'nextSteps', "you'll receive"],
        [third, 'nextSteps', 'within'],
        [third, 'nextSteps', 'business days'],
        [third, 'rapport', 'thanks for'],
      ]);
      expect(signals.matches[4]).toMatchObject({ seq: second, atMs: 45_000 });
    });

    it('matches whole words only', () => {
      const candidateMessages = [
        message('Checking with the Nextday courier at Danaway Logistics.'),
      ];

      const signals = signalsOf(chat({ candidateMessages }));

      expect(signals.matches).toEqual([]);
    });

    it("counts a hyphenated first name used in full as the customer's name", () => {
      const candidateMessages = [message('Thanks, Mary-Jane!')];

      const signals = signalsOf(chat({ candidateMessages, customerName: 'Mary-Jane Okafor' }));

      expect(signals.matches.map((m) => m.phrase)).toEqual(['thanks', 'mary jane']);
    });
  });

  describe('sentiment', () => {
    it("sees the customer's mood improving from the first to the last message", () => {
      const customerMessages = [
        // AFINN: furious -3, charged -3 = -6 over 7 words -> -0.857
        message('I am furious. You charged me twice!'),
        // better +2 = 2 over 4 words -> 0.5
        message('Okay, that is better.'),
        // great +3, thanks +2 = 5 over 2 words -> 2.5
        message('Great, thanks!'),
      ];

      const { sentiment } = signalsOf(chat({ customerMessages }));

      expect(sentiment.customer.map((s) => [s.score, s.comparative])).toEqual([
        [-6, -0.857],
        [2, 0.5],
        [5, 2.5],
      ]);
      expect(sentiment.customerTrend).toEqual({
        first: -0.857,
        last: 2.5,
        change: 3.357,
        direction: 'improving',
      });
    });

    it("sees the customer's mood worsening", () => {
      const customerMessages = [
        // thanks +2, good +3 = 5 over 4 words -> 1.25
        message('Thanks, that is good.'),
        // useless -2, wrong -2 = -4 over 5 words -> -0.8
        message('This is useless and wrong.'),
      ];

      const { sentiment } = signalsOf(chat({ customerMessages }));

      expect(sentiment.customerTrend).toEqual({
        first: 1.25,
        last: -0.8,
        change: -2.05,
        direction: 'worsening',
      });
    });

    it('calls an unchanged mood steady', () => {
      // No AFINN words in either message: 0 and 0.
      const customerMessages = [message('Where is my order?'), message('Any news on my order?')];

      const { sentiment } = signalsOf(chat({ customerMessages }));

      expect(sentiment.customerTrend).toEqual({
        first: 0,
        last: 0,
        change: 0,
        direction: 'steady',
      });
    });

    it('has no trend with a single customer message', () => {
      const customerMessages = [message('I am furious.')];

      const { sentiment } = signalsOf(chat({ customerMessages }));

      expect(sentiment.customer).toHaveLength(1);
      expect(sentiment.customerTrend).toBeNull();
    });

    it('scores candidate messages, reading a curly “don’t” as a negation', () => {
      // like +2, negated by "don't" -> -2 over 5 words -> -0.4
      const candidateMessages = [message('I don’t like this either.', 12_000)];

      const { sentiment } = signalsOf(chat({ candidateMessages }));

      expect(sentiment.candidate).toEqual([
        { seq: candidateMessages[0]?.seq, atMs: 12_000, score: -2, comparative: -0.4 },
      ]);
    });
  });

  describe('canned answers', () => {
    const shipping: ArticleText = {
      id: 'shipping-times',
      title: 'Shipping times',
      text: 'Orders ship within two business days from our warehouse in Leeds and arrive in three to five days.',
    };
    const duplicates: ArticleText = {
      id: 'duplicate-charges',
      title: 'Duplicate charges',
      text:
        '## Duplicate charges\n\nIf you see two charges for one order, the second one is a **pending ' +
        'authorisation** that your bank releases automatically within five business days. You do not ' +
        'need to contact us.',
    };
    const articles = [shipping, duplicates];

    it(`flags a message copying exactly ${CANNED_RUN_WORDS} consecutive words of an article`, () => {
      // the second one is a pending authorisation that your bank releases automatically = 12 words
      const copied = message(
        'Good news: The second one is a Pending Authorisation that your bank releases automatically, so relax.',
        60_000,
      );

      const signals = signalsOf(chat({ candidateMessages: [copied], articles }));

      expect(signals.cannedAnswers).toEqual([
        {
          seq: copied.seq,
          atMs: 60_000,
          articleId: 'duplicate-charges',
          articleTitle: 'Duplicate charges',
          words: 12,
          excerpt:
            'the second one is a pending authorisation that your bank releases automatically',
        },
      ]);
    });

    it(`does not flag a message copying ${CANNED_RUN_WORDS - 1} consecutive words`, () => {
      // the second one is a pending authorisation that your bank releases = 11 words, in a 15-word message
      const copied = message(
        'Don’t worry: the second one is a pending authorisation that your bank releases, usually fast.',
      );

      const signals = signalsOf(chat({ candidateMessages: [copied], articles }));

      expect(signals.cannedAnswers).toEqual([]);
    });

    it('reports the longest run when a message copies from two articles', () => {
      const copied = message(
        // 13 words of the shipping article, then 15 of the duplicate-charges article
        'Orders ship within two business days from our warehouse in Leeds and arrive. Also, ' +
          'your bank releases automatically within five business days. You do not need to contact us.',
      );

      const signals = signalsOf(chat({ candidateMessages: [copied], articles }));

      expect(signals.cannedAnswers.map((c) => [c.articleId, c.words])).toEqual([
        ['duplicate-charges', 15],
      ]);
    });

    it('cuts a long excerpt after a whole word, within 120 characters', () => {
      const copied = message(duplicates.text);

      const [canned] = signalsOf(chat({ candidateMessages: [copied], articles })).cannedAnswers;

      expect(canned?.words).toBe(33);
      expect(canned?.excerpt).toBe(
        'duplicate charges if you see two charges for one order the second one is a pending authorisation that your bank…',
      );
    });
  });

  describe('HEARD order', () => {
    it('flags a fix offered before any acknowledgement', () => {
      const fix = message('Let me check that order for you.', 5_000);
      const sorry = message('I’m so sorry, that must be frustrating.', 30_000);

      const { heard } = signalsOf(chat({ candidateMessages: [fix, sorry] }));

      expect(heard.steps).toEqual({
        hear: null,
        empathise: { seq: sorry.seq, atMs: 30_000 },
        apologise: { seq: sorry.seq, atMs: 30_000 },
        resolve: { seq: fix.seq, atMs: 5_000 },
        diagnose: null,
      });
      expect(heard.flags).toEqual([
        {
          code: 'fix-before-acknowledging',
          message: "Offered a fix before acknowledging the customer's frustration.",
          seq: fix.seq,
        },
        expect.objectContaining({ code: 'no-diagnosis', seq: null }),
      ]);
    });

    it('raises no flag when the candidate hears, empathises and apologises before resolving and diagnosing', () => {
      const acknowledge = message(
        'I see, you were charged twice. I’m really sorry, I can imagine how annoying that is.',
        10_000,
      );
      const resolve = message(
        'I’ve refunded the second charge, so you will receive it within 3 days. This happened because ' +
          'of a retry on our side, and I’ve reported it so it doesn’t happen again.',
        50_000,
      );

      const { heard } = signalsOf(chat({ candidateMessages: [acknowledge, resolve] }));

      expect(heard.steps).toEqual({
        hear: { seq: acknowledge.seq, atMs: 10_000 },
        empathise: { seq: acknowledge.seq, atMs: 10_000 },
        apologise: { seq: acknowledge.seq, atMs: 10_000 },
        resolve: { seq: resolve.seq, atMs: 50_000 },
        diagnose: { seq: resolve.seq, atMs: 50_000 },
      });
      expect(heard.flags).toEqual([]);
    });

    it('counts an apology and a fix in the same message as acknowledged first', () => {
      const both = message(
        'Sorry about that, let me fix it. I can imagine the worry; the reason is a bug.',
      );

      const { heard } = signalsOf(chat({ candidateMessages: [both] }));

      expect(heard.flags).toEqual([]);
    });

    it('flags every missing step when the candidate only offers a fix', () => {
      const fix = message('I’ll refund it now.');

      const { heard } = signalsOf(chat({ candidateMessages: [fix] }));

      expect(heard.flags.map((f) => [f.code, f.seq])).toEqual([
        ['fix-before-acknowledging', fix.seq],
        ['no-apology', null],
        ['no-empathy', null],
        ['no-diagnosis', null],
      ]);
    });

    it('judges nothing when the candidate sent no message', () => {
      const customerMessages = [message('Hello? Is anyone there?')];

      const { heard } = signalsOf(chat({ customerMessages }));

      expect(heard).toEqual({
        steps: { hear: null, empathise: null, apologise: null, resolve: null, diagnose: null },
        flags: [],
      });
    });
  });
});
