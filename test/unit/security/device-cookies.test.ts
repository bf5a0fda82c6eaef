import * as O from 'fp-ts/Option';
import { HmacDeviceCookies } from '../../../src/adapters/security/hmac.device-cookies';
import { asUuid } from '../../../src/domain';

const SECRET = 'device-cookie-test-secret-at-least-32-bytes';
const alice = asUuid('0190f3a1-0000-7000-8000-000000000001');
const bob = asUuid('0190f3a1-0000-7000-8000-000000000002');

describe('device cookies', () => {
  const cookies = new HmacDeviceCookies(SECRET);

  it('a cookie issued for an account is valid for that account and names its device', () => {
    const cookie = cookies.issue(alice);
    const [nonce] = cookie.split('.');
    expect(cookies.verify(cookie, alice)).toEqual(O.some(nonce));
  });

  it('two sign-ins get two different devices', () => {
    expect(cookies.issue(alice)).not.toBe(cookies.issue(alice));
  });

  it('a cookie is worth nothing for another account, under another secret, or once tampered with', () => {
    const cookie = cookies.issue(alice);
    const [nonce = '', mac = ''] = cookie.split('.');
    const flipped = `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    expect(cookies.verify(cookie, bob)).toEqual(O.none);
    expect(new HmacDeviceCookies(`${SECRET}-rotated`).verify(cookie, alice)).toEqual(O.none);
    expect(cookies.verify(`${nonce}.${flipped}`, alice)).toEqual(O.none);
    expect(cookies.verify(`${'x'.repeat(22)}.${mac}`, alice)).toEqual(O.none);
  });

  it('malformed values are refused without throwing', () => {
    for (const bad of ['', '.', 'abc', `${'a'.repeat(22)}.${'b'.repeat(42)}`, 'a.b.c', '\u0000'.repeat(66)])
      expect(cookies.verify(bad, alice)).toEqual(O.none);
  });
});
