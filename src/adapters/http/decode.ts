import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { validation, type AppError } from '../../domain';

export type Source = 'body' | 'params' | 'query';

/** What a value of each named codec must look like, in words a client developer can act on. */
const EXPECTED: Readonly<Record<string, string>> = {
  Title: 'a trimmed text of 1 to 200 characters',
  Description: 'a text of at most 10000 characters',
  CommentBody: 'a non-blank text of at most 5000 characters',
  Labels: 'a list of at most 20 distinct labels of 1 to 40 trimmed characters',
  Label: 'a trimmed text of 1 to 40 characters',
  DueDate: 'a date as YYYY-MM-DD',
  DueDateOrNull: 'a date as YYYY-MM-DD or null',
  Email: 'an email address',
  Password: 'a text of 8 to 256 characters',
  PersonName: 'a trimmed text of 1 to 100 characters',
  Uuid: 'a lowercase UUID',
  Role: 'one of owner, admin, member, viewer',
  ExportFormat: 'json or csv',
};

/** The context up to the first union: a union's members are alternatives, not fields, so they are not reported. */
const fieldsOf = (context: t.Context): t.ContextEntry[] => {
  const out: t.ContextEntry[] = [];
  for (const entry of context) {
    if (out[out.length - 1]?.type instanceof t.UnionType) break;
    out.push(entry);
  }
  return out;
};

const describe = (source: Source, error: t.ValidationError): string => {
  const fields = fieldsOf(error.context);
  const path = fields
    .map((entry) => entry.key)
    .filter((key) => key !== '')
    .join('.');
  const where = path === '' ? source : `${source}.${path}`;
  if (error.message !== undefined) return `${where} ${error.message}`;
  const last = fields[fields.length - 1];
  if (last?.actual === undefined) return `${where} is required`;
  const name = last?.type.name ?? 'valid';
  return `${where} must be ${EXPECTED[name] ?? name}`;
};

/** Decodes one part of a request; the 400 message names the first offending field. */
export const decode = <A>(codec: t.Decoder<unknown, A>, source: Source, value: unknown): E.Either<AppError, A> =>
  E.mapLeft((errors: t.Errors) => {
    const first = errors[0];
    const message = first ? describe(source, first) : `${source} is invalid`;
    return validation(message, `invalid_${source}`);
  })(codec.decode(value));

/** `decode` lifted into TaskEither, for use in route pipelines. */
export const decodeTE = <A>(codec: t.Decoder<unknown, A>, source: Source, value: unknown): TE.TaskEither<AppError, A> =>
  TE.fromEither(decode(codec, source, value));
