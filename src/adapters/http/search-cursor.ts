import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import type { SearchCursor } from '../../application/ports';
import { Uuid, validation, type AppError } from '../../domain';
import { IntFromString } from './codecs';

/** ISO-8601 in UTC as the stores write it: milliseconds (memory) or microseconds (Postgres). */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const Timestamp = t.refinement(t.string, (s) => ISO_UTC.test(s) && !Number.isNaN(Date.parse(s)), 'Timestamp');

/** The cursor's content: [score, at, kind, id], the sort key of the last hit of a page. */
const CursorTuple = t.tuple([
  t.union([t.literal(1), t.literal(2)]),
  Timestamp,
  t.keyof({ board: null, card: null, comment: null }),
  Uuid,
]);

/** Opaque to clients: base64url of the JSON tuple. */
export const encodeSearchCursor = (c: SearchCursor): string =>
  Buffer.from(JSON.stringify([c.score, c.at, c.kind, c.id])).toString('base64url');

const invalidCursor = (): AppError =>
  validation('This cursor is not one a search answered; start again without it', 'invalid_cursor');

/** A cursor a search answered; anything else (edited, truncated, from another route) is `invalid_cursor`. */
export const decodeSearchCursor = (raw: string): E.Either<AppError, SearchCursor> => {
  if (raw.length > 400 || !/^[A-Za-z0-9_-]+$/.test(raw)) return E.left(invalidCursor());
  return pipe(
    E.tryCatch(() => JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown, invalidCursor),
    E.chain((json) => E.mapLeft(invalidCursor)(CursorTuple.decode(json))),
    E.map(([score, at, kind, id]) => ({ score, at, kind, id })),
  );
};

/** GET …/search query: unknown keys are tolerated like every query; `q` may be absent (then it is empty). */
export const SearchQueryString = t.partial({
  q: t.string,
  limit: IntFromString(1, 50),
  cursor: t.string,
});
