import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as O from 'fp-ts/Option';
import type { DeviceCookies } from '../../application/ports';
import type { UserId } from '../../domain';

const SHAPE = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/**
 * Device cookies as `<nonce>.<HMAC-SHA256(userId.nonce)>`: the nonce names the device, the MAC binds it
 * to one account without putting the account (personal data) in the cookie. The key is derived from the
 * server secret, so it is shared by every instance and never equal to the token-signing key.
 */
export class HmacDeviceCookies implements DeviceCookies {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('boardroom device cookie v1').digest();
  }

  private mac = (userId: UserId, nonce: string): Buffer =>
    createHmac('sha256', this.key).update(`${userId}.${nonce}`).digest();

  readonly issue = (userId: UserId): string => {
    const nonce = randomBytes(16).toString('base64url');
    return `${nonce}.${this.mac(userId, nonce).toString('base64url')}`;
  };

  readonly verify = (cookie: string, userId: UserId): O.Option<string> => {
    const match = SHAPE.exec(cookie);
    if (!match) return O.none;
    const [, nonce = '', signature = ''] = match;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(userId, nonce);
    return given.length === expected.length && timingSafeEqual(given, expected) ? O.some(nonce) : O.none;
  };
}
