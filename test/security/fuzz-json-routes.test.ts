import fc from 'fast-check';
import request from 'supertest';
import { openApiDocument } from '../../src/adapters/http/openapi';
import { perWindow } from '../../src/application/ports';
import { bearer } from '../api/helpers';
import { buildWorld, type World } from './authz-world';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly fields: readonly string[];
  readonly query: readonly string[];
  readonly auth: boolean;
}

type DocOp = { security?: unknown[]; parameters: { name: string; in: string }[] };

type BodySchema = { properties?: object; oneOf?: { properties: object }[] };
const schemas = (openApiDocument().components as { schemas: Record<string, BodySchema> }).schemas;
/** The fields a body schema names, over every alternative of a `oneOf`. */
const fieldsOf = (schema: BodySchema): string[] =>
  schema.properties ? Object.keys(schema.properties) : (schema.oneOf ?? []).flatMap((s) => Object.keys(s.properties));

/** Every /api route of the OpenAPI document with the body fields and query parameters it names. */
const operations: Operation[] = Object.entries(
  openApiDocument().paths as Record<string, Record<string, DocOp & object>>,
)
  .filter(([path]) => path.startsWith('/api/'))
  .flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const ref = (op as { requestBody?: { content: Record<string, { schema: { $ref: string } }> } }).requestBody
        ?.content['application/json']?.schema.$ref;
      const schema = ref === undefined ? undefined : schemas[ref.split('/').pop() as string];
      return {
        method: method.toUpperCase(),
        path,
        fields: schema ? fieldsOf(schema) : [],
        query: op.parameters.filter((p) => p.in === 'query').map((p) => p.name),
        auth: op.security === undefined,
      };
    }),
  );

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Values a field might be sent: well-formed and not, of every JSON type, deeply nested now and then. */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 300 }),
  fc.uuid(),
  fc.constantFrom('', ' ', '\u0000', '2025-02-30', '9999-12-31', '-1', 'NaN', 'null', '<script>alert(1)</script>'),
  fc.integer(),
  fc.double(),
);

/** Raw request bodies: objects of the route's own fields, arbitrary JSON, prototype-pollution attempts, non-JSON. */
const bodyText = (fields: readonly string[]) =>
  fc.oneof(
    fc.dictionary(fc.constantFrom(...fields, 'extra'), value, { maxKeys: 8 }).map((o) => JSON.stringify(o)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc
      .tuple(fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...fields, 'x'))
      .map(([key, field]) => `{"${field}":"x","${key}":{"polluted":"yes","prototype":{"polluted":"yes"}}}`),
    fc.string({ maxLength: 200 }),
    fc.nat({ max: 2000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  );

/** A path segment: the real id, another UUID, or anything at all (percent-encoded, or raw bad escapes). */
const segment = (real: string) =>
  fc.oneof(
    fc.constant(real),
    fc.uuid(),
    fc.string({ maxLength: 80 }).map(encodeURIComponent),
    fc.constantFrom('%', '%E0%A4%A', '..', '%2e%2e%2f', real.toUpperCase(), `${real}.json`),
  );

const queryString = (names: readonly string[]) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...names, '__proto__[polluted]', 'constructor[prototype][polluted]', 'x'),
        fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constantFrom('1e3', '0x10', '-0', '')),
      ),
      { maxLength: 5 },
    )
    .map((pairs) =>
      pairs
        .map(([k, v]) => `${encodeURIComponent(k).replace('%5B', '[').replace('%5D', ']')}=${encodeURIComponent(v)}`)
        .join('&'),
    );

const urlFor = (op: Operation, world: World) =>
  fc
    .tuple(
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) =>
        segment((world.ids as Record<string, string>)[m[1] as string] as string),
      ),
      queryString(op.query),
    )
    .map((parts) => {
      const query = parts.pop() as string;
      let i = 0;
      const path = op.path.replace(/\{\w+\}/g, () => parts[i++] as string);
      return query === '' ? path : `${path}?${query}`;
    });

describe('fuzzing every JSON route', () => {
  let world: World;
  beforeAll(async () => {
    // Limits stay on, but high enough that the fuzzer reaches the handlers rather than the limiter.
    const limits = { loginPerAccount: perWindow(10, 900), loginPerIp: perWindow(100, 900) };
    world = await buildWorld({
      rateLimits: { ...limits, mutationsPerUser: { capacity: 100_000, refillPerSecond: 1000 } },
    });
  });

  afterAll(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each(operations)('$method $path never answers 5xx and never pollutes Object.prototype', async (op) => {
    await fc.assert(
      fc.asyncProperty(urlFor(op, world), bodyText(op.fields.length > 0 ? op.fields : ['x']), async (url, body) => {
        const req = request(world.http)[op.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](url);
        // The owner calls the guarded routes; public ones go out anonymously so logout cannot end the owner's session.
        if (op.auth) req.set(bearer(world.users.owner));
        const res = op.method === 'GET' ? await req : await req.set('Content-Type', 'application/json').send(body);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type'] ?? 'none').not.toMatch(/text\/html/);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });
});
