import { MAX_INPUT_DEPTH, untrustedInputProblem } from './untrusted-input';

describe('untrustedInputProblem', () => {
  it('accepts ordinary input, including emoji (surrogate pairs)', () => {
    expect(
      untrustedInputProblem({ text: 'Sorry 😊', attributes: [{ id: 'a', score: 3 }] }, 'body'),
    ).toBeUndefined();
    expect(untrustedInputProblem('plain', 'q')).toBeUndefined();
  });

  it('names the field holding a NUL character', () => {
    expect(untrustedInputProblem({ learning: { notes: 'a\u0000b' } }, 'body')).toEqual({
      field: 'learning.notes',
      message: 'learning.notes must not contain the NUL character (\\u0000)',
    });
  });

  it('finds lone surrogates, high or low, inside lists', () => {
    expect(untrustedInputProblem({ tags: ['ok', 'x\ud83d'] }, 'body')?.field).toBe('tags[1]');
    expect(untrustedInputProblem({ text: '\ude00x' }, 'body')?.field).toBe('text');
  });

  it('bounds nesting without recursing, however deep the input is', () => {
    const deep = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)) as unknown;
    expect(untrustedInputProblem(deep, 'body')?.message).toMatch(/nested too deeply/);
    let object: unknown = {};
    for (let level = 0; level < 5_000; level++) object = { a: object };
    expect(untrustedInputProblem(object, 'body')?.message).toMatch(/nested too deeply/);
    let allowed: unknown = 'leaf';
    for (let level = 0; level < MAX_INPUT_DEPTH; level++) allowed = [allowed];
    expect(untrustedInputProblem(allowed, 'body')).toBeUndefined();
    expect(untrustedInputProblem([allowed], 'body')).toBeDefined();
  });

  it('refuses prototype keys and broken field names', () => {
    const polluted = JSON.parse('{"input":{"__proto__":{"admin":true}}}') as unknown;
    expect(untrustedInputProblem(polluted, 'payload')).toEqual({
      field: 'input.__proto__',
      message: 'input.__proto__ is not a field Hotseat accepts',
    });
    for (const key of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype']) {
      expect(untrustedInputProblem({ [key]: 1 }, 'body')?.field).toBe(key);
    }
    expect(untrustedInputProblem({ 'a\u0000': 1 }, 'body')?.message).toMatch(
      /a field name in body/,
    );
  });
});
