/**
 * The rule every input from outside passes before its own checks, over HTTP (bodies and queries) and
 * the socket alike: text PostgreSQL can store, and a shape class-transformer can walk.
 *
 * - NUL (U+0000) is refused by PostgreSQL in text and jsonb, and a lone UTF-16 surrogate cannot be
 *   encoded at all; caught here, they are the client's mistake with its field, not a failed query.
 * - Nesting is bounded, because the validators recurse and a 20,000-deep array overflows the stack;
 *   no input of Hotseat is nested more than a few levels.
 * - Names an object already has from Object.prototype (`__proto__`, `constructor`, `toString`...) and
 *   `prototype` are never field names Hotseat uses: refused, they can neither reach a prototype
 *   through a map (a desk action's input) nor slip past the whitelist (class-transformer skips them).
 */
export const MAX_INPUT_DEPTH = 10;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isForbiddenKey = (key: string) => key === 'prototype' || key in Object.prototype;

export interface InputProblem {
  /** Where in the input, e.g. `attributes[2].evidence`; `root` for the whole input. */
  field: string;
  message: string;
}

/** The first problem of `input` under the rule above, or undefined when it has none. */
export function untrustedInputProblem(input: unknown, root: string): InputProblem | undefined {
  // Iterative, not recursive: the input may be exactly as deep as it takes to overflow a stack.
  const pending: Array<{ value: unknown; field: string; depth: number }> = [
    { value: input, field: root, depth: 0 },
  ];
  while (pending.length > 0) {
    const { value, field, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { field, message: `${field} ${problem}` };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return { field, message: `${field} is nested too deeply: at most ${MAX_INPUT_DEPTH} levels` };
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) =>
        pending.push({ value: item, field: `${field}[${index}]`, depth: depth + 1 }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const name = field === root ? key : `${field}.${key}`;
      if (isForbiddenKey(key))
        return { field: name, message: `${name} is not a field Hotseat accepts` };
      const problem = textProblem(key);
      if (problem) return { field, message: `a field name in ${field} ${problem}` };
      pending.push({ value: item, field: name, depth: depth + 1 });
    }
  }
  return undefined;
}

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) {
    return 'contains a broken character (a lone UTF-16 surrogate): send well-formed Unicode text';
  }
  return undefined;
}
