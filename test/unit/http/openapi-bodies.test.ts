import Ajv from 'ajv';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import * as codecs from '../../../src/adapters/http/codecs';
import { toJsonSchema } from '../../../src/adapters/http/json-schema';
import { BOARD_OP_BODIES, openApiDocument } from '../../../src/adapters/http/openapi';

const id = '018f6f2e-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const id2 = '018f6f2e-1b2c-7d3e-8f40-5a6b7c8d9e10';

// Bodies a client might send, good and bad, for every board-change route.
const SAMPLES: Readonly<Record<keyof typeof BOARD_OP_BODIES, readonly unknown[]>> = {
  UpdateBoard: [{}, { title: 'Roadmap' }, { archived: true }, { title: '' }, { archived: 'no' }, { kind: 'x' }],
  CreateList: [
    { title: 'Doing' },
    { title: 'Doing', id, afterListId: id2 },
    {},
    { title: ' Doing' },
    { title: 'x'.repeat(201) },
    { title: 'Doing', id: 'list-1' },
    { title: 'Doing', rank: 'a0' },
  ],
  UpdateList: [{ title: 'Done' }, { archived: false }, { title: 7 }, { listId: id }],
  MoveList: [{}, { afterListId: id }, { beforeListId: id.toUpperCase() }, { afterListId: null }],
  CreateCard: [
    { listId: id, title: 'Fix login' },
    { listId: id, title: 'Fix login', dueDate: null, labels: ['bug', 'ui'], description: '' },
    { listId: id, title: 'Fix login', dueDate: '2026-02-28', afterCardId: id2 },
    { title: 'No list' },
    { listId: id, title: 'a\u0000b' },
    { listId: id, title: 'x', labels: ['a', 'a'] },
    { listId: id, title: 'x', labels: Array.from({ length: 21 }, (_, i) => `l${i}`) },
    { listId: id, title: 'x', dueDate: '28.02.2026' },
    { listId: id, title: 'x', description: 'x'.repeat(10_001) },
    [{ listId: id, title: 'x' }],
    'Fix login',
  ],
  UpdateCard: [
    {},
    { title: 'Renamed', archived: true },
    { dueDate: null },
    { labels: [''] },
    { description: 5 },
    { descripton: 'typo' },
  ],
  MoveCard: [
    { toListId: id },
    { toListId: id, afterCardId: id2 },
    { toListId: id, beforeCardId: id2 },
    {},
    { toListId: id, cardId: id2 },
    { toListId: 'elsewhere' },
  ],
  CreateComment: [{ body: 'Looks good' }, { body: 'Looks good', id }, { body: '' }, { body: 'x\u0000' }, { id }],
};

const ajv = new Ajv({ allErrors: false });
const schemas = (openApiDocument().components as { schemas: Record<string, object> }).schemas;

describe('the OpenAPI request bodies of the board-change routes', () => {
  describe.each(Object.entries(BOARD_OP_BODIES))('%s', (name, codec) => {
    const validate = ajv.compile(schemas[name]!);
    test.each((SAMPLES[name as keyof typeof SAMPLES] ?? []).map((body) => [JSON.stringify(body).slice(0, 80), body]))(
      'judges %s as the codec does',
      (_json, body) => {
        expect(validate(body)).toBe(E.isRight(codec.decode(body)));
      },
    );
  });

  it('are the schemas generated from the codecs the routes decode with', () => {
    expect(schemas.MoveCard).toEqual(toJsonSchema(codecs.MoveCardBody));
    expect(schemas.CreateCard).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['listId', 'title'],
    });
  });

  it('have samples that each route both accepts and refuses, so the comparison can fail', () => {
    for (const [name, codec] of Object.entries(BOARD_OP_BODIES)) {
      const verdicts = SAMPLES[name as keyof typeof SAMPLES].map((body) => E.isRight(codec.decode(body)));
      expect([name, verdicts.includes(true) && verdicts.includes(false)]).toEqual([name, true]);
    }
  });

  it('refuses to describe a codec it does not know rather than leave the schema empty', () => {
    expect(() => toJsonSchema(t.number)).toThrow(/number/);
  });
});
