import { randomUUID } from 'node:crypto';

/**
 * The bad-input corpus as data: values that no field should accept, by kind of field, and the
 * builders that combine them with a route's or an event's valid input, one field at a time.
 * test/bad-input.e2e-spec.ts sends them.
 */

/** JSON text inserted as it is: structures too deep for JSON.stringify (and socket.io-client) to write. */
export class Raw {
  constructor(readonly json: string) {}
}

export const deepArray = (depth: number) => new Raw('['.repeat(depth) + ']'.repeat(depth));
export const deepObject = (depth: number) =>
  new Raw('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

/** JSON text of `value`, with every Raw written verbatim. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (!(item instanceof Raw)) return item;
    raws.push(item.json);
    return `\u0001raw:${raws.length - 1}`;
  });
  return text.replace(/"\\u0001raw:(\d+)"/g, (_match, index: string) => raws[Number(index)]);
}

export function containsRaw(value: unknown): boolean {
  if (value instanceof Raw) return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(containsRaw);
}

/**
 * `base` plus an own, enumerable property `key`, even for `__proto__` (an object literal would set
 * the prototype instead, and JSON.stringify would leave it out). JSON.parse makes the same on a server.
 */
export function withKey(base: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

export const NUL = 'a\u0000b';
export const LONE_HIGH = 'x\ud83d';
export const LONE_LOW = '\udc00y';
export const MEGABYTE = 'x'.repeat(1024 * 1024);
export const long = (length: number) => 'x'.repeat(length);
export const POLLUTION = { polluted: 'yes', isAdmin: true, role: 'admin' };
/** Well under 100 KB as JSON: 40,000 and 30,001 bytes. */
export const DEEP_ARRAY = deepArray(20_000);
export const DEEP_OBJECT = deepObject(5_000);
/** What still fits in one socket message (32,384 bytes): 30,000 and 30,001 bytes. */
export const SOCKET_DEEP_ARRAY = deepArray(15_000);
export const SOCKET_DEEP_OBJECT = deepObject(5_000);

/** `'4xx'`: any client error will do; a number: exactly that status. */
export type HttpExpected = number | '4xx';
export type HttpBad = [label: string, value: unknown, expected: HttpExpected];

const typesForText: HttpBad[] = [
  ['a number', 123, 400],
  ['true', true, 400],
  ['null', null, 400],
  ['an empty array', [], 400],
  ['an array of text', ['x'], 400],
  ['an object', { a: 'x' }, 400],
];
const typesForNumber: HttpBad[] = [
  ['text "3"', '3', 400],
  ['null', null, 400],
  ['true', true, 400],
  ['an empty array', [], 400],
  ['an array [3]', [3], 400],
  ['an object', { value: 3 }, 400],
];
const textContent = (max: number): HttpBad[] => [
  ['a NUL byte ("a\\u0000b")', NUL, '4xx'],
  ['a lone high surrogate ("x\\ud83d")', LONE_HIGH, '4xx'],
  ['a lone low surrogate ("\\udc00y")', LONE_LOW, '4xx'],
  [`${max + 1} characters (over the limit)`, long(max + 1), 400],
];
const uuidContent: HttpBad[] = [
  ['a word that is no UUID', 'not-a-uuid', 400],
  ['a NUL byte', NUL, 400],
  ['a UUID and a NUL byte', `${randomUUID()}\u0000`, 400],
  ['a lone surrogate', LONE_HIGH, 400],
  ['a path traversal', '../../etc/passwd', 400],
];

/** Bad values for each kind of body field, over HTTP. */
export const HTTP_FIELD_VALUES = {
  /** Any text up to `max` characters: login's email and password. */
  anyText: (max: number): HttpBad[] => [...typesForText, ...textContent(max)],
  /** Text of 1 to `max` characters, trimmed: names, titles. */
  text: (max: number): HttpBad[] => [
    ...typesForText,
    ...textContent(max),
    ['empty text', '', 400],
    ['only spaces', '   ', 400],
  ],
  /** Text up to `max` that may be empty: notes, evidence. */
  notes: (max: number): HttpBad[] => [...typesForText, ...textContent(max)],
  email: (): HttpBad[] => [
    ...typesForText,
    ['a NUL byte in an address', 'a\u0000b@example.com', 400],
    ['a lone surrogate in an address', 'x\ud83d@example.com', 400],
    ['no address', 'not-an-email', 400],
    ['255 characters', `${long(243)}@example.com`, 400],
  ],
  password: (): HttpBad[] => [
    ...typesForText,
    ['a NUL byte in a long password', 'long-enough\u0000password', '4xx'],
    ['a lone surrogate in a long password', 'long-enough\ud83dpassword', '4xx'],
    ['a short password', 'short', 400],
    ['201 characters', long(201), 400],
  ],
  choice: (): HttpBad[] => [
    ...typesForText,
    ['a value in capitals', 'ADMIN', 400],
    ['a NUL byte', NUL, 400],
    ['"__proto__"', '__proto__', 400],
    ['"constructor"', 'constructor', 400],
    ['"toString"', 'toString', 400],
  ],
  bool: (): HttpBad[] => [
    ['text "true"', 'true', 400],
    ['the number 1', 1, 400],
    ['null', null, 400],
    ['an empty array', [], 400],
    ['an object', { value: true }, 400],
  ],
  uuid: (): HttpBad[] => [
    ['a number', 123, 400],
    ['null', null, 400],
    ['an array of a UUID', [randomUUID()], 400],
    ['an object', { id: randomUUID() }, 400],
    ...uuidContent,
  ],
  /** A scenario id: any text of 1-200 characters, checked against the catalog. */
  slug: (): HttpBad[] => [
    ...typesForText,
    ['a NUL byte', NUL, '4xx'],
    ['a lone surrogate', LONE_HIGH, '4xx'],
    ['a path traversal', '../../etc/passwd', '4xx'],
    ['"__proto__"', '__proto__', '4xx'],
    ['"constructor"', 'constructor', '4xx'],
    ['201 characters', long(201), 400],
    ['empty text', '', 400],
  ],
  score: (max: number): HttpBad[] => [
    ...typesForNumber,
    ['0', 0, 400],
    [`${max + 1}`, max + 1, 400],
    ['2.5', 2.5, 400],
    ['1e308', 1e308, 400],
  ],
  scenarioIds: (): HttpBad[] => [
    ['one id as text', 'charged-ten-times', 400],
    ['an object', { 0: 'charged-ten-times' }, 400],
    ['null', null, 400],
    ['an empty list', [], 400],
    ['a list of null', [null], 400],
    ['a list of a number', [1], 400],
    ['a list of a nested list', [['charged-ten-times']], 400],
    ['an id with a NUL byte', ['charged-ten-times\u0000'], '4xx'],
    ['an id with a lone surrogate', ['charged-ten-times\ud83d'], '4xx'],
    ['a path traversal', ['../../etc/passwd'], '4xx'],
    ['"__proto__"', ['__proto__'], '4xx'],
    ['the same id twice', ['charged-ten-times', 'charged-ten-times'], 400],
    ['51 ids', Array.from({ length: 51 }, (_v, i) => `scenario-${i}`), 400],
  ],
  weights: (): HttpBad[] => {
    const valid = { rubric: 40, csat: 15, productTeam: 15, shadowing: 15, roleplay: 15 };
    return [
      ['text', 'equal', 400],
      ['a list', [40, 15, 15, 15, 15], 400],
      ['null', null, 400],
      ['an empty object', {}, 400],
      ['a weight as text', { ...valid, rubric: '40' }, 400],
      ['a weight of 101', { ...valid, rubric: 101 }, 400],
      ['a weight with a NUL byte', { ...valid, rubric: NUL }, 400],
      ['an unknown weight', { ...valid, luck: 10 }, 400],
      ['a __proto__ key', withKey(valid, '__proto__', POLLUTION), 400],
      ['a constructor key', withKey(valid, 'constructor', POLLUTION), 400],
    ];
  },
  /** `{ score, notes? }`: the product-team answer, each shadowing answer. */
  scoredNotes: (): HttpBad[] => [
    ['text', 'good', 400],
    ['a number', 3, 400],
    ['null', null, 400],
    ['an empty list', [], 400],
    ['a list of an answer', [{ score: 1 }], 400],
    ['an empty object', {}, 400],
    ['a score as text', { score: '3' }, 400],
    ['a score of 5', { score: 5 }, 400],
    ['notes with a NUL byte', { score: 3, notes: NUL }, '4xx'],
    ['notes with a lone surrogate', { score: 3, notes: LONE_HIGH }, '4xx'],
    ['notes of 4,001 characters', { score: 3, notes: long(4001) }, 400],
    ['notes as a list', { score: 3, notes: ['x'] }, 400],
    ['an unknown key', { score: 3, extra: 1 }, 400],
    ['a __proto__ key', withKey({ score: 3 }, '__proto__', POLLUTION), 400],
    ['a constructor key', withKey({ score: 3 }, 'constructor', POLLUTION), 400],
  ],
  attributes: (): HttpBad[] => [
    ['text', 'clarity', 400],
    ['an object', { id: 'clarity', score: 3 }, 400],
    ['null', null, 400],
    ['a list of null', [null], 400],
    ['a list of text', ['clarity'], 400],
    ['a score as text', [{ id: 'clarity', score: '3' }], 400],
    ['an id with a NUL byte', [{ id: 'clarity\u0000', score: 3 }], '4xx'],
    ['evidence with a NUL byte', [{ id: 'clarity', score: 3, evidence: NUL }], '4xx'],
    ['evidence with a lone surrogate', [{ id: 'clarity', score: 3, evidence: LONE_HIGH }], '4xx'],
    [
      'an attribute with a __proto__ key',
      [withKey({ id: 'clarity', score: 3 }, '__proto__', POLLUTION)],
      400,
    ],
    ['an attribute with an unknown key', [{ id: 'clarity', score: 3, extra: 1 }], 400],
    ['51 attributes', Array.from({ length: 51 }, () => ({ id: 'clarity', score: 3 })), 400],
  ],
} as const;

/** Bad values for a query parameter: the raw text after `name=` (already percent-encoded). */
export type QueryBad = [label: string, query: (name: string) => string, expected: HttpExpected];
const q =
  (value: string) =>
  (name: string): string =>
    `${name}=${value}`;

/** Text that is not text: a NUL byte, or bytes that are no UTF-8 (Express then keeps them encoded). */
const queryBytes: QueryBad[] = [
  ['%00', q('%00'), '4xx'],
  ['a%00b', q('a%00b'), '4xx'],
  ['invalid UTF-8 (%FF)', q('%FF'), '4xx'],
  ['an encoded lone surrogate (%ED%A0%BD)', q('x%ED%A0%BD'), '4xx'],
];
const queryShapes: QueryBad[] = [
  ['a repeated parameter (a list)', (name) => `${name}=a&${name}=b`, 400],
  ['a list (name[]=)', (name) => `${name}[]=a&${name}[]=b`, 400],
  ['an object (name[a]=)', (name) => `${name}[a]=b`, 400],
  ['a __proto__ key (name[__proto__]=)', (name) => `${name}[__proto__][polluted]=yes`, 400],
];
const queryCommon: QueryBad[] = [...queryBytes, ...queryShapes];

export const QUERY_VALUES = {
  uuid: (): QueryBad[] => [
    ...queryCommon,
    ['a word that is no UUID', q('not-a-uuid'), 400],
    ['a UUID and %00', q(`${randomUUID()}%00`), 400],
    ['a path traversal', q('..%2F..%2Fetc%2Fpasswd'), 400],
    ['5,000 characters', q(long(5000)), 400],
  ],
  limit: (): QueryBad[] => [
    ...queryCommon,
    ['text', q('ten'), 400],
    ['0', q('0'), 400],
    ['501', q('501'), 400],
    ['1.5', q('1.5'), 400],
    ['-1', q('-1'), 400],
    ['Infinity', q('Infinity'), 400],
    ['99999999999999999999', q('99999999999999999999'), 400],
  ],
  cursor: (): QueryBad[] => [
    ...queryCommon,
    ['text that is not base64url', q('not%20a%20cursor!'), 400],
    ['base64url that is no cursor', q('abc'), 400],
    [
      'a cursor of an impossible date',
      q(
        Buffer.from(JSON.stringify(['2024-13-45 99:99:99+00', randomUUID()])).toString('base64url'),
      ),
      400,
    ],
    [
      'a cursor of a __proto__ object',
      q(Buffer.from('{"__proto__":{"polluted":"yes"}}').toString('base64url')),
      400,
    ],
    [
      'a cursor of a NUL byte',
      q(Buffer.from(JSON.stringify(['\u0000', '\u0000'])).toString('base64url')),
      400,
    ],
    ['201 characters', q(long(201)), 400],
  ],
  /** A word from a list (`status`, `format`, `product`, `blind`, `notes`). */
  word: (): QueryBad[] => [
    ...queryCommon,
    ['capitals', q('LIVE'), 400],
    ['__proto__', q('__proto__'), 400],
    ['constructor', q('constructor'), 400],
    ['a path traversal', q('..%2F..%2Fetc%2Fpasswd'), 400],
    ['5,000 characters', q(long(5000)), 400],
  ],
  /**
   * Free text of 1-200 characters (the help center's `q`): bytes that are no UTF-8 stay as the
   * literal text `%FF`, which is fine to search for.
   */
  text: (): QueryBad[] => [
    ['%00', q('%00'), '4xx'],
    ['a%00b', q('a%00b'), '4xx'],
    ...queryShapes,
    ['nothing', q(''), 400],
    ['only spaces', q('%20%20%20'), 400],
    ['201 characters', q(long(201)), 400],
  ],
  /** A product id (the help center's `product`): an unknown one simply finds nothing. */
  slug: (): QueryBad[] => [
    ['%00', q('%00'), '4xx'],
    ['a%00b', q('a%00b'), '4xx'],
    ...queryShapes,
    ['a path traversal', q('..%2F..%2Fetc%2Fpasswd'), 400],
    ['capitals and spaces', q('Tix%20ly'), 400],
  ],
  /**
   * `true` or `false` read by a page with ParseBoolPipe (the transcript's `notes`): it reads that one
   * parameter, so others (`notes[]`) are simply not it.
   */
  flag: (): QueryBad[] => [
    ...queryBytes,
    ['a repeated parameter (a list)', (name) => `${name}=true&${name}=false`, 400],
    ['yes', q('yes'), 400],
    ['1', q('1'), 400],
    ['TRUE', q('TRUE'), 400],
  ],
  /** `candidates=a,b` of the comparison. */
  uuidList: (): QueryBad[] => [
    ...queryCommon,
    ['a word that is no UUID', q('not-a-uuid'), 400],
    ['a UUID and %00', q(`${randomUUID()}%00`), 400],
    ['two commas', q(',,'), 400],
    ['nothing', q(''), 400],
    ['21 candidates', q(Array.from({ length: 21 }, () => randomUUID()).join(',')), 400],
    ['the same candidate twice', q(`${randomUUID()},`.repeat(2).slice(0, -1)), 400],
  ],
} as const;

/** Bad path segments (already percent-encoded where they must be). */
export type PathBad = [label: string, segment: string, expected: HttpExpected];
const pathCommon: PathBad[] = [
  ['%00', '%00', '4xx'],
  ['a%00b', 'a%00b', '4xx'],
  ['invalid UTF-8 (%FF)', '%FF', '4xx'],
  ['a traversal ..%2F..%2Fetc%2Fpasswd', '..%2F..%2Fetc%2Fpasswd', '4xx'],
  ['a traversal %2e%2e%2f%2e%2e%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '4xx'],
  ['a double-encoded traversal ..%252f..%252fetc', '..%252f..%252fetc', '4xx'],
  ['a literal traversal ../../etc/passwd', '../../etc/passwd', '4xx'],
  ['5,000 characters', long(5000), '4xx'],
];

export const PATH_VALUES = {
  uuid: (): PathBad[] => [
    ...pathCommon,
    ['a word that is no UUID', 'not-a-uuid', 400],
    ['a UUID and %00', `${randomUUID()}%00`, 400],
    ['a UUID in braces', `%7B${randomUUID()}%7D`, 400],
  ],
  slug: (): PathBad[] => [
    ...pathCommon,
    ['__proto__', '__proto__', '4xx'],
    ['constructor', 'constructor', '4xx'],
    ['toString', 'toString', '4xx'],
    ['hasOwnProperty', 'hasOwnProperty', '4xx'],
  ],
  token: (): PathBad[] => [
    ...pathCommon,
    ['a link prefix and %00', `hsl_${'A'.repeat(22)}%00${'B'.repeat(42)}`, '4xx'],
    ['a link prefix and 65 wrong characters', `hsl_${'A'.repeat(65)}`, '4xx'],
    ['__proto__', '__proto__', '4xx'],
  ],
} as const;

/** What a refused socket event must answer; an `invalid` answer must then name `field`, if given. */
export interface SocketExpected {
  code?: string;
  /** The payload field at fault; a trailing `*` accepts any field under it (`input*`). */
  field?: string;
}
export type SocketBad = [label: string, value: unknown, expected: SocketExpected];

/** Bad values for each kind of socket payload field; `field` is filled in by the builder. */
export const SOCKET_FIELD_VALUES = {
  clientId: (): SocketBad[] => [
    ['a number', 123, { code: 'invalid' }],
    ['null', null, { code: 'invalid' }],
    ['true', true, { code: 'invalid' }],
    ['an array of a UUID', [randomUUID()], { code: 'invalid' }],
    ['an object', { id: randomUUID() }, { code: 'invalid' }],
    ['empty text', '', { code: 'invalid' }],
    ['a word that is no UUID', 'not-a-uuid', { code: 'invalid' }],
    ['a NUL byte', NUL, { code: 'invalid' }],
    ['a UUID and a NUL byte', `${randomUUID()}\u0000`, { code: 'invalid' }],
    ['a lone surrogate', LONE_HIGH, { code: 'invalid' }],
    ['a path traversal', '../../etc/passwd', { code: 'invalid' }],
    ['5,000 characters', long(5000), { code: 'invalid' }],
    ['a 15,000-deep array', SOCKET_DEEP_ARRAY, { code: 'invalid' }],
    ['a 5,000-deep object', SOCKET_DEEP_OBJECT, { code: 'invalid' }],
  ],
  /** The same, shorter: for the events after the first, whose clientId is checked the same way. */
  clientIdBrief: (): SocketBad[] =>
    SOCKET_FIELD_VALUES.clientId().filter(([label]) =>
      [
        'a number',
        'null',
        'a word that is no UUID',
        'a NUL byte',
        'a lone surrogate',
        'a 5,000-deep object',
      ].includes(label),
    ),
  text: (max: number, { blankAllowed = false } = {}): SocketBad[] => [
    ['a number', 123, { code: 'invalid' }],
    ['null', null, { code: 'invalid' }],
    ['true', true, { code: 'invalid' }],
    ['an empty array', [], { code: 'invalid' }],
    ['an array of text', ['hello'], { code: 'invalid' }],
    ['an object', { text: 'hello' }, { code: 'invalid' }],
    ...(blankAllowed
      ? []
      : ([
          ['empty text', '', { code: 'invalid' }],
          ['only spaces', '   ', { code: 'invalid' }],
        ] as SocketBad[])),
    ['a NUL byte ("a\\u0000b")', NUL, { code: 'invalid' }],
    ['a lone high surrogate ("x\\ud83d")', LONE_HIGH, { code: 'invalid' }],
    ['a lone low surrogate ("\\udc00y")', LONE_LOW, { code: 'invalid' }],
    [`${max + 1} characters (over the limit)`, long(max + 1), { code: 'invalid' }],
    ['a 15,000-deep array', SOCKET_DEEP_ARRAY, { code: 'invalid' }],
    ['a 5,000-deep object', SOCKET_DEEP_OBJECT, { code: 'invalid' }],
  ],
  /** An id of something in the scenario (a beat, a checkpoint, an article, a record, an action). */
  id: (): SocketBad[] => [
    ['a number', 1, { code: 'invalid' }],
    ['null', null, { code: 'invalid' }],
    ['an array of text', ['acknowledge'], { code: 'invalid' }],
    ['an object', { id: 'acknowledge' }, { code: 'invalid' }],
    ['empty text', '', { code: 'invalid' }],
    ['a NUL byte', NUL, {}],
    ['a lone high surrogate', LONE_HIGH, {}],
    ['a lone low surrogate', LONE_LOW, {}],
    ['201 characters', long(201), { code: 'invalid' }],
    ['a path traversal', '../../etc/passwd', {}],
    ['an encoded traversal', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', {}],
    ['"__proto__"', '__proto__', {}],
    ['"constructor"', 'constructor', {}],
    ['"toString"', 'toString', {}],
    ['a 15,000-deep array', SOCKET_DEEP_ARRAY, { code: 'invalid' }],
    ['a 5,000-deep object', SOCKET_DEEP_OBJECT, { code: 'invalid' }],
  ],
  bool: (): SocketBad[] => [
    ['text "true"', 'true', { code: 'invalid' }],
    ['the number 1', 1, { code: 'invalid' }],
    ['null', null, { code: 'invalid' }],
    ['an empty array', [], { code: 'invalid' }],
    ['an object', { typing: true }, { code: 'invalid' }],
    ['a NUL byte', NUL, { code: 'invalid' }],
    ['a 15,000-deep array', SOCKET_DEEP_ARRAY, { code: 'invalid' }],
  ],
  /** A whole number from `min` to `max`: anger levels, seqs. */
  int: (min: number, max: number): SocketBad[] => [
    [`${min - 1}`, min - 1, { code: 'invalid' }],
    [`${max + 1}`, max + 1, { code: 'invalid' }],
    ['1.5', 1.5, { code: 'invalid' }],
    ['text "5"', '5', { code: 'invalid' }],
    ['null', null, { code: 'invalid' }],
    ['true', true, { code: 'invalid' }],
    ['an array [5]', [5], { code: 'invalid' }],
    ['an object', { level: 5 }, { code: 'invalid' }],
    ['1e308', 1e308, { code: 'invalid' }],
    ['a NUL byte', NUL, { code: 'invalid' }],
    ['a 15,000-deep array', SOCKET_DEEP_ARRAY, { code: 'invalid' }],
  ],
  choice: (): SocketBad[] => [
    ['capitals', 'AWAY', { code: 'invalid' }],
    ['empty text', '', { code: 'invalid' }],
    ['a NUL byte', NUL, { code: 'invalid' }],
    ['a lone surrogate', LONE_HIGH, { code: 'invalid' }],
    ['a number', 1, { code: 'invalid' }],
    ['null', null, { code: 'invalid' }],
    ['an array', ['away'], { code: 'invalid' }],
    ['"__proto__"', '__proto__', { code: 'invalid' }],
    ['"constructor"', 'constructor', { code: 'invalid' }],
    ['"toString"', 'toString', { code: 'invalid' }],
  ],
} as const;

/**
 * The desk action `input` map of the Tixly scenario (charged-ten-times): the goodwill credit takes
 * `{ amount: money up to 50, reason: text up to 200 }`, the refund `{ payments: rows, reason: choice }`.
 * Each entry: the action, its input, and a label. Every one must be refused as `invalid` on `input*`.
 */
export const DESK_INPUTS: Array<[label: string, actionId: string, input: unknown]> = [
  ['input missing', 'goodwill-credit', undefined],
  ['input null', 'goodwill-credit', null],
  ['input a list', 'goodwill-credit', [10, 'Sorry']],
  ['input text', 'goodwill-credit', 'amount=10'],
  ['input a number', 'goodwill-credit', 10],
  ['input true', 'goodwill-credit', true],
  ['input empty', 'goodwill-credit', {}],
  [
    'input with a __proto__ key',
    'goodwill-credit',
    withKey({ amount: 10, reason: 'Sorry' }, '__proto__', POLLUTION),
  ],
  [
    'input only a __proto__ key holding the inputs',
    'goodwill-credit',
    withKey({}, '__proto__', { amount: 10, reason: 'Sorry' }),
  ],
  [
    'input with a constructor key',
    'goodwill-credit',
    withKey({ amount: 10, reason: 'Sorry' }, 'constructor', POLLUTION),
  ],
  [
    'input with a prototype key',
    'goodwill-credit',
    withKey({ amount: 10, reason: 'Sorry' }, 'prototype', POLLUTION),
  ],
  ['input with a toString key', 'goodwill-credit', { amount: 10, reason: 'Sorry', toString: 'x' }],
  ['input with a valueOf key', 'goodwill-credit', { amount: 10, reason: 'Sorry', valueOf: 1 }],
  [
    'input with a hasOwnProperty key',
    'goodwill-credit',
    { amount: 10, reason: 'Sorry', hasOwnProperty: 'x' },
  ],
  ['input with an unknown key', 'goodwill-credit', { amount: 10, reason: 'Sorry', colour: 'red' }],
  ['input.reason with a NUL byte', 'goodwill-credit', { amount: 10, reason: NUL }],
  ['input.reason with a lone high surrogate', 'goodwill-credit', { amount: 10, reason: LONE_HIGH }],
  ['input.reason with a lone low surrogate', 'goodwill-credit', { amount: 10, reason: LONE_LOW }],
  ['input.reason of 201 characters', 'goodwill-credit', { amount: 10, reason: long(201) }],
  ['input.reason a list', 'goodwill-credit', { amount: 10, reason: ['Sorry'] }],
  ['input.reason an object', 'goodwill-credit', { amount: 10, reason: { text: 'Sorry' } }],
  [
    'input.reason a 15,000-deep array',
    'goodwill-credit',
    { amount: 10, reason: SOCKET_DEEP_ARRAY },
  ],
  [
    'input.reason a 5,000-deep object',
    'goodwill-credit',
    { amount: 10, reason: SOCKET_DEEP_OBJECT },
  ],
  ['input.amount as hex text', 'goodwill-credit', { amount: '0x10', reason: 'Sorry' }],
  ['input.amount 1e308', 'goodwill-credit', { amount: 1e308, reason: 'Sorry' }],
  ['input.amount true', 'goodwill-credit', { amount: true, reason: 'Sorry' }],
  ['input.amount a list', 'goodwill-credit', { amount: [10], reason: 'Sorry' }],
  ['input.amount an object', 'goodwill-credit', { amount: { value: 10 }, reason: 'Sorry' }],
  ['input.amount with a NUL byte', 'goodwill-credit', { amount: '10\u0000', reason: 'Sorry' }],
  [
    'input.payments with a NUL byte',
    'refund',
    { payments: ['P2\u0000'], reason: 'Duplicate charge' },
  ],
  [
    'input.payments with a lone surrogate',
    'refund',
    { payments: ['P2\ud83d'], reason: 'Duplicate charge' },
  ],
  ['input.payments a nested list', 'refund', { payments: [['P2']], reason: 'Duplicate charge' }],
  [
    'input.payments a 15,000-deep array',
    'refund',
    { payments: SOCKET_DEEP_ARRAY, reason: 'Duplicate charge' },
  ],
  ['input.payments an object', 'refund', { payments: { 0: 'P2' }, reason: 'Duplicate charge' }],
  [
    'input.payments with a __proto__ key',
    'refund',
    { payments: withKey({}, '__proto__', ['P2']), reason: 'Duplicate charge' },
  ],
  ['input.payments "__proto__"', 'refund', { payments: ['__proto__'], reason: 'Duplicate charge' }],
  [
    'input.reason a choice with a NUL byte',
    'refund',
    { payments: ['P2'], reason: 'Duplicate charge\u0000' },
  ],
  ['input.reason "constructor"', 'refund', { payments: ['P2'], reason: 'constructor' }],
];
