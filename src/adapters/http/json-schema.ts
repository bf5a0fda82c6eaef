import * as t from 'io-ts';
import { StrictType } from '../../domain';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

// No NUL anywhere (Postgres text refuses it); trimmed texts also start and end with a visible character.
const NO_NUL = '^[^\\u0000]*$';
const TRIMMED = '^[^\\u0000\\s](?:[^\\u0000]*[^\\u0000\\s])?$';

/**
 * The value objects are refinements whose predicate JSON Schema cannot read, so each is described by
 * name. The schema is as strict as a pattern can say; what it cannot (a title made only of invisible
 * characters, unpaired surrogates) the server still refuses with a 400.
 */
const NAMED: Readonly<Record<string, JsonSchema>> = {
  Uuid: { type: 'string', format: 'uuid', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
  Title: { type: 'string', minLength: 1, maxLength: 200, pattern: TRIMMED },
  Description: { type: 'string', maxLength: 10000, pattern: NO_NUL },
  CommentBody: { type: 'string', minLength: 1, maxLength: 5000, pattern: NO_NUL },
  Label: { type: 'string', minLength: 1, maxLength: 40, pattern: TRIMMED },
  DueDate: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  Instant: { type: 'string', format: 'date-time' },
  TimeZone: { type: 'string', minLength: 1, maxLength: 64, description: 'An IANA time zone, e.g. Europe/Berlin' },
};

const objectSchema = (type: StrictType<t.Props, t.Props>): JsonSchema => {
  const properties = Object.fromEntries(
    [...Object.entries(type.required), ...Object.entries(type.optional)].map(([key, codec]) => [
      key,
      toJsonSchema(codec),
    ]),
  );
  return { type: 'object', additionalProperties: false, properties, required: Object.keys(type.required) };
};

/** The refinements that are not in `NAMED`: lists with a bound (`Labels`). */
const refinementSchema = (type: t.RefinementType<t.Any>): JsonSchema => {
  if (type.name === 'Labels') return { ...toJsonSchema(type.type), maxItems: 20, uniqueItems: true };
  throw new Error(`No JSON Schema for the refinement ${type.name}`);
};

/**
 * The JSON Schema of an io-ts codec, for the shapes the request codecs use: strict objects, unions,
 * literals, arrays, primitives and the named value objects. An unknown shape throws, so a new codec
 * cannot silently get an empty schema in the OpenAPI document.
 */
export const toJsonSchema = (codec: t.Mixed): JsonSchema => {
  const named = NAMED[codec.name];
  if (named) return named;
  if (codec instanceof StrictType) return objectSchema(codec);
  if (codec instanceof t.UnionType) return { anyOf: (codec.types as t.Mixed[]).map(toJsonSchema) };
  if (codec instanceof t.LiteralType) return { const: codec.value };
  if (codec instanceof t.KeyofType) return { type: 'string', enum: Object.keys(codec.keys) };
  if (codec instanceof t.ArrayType) return { type: 'array', items: toJsonSchema(codec.type) };
  if (codec instanceof t.RefinementType) return refinementSchema(codec);
  if (codec instanceof t.StringType) return { type: 'string' };
  if (codec instanceof t.BooleanType) return { type: 'boolean' };
  if (codec instanceof t.NullType) return { type: 'null' };
  throw new Error(`No JSON Schema for the codec ${codec.name}`);
};
