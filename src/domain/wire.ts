import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';

/**
 * The WebSocket protocol (docs/protocol.md) as one module both ends import: the server decodes client
 * frames with `wire-client.ts`, the browser decodes server frames with `wire-server.ts`. Pure, so the
 * web bundle can import it.
 */

/** The protocol version the server speaks (`ready.protocol`). */
export const PROTOCOL_VERSION = 1;

/**
 * Why a frame could not be read. On the server it becomes an `error` frame (or, for an op, a nack)
 * with this code; `bad_input` is text no field may hold (NUL, lone surrogates) or an op a value
 * object refused.
 */
export interface WireProblem {
  readonly code: 'bad_json' | 'unknown_type' | 'bad_frame' | 'bad_input';
  readonly message: string;
}

/** The first decoding error, as one line: the codec's own message, else the path it failed at. */
export const describeWireErrors = (errors: t.Errors): string => {
  const first = errors[0];
  if (!first) return 'invalid frame';
  const path = first.context
    .map((c) => c.key)
    .filter((k) => k !== '')
    .join('.');
  return first.message ?? `invalid value at "${path || '(root)'}"`;
};

/**
 * Parses a text frame and finds the codec its `type` names. Only own keys of `codecs` count, so a
 * `type` such as `__proto__` or `constructor` is an unknown type, not a prototype member.
 */
export const frameCodecFor = <C>(
  data: string,
  codecs: Readonly<Record<string, C>>,
): E.Either<WireProblem, { readonly json: unknown; readonly type: string; readonly codec: C }> => {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return E.left({ code: 'bad_json', message: 'Frames must be JSON text' });
  }
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(codecs, type)) {
    return E.left({ code: 'unknown_type', message: 'Unknown frame type' });
  }
  return E.right({ json, type, codec: codecs[type]! });
};
