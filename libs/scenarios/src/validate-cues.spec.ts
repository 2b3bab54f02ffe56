import { formatDiagnostic } from './diagnostics';
import { cueDiagnostics } from './validate-cues';
import { validateScenario } from './validate-scenario';

const ARTICLES = new Map([['reset-password', 'acme']]);

const HEADER = `id: locked-out
title: Locked out
product: acme
company: Acme
difficulty: easy
timeLimitMinutes: 5
persona:
  name: Pat Lee
  situation: Locked out of the account.
  temperament: Grumpy.
  initialAnger: 6
  calmAt: 2
briefing: You work at {{company}}.
opening: Let me in.
solution:
  summary: Reset the password.
  checkpoints:
    - { id: reset, label: Resets the password, required: true }
  articles: [reset-password]
helpCenter:
  articles: all
rubric:
  - id: empathy
    label: Empathy
    lookFor: Kindness.
    anchors: { 1: a, 2: b, 3: c, 4: d }
`;
const DESK = `desk:
  records:
    - { id: account, title: Account, fields: { Status: Locked } }
  actions:
    - { id: unlock, label: Unlock the account }
    - { id: delete-account, label: Delete the account }
  rules:
    - { checkpoint: reset, when: { action: unlock } }
`;

/**
 * The problems of a scenario whose beats are `beats`, with lines counted from the `beats:` line
 * (line 1), so that each test reads like the file it checks.
 */
function problems(beats: string, { desk = true } = {}): string[] {
  const head = HEADER + (desk ? DESK : '');
  const offset = head.split('\n').length - 1;
  const { diagnostics } = validateScenario('locked-out.yaml', `${head}beats:\n${beats}`, ARTICLES);
  return diagnostics.map((diagnostic) =>
    formatDiagnostic({ ...diagnostic, file: '', line: diagnostic.line - offset }).slice(1),
  );
}

const REST = `  - id: calm
    cue: After an apology
    line: Fine.
    anger: -1
`;

