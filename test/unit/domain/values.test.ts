import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  CommentBody,
  Description,
  DueDate,
  Email,
  Label,
  Labels,
  normalizeEmail,
  Password,
  PersonName,
  Title,
  Uuid,
} from '../../../src/domain';

const accepts = (codec: t.Decoder<unknown, unknown>, input: unknown): boolean => E.isRight(codec.decode(input));

describe('Title', () => {
  test.each([
    ['a single character', 'x', true],
    ['200 characters', 'x'.repeat(200), true],
    ['inner spaces', 'Fix the login page', true],
    ['201 characters', 'x'.repeat(201), false],
    ['the empty string', '', false],
    ['only spaces', '   ', false],
    ['a leading space', ' Fix login', false],
    ['a trailing space', 'Fix login ', false],
    ['a trailing newline', 'Fix login\n', false],
    ['a number', 42, false],
  ])('with %s is accepted: %s', (_what, input, ok) => {
    expect(accepts(Title, input)).toBe(ok);
  });
});

describe('DueDate', () => {
  test.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-12-31', true],
    ['2026-02-30', false],
    ['2025-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-05', false],
    ['2026-01-05T00:00:00Z', false],
    ['05/01/2026', false],
    ['', false],
  ])('%s is a due date: %s', (input, ok) => {
    expect(accepts(DueDate, input)).toBe(ok);
  });
});

describe('Labels', () => {
  test('distinct trimmed labels are accepted', () => {
    expect(accepts(Labels, ['bug', 'ui', 'p1'])).toBe(true);
  });

  test('the same label twice is refused', () => {
    expect(accepts(Labels, ['bug', 'ui', 'bug'])).toBe(false);
  });

  test('twenty labels are accepted, twenty-one are refused', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `label-${i}`);
    expect(accepts(Labels, many(20))).toBe(true);
    expect(accepts(Labels, many(21))).toBe(false);
  });

  test.each([
    ['40 characters', 'x'.repeat(40), true],
    ['41 characters', 'x'.repeat(41), false],
    ['surrounding spaces', ' bug ', false],
    ['nothing', '', false],
  ])('a label of %s is accepted: %s', (_what, input, ok) => {
    expect(accepts(Label, input)).toBe(ok);
    expect(accepts(Labels, [input])).toBe(ok);
  });
});

describe('other values', () => {
  test.each([
    ['a description may be empty', Description, '', true],
    ['a description of 10,000 characters is accepted', Description, 'd'.repeat(10_000), true],
    ['a description of 10,001 characters is refused', Description, 'd'.repeat(10_001), false],
    ['a comment of only whitespace is refused', CommentBody, ' \n\t ', false],
    ['a comment with surrounding spaces is accepted', CommentBody, '  looks good  ', true],
    ['a comment of 5,001 characters is refused', CommentBody, 'c'.repeat(5_001), false],
    ['a password of 7 characters is refused', Password, 'hunter2', false],
    ['a password of 8 characters is accepted', Password, 'hunter22', true],
    ['a password of 257 characters is refused', Password, 'p'.repeat(257), false],
    ['an email with a domain is accepted', Email, 'alice@example.com', true],
    ['an email without a domain dot is refused', Email, 'alice@localhost', false],
    ['an email with spaces is refused', Email, 'alice @example.com', false],
    ['an email longer than 254 characters is refused', Email, `${'a'.repeat(250)}@example.com`, false],
    ['a name of 100 characters is accepted', PersonName, 'N'.repeat(100), true],
    ['a name of 101 characters is refused', PersonName, 'N'.repeat(101), false],
    ['a name with a trailing space is refused', PersonName, 'Alice ', false],
    ['a lowercase uuid is an id', Uuid, '0190a3e1-7c2b-7d4e-8f00-123456789abc', true],
    ['an uppercase uuid is not canonical', Uuid, '0190A3E1-7C2B-7D4E-8F00-123456789ABC', false],
    ['a uuid without dashes is refused', Uuid, '0190a3e17c2b7d4e8f00123456789abc', false],
  ] as const)('%s', (_what, codec, input, ok) => {
    expect(accepts(codec as t.Decoder<unknown, unknown>, input)).toBe(ok);
  });

  test('emails are compared trimmed and lower-cased', () => {
    expect(normalizeEmail('  Alice@Example.COM ')).toBe('alice@example.com');
  });
});
