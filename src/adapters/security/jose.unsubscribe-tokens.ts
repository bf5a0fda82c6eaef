import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { jwtVerify, SignJWT } from 'jose';
import type { UnsubscribeClaims, UnsubscribeTokens } from '../../application/ports';
import { NOTIFICATION_PREFERENCES, Uuid, validation, type AppError, type NotificationPreference } from '../../domain';

const ALGORITHM = 'HS256';
const ISSUER = 'boardroom';
// Its own audience: an unsubscribe link is never an access token, nor the other way round.
const AUDIENCE = 'boardroom-unsubscribe';

const invalid = (): AppError =>
  validation('This unsubscribe link is not valid. Open the link from the e-mail again.', 'invalid_unsubscribe_token');

const isPreference = (u: unknown): u is NotificationPreference => NOTIFICATION_PREFERENCES.some((p) => p === u);

/** The kinds a verified payload names: `kinds` (a non-empty list), or `kind` in links mailed before lists. */
const kindsOf = (payload: Record<string, unknown>): readonly NotificationPreference[] | null => {
  if (isPreference(payload.kind)) return [payload.kind];
  const { kinds } = payload;
  return Array.isArray(kinds) &&
    kinds.length > 0 &&
    kinds.length <= NOTIFICATION_PREFERENCES.length &&
    kinds.every(isPreference)
    ? kinds
    : null;
};

/** HS256 JWTs signed with the server's JWT secret, naming the person (`sub`) and the kinds (`kinds`); no expiry. */
export class JoseUnsubscribeTokens implements UnsubscribeTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    if (Buffer.byteLength(secret) < 32) throw new Error('JWT secret must be at least 32 bytes');
    this.key = new TextEncoder().encode(secret);
  }

  readonly sign =
    (claims: UnsubscribeClaims): TaskEither<AppError, string> =>
    async () =>
      E.right(
        await new SignJWT({ kinds: [...claims.kinds] })
          .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
          .setSubject(claims.userId)
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .sign(this.key),
      );

  readonly verify =
    (token: string): TaskEither<AppError, UnsubscribeClaims> =>
    async () => {
      if (token.length === 0 || token.length > 2048) return E.left(invalid());
      try {
        const { payload } = await jwtVerify(token, this.key, {
          algorithms: [ALGORITHM],
          issuer: ISSUER,
          audience: AUDIENCE,
          requiredClaims: ['sub'],
        });
        const { sub } = payload;
        const kinds = kindsOf(payload);
        return Uuid.is(sub) && kinds !== null ? E.right({ userId: sub, kinds }) : E.left(invalid());
      } catch {
        return E.left(invalid());
      }
    };
}