describe(cueDiagnostics.name, () => {
  it('accepts every condition, alone and together, and keeps them in the definition', () => {
    const beats = `  - id: sincere-apology
    cue: After a sincere apology that owns the problem
    line: Okay. Thank you.
    anger: -2
    once: true
    when:
      candidateSays: { categories: [apology, empathy] }
  - id: silence
    cue: If there is no reply for 60 seconds
    line: Hello??
    anger: 1
    when: { noReplyFor: 60 }
  - id: unlocked
    cue: When the candidate unlocks the account
    line: Finally.
    anger: -2
    once: false
    when: { action: unlock, angerAtMost: 8 }
  - id: still-angry
    cue: If the candidate says it takes days, after the apology, while she is still angry
    line: Days?!
    anger: 2
    when:
      afterBeat: sincere-apology
      angerAtLeast: 5
      angerAtMost: 10
      candidateSays: { phrases: [business days, "48 hours"], pattern: '\\b(5|10) ?days\\b' }
  - id: judged
    cue: Whenever it fits
    line: Hm.
    anger: 0
`;
    const { scenario, diagnostics } = validateScenario(
      'locked-out.yaml',
      `${HEADER}${DESK}beats:\n${beats}`,
      ARTICLES,
    );
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(scenario!.definition.beats).toEqual([
      expect.objectContaining({
        id: 'sincere-apology',
        once: true,
        when: { candidateSays: { categories: ['apology', 'empathy'] } },
      }),
      expect.objectContaining({ id: 'silence', when: { noReplyFor: 60 } }),
      expect.objectContaining({
        id: 'unlocked',
        once: false,
        when: { action: 'unlock', angerAtMost: 8 },
      }),
      expect.objectContaining({
        id: 'still-angry',
        when: {
          afterBeat: 'sincere-apology',
          angerAtLeast: 5,
          angerAtMost: 10,
          candidateSays: { phrases: ['business days', '48 hours'], pattern: '\\b(5|10) ?days\\b' },
        },
      }),
      { id: 'judged', cue: 'Whenever it fits', line: 'Hm.', anger: 0 },
    ]);
  });

  it('refuses a when that is not a map, is empty or has a field that is not a condition', () => {
    expect(
      problems(`  - { id: a, cue: x, line: y, anger: 0, when: 60 }
  - { id: b, cue: x, line: y, anger: 0, when: {} }
  - id: c
    cue: x
    line: y
    anger: 0
    when:
  - { id: d, cue: x, line: y, anger: 0, when: { noReplyfor: 60 } }
  - { id: e, cue: x, line: y, anger: 0, once: yes, when: { noReplyFor: 60 } }
`),
    ).toEqual([
      '2:47: beats[0].when: must be a map of conditions, such as { noReplyFor: 60 } (got 60)',
      '3:41: beats[1].when: must give at least one condition (noReplyFor, candidateSays, afterBeat, angerAtLeast, angerAtMost or action); leave when out for a cue the interviewer judges',
      '8:5: beats[2].when: must give at least one condition (noReplyFor, candidateSays, afterBeat, angerAtLeast, angerAtMost or action); leave when out for a cue the interviewer judges',
      '9:49: beats[3].when.noReplyfor: is not a condition: a when may give noReplyFor, candidateSays, afterBeat, angerAtLeast, angerAtMost or action (did you mean noReplyFor?)',
      '10:47: beats[4].once: must be true or false (got "yes")',
    ]);
  });

  it('wants noReplyFor to be a whole number of seconds from 10 to 600', () => {
    expect(
      problems(`  - { id: a, cue: x, line: y, anger: 0, when: { noReplyFor: 5 } }
  - { id: b, cue: x, line: y, anger: 0, when: { noReplyFor: 60.5 } }
  - { id: c, cue: x, line: y, anger: 0, when: { noReplyFor: 601 } }
  - { id: d, cue: x, line: y, anger: 0, when: { noReplyFor: } }
`),
    ).toEqual([
      '2:61: beats[0].when.noReplyFor: must be a whole number from 10 to 600 (got 5)',
      '3:61: beats[1].when.noReplyFor: must be a whole number from 10 to 600 (got 60.5)',
      '4:61: beats[2].when.noReplyFor: must be a whole number from 10 to 600 (got 601)',
      '5:49: beats[3].when.noReplyFor: is empty: it must be a whole number of seconds from 10 to 600',
    ]);
  });

  it('names the phrase categories when candidateSays lists one that does not exist', () => {
    expect(
      problems(`  - id: a
    cue: x
    line: y
    anger: 0
    when:
      candidateSays:
        categories:
          - apology
          - next-steps
          - gratitude
  - { id: b, cue: x, line: y, anger: 0, when: { candidateSays: {} } }
  - { id: c, cue: x, line: y, anger: 0, when: { candidateSays: { categories: [] } } }
  - { id: d, cue: x, line: y, anger: 0, when: { candidateSays: sorry } }
`),
    ).toEqual([
      '10:13: beats[0].when.candidateSays.categories[1]: names next-steps, which is not a phrase category (did you mean nextSteps?) (the categories: apology, empathy, ownership, nextSteps, rapport (docs/signals.md, "The phrase lexicon"))',
      '11:13: beats[0].when.candidateSays.categories[2]: names gratitude, which is not a phrase category (the categories: apology, empathy, ownership, nextSteps, rapport (docs/signals.md, "The phrase lexicon"))',
      '12:64: beats[1].when.candidateSays: must give at least one of categories, phrases or pattern',
      '13:78: beats[2].when.candidateSays.categories: must list at least one phrase category',
      '14:64: beats[3].when.candidateSays: must be a map of categories, phrases or a pattern (got "sorry")',
    ]);
  });

  it('wants 1 to 20 phrases of 1 to 100 characters, each with a letter or digit', () => {
    const many = Array.from({ length: 21 }, (_, i) => `p${i}`).join(', ');
    expect(
      problems(`  - id: a
    cue: x
    line: y
    anger: 0
    when:
      candidateSays:
        phrases: [business days, '?!', '${'x'.repeat(101)}']
  - { id: b, cue: x, line: y, anger: 0, when: { candidateSays: { phrases: [${many}] } } }
  - { id: c, cue: x, line: y, anger: 0, when: { candidateSays: { phrases: [1, 2] } } }
`),
    ).toEqual([
      '8:34: beats[0].when.candidateSays.phrases[1]: must have at least one letter or digit: phrases are read as whole words, without punctuation',
      '8:40: beats[0].when.candidateSays.phrases[2]: must be a phrase of 1 to 100 characters',
      '9:75: beats[1].when.candidateSays.phrases: must list at most 20 phrases',
      '10:75: beats[2].when.candidateSays.phrases: must be a list of phrases, as text',
    ]);
  });

  it('reports, in plain words, a pattern that RE2 cannot read or that matches every message', () => {
    expect(
      problems(`  - { id: a, cue: x, line: y, anger: 0, when: { candidateSays: { pattern: '(refund' } } }
  - { id: b, cue: x, line: y, anger: 0, when: { candidateSays: { pattern: '\\d{2,1}' } } }
  - { id: c, cue: x, line: y, anger: 0, when: { candidateSays: { pattern: 'days?|' } } }
  - { id: d, cue: x, line: y, anger: 0, when: { candidateSays: { pattern: '${'a'.repeat(201)}' } } }
  - { id: e, cue: x, line: y, anger: 0, when: { candidateSays: { pattern: '(?<=refund) days' } } }
`),
    ).toEqual([
      '2:75: beats[0].when.candidateSays.pattern: is not a regular expression Hotseat can read: missing closing )',
      '3:75: beats[1].when.candidateSays.pattern: is not a regular expression Hotseat can read: invalid repeat count',
      '4:75: beats[2].when.candidateSays.pattern: is not a regular expression Hotseat can read: it matches an empty message, so every message would match',
      `5:75: beats[3].when.candidateSays.pattern: must be text of 1 to 200 characters (got "${'a'.repeat(201)}")`,
      // RE2 has no look-behind (nor back-references): what it cannot do in linear time.
      '6:75: beats[4].when.candidateSays.pattern: is not a regular expression Hotseat can read: invalid named capture',
    ]);
  });

  it('wants afterBeat to name another beat of the scenario, with a did-you-mean', () => {
    expect(
      problems(`${REST}  - { id: a, cue: x, line: y, anger: 0, when: { afterBeat: clam } }
  - { id: b, cue: x, line: y, anger: 0, when: { afterBeat: b } }
  - { id: c, cue: x, line: y, anger: 0, when: { afterBeat: refund-done } }
`),
    ).toEqual([
      '6:60: beats[1].when.afterBeat: names the beat clam, which this scenario does not have (did you mean calm?)',
      '7:60: beats[2].when.afterBeat: names this beat itself: afterBeat must be another beat of this scenario',
      '8:60: beats[3].when.afterBeat: names the beat refund-done, which this scenario does not have',
    ]);
  });

  it('wants anger levels from 0 to 10, at least no higher than at most', () => {
    expect(
      problems(`  - { id: a, cue: x, line: y, anger: 0, when: { angerAtLeast: 11 } }
  - { id: b, cue: x, line: y, anger: 0, when: { angerAtMost: -1 } }
  - id: c
    cue: x
    line: y
    anger: 0
    when:
      angerAtMost: 3
      angerAtLeast: 5
`),
    ).toEqual([
      '2:63: beats[0].when.angerAtLeast: must be a whole number from 0 to 10 (got 11)',
      '3:62: beats[1].when.angerAtMost: must be a whole number from 0 to 10 (got -1)',
      '10:21: beats[2].when.angerAtLeast: must be at most angerAtMost (3): no anger level is both at least 5 and at most 3',
    ]);
  });

  it('wants action to name an action of the desk, and a desk', () => {
    expect(
      problems(`  - { id: a, cue: x, line: y, anger: 0, when: { action: unlok } }
  - { id: b, cue: x, line: y, anger: 0, when: { action: refund } }
`),
    ).toEqual([
      '2:57: beats[0].when.action: names the action unlok, which the desk does not have (did you mean unlock?) (its actions: unlock, delete-account)',
      '3:57: beats[1].when.action: names the action refund, which the desk does not have (its actions: unlock, delete-account)',
    ]);
    expect(
      problems(`  - { id: a, cue: x, line: y, anger: 0, when: { action: unlock } }\n`, {
        desk: false,
      }),
    ).toEqual([
      '2:57: beats[0].when.action: names the action unlock, but this scenario has no desk: the candidate has no actions to apply',
    ]);
  });

  it('refuses noReplyFor together with candidateSays or action, which can never hold', () => {
    expect(
      problems(`  - id: a
    cue: x
    line: y
    anger: 0
    when:
      noReplyFor: 60
      candidateSays: { categories: [apology] }
  - { id: b, cue: x, line: y, anger: 0, when: { action: unlock, noReplyFor: 30 } }
  - { id: c, cue: x, line: y, anger: 0, when: { noReplyFor: 30, afterBeat: a, angerAtLeast: 4 } }
`),
    ).toEqual([
      "7:19: beats[0].when.noReplyFor: can never hold together with candidateSays (a message from the candidate): noReplyFor waits for the candidate to stay silent since the customer's last line, the other needs them to have done something since; make them two beats",
      "9:77: beats[1].when.noReplyFor: can never hold together with action (an action the candidate applied): noReplyFor waits for the candidate to stay silent since the customer's last line, the other needs them to have done something since; make them two beats",
    ]);
  });

  it('names the fields of candidateSays for one it does not have', () => {
    expect(
      problems(
        `  - { id: a, cue: x, line: y, anger: 0, when: { candidateSays: { phrase: [sorry] } } }\n`,
      ),
    ).toEqual([
      '2:66: beats[0].when.candidateSays.phrase: is not a field of candidateSays: it may give categories, phrases or pattern (did you mean phrases?)',
    ]);
  });
});
