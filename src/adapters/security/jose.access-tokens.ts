import * as E from 'fp-ts/Either';
import type { Task } from 'fp-ts/Task';
import type { TaskEither } from 'fp-ts/TaskEither';
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { AccessClaims, AccessTokens } from '../../application/ports';
import { unauthenticated, Uuid, type AppError, type UserId } from '../../domain';

const ALGORITHM = 'HS256';
const ISSUER = 'boardroom';
const AUDIENCE = 'boardroom-api';

const invalid = () => unauthenticated('Invalid access token', 'invalid_token');

/**
 * HS256 JWT access tokens with a random `jti` (so one token can be denylisted); verification pins the
 * algorithm and checks issuer, audience and expiry.
 */
export class JoseAccessTokens implements AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly lifetimeSeconds = 900,
  ) {
    // HS256 needs a key at least as long as the hash output (RFC 7518 §3.2).
    if (Buffer.byteLength(secret) < 32) throw new Error('JWT secret must be at least 32 bytes');
    this.key = new TextEncoder().encode(secret);
  }

  readonly issue =
    (userId: UserId, now: Date, familyId: string): Task<{ readonly token: string; readonly expiresAt: Date }> =>
    async () => {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expiresAt = new Date((issuedAt + this.lifetimeSeconds) * 1000);
      const token = await new SignJWT({ fid: familyId })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setJti(randomUUID())
        .setExpirationTime(issuedAt + this.lifetimeSeconds)
        .sign(this.key);
      return { token, expiresAt };
    };

  readonly verify =
    (token: string, now: Date): TaskEither<AppError, AccessClaims> =>
    async () => {
      try {
        const { payload } = await jwtVerify(token, this.key, {
          algorithms: [ALGORITHM],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: now,
          requiredClaims: ['sub', 'exp', 'iat', 'jti', 'fid'],
        });
        const { sub, exp, iat, jti, fid } = payload;
        if (
          !Uuid.is(sub) ||
          typeof exp !== 'number' ||
          typeof iat !== 'number' ||
          typeof jti !== 'string' ||
          typeof fid !== 'string'
        ) {
          return E.left(invalid());
        }
        return E.right({
          userId: sub,
          expiresAt: new Date(exp * 1000),
          issuedAt: new Date(iat * 1000),
          jti,
          familyId: fid,
        });
      } catch (e) {
        return E.left(
          e instanceof errors.JWTExpired ? unauthenticated('Access token expired', 'token_expired') : invalid(),
        );
      }
    };
}
