import * as E from 'fp-ts/Either';
import { SignJWT } from 'jose';
import request from 'supertest';
import { JoseUnsubscribeTokens } from '../../src/adapters/security/jose.unsubscribe-tokens';
import { asUuid, type NotificationPreference } from '../../src/domain';
import { bearer, expectError, signUp, startServer, type TestServer } from './helpers';

const SECRET = 'test-secret-that-is-at-least-32-bytes-long';
const tokens = new JoseUnsubscribeTokens(SECRET);

const tokenFor = async (userId: string, kind: NotificationPreference): Promise<string> => {
  const signed = await tokens.sign({ userId: asUuid(userId), kinds: [kind] })();
  if (E.isLeft(signed)) throw new Error(signed.left.message);
  return signed.right;
};

describe('one-click unsubscribe from notification e-mails', () => {
  let server: TestServer;
  beforeEach(() => {
    server = startServer();
  });

  const settingsOf = async (token: string) =>
    (await request(server.http).get('/api/me').set(bearer({ token }))).body.user.settings;

  it('GET shows a page with a button and changes nothing; POST turns that kind off, without signing in', async () => {
    const user = await signUp(server.http, 'Uma');
    const token = await tokenFor(user.id, 'comment');
    const page = await request(server.http).get(`/api/unsubscribe?token=${token}`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('<form method="post"');
    expect(page.text).toContain('comments on cards');
    expect((await settingsOf(user.token)).email.comment).toBe(true);

    const done = await request(server.http)
      .post(`/api/unsubscribe?token=${token}`)
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ unsubscribed: 'comment' });
    expect(await settingsOf(user.token)).toEqual({
      email: { assigned: true, mentioned: true, comment: false, due: true, invited: true },
      digest: 'immediately',
      timeZone: 'UTC',
    });
    const again = await request(server.http).get(`/api/unsubscribe?token=${token}`).set('Accept', 'text/html');
    expect(again.text).toContain('already get no e-mails');
  });

  it('a link mailed before tokens named several kinds (one `kind` claim) still works; an empty or unknown list does not', async () => {
    const user = await signUp(server.http, 'Old');
    const signed = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer('boardroom')
        .setAudience('boardroom-unsubscribe')
        .sign(new TextEncoder().encode(SECRET));
    const old = await signed({ kind: 'due' });
    const done = await request(server.http).post(`/api/unsubscribe?token=${old}`).send('List-Unsubscribe=One-Click');
    expect(done.status).toBe(200);
    expect((await settingsOf(user.token)).email.due).toBe(false);
    for (const kinds of [[], ['due', 'nonsense'], 'due']) {
      const bad = await signed({ kinds });
      expect((await request(server.http).post(`/api/unsubscribe?token=${bad}`)).status).toBe(400);
    }
  });

  it('a forged, tampered, foreign or missing token is refused with a 400 that says the link is not valid', async () => {
    const user = await signUp(server.http, 'Vic');
    const good = await tokenFor(user.id, 'mentioned');
    const forged = await new SignJWT({ kind: 'mentioned' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('boardroom')
      .setAudience('boardroom-unsubscribe')
      .sign(new TextEncoder().encode('another-secret-that-is-at-least-32-bytes'));
    const [head, , sig] = good.split('.');
    const otherBody = Buffer.from(JSON.stringify({ sub: user.id, kind: 'due' })).toString('base64url');
    for (const token of [forged, `${head}.${otherBody}.${sig}`, user.token, 'not-a-token']) {
      const res = await request(server.http).post(`/api/unsubscribe?token=${encodeURIComponent(token)}`);
      expectError(res, 400);
      expect(res.body.error).toEqual({
        code: 'invalid_unsubscribe_token',
        message: 'This unsubscribe link is not valid. Open the link from the e-mail again.',
      });
    }
    expectError(await request(server.http).post('/api/unsubscribe'), 400);
    const page = await request(server.http).get(`/api/unsubscribe?token=${forged}`).set('Accept', 'text/html');
    expect(page.status).toBe(400);
    expect(page.text).toContain('not valid');
    expect((await settingsOf(user.token)).email.mentioned).toBe(true);
  });

  it('an unsubscribe token is not an access token', async () => {
    const user = await signUp(server.http, 'Wes');
    expectError(
      await request(server.http)
        .get('/api/me')
        .set(bearer({ token: await tokenFor(user.id, 'due') })),
      401,
    );
  });
});
