import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { validation, type AppError } from '../../domain';

export type Source = 'body' | 'params' | 'query';

/**
 * The rule each named codec enforces, in words a person filling in a form can act on. The messages
 * reach the browser as they are, so they name no codec, path or type.
 */
const RULES: Readonly<Record<string, string>> = {
  Title: 'must be 1 to 200 characters',
  Description: 'must be at most 10,000 characters',
  CommentBody: 'must not be blank and must be at most 5,000 characters',
  Labels: 'must be at most 20 different labels',
  Label: 'must be 1 to 40 characters',
  DueDate: 'must be a real date written as YYYY-MM-DD',
  DueDateOrNull: 'must be a real date written as YYYY-MM-DD, or empty',
  Email: 'must be an email address such as name@example.com',
  Password: 'must be 8 to 256 characters',
  PersonName: 'must be 1 to 100 characters',
  Uuid: 'must be a lowercase UUID',
  Role: 'must be one of owner, admin, member or viewer',
  ExportFormat: 'must be json or csv',
  DigestMode: 'must be one of immediately, hourly or daily',
  string: 'must be text',
  boolean: 'must be true or false',
  number: 'must be a number',
};

/** Codecs whose values are trimmed texts: a value with surrounding spaces gets its own message. */
const TRIMMED = new Set(['Title', 'Label', 'PersonName']);

/** Codecs whose values are texts: a value of another type is told so rather than given the length rule. */
const TEXTS = new Set([...TRIMMED, 'Description', 'CommentBody', 'DueDate', 'Email', 'Password', 'Uuid']);

/** Codecs whose values are lists. */
const LISTS = new Set(['Labels']);

/** The label a person sees next to each field of the request codecs (src/adapters/http/codecs.ts). */
const LABELS: Readonly<Record<string, string>> = {
  email: 'Email',
  password: 'Password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  name: 'Name',
  title: 'Title',
  description: 'Description',
  dueDate: 'Due date',
  labels: 'Labels',
  archived: 'Archived',
  role: 'Role',
  body: 'Comment',
  id: 'Id',
  teamId: 'Team id',
  boardId: 'Board id',
  listId: 'List id',
  cardId: 'Card id',
  userId: 'User id',
  toListId: 'Destination list id',
  afterListId: 'Id of the list before',
  beforeListId: 'Id of the list after',
  afterCardId: 'Id of the card before',
  beforeCardId: 'Id of the card after',
  emailOnMention: 'Email on mention',
  emailOnAssignment: 'Email on assignment',
  dailyDigest: 'Daily digest',
  digest: 'Digest',
  mentioned: 'Email on mention',
  assigned: 'Email on assignment',
  limit: 'Limit',
  before: 'Before',
  after: 'After',
  format: 'Format',
};

/** What one entry of a list field is called, e.g. the second of `labels` is "Label 2". */
const ENTRY: Readonly<Record<string, string>> = { labels: 'Label' };

/** A field not in LABELS still reads as words: `inviteToken` → "Invite token". */
const humanize = (key: string): string => {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const labelOf = (keys: readonly string[]): string => {
  const last = keys[keys.length - 1] ?? '';
  const parent = keys[keys.length - 2];
  if (/^\d+$/.test(last) && parent !== undefined) {
    const n = Number(last) + 1;
    return ENTRY[parent] ? `${ENTRY[parent]} ${n}` : `${labelOf(keys.slice(0, -1))}, entry ${n}`;
  }
  return LABELS[last] ?? humanize(last);
};

/** Where an error sits when it names no field: the request part itself. */
const WHOLE: Readonly<Record<Source, string>> = {
  body: 'The request body',
  params: 'The address',
  query: 'The query string',
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

/** The rule a value broke, adjusted to the value: a number given for a text is told to be text. */
const ruleFor = (name: string, actual: unknown): string => {
  if (TEXTS.has(name) && typeof actual !== 'string') return 'must be text';
  if (LISTS.has(name) && !Array.isArray(actual)) return 'must be a list';
  if (TRIMMED.has(name) && typeof actual === 'string' && actual !== actual.trim() && actual.trim() !== '')
    return 'must not start or end with spaces';
  if (RULES[name]) return RULES[name];
  // Codecs named by a phrase (e.g. "an integer from 1 to 200") read as a rule already.
  return /^[a-z]+ /.test(name) ? `must be ${name}` : 'is not valid';
};

/** A custom failure ("has unknown field …", "must be a JSON object") said about its field or the whole part. */
const customMessage = (subject: string | null, source: Source, message: string): string => {
  const unknown = /^has unknown field "(.*)"$/.exec(message);
  if (unknown) return `Unknown field "${unknown[1]}"`;
  return `${subject ?? WHOLE[source]} ${message}`;
};

const describe = (source: Source, error: t.ValidationError): string => {
  const fields = fieldsOf(error.context);
  const keys = fields.map((entry) => entry.key).filter((key) => key !== '');
  const subject = keys.length === 0 ? null : labelOf(keys);
  if (error.message !== undefined) return customMessage(subject, source, error.message);
  const last = fields[fields.length - 1];
  if (subject === null) return `${WHOLE[source]} is invalid`;
  if (last?.actual === undefined) return `${subject} is required`;
  return `${subject} ${ruleFor(last.type.name, last.actual)}`;
};

/** Decodes one part of a request; the 400 message names the first offending field the way a form labels it. */
export const decode = <A>(codec: t.Decoder<unknown, A>, source: Source, value: unknown): E.Either<AppError, A> =>
  E.mapLeft((errors: t.Errors) => {
    const first = errors[0];
    const message = first ? describe(source, first) : `${WHOLE[source]} is invalid`;
    return validation(message, `invalid_${source}`);
  })(codec.decode(value));

/** `decode` lifted into TaskEither, for use in route pipelines. */
export const decodeTE = <A>(codec: t.Decoder<unknown, A>, source: Source, value: unknown): TE.TaskEither<AppError, A> =>
  TE.fromEither(decode(codec, source, value));
